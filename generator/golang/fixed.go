package golang

import (
	_ "embed"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/dave/jennifer/jen"
	"github.com/ergen-dev/ergen/generator/model"
)

// runtimeSource is the fixed part of every generated package: DBTX, DB,
// the error types and the generic helpers the table files call. It is a
// Go package of its own in this repository, compiled, vetted and tested
// against PostgreSQL there, and written out as db.go with ergen's header
// and the generated package's clause: runtime/db.go, followed by the
// declarations of runtime/query.go, table.go, ref.go and link.go (what
// follows their imports).
var runtimeSource = dbSource + "\n" + afterImports(querySource) + "\n" + afterImports(tableSource) + "\n" +
	afterImports(refSource) + "\n" + afterImports(linkSource)

//go:embed runtime/db.go
var dbSource string

//go:embed runtime/query.go
var querySource string

//go:embed runtime/table.go
var tableSource string

//go:embed runtime/ref.go
var refSource string

//go:embed runtime/link.go
var linkSource string

// afterImports is a file of the runtime after its import block.
func afterImports(src string) string {
	const end = "\n)\n"
	i := strings.Index(src, "\nimport (\n")
	j := strings.Index(src[max(i, 0):], end)
	if i < 0 || j < 0 {
		panic("golang: a runtime file has no import block")
	}
	return strings.TrimLeft(src[i+j+len(end):], "\n")
}

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
	doc := lineComment(fmt.Sprintf("Package %s reads and writes the tables of %s with pgx/v5.", g.opts.Package, g.opts.Source)) + "\n" +
		"//\n" +
		"// Each table is a value holding its constant SQL (a Table, its Keys, a Ref\n" +
		"// per foreign key, a Junction and its Throughs per M:N relationship), and\n" +
		"// generic functions run it on a *pgxpool.Pool, a *pgx.Conn or a pgx.Tx\n" +
		"// (see DBTX): Get(ctx, db, aKey, key) for the row with a key,\n" +
		"// ChildrenOf(ctx, db, aRef, key) for the rows that refer to one. Every\n" +
		"// statement has bind parameters only. A missing row is ErrNotFound; a\n" +
		"// violated constraint is a *ForeignKeyError, *UniqueError, *CheckError,\n" +
		"// *ExclusionError or *NotNullError naming the relationship,\n" +
		"// key or column it protects.\n"
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
// package's name, for messages, the tables from constraint names to what
// they protect, and the partitions of partitioned tables, which errors
// name instead of their table. ergen names every constraint, so the lookup
// by table and constraint is exact; the keys of partitioned tables also
// carry their columns as PostgreSQL's errors print them, since each
// partition enforces them under a name of PostgreSQL's (see findConstraint
// in runtime/db.go).
func (g *gen) errorsFile(e errorEntries) *file {
	f := g.newFile()
	f.doc("packageName starts the messages of the package's errors.")
	f.decl(jen.Const().Id("packageName").Op("=").Add(goString(g.opts.Package)))
	f.table("foreignKeys", "ForeignKeyError", "the foreign keys, by table and constraint", e.fks)
	f.table("uniques", "UniqueError", "the primary and unique keys", e.uqs)
	f.table("checks", "CheckError", "the CHECK constraints", e.cks)
	f.table("exclusions", "ExclusionError", "the exclusion constraints", e.xs)
	f.table("partitions", "partition", "the partitions of the partitioned tables, at every level", e.parts)
	return f
}

// errorEntries are the entries of the tables of errors.go, each the text
// of one literal (see entry): with the options, all errors.go is made of.
type errorEntries struct {
	fks, uqs, cks, xs, parts []string
}

func (e *errorEntries) lists() [][]string { return [][]string{e.fks, e.uqs, e.cks, e.xs, e.parts} }

