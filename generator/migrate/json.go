package migrate

import (
	"bytes"
	"encoding/json"

	"github.com/ergen-dev/ergen/generator/model"
)

// planJSON is the plan as --plan writes it: a contract for programs.
type planJSON struct {
	stepsJSON
	// Down is the way back, as down files have it, or null when ergen
	// writes none.
	Down *stepsJSON `json:"down"`
}

type stepsJSON struct {
	LockTimeout string     `json:"lock_timeout"`
	Steps       []stepJSON `json:"steps"`
}

type stepJSON struct {
	Phase         string     `json:"phase"`
	What          string     `json:"what"`
	SQL           []string   `json:"sql"`
	Transactional bool       `json:"transactional"`
	Locks         []lockJSON `json:"locks"`
	Scans         bool       `json:"scans"`
	Rewrites      bool       `json:"rewrites"`
	Hazards       []string   `json:"hazards"`
	Source        sourceJSON `json:"source"`
}

type lockJSON struct {
	Table string `json:"table"`
	Mode  string `json:"mode"`
}

type sourceJSON struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
}

// JSON renders the plan for programs: each step's SQL, phase, whether it
// runs in a transaction, the locks it takes on which tables, whether it
// scans or rewrites a table, its allowed hazards, and the declaration that
// caused it; and the same for the way back, "down", or null. Lists are
// never null.
func (p *Plan) JSON() []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	out := planJSON{stepsJSON: *p.toJSON()}
	if p.Down != nil {
		out.Down = p.Down.toJSON()
	}
	if err := enc.Encode(out); err != nil {
		panic(err) // plain strings, bools and ints always encode
	}
	return b.Bytes()
}

// JSONFrom is JSON for a file: its first line names it ergen's, as the
// header line of every file ergen writes does (in a "//" key, JSON having
// no comments), so that ergen may replace it with the next plan.
// source names the model (model.SourceLabel).
func (p *Plan) JSONFrom(source string) []byte {
	body := p.JSON()
	header := `{"//": "` + model.GeneratedHeader(source) + `",` + "\n" // a label holds no " or \
	return append([]byte(header), bytes.TrimPrefix(body, []byte("{\n"))...)
}

func (p *Plan) toJSON() *stepsJSON {
	out := &stepsJSON{LockTimeout: p.LockTimeout, Steps: []stepJSON{}}
	for _, s := range p.Steps {
		locks := []lockJSON{}
		for _, l := range s.Locks {
			locks = append(locks, lockJSON{l.Table, l.Mode})
		}
		out.Steps = append(out.Steps, stepJSON{
			Phase: s.Phase.String(), What: s.What, SQL: s.SQL, Transactional: s.Transactional,
			Locks: locks, Scans: s.Scans, Rewrites: s.Rewrites, Hazards: append([]string{}, s.Hazards...),
			Source: sourceJSON{s.Pos.File, s.Pos.Line, s.Pos.Column},
		})
	}
	return out
}
