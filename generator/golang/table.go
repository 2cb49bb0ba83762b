package golang

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/ergen-dev/ergen/generator/model"
)

// tableFile generates a table's row type and its methods. An entity's
// file also holds the navigation along the foreign keys its table has; a
// junction's file holds the M:N helpers.
func (g *gen) tableFile(tb *table) *jen.File {
	f := g.newFile()
	g.rowStruct(f, tb)
	if tb.t.Entity != nil {
		g.keyType(f, tb)
		g.refKeyTypes(f, tb)
		g.create(f, tb)
		g.gets(f, tb)
		g.update(f, tb)
		g.deleteByKey(f, tb)
		g.list(f, tb)
		g.count(f, tb)
		g.copyFrom(f, tb)
		for _, fk := range tb.t.ForeignKeys {
			g.navigation(f, tb, fk)
		}
	} else {
		g.junction(f, tb)
	}
	if tb.scanned {
		g.scanner(f, tb)
	}
	return f
}

func (g *gen) rowStruct(f *jen.File, tb *table) {
	t := tb.t
	if t.Entity != nil {
		f.Commentf("%s is a row of %s.", tb.Struct, g.tableSQL(t))
	} else {
		f.Commentf("%s is a row of %s, the junction of %s.", tb.Struct, g.tableSQL(t), t.Relationship.Label())
	}
	if t.Comment != "" {
		f.Comment("")
		for _, line := range modelComments("", t.Comment) {
			f.Comment(line)
		}
	}
	var defs []jen.Code
	for _, c := range t.Columns {
		d := jen.Id(g.n.field(c)).Add(columnGoType(g.n, c))
		defs = append(defs, fieldComment(d, "", c.Comment)...)
	}
	f.Type().Id(tb.Struct).Struct(defs...)
	f.Line()
}

// useScanner returns the name of the table's row scanner and has it
// generated: only tables whose rows are listed need one.
func (tb *table) useScanner() string {
	tb.scanned = true
	return tb.scanner
}

// scanner reads every row of a query returning all of a table's columns.
func (g *gen) scanner(f *jen.File, tb *table) {
	name := tb.scanner
	f.Commentf("%s reads rows of %s and closes them.", name, tb.t.Name)
	f.Func().Id(name).Params(jen.Id("rows").Qual(pgxPath, "Rows")).Params(jen.Index().Id(tb.Struct), jen.Error()).Block(
		jen.Defer().Id("rows").Dot("Close").Call(),
		jen.Var().Id("out").Index().Id(tb.Struct),
		jen.For(jen.Id("rows").Dot("Next").Call()).Block(
			jen.Var().Id("r").Id(tb.Struct),
			jen.If(jen.Err().Op(":=").Id("rows").Dot("Scan").Call(g.scanArgs(tb.t, "r")...), jen.Err().Op("!=").Nil()).Block(
				jen.Return(jen.Nil(), jen.Id("mapError").Call(jen.Err(), jen.Id("opSelect"))),
			),
			jen.Id("out").Op("=").Append(jen.Id("out"), jen.Id("r")),
		),
		jen.If(jen.Err().Op(":=").Id("rows").Dot("Err").Call(), jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Nil(), jen.Id("mapError").Call(jen.Err(), jen.Id("opSelect"))),
		),
		jen.Return(jen.Id("out"), jen.Nil()),
	)
	f.Line()
}

func (g *gen) keyType(f *jen.File, tb *table) {
	if tb.key == nil {
		return
	}
	name := tb.KeyType
	f.Commentf("%s is the key of %s (%s), the position List pages from.", name, article(tb.Struct), columnNames(tb.key))
	var defs []jen.Code
	vals := jen.Dict{}
	for _, c := range tb.key {
		defs = append(defs, jen.Id(g.n.field(c)).Add(baseGoType(g.n, c.Type)))
		vals[jen.Id(g.n.field(c))] = jen.Id("r").Dot(g.n.field(c))
	}
	f.Type().Id(name).Struct(defs...)
	f.Line()
	f.Commentf("%s returns the row's %s.", tb.KeyMethod, name)
	f.Func().Params(jen.Id("r").Op("*").Id(tb.Struct)).Id(tb.KeyMethod).Params().Id(name).Block(
		jen.Return(jen.Id(name).Values(vals)),
	)
	f.Line()
}

// insertable are the columns an INSERT or COPY writes: all but those the
// database always fills (serial and identity).
func insertable(t *model.Table) []*model.Column {
	var out []*model.Column
	for _, c := range t.Columns {
		if !c.Type.IsSerial() && c.Identity == model.NoIdentity {
			out = append(out, c)
		}
	}
	return out
}

