package golang

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"
	"github.com/ergen-dev/ergen/generator/model"
)

// tableFile generates a table's row type and its methods. An entity's
// file also holds the navigation along the foreign keys its table has; a
// junction's file holds the M:N helpers. A method is the constant SQL and
// a call of one of the runtime's helpers (runtime/db.go), typed for the
// table.
func (g *gen) tableFile(tb *table) *file {
	f := g.newFile()
	f.rowStruct(tb)
	if tb.t.Entity != nil {
		f.keyType(tb)
		f.refKeyTypes(tb)
		f.arcFuncs(tb)
		f.create(tb)
		f.gets(tb)
		f.update(tb)
		f.patch(tb)
		f.upserts(tb)
		f.deleteByKey(tb)
		f.list(tb)
		f.count(tb)
		f.find(tb)
		f.copyFrom(tb)
		for _, fk := range tb.t.ForeignKeys {
			f.ref(tb, fk)
		}
	} else {
		f.junction(tb)
	}
	return f
}

func (f *file) rowStruct(tb *table) {
	t := tb.t
	if t.Entity != nil {
		f.docf("%s is a row of %s.", tb.Struct, f.g.tableSQL(t))
	} else {
		f.docf("%s is a row of %s, the junction of %s.", tb.Struct, f.g.tableSQL(t), t.Relationship.Label())
	}
	if t.Comment != "" {
		f.doc("")
		f.doc(t.Comment)
	}
	fields := make([]field, len(t.Columns))
	dest := make([]jen.Code, len(t.Columns))
	for i, c := range t.Columns {
		fields[i] = field{f.g.n.field(c), f.columnGoType(c), c.Comment}
		dest[i] = jen.Op("&").Add(sel("r", f.g.n.field(c)))
	}
	f.decl(structType(tb.Struct, fields))
	f.decl(rowMethod(tb.Struct, "scanDest", jen.Index().Any(), jen.Return(jen.Index().Any().Values(dest...))))
}

// keyType declares the struct of a composite key, by which batch loading
// keys the children of many rows.
func (f *file) keyType(tb *table) {
	if tb.KeyType == "" {
		return
	}
	f.docf("%s is the key of %s (%s).", tb.KeyType, article(tb.Struct), columnNames(tb.key))
	var fields []field
	for _, c := range tb.key {
		fields = append(fields, field{f.g.n.field(c), f.baseGoType(c.Type), ""})
	}
	f.decl(structType(tb.KeyType, fields))
}

// insertable are the columns an INSERT or COPY writes: all but those the
// database always fills (serial, identity and stored generated columns).
func insertable(t *model.Table) []*model.Column {
	var out []*model.Column
	for _, c := range t.Columns {
		if !c.Type.IsSerial() && c.Identity == model.NoIdentity && c.GeneratedAs == "" {
			out = append(out, c)
		}
	}
	return out
}

// paramsStruct declares the input of an INSERT: a column with a default is
// a pointer, nil meaning "the default".
func (f *file) paramsStruct(name, doc string, cols []*model.Column) {
	f.doc(doc)
	fields := make([]field, len(cols))
	for i, c := range cols {
		fields[i] = field{f.g.n.field(c), f.columnGoType(c), ""}
		if def := c.InsertDefault(); def != "" {
			fields[i].typ = f.optional(c.Type)
			fields[i].comment = "nil: DEFAULT " + def
		}
	}
	f.decl(structType(name, fields))
}

// insertSQL writes an INSERT of cols; a column with a default takes it when
// its parameter is NULL.
func (g *gen) insertSQL(t *model.Table, cols []*model.Column) string {
	if len(cols) == 0 {
		return "INSERT INTO " + g.tableSQL(t) + " DEFAULT VALUES"
	}
	vals := make([]string, len(cols))
	for i, c := range cols {
		vals[i] = g.valueParam(i+1, c)
		if def := c.InsertDefault(); def != "" {
			vals[i] = fmt.Sprintf("COALESCE($%d::%s, %s)", i+1, g.s.TypeSQL(c.Type.Underlying()), def)
		}
	}
	return fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s)", g.tableSQL(t), colList(cols, ""), strings.Join(vals, ", "))
}

