package randmodel

import (
	"fmt"
	"strings"

	"github.com/ergen-dev/ergen/generator/model"
)

// Domains and stored generated columns. Like arcs (arcs.go), they are
// drawn from a stream of their own (gen.more), so that adding them left
// every other draw of a seed as it was.

// domain is a declared domain; numeric says its values are numbers, so
// that another domain may add a check comparing them.
type domain struct {
	name    string
	numeric bool
	notNull bool
}

// domainBases are the base types a domain is drawn over, with a check
// and a default that suit the values tests insert (positive numbers,
// short strings).
var domainBases = []struct {
	typ, check, def string
	numeric         bool
}{
	{"integer", "value >= 0", "0", true},
	{"bigint", "value <> -1", "", true},
	{"numeric(10, 2)", "value >= 0", "0.00", true},
	{"text", "length(value) < 200", "'none'", false},
	{"varchar(40)", "value <> ''", "", false},
	{"timestamptz", "", "now()", false},
	{"money", "value >= 0::money", "", false},
}

var domainWords = []string{"Percent", "Code", "Stamp", "Measure", "Handle"}

// domains declares a few domains: over a base type, over an enum, or over
// a domain declared before.
func (g *gen) domains() {
	for i := range g.r.IntN(3) {
		name := fmt.Sprintf("%s%s", pick(g, domainWords), suffix(i))
		sql := model.ShortenIdent(model.SnakeCase(name))
		if g.entityName[name] || g.relations[sql] {
			continue
		}
		g.entityName[name] = true
		g.relations[sql] = true // domains share PostgreSQL's namespace of types
		d := &domain{name: name}
		var line string
		switch x := g.r.Float64(); {
		case x < 0.15 && len(g.enums) > 0:
			en := pick(g, g.enums)
			line = fmt.Sprintf("domain %s %s = %s", name, en.name, quote(en.values[0]))
		case x < 0.3 && len(g.doms) > 0 && g.doms[0].numeric:
			d.numeric = true
			line = fmt.Sprintf("domain %s %s check (value < 1000000)", name, g.doms[0].name)
		default:
			b := pick(g, domainBases)
			d.numeric = b.numeric
			line = fmt.Sprintf("domain %s %s", name, b.typ)
			if b.check != "" && g.chance(0.7) {
				line += " check (" + b.check + ")"
				if g.chance(0.3) {
					line += fmt.Sprintf(" as %s_ok", sql)
				}
			}
			if b.def != "" && g.chance(0.4) {
				line += " = " + b.def
			}
		}
		if g.chance(0.2) {
			d.notNull = true
			line += " not null"
		}
		g.doms = append(g.doms, d)
		g.domLines = append(g.domLines, line)
	}
}

// domainAttribute adds now and then an attribute of a domain to e.
func (g *gen) domainAttribute(e *entity) {
	if len(g.doms) == 0 || !g.chance(0.4) {
		return
	}
	name := pick(g, plainAttrs)
	if e.cols[model.ShortenIdent(name)] {
		return
	}
	e.addCol(name)
	d := pick(g, g.doms)
	line := name + " " + d.name
	if !d.notNull && g.chance(0.3) {
		line += "?"
	}
	e.lines = append(e.lines, line)
}

// generatedColumn adds now and then a stored generated column computed
// from e's key. Not on a shared key, whose columns are FK columns that a
// referential action may change: tests that predict such changes copy
// the other columns of the row as they were.
func (g *gen) generatedColumn(e *entity, shared bool) {
	if g.opts.NoGenerated || shared || !g.chance(0.25) {
		return
	}
	k := e.pk[len(e.pk)-1]
	q := model.QuoteIdent(k.name)
	var line string
	switch k.typ {
	case "integer", "bigint":
		line = fmt.Sprintf("twice bigint generated (%s * 2)", q)
	case "text":
		line = fmt.Sprintf("keylen integer generated (length(%s))", q)
	default:
		line = fmt.Sprintf("haskey boolean generated (%s is not null)", q)
	}
	name, _, _ := strings.Cut(line, " ")
	if e.cols[name] {
		return
	}
	e.addCol(name)
	e.lines = append(e.lines, line)
}