// paramsStruct declares the input of an INSERT: a column with a default is
// a pointer, nil meaning "the default".
func (g *gen) paramsStruct(f *jen.File, name, doc string, cols []*model.Column) {
	f.Comment(doc)
	var defs []jen.Code
	for _, c := range cols {
		typ := columnGoType(g.n, c)
		if c.Default != "" {
			typ = optional(g.n, c.Type)
		}
		d := jen.Id(g.n.field(c)).Add(typ)
		defs = append(defs, fieldComment(d, "nil: DEFAULT ", c.Default)...)
	}
	f.Type().Id(name).Struct(defs...)
	f.Line()
}

// insertSQL writes an INSERT of cols; a column with a default takes it when
// its parameter is NULL.
func (g *gen) insertSQL(t *model.Table, cols []*model.Column) string {
	if len(cols) == 0 {
		return "INSERT INTO " + g.tableSQL(t) + " DEFAULT VALUES"
	}
	vals := make([]string, len(cols))
	for i, c := range cols {
		vals[i] = fmt.Sprintf("$%d", i+1)
		if c.Default != "" {
			vals[i] = fmt.Sprintf("COALESCE($%d::%s, %s)", i+1, g.s.TypeSQL(c.Type), c.Default)
		}
	}
	return fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s)", g.tableSQL(t), colList(cols, ""), strings.Join(vals, ", "))
}

func (g *gen) create(f *jen.File, tb *table) {
	t := tb.t
	cols := insertable(t)
	name := g.n.create(tb)
	sql := g.sqlConst(f, name, g.insertSQL(t, cols)+" RETURNING "+colList(t.Columns, ""))
	params := []jen.Code{ctxParam()}
	args := []jen.Code{jen.Id("ctx"), jen.Id(sql)}
	if len(cols) > 0 {
		pname := g.n.paramsType(name)
		g.paramsStruct(f, pname, fmt.Sprintf("%s is the input of %s.", pname, name), cols)
		params = append(params, jen.Id("p").Id(pname))
		args = append(args, g.fieldArgs(cols, "p")...)
	}
	f.Commentf("%s inserts %s and returns it as stored, with every column the", name, article(words(t)))
	f.Comment("database filled (keys, defaults).")
	f.Add(recv()).Id(name).Params(params...).Params(jen.Id(tb.Struct), jen.Error()).Block(
		jen.Var().Id("r").Id(tb.Struct),
		jen.Err().Op(":=").Id("q").Dot("db").Dot("QueryRow").Call(args...).Dot("Scan").Call(g.scanArgs(t, "r")...),
		errReturn("opInsert", jen.Id("r")),
		jen.Return(jen.Id("r"), jen.Nil()),
	)
	f.Line()
}