func (f *file) create(tb *table) {
	t := tb.t
	g := f.g
	cols := insertable(t)
	name := g.n.create(tb)
	tb.Create = name
	sql := f.sqlConst(name, g.insertSQL(t, cols)+" RETURNING "+colList(t.Columns, ""))
	var params []jen.Code
	if len(cols) > 0 {
		tb.Params = g.n.paramsType(name)
		doc := fmt.Sprintf("%s is the input of %s.", tb.Params, name)
		if copyable(cols) {
			tb.Copy = g.n.copy(tb)
			doc = fmt.Sprintf("%s is the input of %s and of %s.", tb.Params, name, tb.Copy)
		}
		f.paramsStruct(tb.Params, doc, cols)
		params = []jen.Code{jen.Id("p").Id(tb.Params)}
	}
	f.docf("%s inserts %s and returns it as stored, with every column the", name, article(words(t)))
	f.doc("database filled (keys, defaults).")
	f.method(name, params, rowResult(tb.Struct), one("r", tb.Struct, "opInsert", sql, g.fieldArgs(cols, "p"))...)
}

// rowResult is the results of a method returning a row of type typ.
func rowResult(typ string) jen.Code { return jen.Params(jen.Id(typ), jen.Error()) }

// one is the body of a method returning the one row a query reads into
// the local v of type typ: op, what the statement does, and the query's
// SQL and arguments.
func one(v, typ, op string, sql jen.Code, queryArgs []jen.Code) []jen.Code {
	return []jen.Code{
		jen.Var().Id(v).Id(typ),
		jen.Id("err").Op(":=").Id("scanOne").Call(
			jen.Id("q").Dot("db").Dot("QueryRow").Call(codes([]jen.Code{jen.Id("ctx"), sql}, queryArgs...)...),
			jen.Id(op), jen.Op("&").Id(v)),
		jen.Return(jen.Id(v), jen.Err()),
	}
}

// getBy declares a method returning the one row whose cols equal its
// parameters.
func (f *file) getBy(tb *table, name, doc string, cols []*model.Column) {
	t := tb.t
	sql := f.sqlConst(name, fmt.Sprintf("SELECT %s FROM %s WHERE %s", colList(t.Columns, ""), f.g.tableSQL(t), f.g.whereEq(cols, "", 1)))
	decl, use := f.keyParams(cols)
	f.doc(doc)
	f.method(name, decl, rowResult(tb.Struct), one("r", tb.Struct, "opSelect", sql, use)...)
}

func sameCols(a, b []*model.Column) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func (f *file) gets(tb *table) {
	t := tb.t
	if pk := t.PrimaryKey; pk != nil {
		name := f.g.n.get(tb)
		f.getBy(tb, name, fmt.Sprintf("%s returns the %s with the given %s, or ErrNotFound.", name, words(t), columnNames(pk.Columns)), pk.Columns)
	}
	for _, k := range t.Uniques {
		if t.PrimaryKey != nil && sameCols(k.Columns, t.PrimaryKey.Columns) {
			continue
		}
		name := f.g.n.getBy(tb, k.Columns)
		f.getBy(tb, name, fmt.Sprintf("%s returns the %s with the given %s (unique key %s), or ErrNotFound.", name, words(t), columnNames(k.Columns), k.Name), k.Columns)
	}
}

func (f *file) update(tb *table) {
	t := tb.t
	set := updatable(t)
	if len(set) == 0 {
		return
	}
	name := f.g.n.update(tb)
	assign := make([]string, len(set))
	for i, c := range set {
		assign[i] = model.QuoteIdent(c.Name) + " = " + f.g.valueParam(i+1, c)
	}
	sql := f.sqlConst(name, fmt.Sprintf("UPDATE %s SET %s WHERE %s", f.g.tableSQL(t), strings.Join(assign, ", "), f.g.whereEq(t.PrimaryKey.Columns, "", len(set)+1)))
	vals := append(f.g.fieldArgs(set, "r"), f.g.fieldArgs(t.PrimaryKey.Columns, "r")...)
	f.docf("%s writes every column of r except its primary key (%s) to the", name, columnNames(t.PrimaryKey.Columns))
	f.doc("row with r's key, or returns ErrNotFound.")
	f.method(name, []jen.Code{jen.Id("r").Op("*").Id(tb.Struct)}, jen.Error(), exec("execOne", "opUpdate", sql, vals))
}

