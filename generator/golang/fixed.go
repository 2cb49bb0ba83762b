package golang

import (
	_ "embed"
	"fmt"
	"strings"

	"github.com/ergen-dev/ergen/generator/model"
)

// runtimeSource is the fixed part of every generated package: DBTX, DB,
// the error types and the generic helpers the table files call. It is a
// Go package of its own in this repository, compiled, vetted and tested
// against PostgreSQL there, and written out as db.go with ergen's header
// and the generated package's clause.
//
//go:embed runtime/db.go
var runtimeSource string

// runtimeBody is runtimeSource after its package clause.
var runtimeBody = func() string {
	const clause = "\npackage runtime\n"
	i := strings.Index(runtimeSource, clause)
	if i < 0 {
		panic("golang: runtime/db.go has no package clause")
	}
	return runtimeSource[i+len(clause):]
}()

// dbFile is the runtime, with the package's doc comment.
func (g *gen) dbFile() []byte {
	doc := fmt.Sprintf("// Package %s reads and writes the tables of %s with pgx/v5.\n"+
		"//\n"+
		"// Every method runs one constant SQL statement with bind parameters, on a\n"+
		"// *pgxpool.Pool, a *pgx.Conn or a pgx.Tx (see DBTX). A missing row is\n"+
		"// ErrNotFound; a violated constraint is a *ForeignKeyError, *UniqueError or\n"+
		"// *CheckError naming the relationship or key it protects.\n", g.opts.Package, g.opts.Source)
	var b strings.Builder
	b.Grow(len(runtimeBody) + 1024)
	b.WriteString(header(g.opts.Source))
	b.WriteString("\n")
	b.WriteString(doc)
	b.WriteString("package " + g.opts.Package + "\n")
	b.WriteString(runtimeBody)
	return []byte(b.String())
}

// errorsFile declares what the runtime needs to know of the schema: the
// package's name, for messages, and the tables from constraint names to
// what they protect. ergen names every constraint, so the lookup by table
// and constraint is exact.
func (g *gen) errorsFile() []byte {
	f := g.newFile()
	f.s("// packageName starts the messages of the package's errors.\n")
	f.s("const packageName = ", goString(g.opts.Package), "\n\n")
	var fks, uqs, cks []string
	for _, t := range g.s.Tables {
		for _, fk := range t.ForeignKeys {
			fks = append(fks, fmt.Sprintf("{Constraint: %s, Relationship: %s, Table: %s, RefTable: %s, OnDelete: %s, OnUpdate: %s, child: %s, children: %s, parent: %s}",
				goString(fk.Name), goString(fk.Relationship.Label()), goString(t.Name), goString(fk.RefTable.Name),
				goString(string(fk.OnDelete)), goString(string(fk.OnUpdate)),
				goString(article(words(t))), goString(pluralWords(t)), goString(article(words(fk.RefTable)))))
		}
		keys := t.Uniques
		if t.PrimaryKey != nil {
			keys = append([]*model.Key{t.PrimaryKey}, keys...)
		}
		for _, k := range keys {
			uqs = append(uqs, fmt.Sprintf("{Constraint: %s, Table: %s, Columns: %s, words: %s}",
				goString(k.Name), goString(t.Name), goString(columnNames(k.Columns)), goString(article(words(t)))))
		}
		for _, ck := range t.Checks {
			cks = append(cks, fmt.Sprintf("{Constraint: %s, Table: %s, Expr: %s, words: %s}",
				goString(ck.Name), goString(t.Name), goString(ck.Expr), goString(article(words(t)))))
		}
	}
	f.table("foreignKeys", "ForeignKeyError", "the foreign keys, by table and constraint", fks)
	f.table("uniques", "UniqueError", "the primary and unique keys", uqs)
	f.table("checks", "CheckError", "the CHECK constraints", cks)
	return f.bytes("")
}

// table declares a slice of error values, one per line.
func (f *file) table(name, typ, doc string, entries []string) {
	f.s("// ", name, " are ", doc, ".\n")
	if len(entries) == 0 {
		f.s("var ", name, " = []", typ, "{}\n\n")
		return
	}
	f.s("var ", name, " = []", typ, "{\n")
	for _, e := range entries {
		f.s("\t", e, ",\n")
	}
	f.s("}\n\n")
}

// enumsFile declares a string type per enum, with a constant per value.
func (g *gen) enumsFile() []byte {
	f := g.newFile()
	for _, e := range g.s.Enums {
		en := g.n.enums[e]
		name := en.Type
		f.docf("%s is the PostgreSQL enum %s.", name, g.s.Qualify(e.SQLName))
		f.s("type ", name, " string\n\n")
		f.docf("The values of %s, in the enum's order.", name)
		w := 0
		for _, c := range en.Consts {
			w = max(w, width(c))
		}
		f.s("const (\n")
		for i, v := range e.Values {
			f.s("\t", pad(en.Consts[i], w), name, " = ", goString(v), "\n")
		}
		f.s(")\n\n")
		vals := join(en.Consts)
		f.docf("%s lists the values of %s in the enum's order.", en.All, name)
		f.s("func ", en.All, "() []", name, " {\n\treturn []", name, "{", vals, "}\n}\n\n")
		f.doc("", "Valid reports whether v is one of the enum's values.")
		f.s("func (v ", name, ") Valid() bool {\n\tswitch v {\n\tcase ", vals, ":\n\t\treturn true\n\t}\n\treturn false\n}\n\n")
	}
	return f.bytes("")
}
