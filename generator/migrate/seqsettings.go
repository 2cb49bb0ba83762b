package migrate

import (
	"strconv"
	"strings"

	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/generator/postgres"
)

// alterSequences sets the standalone sequences both models declare to
// NEW's settings where they changed, each setting written, with ALTER
// SEQUENCE: it keeps the sequence's position (START WITH only changes
// where RESTART would go), and fails, changing nothing, when the
// sequence's current value (the last number handed out, or its start when
// none was) lies outside the new bounds: PostgreSQL will not move it, and
// which value a sequence holds is the database's, not the model's.
func (p *planner) alterSequences() {
	for _, nsq := range p.new.Sequences {
		for _, osq := range p.old.Sequences {
			if osq.Name == nsq.Name && !sameSettings(osq.Settings, nsq.Settings) {
				p.add(&Step{Phase: PhaseTypes, What: "alter sequence " + nsq.Name, Pos: nsq.Pos, Transactional: true,
					SQL: []string{"ALTER SEQUENCE " + p.new.Qualify(nsq.Name) + postgres.SequenceOptions(nsq.Settings, true) + ";"}})
			}
		}
	}
}

// sameSettings reports whether two sequences have the same settings,
// written or defaults.
func sameSettings(a, b model.SequenceSettings) bool {
	return a.Type == b.Type && a.Start == b.Start && a.Increment == b.Increment && a.Min == b.Min && a.Max == b.Max &&
		a.Cache == b.Cache && a.Cycle == b.Cycle
}

// alterIdentity sets the sequence of a column that is an identity in both
// models to NEW's settings where they changed, as ALTER COLUMN's SET
// clauses after set (SET GENERATED ... when the kind changes too, or ""),
// in one statement: each changed setting, a setting no longer written
// set to its default. As with ALTER SEQUENCE the sequence keeps its
// position, and the statement fails, changing nothing, when that lies
// outside the new bounds.
func (p *planner) alterIdentity(t *model.Table, oc, nc *model.Column, set string) *Step {
	clauses := identityChanges(oc.IdentitySettings, nc.IdentitySettings)
	if set != "" {
		clauses = append([]string{set}, clauses...)
	}
	if len(clauses) == 0 {
		return nil
	}
	what := "set the identity's sequence of " + t.Name + "." + nc.Name
	if set != "" {
		what = "change how " + t.Name + "." + nc.Name + " is generated"
	}
	return p.add(&Step{Phase: PhaseTables, What: what, Pos: nc.Pos, Transactional: true,
		SQL:   []string{p.alter(p.new, t, "ALTER COLUMN "+model.QuoteIdent(nc.Name)+" "+strings.Join(clauses, " "))},
		Locks: []Lock{{t.Name, AccessExclusive}}})
}

// identityChanges are the SET clauses of ALTER COLUMN that take an
// identity's sequence from settings a to b. A column whose type changes
// has had its sequence's type changed with it, which moved a bound that
// was its old type's largest or smallest value to the new type's.
func identityChanges(a, b model.SequenceSettings) []string {
	if a.Type != b.Type {
		_, oldHi, _ := model.DefaultSequenceBounds(a.Type, 1)
		_, newHi, _ := model.DefaultSequenceBounds(b.Type, 1)
		oldLo, _, _ := model.DefaultSequenceBounds(a.Type, -1)
		newLo, _, _ := model.DefaultSequenceBounds(b.Type, -1)
		if a.Max == oldHi {
			a.Max = newHi
		}
		if a.Min == oldLo {
			a.Min = newLo
		}
	}
	var out []string
	for _, n := range []struct {
		sql  string
		a, b int64
	}{{"INCREMENT BY", a.Increment, b.Increment}, {"MINVALUE", a.Min, b.Min}, {"MAXVALUE", a.Max, b.Max},
		{"START WITH", a.Start, b.Start}, {"CACHE", a.Cache, b.Cache}} {
		if n.a != n.b {
			out = append(out, "SET "+n.sql+" "+strconv.FormatInt(n.b, 10))
		}
	}
	switch {
	case a.Cycle == b.Cycle:
	case b.Cycle:
		out = append(out, "SET CYCLE")
	default:
		out = append(out, "SET NO CYCLE")
	}
	return out
}
