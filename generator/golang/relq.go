package golang

import (
	"fmt"

	"github.com/dave/jennifer/jen"
	"github.com/ergen-dev/ergen/generator/model"
)

// singleMapKey reports whether a foreign key is one column that can key a
// Go map (see mapKey): the batch methods below return maps by it.
func singleMapKey(fk *model.ForeignKey) bool {
	return len(fk.Columns) == 1 && fk.Columns[0].Type.Array == 0 && mapKey(fk.Columns[0].Type)
}

// childCounts declares the number of children of many parents in one
// query, for a 1:N foreign key, taking the parents' keys as batch loading
// does (see batch):
//
//	SELECT user_id, count(*) FROM orders WHERE user_id = ANY($1) GROUP BY user_id
//
// A parent without children has no entry, so the map also answers
// whether a parent has any. A composite key counts into a map by the
// struct of the parent's key; keys that cannot key a Go map (bytea,
// numeric, timestamps) are numbered WITH ORDINALITY and the counts come
// as a slice in their order, 0 for a parent without children.
func (f *file) childCounts(child *table, fk *model.ForeignKey) {
	if fk.Relationship.Card == model.OneToOne || !batchable(fk) {
		return
	}
	g := f.g
	name := g.n.childCount(child, fk)
	in := f.batchKeys(fk)
	from := g.batchFrom(child, fk, in.keyed, "", "")
	cols := colList(fk.Columns, "")
	query := fmt.Sprintf("SELECT %s, count(*) FROM %s GROUP BY %s", cols, from, cols)
	if !in.keyed {
		query = fmt.Sprintf("SELECT k.i, count(*) FROM %s GROUP BY k.i", from)
	}
	sql := f.sqlConst(name, query)
	f.docf("%s counts the %s of many %s in one query (%s);", name, pluralWords(child.t), plural(fk.Role), fk.Relationship.Label())
	body := append(in.prep, jen.List(jen.Id("rows"), jen.Err()).Op(":=").Id("q").Dot("db").Dot("Query").Call(codes([]jen.Code{jen.Id("ctx"), sql}, in.arrays...)...))
	n := jen.Len(jen.Id(in.param))
	var result jen.Code
	switch {
	case !in.keyed:
		f.docf("the count of %s[i] is at i, 0 for %s without any. PostgreSQL", in.param, article(fk.Role))
		f.doc("matches the keys, as the foreign key does; Go's == would not.")
		result = jen.Index().Int64()
		body = append(body, jen.Return(jen.Id("countByOrdinal").Call(jen.Id("rows"), jen.Err(), n)))
	case in.composite:
		f.docf("keyed by %s (%s); %s without any has no entry, so", in.keyType.name, columnNames(fk.RefColumns), article(fk.Role))
		f.doc("that m[k] > 0 tells whether it has one.")
		var dest []jen.Code
		for _, c := range fk.RefColumns {
			dest = append(dest, jen.Op("&").Id("k").Dot(g.n.field(c)))
		}
		result = jen.Map(in.keyType.code()).Int64()
		body = append(body, jen.Return(jen.Id("countBy").Call(jen.Id("rows"), jen.Err(), n,
			jen.Func().Params(jen.Id("k").Op("*").Id(in.keyType.name)).Index().Any().Block(jen.Return(jen.Index().Any().Values(dest...))))))
	default:
		f.docf("%s without any has no entry, so that m[k] > 0 tells whether it has one.", article(fk.Role))
		result = jen.Map(in.keyType.code()).Int64()
		body = append(body, jen.Return(jen.Id("countBy").Types(in.keyType.code()).Call(jen.Id("rows"), jen.Err(), n, jen.Nil())))
	}
	f.method(name, []jen.Code{jen.Id(in.param).Index().Add(in.keyType.code())}, jen.Params(result, jen.Error()), body...)
}

// throughBatch is through for many rows on the near side in one query,
// taking their keys as batch loading does (see batch): a map by the near
// key, the struct of a composite one, or for keys that cannot key a Go map
// a slice in the order of the keys, numbered WITH ORDINALITY.
func (f *file) throughBatch(jt *table, side int) {
	g := f.g
	t := jt.t
	rel := t.Relationship
	near, far := rel.ForeignKeys[side], rel.ForeignKeys[1-side]
	parent := g.info[near.RefTable]
	if !batchable(near) || len(near.Columns) > 1 && !sameCols(near.RefColumns, parent.key) && parent.refKey(near.RefColumns) == nil {
		return // a composite key with no struct of its own to key a map
	}
	other := g.info[far.RefTable]
	row := jt.through[side]
	name := g.n.throughBatch(jt, near, far)
	in := f.batchKeys(near)
	on := make([]string, len(far.Columns))
	for i := range far.Columns {
		on[i] = fmt.Sprintf("%s = %s", g.cmpCol("x", far.RefColumns[i]), g.cmpCol("j", far.Columns[i]))
	}
	from := g.batchFrom(jt, near, in.keyed, "j", fmt.Sprintf(" JOIN %s AS x ON %s", g.tableSQL(other.t), joinAnd(on)))
	cols := colList(other.t.Columns, "x") + ", " + colList(t.Columns, "j")
	order := " ORDER BY " + colList(thenCols(near.Columns, jt.key), "j")
	if !in.keyed {
		cols, order = "k.i, "+cols, " ORDER BY k.i"
		if jt.key != nil {
			order += ", " + colList(jt.key, "j")
		}
	}
	sql := f.sqlConst(name, fmt.Sprintf("SELECT %s FROM %s%s", cols, from, order))
	f.docf("%s loads the %s linked to many %s in one query (%s),", name, plural(far.Role), plural(near.Role), rel.Label())
	body := append(in.prep, jen.List(jen.Id("rows"), jen.Err()).Op(":=").Id("q").Dot("db").Dot("Query").Call(codes([]jen.Code{jen.Id("ctx"), sql}, in.arrays...)...))
	n := jen.Len(jen.Id(in.param))
	var result jen.Code
	if in.keyed {
		keyedBy := columnNames(near.Columns)
		if in.composite {
			keyedBy = fmt.Sprintf("%s (%s)", in.keyType.name, columnNames(near.RefColumns))
		}
		f.docf("keyed by %s; %s without any has no entry.", keyedBy, article(near.Role))
		result = jen.Map(in.keyType.code()).Index().Id(row.Type)
		// A row is the far side's columns, then the junction's.
		at := g.keyAt(t, len(other.t.Columns), near.Columns, near.RefColumns, in.composite)
		body = append(body, readInto(result, "groupBy", append([]jen.Code{n, jen.Op("&").Id("out")}, at...)...)...)
	} else {
		f.docf("in the order of %s: the %s of %s[i] are at i.", in.param, plural(far.Role), in.param)
		f.doc("PostgreSQL matches the keys, as the foreign key does; Go's == would not.")
		result = jen.Index().Index().Id(row.Type)
		body = append(body, readInto(result, "groupByOrdinal", n, jen.Op("&").Id("out"))...)
	}
	f.method(name, []jen.Code{jen.Id(in.param).Index().Add(in.keyType.code())}, jen.Params(result, jen.Error()), body...)
}
