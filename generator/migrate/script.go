package migrate

import (
	"bytes"
	"strings"

	"github.com/ergen-dev/ergen/generator/postgres"
)

// Script renders the plan for `psql -v ON_ERROR_STOP=1 -f FILE` in its
// default autocommit mode: each transactional step inside BEGIN and
// COMMIT, each other step as a statement of its own, and every step after
// a lock_timeout, so that a step that cannot get its locks fails instead
// of queueing the application's queries behind it. An empty plan renders
// as nothing.
func (p *Plan) Script() []byte {
	if p.Empty() {
		return nil
	}
	var b bytes.Buffer
	b.WriteString("-- Migration planned by ergen. Apply with: psql -v ON_ERROR_STOP=1 -f FILE\n")
	// psql reads the file in its client encoding, from the locale unless
	// set: in SJIS a byte of a multibyte character may pass for the
	// backslash of an E'' string and end it early.
	b.WriteString("SET client_encoding = 'UTF8';\n")
	timeout := postgres.QuoteLiteral(p.LockTimeout)
	for _, s := range p.Steps {
		b.WriteString("\n" + s.heading() + "\n")
		if len(s.Hazards) > 0 {
			b.WriteString("-- allowed: ")
			for i, code := range s.Hazards {
				if i > 0 {
					b.WriteString(", ")
				}
				b.WriteString(code + " " + hazards[code].Summary)
			}
			b.WriteString("\n")
		}
		if s.Transactional {
			b.WriteString("BEGIN;\nSET LOCAL lock_timeout = " + timeout + ";\n")
		} else {
			b.WriteString("SET lock_timeout = " + timeout + ";\n")
		}
		b.WriteString(strings.Join(s.SQL, "\n"))
		b.WriteString("\n")
		if s.Transactional {
			b.WriteString("COMMIT;\n")
		}
	}
	return b.Bytes()
}

// heading is the comment line above a step: its phase, what it does and
// the declaration that caused it. Names and file names may hold any
// character; one that would end the comment line is escaped, so that no
// text of the model or its file name can become a statement.
func (s *Step) heading() string {
	return "-- " + oneLine(s.Phase.String()+": "+s.What+" ("+s.Pos.String()+")")
}

func oneLine(text string) string {
	return strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f || r == '\u2028' || r == '\u2029' || r == 0x85 {
			return '?'
		}
		return r
	}, text)
}