// thenCols is first followed by the columns of then not in it: an ORDER
// BY that sorts by a foreign key and then by the key, naming each column
// once.
func thenCols(first, then []*model.Column) []*model.Column {
	out := append([]*model.Column{}, first...)
	for _, c := range then {
		if !inCols(c, out) {
			out = append(out, c)
		}
	}
	return out
}

func inCols(c *model.Column, cols []*model.Column) bool {
	for _, x := range cols {
		if x == c {
			return true
		}
	}
	return false
}

// deletePolicies says in words what deleting a row of t does to the rows
// that refer to it, one line per relationship.
func deletePolicies(t *model.Table) []string {
	var out []string
	for _, fk := range t.Referenced {
		children := pluralWords(fk.Table)
		switch {
		case fk.OnDelete.Action.Blocks():
			out = append(out, fmt.Sprintf("It is refused while %s refer to it (%s: ON DELETE %s): a *ForeignKeyError.", children, fk.Relationship.Label(), fk.OnDelete.Action))
		case fk.OnDelete.Action == model.Cascade:
			out = append(out, fmt.Sprintf("It deletes the %s that refer to it (%s: ON DELETE CASCADE).", children, fk.Relationship.Label()))
		case fk.OnDelete.Action == model.SetNull:
			out = append(out, fmt.Sprintf("It leaves the %s that refer to it without a %s (%s: ON DELETE SET NULL).", children, strings.ReplaceAll(fk.Role, "_", " "), fk.Relationship.Label()))
		case fk.OnDelete.Action == model.SetDefault:
			out = append(out, fmt.Sprintf("It sets the %s of the %s that refer to it to its default (%s: ON DELETE SET DEFAULT).", columnNames(fk.Columns), children, fk.Relationship.Label()))
		}
	}
	return out
}

func (f *file) deleteByKey(tb *table) {
	t := tb.t
	if t.PrimaryKey == nil {
		return
	}
	name := f.g.n.delete(tb)
	sql := f.sqlConst(name, fmt.Sprintf("DELETE FROM %s WHERE %s", f.g.tableSQL(t), f.g.whereEq(t.PrimaryKey.Columns, "", 1)))
	decl, use := f.keyParams(t.PrimaryKey.Columns)
	f.docf("%s deletes the %s with the given %s, or returns ErrNotFound.", name, words(t), columnNames(t.PrimaryKey.Columns))
	for _, line := range deletePolicies(t) {
		f.doc(line)
	}
	f.method(name, decl, jen.Error(), exec("execOne", "opDelete", sql, use))
}

// exec is the return of a method that runs a statement with the runtime's
// helper (execOne, execAny): op is what the statement does.
func exec(helper, op string, sql jen.Code, vals []jen.Code) jen.Code {
	return jen.Return(jen.Id(helper).Call(codes([]jen.Code{jen.Id("ctx"), jen.Id("q").Dot("db"), jen.Id(op), sql}, vals...)...))
}

// collect is the body of a method listing the rows of type typ a query
// reads: the runtime's queryAll reads them into the method's result.
func collect(typ string, queryArgs ...jen.Code) []jen.Code {
	return append([]jen.Code{outVar(jen.Index().Id(typ))}, queryAll(queryArgs...)...)
}

// outVar declares out, the result a runtime helper reads rows into.
func outVar(typ jen.Code) jen.Code { return jen.Var().Id("out").Add(typ) }

// queryAll runs a query reading rows into out and returns them.
func queryAll(queryArgs ...jen.Code) []jen.Code {
	return []jen.Code{
		jen.Err().Op(":=").Id("queryAll").Call(codes([]jen.Code{jen.Id("ctx"), jen.Id("q").Dot("db"), jen.Op("&").Id("out")}, queryArgs...)...),
		jen.Return(jen.Id("out"), jen.Err()),
	}
}

// readInto is the end of a method reading the rows of rows, err with the
// runtime's helper into out, declared of type typ: args follow the rows.
func readInto(typ jen.Code, helper string, args ...jen.Code) []jen.Code {
	return []jen.Code{
		outVar(typ),
		jen.Err().Op("=").Id(helper).Call(codes([]jen.Code{jen.Id("rows"), jen.Err()}, args...)...),
		jen.Return(jen.Id("out"), jen.Err()),
	}
}