// errorEntries lists the schema's constraints for errorsFile.
func (g *gen) errorEntries() errorEntries {
	var fks, uqs, cks, xs, parts []string
	for _, t := range g.s.Tables {
		for _, fk := range t.ForeignKeys {
			fks = append(fks, entry(withKey("refKey", partitionedKey(fk.RefTable, fk.RefColumns),
				"Constraint", fk.Name, "Relationship", fk.Relationship.Label(), "Table", t.Name, "RefTable", fk.RefTable.Name,
				"OnDelete", fk.OnDeleteSQL(), "OnUpdate", string(fk.OnUpdate.Action),
				"child", article(words(t)), "children", pluralWords(t), "parent", article(words(fk.RefTable)))...))
		}
		keys := t.Uniques
		if t.PrimaryKey != nil {
			keys = append([]*model.Key{t.PrimaryKey}, keys...)
		}
		for _, k := range keys {
			uqs = append(uqs, entry(withKey("key", partitionedKey(t, k.Columns),
				"Constraint", k.Name, "Table", t.Name, "Columns", columnNames(k.Columns), "words", article(words(t)))...))
		}
		// A unique index (partial, or over expressions) is reported under
		// its own name, as a UNIQUE constraint is.
		for _, ix := range t.Indexes {
			if ix.Unique {
				uqs = append(uqs, entry(withKey("key", partitionedKey(t, indexColumns(ix)),
					"Constraint", ix.Name, "Table", t.Name, "Columns", ix.KeyNames(), "words", article(words(t)))...))
			}
		}
		for _, ck := range t.Checks {
			cks = append(cks, entry("Constraint", ck.Name, "Table", t.Name, "Expr", ck.Expr, "words", article(words(t))))
		}
		for _, x := range t.Exclusions {
			xs = append(xs, entry("Constraint", x.Name, "Table", t.Name, "Def", x.SQL(), "words", article(words(t))))
		}
		for _, p := range t.AllPartitions() {
			parts = append(parts, entry("Name", p.Name, "Table", t.Name))
		}
	}
	// A domain's check is reported under the domain, with no table.
	for _, d := range g.s.Domains {
		for _, ck := range d.Checks {
			cks = append(cks, entry("Constraint", ck.Name, "Domain", d.SQLName, "Expr", ck.Expr, "words", "a value of domain "+d.SQLName))
		}
	}
	return errorEntries{fks, uqs, cks, xs, parts}
}

// partitionedKey is the columns of a key of t as PostgreSQL's errors print
// them, when t is partitioned (and so enforces the key under names
// PostgreSQL derives); "" otherwise, or when the key has no columns.
func partitionedKey(t *model.Table, cols []*model.Column) string {
	if t.Partitioning == nil || len(cols) == 0 {
		return ""
	}
	return model.ErrorKeyColumns(cols)
}

// indexColumns are the columns of a unique index, nil when it has an
// expression among its keys: PostgreSQL prints those deparsed, which
// ergen does not reproduce, so such an index is found by name alone.
func indexColumns(ix *model.Index) []*model.Column {
	cols := make([]*model.Column, len(ix.Keys))
	for i, k := range ix.Keys {
		if k.Column == nil {
			return nil
		}
		cols[i] = k.Column
	}
	return cols
}

// entry is a composite literal {Key: "value", ...} on one line, of
// alternating field names and string values. It is one token of text for
// jen (layout spaces it as gofmt does): as a node per name, colon and
// string, the tables of a model of 6,000 tables held 60 MB of jen trees
// at once, the largest peak of Go generation.
func entry(kv ...string) string {
	// Sized once: a package has an entry per constraint, of a dozen
	// fields each.
	size := 2
	for _, s := range kv {
		size += len(s) + 4
	}
	var b strings.Builder
	b.Grow(size)
	b.WriteByte('{')
	for i := 0; i < len(kv); i += 2 {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(kv[i])
		b.WriteString(": ")
		writeQuoted(&b, kv[i+1])
	}
	b.WriteByte('}')
	return b.String()
}