// getBy declares a method returning the one row whose cols equal its
// parameters.
func (g *gen) getBy(f *jen.File, tb *table, name, doc string, cols []*model.Column) {
	t := tb.t
	sql := g.sqlConst(f, name, fmt.Sprintf("SELECT %s FROM %s WHERE %s", colList(t.Columns, ""), g.tableSQL(t), whereEq(cols, "", 1)))
	decl, use := g.keyParams(cols)
	f.Comment(doc)
	f.Add(recv()).Id(name).Params(append([]jen.Code{ctxParam()}, decl...)...).Params(jen.Id(tb.Struct), jen.Error()).Block(
		jen.Var().Id("r").Id(tb.Struct),
		jen.Err().Op(":=").Id("q").Dot("db").Dot("QueryRow").Call(append([]jen.Code{jen.Id("ctx"), jen.Id(sql)}, use...)...).Dot("Scan").Call(g.scanArgs(t, "r")...),
		errReturn("opSelect", jen.Id("r")),
		jen.Return(jen.Id("r"), jen.Nil()),
	)
	f.Line()
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

func (g *gen) gets(f *jen.File, tb *table) {
	t := tb.t
	if pk := t.PrimaryKey; pk != nil {
		name := g.n.get(tb)
		g.getBy(f, tb, name, fmt.Sprintf("%s returns the %s with the given %s, or ErrNotFound.", name, words(t), columnNames(pk.Columns)), pk.Columns)
	}
	for _, k := range t.Uniques {
		if t.PrimaryKey != nil && sameCols(k.Columns, t.PrimaryKey.Columns) {
			continue
		}
		name := g.n.getBy(tb, k.Columns)
		g.getBy(f, tb, name, fmt.Sprintf("%s returns the %s with the given %s (unique key %s), or ErrNotFound.", name, words(t), columnNames(k.Columns), k.Name), k.Columns)
	}
}

func (g *gen) update(f *jen.File, tb *table) {
	t := tb.t
	if t.PrimaryKey == nil {
		return
	}
	var set []*model.Column
	for _, c := range t.Columns {
		if !inCols(c, t.PrimaryKey.Columns) && c.Identity != model.IdentityAlways {
			set = append(set, c)
		}
	}
	if len(set) == 0 {
		return
	}
	name := g.n.update(tb)
	assign := make([]string, len(set))
	for i, c := range set {
		assign[i] = fmt.Sprintf("%s = $%d", model.QuoteIdent(c.Name), i+1)
	}
	sql := g.sqlConst(f, name, fmt.Sprintf("UPDATE %s SET %s WHERE %s", g.tableSQL(t), strings.Join(assign, ", "), whereEq(t.PrimaryKey.Columns, "", len(set)+1)))
	args := append([]jen.Code{jen.Id("ctx"), jen.Id(sql)}, g.fieldArgs(set, "r")...)
	args = append(args, g.fieldArgs(t.PrimaryKey.Columns, "r")...)
	f.Commentf("%s writes every column of r except its primary key (%s) to the", name, columnNames(t.PrimaryKey.Columns))
	f.Comment("row with r's key, or returns ErrNotFound.")
	f.Add(recv()).Id(name).Params(ctxParam(), jen.Id("r").Op("*").Id(tb.Struct)).Error().Block(
		jen.List(jen.Id("tag"), jen.Err()).Op(":=").Id("q").Dot("db").Dot("Exec").Call(args...),
		errReturn("opUpdate"),
		jen.If(jen.Id("tag").Dot("RowsAffected").Call().Op("==").Lit(0)).Block(jen.Return(jen.Id("ErrNotFound"))),
		jen.Return(jen.Nil()),
	)
	f.Line()
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
		case fk.OnDelete.Blocks():
			out = append(out, fmt.Sprintf("It is refused while %s refer to it (%s: ON DELETE %s): a *ForeignKeyError.", children, fk.Relationship.Label(), fk.OnDelete))
		case fk.OnDelete == model.Cascade:
			out = append(out, fmt.Sprintf("It deletes the %s that refer to it (%s: ON DELETE CASCADE).", children, fk.Relationship.Label()))
		case fk.OnDelete == model.SetNull:
			out = append(out, fmt.Sprintf("It leaves the %s that refer to it without a %s (%s: ON DELETE SET NULL).", children, strings.ReplaceAll(fk.Role, "_", " "), fk.Relationship.Label()))
		case fk.OnDelete == model.SetDefault:
			out = append(out, fmt.Sprintf("It sets the %s of the %s that refer to it to its default (%s: ON DELETE SET DEFAULT).", columnNames(fk.Columns), children, fk.Relationship.Label()))
		}
	}
	return out
}

func (g *gen) deleteByKey(f *jen.File, tb *table) {
	t := tb.t
	if t.PrimaryKey == nil {
		return
	}
	name := g.n.delete(tb)
	sql := g.sqlConst(f, name, fmt.Sprintf("DELETE FROM %s WHERE %s", g.tableSQL(t), whereEq(t.PrimaryKey.Columns, "", 1)))
	decl, use := g.keyParams(t.PrimaryKey.Columns)
	f.Commentf("%s deletes the %s with the given %s, or returns ErrNotFound.", name, words(t), columnNames(t.PrimaryKey.Columns))
	for _, line := range deletePolicies(t) {
		f.Comment(line)
	}
	f.Add(recv()).Id(name).Params(append([]jen.Code{ctxParam()}, decl...)...).Error().Block(
		jen.List(jen.Id("tag"), jen.Err()).Op(":=").Id("q").Dot("db").Dot("Exec").Call(append([]jen.Code{jen.Id("ctx"), jen.Id(sql)}, use...)...),
		errReturn("opDelete"),
		jen.If(jen.Id("tag").Dot("RowsAffected").Call().Op("==").Lit(0)).Block(jen.Return(jen.Id("ErrNotFound"))),
		jen.Return(jen.Nil()),
	)
	f.Line()
}

