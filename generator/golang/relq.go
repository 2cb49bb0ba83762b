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
// query, for a 1:N foreign key of one column:
//
//	SELECT user_id, count(*) FROM orders WHERE user_id = ANY($1) GROUP BY user_id
//
// A parent without children has no entry, so the map also answers
// whether a parent has any.
func (f *file) childCounts(child *table, fk *model.ForeignKey) {
	if fk.Relationship.Card == model.OneToOne || !singleMapKey(fk) {
		return
	}
	g := f.g
	c := fk.Columns[0]
	name := g.n.childCount(child, fk)
	params := g.n.params()
	param := params.batchParam(c)
	where := fmt.Sprintf("%s = ANY($1)", model.QuoteIdent(c.Name))
	if c.Type.Base == model.EnumType {
		where = fmt.Sprintf("%s = ANY(%s)", model.QuoteIdent(c.Name), g.arrayParam(1, c))
	}
	sql := f.sqlConst(name, fmt.Sprintf("SELECT %s, count(*) FROM %s WHERE %s GROUP BY %s", model.QuoteIdent(c.Name), g.tableSQL(child.t), where, model.QuoteIdent(c.Name)))
	f.docf("%s counts the %s of many %s in one query (%s); a %s", name, pluralWords(child.t), plural(fk.Role), fk.Relationship.Label(), fk.Role)
	f.doc("without any has no entry, so that m[k] > 0 tells whether it has one.")
	typ := f.baseGoType(c.Type)
	f.method(name, []jen.Code{jen.Id(param).Index().Add(typ)}, jen.Params(jen.Map(typ.Clone()).Int64(), jen.Error()),
		jen.List(jen.Id("rows"), jen.Err()).Op(":=").Id("q").Dot("db").Dot("Query").Call(jen.Id("ctx"), sql, jen.Id(param)),
		jen.Return(jen.Id("countBy").Types(typ.Clone()).Call(jen.Id("rows"), jen.Err(), jen.Len(jen.Id(param)))))
}

// throughBatch is through for many rows on the near side in one query,
// keyed by the near foreign key's column (when it is one column that can
// key a map).
func (f *file) throughBatch(jt *table, side int) {
	g := f.g
	t := jt.t
	rel := t.Relationship
	near, far := rel.ForeignKeys[side], rel.ForeignKeys[1-side]
	if !singleMapKey(near) {
		return
	}
	c := near.Columns[0]
	other := g.info[far.RefTable]
	row := jt.through[side]
	name := g.n.throughBatch(jt, near, far)
	params := g.n.params()
	param := params.batchParam(c)
	on := make([]string, len(far.Columns))
	for i := range far.Columns {
		on[i] = fmt.Sprintf("%s = %s", qualCol("x", far.RefColumns[i]), qualCol("j", far.Columns[i]))
	}
	order := " ORDER BY " + qualCol("j", c)
	if jt.key != nil {
		order += ", " + colList(jt.key, "j")
	}
	arg := "$1"
	if c.Type.Base == model.EnumType {
		arg = g.arrayParam(1, c)
	}
	sql := f.sqlConst(name, fmt.Sprintf("SELECT %s, %s FROM %s AS j JOIN %s AS x ON %s WHERE %s = ANY(%s)%s",
		colList(other.t.Columns, "x"), colList(t.Columns, "j"), g.tableSQL(t), g.tableSQL(other.t), joinAnd(on), qualCol("j", c), arg, order))
	f.docf("%s loads the %s linked to many %s in one query (%s),", name, plural(far.Role), plural(near.Role), rel.Label())
	f.docf("keyed by %s; %s without any has no entry.", columnNames(near.Columns), article(near.Role))
	typ := f.baseGoType(c.Type)
	f.method(name, []jen.Code{jen.Id(param).Index().Add(typ)}, jen.Params(jen.Map(typ.Clone()).Index().Id(row.Type), jen.Error()),
		jen.List(jen.Id("rows"), jen.Err()).Op(":=").Id("q").Dot("db").Dot("Query").Call(jen.Id("ctx"), sql, jen.Id(param)),
		jen.Return(jen.Id("groupBy").Call(jen.Id("rows"), jen.Err(), jen.Len(jen.Id(param)),
			jen.Func().Params(jen.Id("r").Op("*").Id(row.Type)).Add(typ.Clone()).Block(jen.Return(sel("r", row.Link).Dot(g.n.field(c)))))))
}
