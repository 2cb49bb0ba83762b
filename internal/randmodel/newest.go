package randmodel

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ergen-dev/ergen/generator/model"
)

// The language's newest constructs: CHECK NOT VALID, a collation on one
// index key, a sequence's settings and interval fields. Each is drawn
// from a stream of its own (constructs.go), so that drawing it changes no
// other draw of a seed: a seed's model gains these lines and keeps all
// the others.

// checkNotValid marks now and then a check of e `not valid`: an
// attribute's check, or a table check of its own over a key column or an
// attribute. The table checks hold for any value the tests insert (they
// are the attribute checks of attrTypes, which rows already satisfy, or
// say nothing), since PostgreSQL checks every row written after them.
func (g *gen) checkNotValid(e *entity) {
	if !g.chance(0.15) {
		return
	}
	if len(e.checkEnds) > 0 && g.chance(0.5) {
		lines := make([]int, 0, len(e.checkEnds))
		for i := range e.checkEnds {
			lines = append(lines, i)
		}
		slices.Sort(lines)
		i := pick(g, lines)
		at := e.checkEnds[i]
		e.lines[i] = e.lines[i][:at] + " not valid" + e.lines[i][at:]
		return
	}
	c := pick(g, append(slices.Clone(e.pk), e.attrs...))
	q := model.QuoteIdent(c.name)
	expr := fmt.Sprintf("%s is not null or %s is null", q, q)
	for _, t := range attrTypes {
		if t.typ == c.typ && t.check != "" {
			expr = strings.ReplaceAll(t.check, "%s", q)
		}
	}
	line := "check (" + expr + ")"
	if g.chance(0.4) {
		line += fmt.Sprintf(" as cknv_%d", e.idx)
	}
	e.lines = append(e.lines, line+" not valid")
}

// intervalSpecs are interval types restricted to fields, with and
// without a precision of the seconds.
var intervalSpecs = []string{"interval year", "interval month", "interval day", "interval hour", "interval minute",
	"interval second", "interval second(2)", "interval year to month", "interval day to hour", "interval day to minute",
	"interval day to second", "interval day to second(3)", "interval hour to minute", "interval hour to second(0)",
	"interval minute to second(6)", "interval(3)"}

// intervalFields adds now and then a column of an interval restricted to
// some fields (`interval day to second(3)`) to e, an array of them now
// and then, nullable or with a default.
func (g *gen) intervalFields(e *entity) {
	if !g.chance(0.15) || e.cols["lapse"] {
		return
	}
	e.addCol("lapse")
	typ := pick(g, intervalSpecs)
	if g.chance(0.2) {
		typ += "[]"
	}
	line := "lapse " + typ
	switch {
	case g.chance(0.3):
		line += "?"
	case !strings.HasSuffix(typ, "]") && g.chance(0.4):
		line += " = interval '1 day 02:03:04.5678'"
	}
	e.lines = append(e.lines, line)
}

// sequenceSettings returns now and then settings for a declared sequence,
// written after its name, in any order: a type, a step (descending now
// and then), bounds, a start, a cache and cycle. The bounds fit a
// smallint and leave room for thousands of numbers, so that a key that
// takes numbers from the sequence never meets one twice in a test.
func (g *gen) sequenceSettings() string {
	var out string
	g.in("sequencesettings", func() {
		if !g.chance(0.5) {
			return
		}
		inc := pick(g, []int{1, 1, 10, -1, -5})
		var s []string
		if g.chance(0.5) {
			s = append(s, "as "+pick(g, []string{"smallint", "integer", "bigint"}))
		}
		if inc != 1 || g.chance(0.2) {
			s = append(s, fmt.Sprintf("increment %d", inc))
		}
		min, max := "1", "30000"
		if inc < 0 {
			min = "-30000"
		}
		if g.chance(0.4) {
			s = append(s, "minvalue "+min)
		}
		if g.chance(0.4) || (inc < 0 && g.chance(0.5)) {
			s = append(s, "maxvalue "+max)
		}
		if inc > 0 && g.chance(0.4) {
			s = append(s, "start 1000")
		}
		if g.chance(0.3) {
			s = append(s, "cache 20")
		}
		if g.chance(0.2) {
			s = append(s, "cycle")
		}
		g.r.Shuffle(len(s), func(i, j int) { s[i], s[j] = s[j], s[i] })
		if len(s) > 0 {
			out = " " + strings.Join(s, " ")
		}
	})
	return out
}

// collatable reports whether a column of typ takes a collation: text,
// varchar and char, and arrays of them.
func collatable(typ string) bool {
	for _, p := range []string{"text", "varchar", "char"} {
		if strings.HasPrefix(typ, p) {
			return true
		}
	}
	return false
}

// indexKeyCollation returns now and then the index key col of type typ
// with a collation every server has, for this index only.
func (g *gen) indexKeyCollation(col, typ string) string {
	if !collatable(typ) || !g.chance(0.6) {
		return col
	}
	return col + " collate " + g.collation()
}

// collation draws a collation every server has.
func (g *gen) collation() string {
	return pick(g, []string{`"C"`, `"POSIX"`, `"ucs_basic"`})
}