func (g *gen) list(f *jen.File, tb *table) {
	t := tb.t
	if tb.key == nil {
		return
	}
	name := g.n.list(tb)
	order := colList(tb.key, "")
	first := g.sqlConst(f, name, fmt.Sprintf("SELECT %s FROM %s ORDER BY %s LIMIT $1", colList(t.Columns, ""), g.tableSQL(t), order))
	lhs, rhs := rowTuple(tb.key, 1)
	next := g.sqlConst(f, name+"After", fmt.Sprintf("SELECT %s FROM %s WHERE %s > %s ORDER BY %s LIMIT $%d", colList(t.Columns, ""), g.tableSQL(t), lhs, rhs, order, len(tb.key)+1))
	afterArgs := []jen.Code{jen.Id("ctx"), jen.Id(next)}
	for _, c := range tb.key {
		afterArgs = append(afterArgs, jen.Id("after").Dot(g.n.field(c)))
	}
	afterArgs = append(afterArgs, jen.Id("limit"))
	f.Commentf("%s returns at most limit %s in key order (%s), starting after", name, pluralWords(t), columnNames(tb.key))
	f.Commentf("the given key, or at the first when after is nil: pass the %s of the", tb.KeyMethod)
	f.Comment("last row of a page to get the next (keyset pagination).")
	f.Add(recv()).Id(name).Params(ctxParam(), jen.Id("after").Op("*").Id(tb.KeyType), jen.Id("limit").Int()).Params(jen.Index().Id(tb.Struct), jen.Error()).Block(
		jen.Var().Id("rows").Qual(pgxPath, "Rows"),
		jen.Var().Err().Error(),
		jen.If(jen.Id("after").Op("==").Nil()).Block(
			jen.List(jen.Id("rows"), jen.Err()).Op("=").Id("q").Dot("db").Dot("Query").Call(jen.Id("ctx"), jen.Id(first), jen.Id("limit")),
		).Else().Block(
			jen.List(jen.Id("rows"), jen.Err()).Op("=").Id("q").Dot("db").Dot("Query").Call(afterArgs...),
		),
		errReturn("opSelect", jen.Nil()),
		jen.Return(jen.Id(tb.useScanner()).Call(jen.Id("rows"))),
	)
	f.Line()
}

func (g *gen) count(f *jen.File, tb *table) {
	name := g.n.count(tb)
	sql := g.sqlConst(f, name, "SELECT count(*) FROM "+g.tableSQL(tb.t))
	f.Commentf("%s returns the number of %s.", name, pluralWords(tb.t))
	f.Add(recv()).Id(name).Params(ctxParam()).Params(jen.Int64(), jen.Error()).Block(
		jen.Var().Id("n").Int64(),
		jen.Err().Op(":=").Id("q").Dot("db").Dot("QueryRow").Call(jen.Id("ctx"), jen.Id(sql)).Dot("Scan").Call(jen.Op("&").Id("n")),
		errReturn("opSelect", jen.Lit(0)),
		jen.Return(jen.Id("n"), jen.Nil()),
	)
	f.Line()
}

func (g *gen) copyFrom(f *jen.File, tb *table) {
	t := tb.t
	cols := insertable(t)
	if len(cols) == 0 || !copyable(cols) {
		return
	}
	name := g.n.copy(tb)
	ident := []jen.Code{}
	if g.s.Name != "" {
		ident = append(ident, jen.Lit(g.s.Name))
	}
	ident = append(ident, jen.Lit(t.Name))
	colNames := make([]jen.Code, len(cols))
	for i, c := range cols {
		colNames[i] = jen.Lit(c.Name)
	}
	var skipped []string
	for _, c := range t.Columns {
		if !inCols(c, cols) {
			skipped = append(skipped, c.Name)
		}
	}
	f.Commentf("%s inserts rows with COPY, the fastest way to load many rows, and", name)
	f.Comment("returns how many it inserted. Every column is written as given, defaults")
	if len(skipped) > 0 {
		f.Commentf("included, except %s, which the database fills.", strings.Join(skipped, ", "))
	} else {
		f.Comment("included.")
	}
	f.Add(recv()).Id(name).Params(ctxParam(), jen.Id("rows").Index().Id(tb.Struct)).Params(jen.Int64(), jen.Error()).Block(
		jen.List(jen.Id("n"), jen.Err()).Op(":=").Id("q").Dot("db").Dot("CopyFrom").Call(
			jen.Id("ctx"),
			jen.Qual(pgxPath, "Identifier").Values(ident...),
			jen.Index().String().Values(colNames...),
			jen.Qual(pgxPath, "CopyFromSlice").Call(jen.Len(jen.Id("rows")), jen.Func().Params(jen.Id("i").Int()).Params(jen.Index().Any(), jen.Error()).Block(
				jen.Id("r").Op(":=").Op("&").Id("rows").Index(jen.Id("i")),
				jen.Return(jen.Index().Any().Values(g.fieldArgs(cols, "r")...), jen.Nil()),
			)),
		),
		errReturn("opInsert", jen.Id("n")),
		jen.Return(jen.Id("n"), jen.Nil()),
	)
	f.Line()
}

// copyable reports whether pgx can COPY the columns: it writes COPY in
// binary format and has no binary codec for timetz.
func copyable(cols []*model.Column) bool {
	for _, c := range cols {
		if c.Type.Base == model.TimeTZ {
			return false
		}
	}
	return true
}
