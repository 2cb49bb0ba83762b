package golang

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/ergen-dev/ergen/generator/model"
)

// orderBy is the ORDER BY of rows of tb: its key, or nothing.
func (tb *table) orderBy(alias string) string {
	if tb.key == nil {
		return ""
	}
	return " ORDER BY " + colList(tb.key, alias)
}

// navigation generates, for a foreign key of an entity's table, the way up
// (the referenced row), the way down (the referencing rows, or the one
// partner of a 1:1), and batch loading of the way down for many parents.
func (g *gen) navigation(f *jen.File, child *table, fk *model.ForeignKey) {
	parent := g.info[fk.RefTable]
	rel := fk.Relationship
	one := rel.Card == model.OneToOne

	// Up: the parent of a child.
	up := g.n.up(child, fk)
	sql := g.sqlConst(f, up, fmt.Sprintf("SELECT %s FROM %s WHERE %s", colList(parent.t.Columns, ""), g.tableSQL(parent.t), whereEq(fk.RefColumns, "", 1)))
	body := []jen.Code{jen.Var().Id("p").Id(parent.Struct)}
	args := []jen.Code{jen.Id("ctx"), jen.Id(sql)}
	for _, c := range fk.Columns {
		v := jen.Id("r").Dot(g.n.field(c))
		if c.Nullable {
			body = append(body, jen.If(jen.Id("r").Dot(g.n.field(c)).Op("==").Nil()).Block(jen.Return(jen.Id("p"), jen.Id("ErrNotFound"))))
		}
		if nilIsNull(c) {
			v = jen.Op("*").Add(v)
		}
		args = append(args, v)
	}
	body = append(body,
		jen.Err().Op(":=").Id("q").Dot("db").Dot("QueryRow").Call(args...).Dot("Scan").Call(g.scanArgs(parent.t, "p")...),
		errReturn("opSelect", jen.Id("p")),
		jen.Return(jen.Id("p"), jen.Nil()),
	)
	f.Commentf("%s returns the %s of r (%s).", up, words(parent.t), rel.Label())
	if !fk.Required {
		f.Commentf("The relationship is optional: ErrNotFound when r has no %s.", fk.Role)
	}
	f.Add(recv()).Id(up).Params(ctxParam(), jen.Id("r").Op("*").Id(child.Struct)).Params(jen.Id(parent.Struct), jen.Error()).Block(body...)
	f.Line()

	// Down: the children of a parent, or its 1:1 partner.
	where := fmt.Sprintf("SELECT %s FROM %s WHERE %s", colList(child.t.Columns, ""), g.tableSQL(child.t), whereEq(fk.Columns, "", 1))
	down := g.n.down(child, fk)
	if one {
		sql := g.sqlConst(f, down, where)
		decl, use := g.keyParams(fk.Columns)
		callArgs := append([]jen.Code{jen.Id("ctx"), jen.Id(sql)}, use...)
		f.Commentf("%s returns the %s of the %s with the given %s (%s),", down, words(child.t), fk.Role, columnNames(fk.RefColumns), rel.Label())
		f.Comment("or ErrNotFound when it has none.")
		f.Add(recv()).Id(down).Params(append([]jen.Code{ctxParam()}, decl...)...).Params(jen.Id(child.Struct), jen.Error()).Block(
			jen.Var().Id("r").Id(child.Struct),
			jen.Err().Op(":=").Id("q").Dot("db").Dot("QueryRow").Call(callArgs...).Dot("Scan").Call(g.scanArgs(child.t, "r")...),
			errReturn("opSelect", jen.Id("r")),
			jen.Return(jen.Id("r"), jen.Nil()),
		)
	} else {
		sql := g.sqlConst(f, down, where+child.orderBy(""))
		decl, use := g.keyParams(fk.Columns)
		callArgs := append([]jen.Code{jen.Id("ctx"), jen.Id(sql)}, use...)
		f.Commentf("%s returns the %s of the %s with the given %s (%s)", down, pluralWords(child.t), fk.Role, columnNames(fk.RefColumns), rel.Label())
		if child.key != nil {
			f.Commentf("in key order (%s).", columnNames(child.key))
		}
		f.Add(recv()).Id(down).Params(append([]jen.Code{ctxParam()}, decl...)...).Params(jen.Index().Id(child.Struct), jen.Error()).Block(
			jen.List(jen.Id("rows"), jen.Err()).Op(":=").Id("q").Dot("db").Dot("Query").Call(callArgs...),
			errReturn("opSelect", jen.Nil()),
			jen.Return(jen.Id(child.useScanner()).Call(jen.Id("rows"))),
		)
	}
	f.Line()
	g.batch(f, child, fk)
}

