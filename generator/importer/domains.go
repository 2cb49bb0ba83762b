package importer

import (
	"fmt"
	"strings"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator/importer/catalog"
	"github.com/ergen-dev/ergen/generator/model"
)

// domainDecl is a domain of the database as the model declares it.
type domainDecl struct {
	d     *catalog.Domain
	name  string // "" when the domain cannot be declared
	line  string // the declaration, without its leading name
	notes []string
}

// declareDomains names each domain and writes its declaration, or notes
// why the model cannot hold it. A domain is declared after those it is
// based on, so that its type resolves.
func (im *importer) declareDomains(taken names) {
	im.domainByType = map[string]*domainDecl{}
	for i := range im.cat.Domains {
		d := &im.cat.Domains[i]
		dd := &domainDecl{d: d}
		im.domainByType[model.QuoteIdent(im.cat.Schema)+"."+model.QuoteIdent(d.Name)] = dd
		if name := pascal(d.Name); isName(name) && isName(d.Name) {
			dd.name = taken.take(name)
		} else {
			dd.notes = append(dd.notes, fmt.Sprintf("domain %s: .er cannot write this name", d.Name))
		}
	}
	// Declared in an order where each base domain comes first; a cycle
	// cannot exist in PostgreSQL.
	done := map[*domainDecl]bool{}
	for len(done) < len(im.cat.Domains) {
		for i := range im.cat.Domains {
			dd := im.domainByType[model.QuoteIdent(im.cat.Schema)+"."+model.QuoteIdent(im.cat.Domains[i].Name)]
			base := im.domainByType[strings.TrimSuffix(dd.d.Type, "[]")]
			if done[dd] || base != nil && !done[base] {
				continue
			}
			done[dd] = true
			if dd.name != "" {
				im.domainBody(dd)
			}
			im.domains = append(im.domains, dd)
		}
	}
}

// domainBody writes the type and clauses of a domain, or drops it with a
// note when .er cannot write one of them.
func (im *importer) domainBody(dd *domainDecl) {
	d := dd.d
	fail := func(format string, args ...any) {
		dd.notes = append(dd.notes, fmt.Sprintf("domain %s: ", d.Name)+fmt.Sprintf(format, args...))
		dd.name = ""
	}
	typ, ok := im.erType(&catalog.Column{Type: d.Type})
	if !ok {
		fail("%s", im.noSpelling(d.Type))
		return
	}
	if n := im.byNameNote(d.Type); n != "" {
		dd.notes = append(dd.notes, fmt.Sprintf("domain %s: %s", d.Name, n))
	}
	var b strings.Builder
	if model.SnakeCase(dd.name) != d.Name {
		b.WriteString(" as " + d.Name)
	}
	b.WriteString(" " + typ)
	if catalog.QualifiedCollation(d.Collation) {
		fail(".er cannot write its collation %s", d.Collation)
		return
	}
	if d.Collation != "" {
		b.WriteString(" collate " + erString(d.Collation))
	}
	if d.Default != "" {
		def, ok := im.defaultExpr(&catalog.Column{Type: d.Type, Default: d.Default})
		if !ok {
			fail(".er cannot write the default %s", d.Default)
			return
		}
		b.WriteString(" = " + def)
	}
	if d.NotNull {
		b.WriteString(" not null")
	}
	for _, ck := range d.Checks {
		expr, ok := checkExpr(ck)
		if !ok || !isName(ck.Name) {
			fail(".er cannot write the check %s %s", ck.Name, ck.Def)
			return
		}
		b.WriteString(" check " + expr + " as " + ck.Name)
	}
	dd.line = b.String()
}

// renderDomains writes the domains' declarations and notes.
func (im *importer) renderDomains(w *writer) {
	for _, dd := range im.domains {
		w.notes(0, dd.notes)
		if dd.name != "" {
			w.line(0, "domain %s%s\n", dd.name, dd.line)
		}
	}
}

// generatedExpr is the expression of a stored generated column as .er
// writes it, parenthesised, or "" when .er cannot hold it.
func generatedExpr(c *catalog.Column) string {
	e := parenthesised(string(c.Default))
	src := fmt.Sprintf("entity X {\n  x text generated %s\n}\n", e)
	if _, diags := dsl.Parse("generated.er", []byte(src)); diags.HasErrors() {
		return ""
	}
	return e
}