// writeQuoted writes s as strconv.Quote does: as it is between quotes
// when it is printable ASCII without a quote or a backslash, as a name
// or a label nearly always is.
func writeQuoted(b *strings.Builder, s string) {
	if !printableASCII(s) || strings.ContainsAny(s, "\"\\\t") {
		b.WriteString(strconv.Quote(s))
		return
	}
	b.WriteByte('"')
	b.WriteString(s)
	b.WriteByte('"')
}

// withKey is kv with the field name set to key, when there is one: the
// key of a partitioned table, absent from every other table's entries.
func withKey(name, key string, kv ...string) []string {
	if key == "" {
		return kv
	}
	return append(kv, name, key)
}

// table declares a slice of error values, one per line.
func (f *file) table(name, typ, doc string, entries []string) {
	f.doc(name + " are " + doc + ".")
	// A literal of constants, one token (see literal.go), an entry a line
	// as jen lays out a literal of one element a line.
	size := len(typ) + 4
	for _, e := range entries {
		size += len(e) + 2
	}
	lit := f.literal().grow(size).raw("[]").raw(typ).raw("{")
	for _, e := range entries {
		lit.raw("\n").raw(e).raw(",")
	}
	if len(entries) > 0 {
		lit.raw("\n")
	}
	f.decl(jen.Var().Id(name).Op("=").Add(lit.raw("}").code()))
}

// enumsFile declares a string type per enum, with a constant per value.
func (g *gen) enumsFile() *file {
	f := g.newFile()
	for _, e := range g.s.Enums {
		en := g.n.enums[e]
		name := en.Type
		f.docf("%s is the PostgreSQL enum %s.", name, g.s.Qualify(e.SQLName))
		f.decl(jen.Type().Id(name).String())
		f.docf("The values of %s, in the enum's order.", name)
		f.decl(jen.Const().DefsFunc(func(d *jen.Group) {
			for i, v := range e.Values {
				d.Id(en.Consts[i]).Id(name).Op("=").Add(goString(v))
			}
		}))
		vals := make([]jen.Code, len(en.Consts))
		for i, c := range en.Consts {
			vals[i] = jen.Id(c)
		}
		f.docf("%s lists the values of %s in the enum's order.", en.All, name)
		f.decl(jen.Func().Id(en.All).Params().Index().Id(name).Block(jen.Return(jen.Index().Id(name).Values(vals...))))
		f.doc("Valid reports whether v is one of the enum's values.")
		f.decl(jen.Func().Params(jen.Id("v").Id(name)).Id("Valid").Params().Bool().Block(
			jen.Switch(jen.Id("v")).Block(jen.Case(vals...).Block(jen.Return(jen.True()))),
			jen.Return(jen.False())))
	}
	return f
}

// inFieldOrder returns the elements of a literal of the runtime's struct
// T, given by field name, in T's field order. The generated package
// writes its Tables, Keys, Refs, Junctions and Throughs as positional
// literals (a keyed one would repeat every field name in every table),
// and their order is read from the runtime's types, not written a second
// time here. It panics when a field of T has no value or a value names no
// field of T: the runtime changed and the emitter did not follow, which
// every test that generates a package then reports.
func inFieldOrder[T any](values map[string]jen.Code) []jen.Code {
	t := reflect.TypeFor[T]()
	names := fieldNames(t)
	if len(names) != len(values) {
		panic(fmt.Sprintf("golang: %d values for the %d fields of %s", len(values), len(names), t))
	}
	out := make([]jen.Code, len(names))
	for i, name := range names {
		v, ok := values[name]
		if !ok {
			panic(fmt.Sprintf("golang: no value for field %s of %s", name, t))
		}
		out[i] = v
	}
	return out
}

// fieldOrders caches the names of the fields of each struct type
// inFieldOrder is given, in order: read from the type once, not at each
// literal.
var fieldOrders sync.Map // reflect.Type -> []string

func fieldNames(t reflect.Type) []string {
	if names, ok := fieldOrders.Load(t); ok {
		return names.([]string)
	}
	names := make([]string, t.NumField())
	for i := range names {
		names[i] = t.Field(i).Name
	}
	stored, _ := fieldOrders.LoadOrStore(t, names)
	return stored.([]string)
}