func (f *file) list(tb *table) {
	t := tb.t
	if tb.key == nil {
		return
	}
	g := f.g
	name := g.n.list(tb)
	order := colList(tb.key, "")
	first := f.sqlConst(name, fmt.Sprintf("SELECT %s FROM %s ORDER BY %s LIMIT $1", colList(t.Columns, ""), g.tableSQL(t), order))
	lhs, rhs := g.rowTuple(tb.key, 1)
	next := f.sqlConst(name+"After", fmt.Sprintf("SELECT %s FROM %s WHERE %s > %s ORDER BY %s LIMIT $%d", colList(t.Columns, ""), g.tableSQL(t), lhs, rhs, order, len(tb.key)+1))
	after := append(g.fieldArgs(tb.key, "after"), jen.Id("limit"))
	f.docf("%s returns at most limit %s in key order (%s), starting after", name, pluralWords(t), columnNames(tb.key))
	f.doc("the row after, or at the first when after is nil: pass the last row of a")
	f.doc("page to get the next (keyset pagination).")
	f.method(name, []jen.Code{jen.Id("after").Op("*").Id(tb.Struct), jen.Id("limit").Int()}, jen.Params(jen.Index().Id(tb.Struct), jen.Error()),
		append([]jen.Code{outVar(jen.Index().Id(tb.Struct)),
			jen.If(jen.Id("after").Op("==").Nil()).Block(queryAll(first, jen.Id("limit"))...)},
			queryAll(codes([]jen.Code{next}, after...)...)...)...)
}

func (f *file) count(tb *table) {
	name := f.g.n.count(tb)
	sql := f.sqlConst(name, "SELECT count(*) FROM "+f.g.tableSQL(tb.t))
	f.docf("%s returns the number of %s.", name, pluralWords(tb.t))
	f.method(name, nil, jen.Params(jen.Int64(), jen.Error()), jen.Return(jen.Id("queryCount").Call(jen.Id("ctx"), jen.Id("q").Dot("db"), sql)))
}

func (f *file) copyFrom(tb *table) {
	t := tb.t
	g := f.g
	cols := insertable(t)
	if tb.Copy == "" {
		return
	}
	name := tb.Copy
	var ident []jen.Code
	if g.s.Name != "" {
		ident = append(ident, goString(g.s.Name))
	}
	ident = append(ident, goString(t.Name))
	colNames := make([]jen.Code, len(cols))
	for i, c := range cols {
		colNames[i] = goString(c.Name)
	}
	vals := make([]jen.Code, len(cols))
	defaults := false
	for i, c := range cols {
		vals[i] = sel("r", g.n.field(c))
		switch {
		case c.Default != "" && isSlice(c.Type):
			vals[i] = jen.Id("sliceOrDefault").Call(vals[i])
		case c.Default != "":
			vals[i] = jen.Id("orDefault").Call(vals[i])
		}
		defaults = defaults || c.Default != ""
	}
	f.docf("%s inserts rows with COPY, the fastest way to load many rows, and", name)
	if defaults {
		f.docf("returns how many it inserted. A row is what %s takes: a field", tb.Create)
		f.doc("marked \"nil: DEFAULT\" takes the column's default when nil, as in an")
		f.doc("INSERT. COPY has no default within a row, so rows are sent in runs that")
		f.doc("leave the same columns to their defaults, one COPY each, in order.")
	} else {
		f.docf("returns how many it inserted. A row is what %s takes.", tb.Create)
	}
	f.method(name, []jen.Code{jen.Id("rows").Index().Id(tb.Params)}, jen.Params(jen.Int64(), jen.Error()),
		jen.Return(jen.Id("copyRows").Call(jen.Id("ctx"), jen.Id("q").Dot("db"),
			jen.Index().String().Values(ident...), jen.Index().String().Values(colNames...), jen.Len(jen.Id("rows")),
			jen.Func().Params(jen.Id("i").Int()).Index().Any().Block(
				jen.Id("r").Op(":=").Op("&").Id("rows").Index(jen.Id("i")),
				jen.Return(jen.Index().Any().Values(vals...))))))
}

// copyable reports whether pgx can COPY the columns: it writes COPY in
// binary format and has no binary codec for timetz, nor for most types
// ergen knows by name only (binaryExternal) or a Go type a `go` clause
// chose, which may have only a text form.
func copyable(cols []*model.Column) bool {
	for _, c := range cols {
		if c.Type.Base == model.TimeTZ || c.Type.Go != "" || c.Type.Base == model.ExternalBase && !binaryExternal(c.Type) {
			return false
		}
	}
	return true
}
