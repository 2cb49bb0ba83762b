package model

import (
	"slices"
	"strings"
	"unicode"

	"github.com/ergen-dev/ergen/dsl"
)

// MixedScript is a name that mixes the letters of scripts whose letters
// look alike, Latin with Cyrillic or Greek: `Usеr` with a Cyrillic е
// reads as User but is another name, to PostgreSQL and to Go. The
// reader refuses the characters that hide text; a look-alike letter is
// visible, so a reviewer of the model is told instead.
type MixedScript struct {
	Pos     dsl.Pos
	Name    string
	What    string   // what the name names: entity "Usеr", column "nаme" of users
	Scripts []string // the scripts mixed, in the order met
}

// confusableScripts are the scripts whose letters pass for one another's.
var confusableScripts = []struct {
	name  string
	table *unicode.RangeTable
}{{"Latin", unicode.Latin}, {"Cyrillic", unicode.Cyrillic}, {"Greek", unicode.Greek}}

// scriptsOf lists the confusable scripts whose letters name holds.
func scriptsOf(name string) []string {
	var out []string
	for _, r := range name {
		for _, sc := range confusableScripts {
			if unicode.Is(sc.table, r) && !slices.Contains(out, sc.name) {
				out = append(out, sc.name)
			}
		}
	}
	return out
}

// MixedScripts lists the names of s that mix such scripts: entities,
// tables, columns and enum types, in table order.
func (s *Schema) MixedScripts() []MixedScript {
	var out []MixedScript
	add := func(p dsl.Pos, name, what string) bool {
		if sc := scriptsOf(name); len(sc) > 1 {
			out = append(out, MixedScript{Pos: p, Name: name, What: what, Scripts: sc})
			return true
		}
		return false
	}
	for _, e := range s.Enums {
		add(e.Pos, e.SQLName, "enum type "+QuoteIdent(e.SQLName))
	}
	for _, t := range s.Tables {
		// An entity's table is named after it: one warning, at the name
		// written.
		if t.Entity == nil || !add(t.Pos, t.Entity.Name, "entity \""+t.Entity.Name+"\"") {
			add(t.Pos, t.Name, "table \""+t.Name+"\"")
		}
		for _, c := range t.Columns {
			add(c.Pos, c.Name, "column \""+c.Name+"\" of "+t.label())
		}
	}
	return out
}

// Message says what the name mixes.
func (m MixedScript) Message() string {
	return "the name of " + m.What + " mixes " + strings.Join(m.Scripts, " and ") +
		" letters, which look alike: it may pass for another name"
}

// Hint says what to do.
func (m MixedScript) Hint() string {
	return "write the name in one script"
}

// mixedScriptWarnings reports MixedScripts as warnings (ER110).
func (r *resolver) mixedScriptWarnings() {
	for _, m := range r.s.MixedScripts() {
		d := r.diags.Warnf(m.Pos, m.Pos.Advance(m.Name), "%s", m.Message())
		d.Code = "ER110"
		d.Hintf("%s", m.Hint())
	}
}
