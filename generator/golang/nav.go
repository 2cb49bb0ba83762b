package golang

import (
	"fmt"
	"strings"

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
	if !fk.Required() {
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

// mapKey reports whether a column's Go type can key the map a batch
// method returns: Go's == on the values must be PostgreSQL's = on them,
// or a caller's lookup would miss rows the query found. That excludes the
// types Go cannot compare (numeric holds a *big.Int; bytea, json and
// arrays are slices) and those whose Go equality differs from the SQL
// one: time.Time compares the location (12:00Z and 13:00+01 are equal in
// SQL), intervals compare fields (1 day = 24 hours in SQL), char(n)
// ignores trailing spaces in SQL, a float NaN equals itself in SQL only,
// and a pgtype.Time is NULL unless Valid is set.
func mapKey(t model.Type) bool {
	if t.Array > 0 {
		return false
	}
	switch t.Base {
	case model.Numeric, model.JSON, model.JSONB, model.Bytea, model.Time, model.Interval,
		model.Timestamp, model.TimestampTZ, model.Date, model.Char, model.Real, model.DoublePrecision:
		return false
	}
	return true
}

// batchable reports whether the children of many parents can be loaded
// in one query, passing one array per key column: not when a key column
// is itself an array, since unnest flattens every dimension and an array
// of arrays would arrive as their elements.
func batchable(fk *model.ForeignKey) bool {
	for _, c := range fk.Columns {
		if c.Type.Array > 0 {
			return false
		}
	}
	return true
}

// refKey is the struct of cols when a composite foreign key refers to
// them and they are not the table's key, or nil.
func (tb *table) refKey(cols []*model.Column) *refKey {
	for _, rk := range tb.refKeys {
		if sameCols(rk.cols, cols) {
			return rk
		}
	}
	return nil
}

// refKeyType names the struct of the columns fk refers to.
func (g *gen) refKeyType(fk *model.ForeignKey) string {
	parent := g.info[fk.RefTable]
	if rk := parent.refKey(fk.RefColumns); rk != nil {
		return rk.Type
	}
	return parent.KeyType
}

// refKeyTypes declares the structs of the column sets composite foreign
// keys refer to besides tb's key, each with the row's method returning it.
func (g *gen) refKeyTypes(f *jen.File, tb *table) {
	for _, rk := range tb.refKeys {
		f.Commentf("%s is the unique key (%s) of %s that foreign keys refer to.", rk.Type, columnNames(rk.cols), article(words(tb.t)))
		var defs, vals []jen.Code
		var null jen.Code
		for _, c := range rk.cols {
			defs = append(defs, jen.Id(g.n.field(c)).Add(baseGoType(g.n, c.Type)))
			v := jen.Id("r").Dot(g.n.field(c))
			if nilIsNull(c) {
				isNil := jen.Id("r").Dot(g.n.field(c)).Op("==").Nil()
				if null == nil {
					null = isNil
				} else {
					null = jen.Add(null).Op("||").Add(isNil)
				}
				v = jen.Op("*").Add(v)
			}
			vals = append(vals, jen.Id(g.n.field(c)).Op(":").Add(v))
		}
		f.Type().Id(rk.Type).Struct(defs...)
		f.Line()
		recvr := jen.Func().Params(jen.Id("r").Op("*").Id(tb.Struct)).Id(rk.Method).Params()
		if null == nil {
			f.Commentf("%s returns the row's %s.", rk.Method, rk.Type)
			f.Add(recvr).Id(rk.Type).Block(jen.Return(jen.Id(rk.Type).Values(vals...)))
		} else {
			// A key with a NULL column is no key: no foreign key matches it.
			f.Commentf("%s returns the row's %s, or false when a column of it is NULL", rk.Method, rk.Type)
			f.Comment("(no foreign key refers to such a row).")
			f.Add(recvr).Params(jen.Id(rk.Type), jen.Bool()).Block(
				jen.If(null).Block(jen.Return(jen.Id(rk.Type).Values(), jen.False())),
				jen.Return(jen.Id(rk.Type).Values(vals...), jen.True()),
			)
		}
		f.Line()
	}
}

// batch loads the children of many parents in one query, without N+1.
//
// The parents' keys travel as one array per key column, each a slice of
// the column's Go type, which pgx encodes as a PostgreSQL array from its
// built-in codecs. An array of composite values, (b, c) = ANY($1), would
// need the row type registered with pgx on every connection, and its
// encoding goes through reflection over the elements.
//
// When every key column can key a Go map (see mapKey), the result is a map
// from the parent's key (the column, or for a composite key the struct of
// the parent's columns) to its children:
//
//	WHERE fk = ANY($1)
//	WHERE (b, c) IN (SELECT * FROM unnest($1::integer[], $2::integer[]))
//
// Otherwise PostgreSQL's equality alone decides which children belong to
// which parent: the query numbers the keys WITH ORDINALITY, and the result
// is a slice in the order of the keys given, the children of keys[i] at i.
func (g *gen) batch(f *jen.File, child *table, fk *model.ForeignKey) {
	if !batchable(fk) {
		return
	}
	keyed := true
	for _, c := range fk.Columns {
		keyed = keyed && mapKey(c.Type)
	}
	composite := len(fk.Columns) > 1
	name := g.n.batch(child, fk)
	var keyType *jen.Statement
	if composite {
		keyType = jen.Id(g.refKeyType(fk))
	} else {
		keyType = baseGoType(g.n, fk.Columns[0].Type)
	}

	// Parameters: the keys, and for a composite key one local slice per
	// column, filled from them.
	params := g.n.params()
	var param string
	var prep []jen.Code
	var arrays []jen.Code
	if composite {
		param = params.batchKeysParam(fk.Role)
		var fill []jen.Code
		for i, c := range fk.Columns {
			ref := fk.RefColumns[i]
			local := params.batchParam(c)
			prep = append(prep, jen.Id(local).Op(":=").Make(jen.Index().Add(baseGoType(g.n, c.Type)), jen.Len(jen.Id(param))))
			fill = append(fill, jen.Id(local).Index(jen.Id("i")).Op("=").Id("k").Dot(g.n.field(ref)))
			arrays = append(arrays, jen.Id(local))
		}
		prep = append(prep, jen.For(jen.List(jen.Id("i"), jen.Id("k")).Op(":=").Range().Id(param)).Block(fill...))
	} else {
		param = params.batchParam(fk.Columns[0])
		arrays = []jen.Code{jen.Id(param)}
	}
	casts := make([]string, len(fk.Columns))
	for i, c := range fk.Columns {
		casts[i] = g.arrayParam(i+1, c)
	}

	one := fk.Relationship.Card == model.OneToOne
	var sql string
	var valType jen.Code
	var store []jen.Code
	var scan []jen.Code
	var outType jen.Code
	if keyed {
		order := " ORDER BY " + colList(fk.Columns, "")
		if child.key != nil {
			order += ", " + colList(child.key, "")
		}
		where := fmt.Sprintf("%s = ANY($1)", model.QuoteIdent(fk.Columns[0].Name))
		if fk.Columns[0].Type.Base == model.EnumType {
			where = fmt.Sprintf("%s = ANY(%s)", model.QuoteIdent(fk.Columns[0].Name), casts[0])
		}
		if composite {
			where = fmt.Sprintf("(%s) IN (SELECT * FROM unnest(%s))", colList(fk.Columns, ""), joinComma(casts))
		}
		sql = fmt.Sprintf("SELECT %s FROM %s WHERE %s%s", colList(child.t.Columns, ""), g.tableSQL(child.t), where, order)
		var key jen.Code
		if composite {
			var vals []jen.Code
			for i, c := range fk.Columns {
				v := jen.Id("r").Dot(g.n.field(c))
				if nilIsNull(c) {
					// A row with a NULL key column matches no key.
					v = jen.Op("*").Add(v)
				}
				vals = append(vals, jen.Id(g.n.field(fk.RefColumns[i])).Op(":").Add(v))
			}
			store = append(store, jen.Id("k").Op(":=").Id(g.refKeyType(fk)).Values(vals...))
			key = jen.Id("k")
		} else {
			k := jen.Id("r").Dot(g.n.field(fk.Columns[0]))
			if nilIsNull(fk.Columns[0]) {
				k = jen.Op("*").Add(k)
			}
			key = k
		}
		if one {
			valType = jen.Id(child.Struct)
			store = append(store, jen.Id("out").Index(key).Op("=").Id("r"))
		} else {
			valType = jen.Index().Id(child.Struct)
			store = append(store, jen.Id("out").Index(key).Op("=").Append(jen.Id("out").Index(key), jen.Id("r")))
		}
		outType = jen.Map(keyType.Clone()).Add(valType)
		scan = g.scanArgs(child.t, "r")
	} else {
		kcols := make([]string, len(fk.Columns))
		on := make([]string, len(fk.Columns))
		for i, c := range fk.Columns {
			kcols[i] = fmt.Sprintf("k%d", i+1)
			on[i] = fmt.Sprintf("%s = k.k%d", qualCol("c", c), i+1)
		}
		order := " ORDER BY k.i"
		if child.key != nil {
			order += ", " + colList(child.key, "c")
		}
		sql = fmt.Sprintf("SELECT k.i, %s FROM unnest(%s) WITH ORDINALITY AS k(%s, i) JOIN %s AS c ON %s%s",
			colList(child.t.Columns, "c"), joinComma(casts), joinComma(kcols), g.tableSQL(child.t), joinAnd(on), order)
		store = append(store, jen.Var().Id("i").Int64())
		scan = append([]jen.Code{jen.Op("&").Id("i")}, g.scanArgs(child.t, "r")...)
		if one {
			valType = jen.Op("*").Id(child.Struct)
			store = append(store, jen.Id("out").Index(jen.Id("i").Op("-").Lit(1)).Op("=").Op("&").Id("r"))
		} else {
			valType = jen.Index().Id(child.Struct)
			store = append(store, jen.Id("out").Index(jen.Id("i").Op("-").Lit(1)).Op("=").Append(jen.Id("out").Index(jen.Id("i").Op("-").Lit(1)), jen.Id("r")))
		}
		outType = jen.Index().Add(valType)
	}
	sqlID := g.sqlConst(f, name, sql)

	rel := fk.Relationship
	keyedBy := columnNames(fk.Columns)
	if composite {
		keyedBy = fmt.Sprintf("%s (%s)", g.refKeyType(fk), columnNames(fk.RefColumns))
	}
	f.Commentf("%s loads the %s of many %s in one query (%s),", name, pluralWords(child.t), model.Plural(fk.Role), rel.Label())
	switch {
	case keyed && one:
		f.Commentf("keyed by %s; %s without one has no entry.", keyedBy, article(fk.Role))
	case keyed:
		f.Commentf("keyed by %s; %s without any has no entry.", keyedBy, article(fk.Role))
	case one:
		f.Commentf("in the order of %s: the %s of %s[i] is at i, nil when it has none.", param, words(child.t), param)
		f.Comment("PostgreSQL matches the keys, as the foreign key does; Go's == would not.")
	default:
		f.Commentf("in the order of %s: the %s of %s[i] are at i.", param, pluralWords(child.t), param)
		f.Comment("PostgreSQL matches the keys, as the foreign key does; Go's == would not.")
	}
	var paramType jen.Code = jen.Index().Add(keyType.Clone())

	loop := []jen.Code{jen.Var().Id("r").Id(child.Struct)}
	if !keyed {
		loop = append(loop, store[0])
		store = store[1:]
	}
	loop = append(loop, jen.If(jen.Err().Op(":=").Id("rows").Dot("Scan").Call(scan...), jen.Err().Op("!=").Nil()).Block(
		jen.Return(jen.Nil(), jen.Id("mapError").Call(jen.Err(), jen.Id("opSelect"))),
	))
	loop = append(loop, store...)

	mk := jen.Id("out").Op(":=").Make(outType, jen.Len(jen.Id(param)))
	body := append(prep,
		jen.List(jen.Id("rows"), jen.Err()).Op(":=").Id("q").Dot("db").Dot("Query").Call(append([]jen.Code{jen.Id("ctx"), jen.Id(sqlID)}, arrays...)...),
		errReturn("opSelect", jen.Nil()),
		jen.Defer().Id("rows").Dot("Close").Call(),
		mk,
		jen.For(jen.Id("rows").Dot("Next").Call()).Block(loop...),
		jen.If(jen.Err().Op(":=").Id("rows").Dot("Err").Call(), jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Nil(), jen.Id("mapError").Call(jen.Err(), jen.Id("opSelect"))),
		),
		jen.Return(jen.Id("out"), jen.Nil()),
	)
	f.Add(recv()).Id(name).Params(ctxParam(), jen.Id(param).Add(paramType)).Params(outType, jen.Error()).Block(body...)
	f.Line()
}

// arrayParam is the SQL of parameter i, an array of column c's values.
// pgx knows no enum type of the schema, so an enum array travels as text[]
// and PostgreSQL casts it.
func (g *gen) arrayParam(i int, c *model.Column) string {
	if c.Type.Base == model.EnumType {
		return fmt.Sprintf("$%d::text[]::%s[]", i, g.s.TypeSQL(c.Type))
	}
	return fmt.Sprintf("$%d::%s[]", i, g.s.TypeSQL(c.Type))
}

func joinComma(parts []string) string { return strings.Join(parts, ", ") }

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
