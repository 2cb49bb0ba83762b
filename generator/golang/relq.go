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

// countSQL counts the children of many parents in one query, taking the
// parents' keys as batch loading does (see batchSQL):
//
//	SELECT user_id, count(*) FROM orders WHERE user_id = ANY($1) GROUP BY user_id
//
// A parent without children has no row. Keys that cannot key a Go map
// (bytea, numeric, timestamps) are numbered WITH ORDINALITY, and the
// counts come by their number.
func (g *gen) countSQL(child *table, fk *model.ForeignKey, keyed bool) string {
	from := g.batchFrom(child, fk, keyed, "", "")
	if !keyed {
		return fmt.Sprintf("SELECT k.i, count(*) FROM %s GROUP BY k.i", from)
	}
	cols := colList(fk.Columns, "")
	return fmt.Sprintf("SELECT %s, count(*) FROM %s GROUP BY %s", cols, from, cols)
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