// batchable reports whether a foreign key column can key a Go map and an
// = ANY($1) array parameter: one column of a comparable Go type.
func batchable(fk *model.ForeignKey) bool {
	if len(fk.Columns) != 1 {
		return false
	}
	t := fk.Columns[0].Type
	if t.Array > 0 {
		return false
	}
	switch t.Base {
	case model.Numeric, model.JSON, model.JSONB, model.Bytea, model.Time, model.Interval, model.Timestamp, model.TimestampTZ, model.Date:
		return false
	}
	return true
}

// batch loads the children of many parents in one query: WHERE fk = ANY($1).
func (g *gen) batch(f *jen.File, child *table, fk *model.ForeignKey) {
	if !batchable(fk) {
		return
	}
	rel := fk.Relationship
	col := fk.Columns[0]
	keyType := baseGoType(g.n, col.Type)
	name := g.n.batch(child, fk)
	order := " ORDER BY " + model.QuoteIdent(col.Name)
	if child.key != nil {
		order += ", " + colList(child.key, "")
	}
	sql := g.sqlConst(f, name, fmt.Sprintf("SELECT %s FROM %s WHERE %s = ANY($1)%s", colList(child.t.Columns, ""), g.tableSQL(child.t), model.QuoteIdent(col.Name), order))
	param := g.n.params().batchParam(col)
	key := jen.Id("r").Dot(g.n.field(col))
	if nilIsNull(col) {
		key = jen.Op("*").Add(key)
	}
	var valType, store jen.Code
	if rel.Card == model.OneToOne {
		valType = jen.Id(child.Struct)
		store = jen.Id("out").Index(key).Op("=").Id("r")
	} else {
		valType = jen.Index().Id(child.Struct)
		store = jen.Id("out").Index(key).Op("=").Append(jen.Id("out").Index(key), jen.Id("r"))
	}
	if rel.Card == model.OneToOne {
		f.Commentf("%s loads the %s of many %s in one query (%s),", name, pluralWords(child.t), model.Plural(fk.Role), rel.Label())
		f.Commentf("keyed by %s; a %s without one has no entry.", col.Name, fk.Role)
	} else {
		f.Commentf("%s loads the %s of many %s in one query (%s),", name, pluralWords(child.t), model.Plural(fk.Role), rel.Label())
		f.Commentf("keyed by %s; a %s without any has no entry.", col.Name, fk.Role)
	}
	f.Add(recv()).Id(name).Params(ctxParam(), jen.Id(param).Index().Add(keyType.Clone())).Params(jen.Map(keyType.Clone()).Add(valType), jen.Error()).Block(
		jen.List(jen.Id("rows"), jen.Err()).Op(":=").Id("q").Dot("db").Dot("Query").Call(jen.Id("ctx"), jen.Id(sql), jen.Id(param)),
		errReturn("opSelect", jen.Nil()),
		jen.Defer().Id("rows").Dot("Close").Call(),
		jen.Id("out").Op(":=").Make(jen.Map(keyType.Clone()).Add(valType), jen.Len(jen.Id(param))),
		jen.For(jen.Id("rows").Dot("Next").Call()).Block(
			jen.Var().Id("r").Id(child.Struct),
			jen.If(jen.Err().Op(":=").Id("rows").Dot("Scan").Call(g.scanArgs(child.t, "r")...), jen.Err().Op("!=").Nil()).Block(
				jen.Return(jen.Nil(), jen.Id("mapError").Call(jen.Err(), jen.Id("opSelect"))),
			),
			store,
		),
		jen.If(jen.Err().Op(":=").Id("rows").Dot("Err").Call(), jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Nil(), jen.Id("mapError").Call(jen.Err(), jen.Id("opSelect"))),
		),
		jen.Return(jen.Id("out"), jen.Nil()),
	)
	f.Line()
}

// junction generates the M:N helpers: Link (idempotent), Unlink, and the
// other side's rows through the junction, with its attributes, both ways.
func (g *gen) junction(f *jen.File, jt *table) {
	t := jt.t
	rel := t.Relationship
	fks := rel.ForeignKeys
	pair := append(append([]*model.Column{}, fks[0].Columns...), fks[1].Columns...)

	// The conflict target of Link: the key made of the pair, or, for a
	// junction keyed by line number, its primary key.
	target := pair
	if t.PrimaryKey != nil && !sameCols(t.PrimaryKey.Columns, pair) {
		target = t.PrimaryKey.Columns
		for _, k := range t.Uniques {
			if sameCols(k.Columns, pair) {
				target = pair
			}
		}
	}
	cols := insertable(t)
	link := g.n.link(jt)
	params := g.n.paramsType(link)
	g.paramsStruct(f, params, fmt.Sprintf("%s is the input of %s: the pair and the relationship's attributes.", params, link), cols)
	sql := g.sqlConst(f, link, fmt.Sprintf("%s ON CONFLICT (%s) DO NOTHING", g.insertSQL(t, cols), colList(target, "")))
	f.Commentf("%s links %s and %s (%s). Linking a linked pair", link, article(rel.Roles[0]), article(rel.Roles[1]), rel.Label())
	f.Comment("changes nothing: it reports whether a link was added.")
	f.Add(recv()).Id(link).Params(ctxParam(), jen.Id("p").Id(params)).Params(jen.Bool(), jen.Error()).Block(
		jen.List(jen.Id("tag"), jen.Err()).Op(":=").Id("q").Dot("db").Dot("Exec").Call(append([]jen.Code{jen.Id("ctx"), jen.Id(sql)}, g.fieldArgs(cols, "p")...)...),
		errReturn("opInsert", jen.False()),
		jen.Return(jen.Id("tag").Dot("RowsAffected").Call().Op(">").Lit(0), jen.Nil()),
	)
	f.Line()

	unlink := g.n.unlink(jt)
	sql = g.sqlConst(f, unlink, fmt.Sprintf("DELETE FROM %s WHERE %s", g.tableSQL(t), whereEq(pair, "", 1)))
	decl, use := g.keyParams(pair)
	f.Commentf("%s removes the link between %s and %s (%s)", unlink, article(rel.Roles[0]), article(rel.Roles[1]), rel.Label())
	f.Comment("and reports whether there was one.")
	f.Add(recv()).Id(unlink).Params(append([]jen.Code{ctxParam()}, decl...)...).Params(jen.Bool(), jen.Error()).Block(
		jen.List(jen.Id("tag"), jen.Err()).Op(":=").Id("q").Dot("db").Dot("Exec").Call(append([]jen.Code{jen.Id("ctx"), jen.Id(sql)}, use...)...),
		errReturn("opDelete", jen.False()),
		jen.Return(jen.Id("tag").Dot("RowsAffected").Call().Op(">").Lit(0), jen.Nil()),
	)
	f.Line()

	for side := range 2 {
		g.through(f, jt, side)
	}
}

// through lists the rows on the far side of a junction for one row on the
// near side, each with its junction row.
func (g *gen) through(f *jen.File, jt *table, side int) {
	t := jt.t
	rel := t.Relationship
	near, far := rel.ForeignKeys[side], rel.ForeignKeys[1-side]
	other := g.info[far.RefTable]
	row := jt.through[side]
	f.Commentf("%s is %s linked through %s, with the link's own columns.", row.Type, article(far.Role), t.Name)
	f.Type().Id(row.Type).Struct(
		jen.Id(row.Far).Id(other.Struct),
		jen.Id(row.Link).Id(jt.Struct),
	)
	f.Line()
	name := g.n.through(jt, near, far)
	on := make([]string, len(far.Columns))
	for i := range far.Columns {
		on[i] = fmt.Sprintf("%s = %s", qualCol("x", far.RefColumns[i]), qualCol("j", far.Columns[i]))
	}
	order := ""
	if jt.key != nil {
		order = " ORDER BY " + colList(jt.key, "j")
	}
	sql := g.sqlConst(f, name, fmt.Sprintf("SELECT %s, %s FROM %s AS j JOIN %s AS x ON %s WHERE %s%s",
		colList(other.t.Columns, "x"), colList(t.Columns, "j"), g.tableSQL(t), g.tableSQL(other.t), joinAnd(on), whereEq(near.Columns, "j", 1), order))
	decl, use := g.keyParams(near.Columns)
	var scan []jen.Code
	for _, c := range other.t.Columns {
		scan = append(scan, jen.Op("&").Id("r").Dot(row.Far).Dot(g.n.field(c)))
	}
	for _, c := range t.Columns {
		scan = append(scan, jen.Op("&").Id("r").Dot(row.Link).Dot(g.n.field(c)))
	}
	f.Commentf("%s returns the %s linked to the %s with the given %s", name, model.Plural(far.Role), near.Role, columnNames(near.RefColumns))
	f.Commentf("(%s), each with its %s.", rel.Label(), jt.Struct)
	f.Add(recv()).Id(name).Params(append([]jen.Code{ctxParam()}, decl...)...).Params(jen.Index().Id(row.Type), jen.Error()).Block(
		jen.List(jen.Id("rows"), jen.Err()).Op(":=").Id("q").Dot("db").Dot("Query").Call(append([]jen.Code{jen.Id("ctx"), jen.Id(sql)}, use...)...),
		errReturn("opSelect", jen.Nil()),
		jen.Defer().Id("rows").Dot("Close").Call(),
		jen.Var().Id("out").Index().Id(row.Type),
		jen.For(jen.Id("rows").Dot("Next").Call()).Block(
			jen.Var().Id("r").Id(row.Type),
			jen.If(jen.Err().Op(":=").Id("rows").Dot("Scan").Call(scan...), jen.Err().Op("!=").Nil()).Block(
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

func joinAnd(parts []string) string {
	s := ""
	for i, p := range parts {
		if i > 0 {
			s += " AND "
		}
		s += p
	}
	return s
}
