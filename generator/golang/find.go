package golang

import (
	"fmt"
	"strconv"

	"github.com/dave/jennifer/jen"
	"github.com/ergen-dev/ergen/generator/model"
)

// find declares the filtered, ordered, keyset-paged listing of a table:
//
//	db.FindIssues(ctx, IssueFilter{ProjectID: Eq(p.ID), DeletedAt: IsNull[time.Time]()},
//		IssuesByCreatedAtDesc, after, 50)
//
// The filter is a struct of one Cond per column, and the order one of the
// Ordering values declared per key and index; the runtime's findSQL joins
// the set conditions from a fixed vocabulary (condSQL) with the column
// names written here, so a query's text is one of few shapes and never
// holds a caller's string. The alternatives were a method per column and
// condition (hundreds per table, against the compile-time budget of a
// large package) or one constant with every condition behind a flag
// (`$1 OR col = $2`), which PostgreSQL's generic plans cannot serve from
// an index. A table without a key has no order in which a row has one
// place, so its Find takes the filter and a limit only.
func (f *file) find(tb *table) {
	t := tb.t
	g := f.g
	name := g.n.find(tb)
	filter := g.n.filterType(tb)
	var fields []field
	var columns []jen.Code
	for _, c := range t.Columns {
		if !filterable(c.Type) {
			continue
		}
		fn := g.n.field(c)
		fields = append(fields, field{fn, jen.Id("Cond").Types(f.baseGoType(c.Type)), condNote(c.Type)})
		cast := ""
		if c.Type.Base == model.EnumType {
			cast = fmt.Sprintf("::text[]::%s[]", g.s.TypeSQL(c.Type))
		}
		columns = append(columns, jen.Values(goString(model.QuoteIdent(c.Name)), goString(cast), jen.Lit(c.Type.Array > 0)))
	}
	f.docf("%s selects %s for %s: each field set is a condition on its", filter, pluralWords(t), name)
	f.doc("column (Eq, Ne, Lt, Le, Gt, Ge, Between, In, IsNull, NotNull), and a")
	f.doc("row must meet them all.")
	f.decl(structType(filter, fields))

	// The filter's columns, in the order of its fields, are data the
	// runtime's find reads, rather than code in each Find.
	cols := g.n.columns(name)
	f.docf("%s are the columns of the fields of %s, in order.", cols, filter)
	f.decl(jen.Var().Id(cols).Op("=").Index().Id("filterColumn").Custom(jen.Options{Open: "{", Close: "}", Separator: ",", Multi: true}, columns...))
	find := func(sql, order, after jen.Code) []jen.Code {
		return []jen.Code{
			outVar(jen.Index().Id(tb.Struct)),
			jen.Err().Op(":=").Id("find").Call(jen.Id("ctx"), jen.Id("q").Dot("db"), jen.Op("&").Id("out"), sql, jen.Id(cols), jen.Op("&").Id("f"), order, after, jen.Id("limit")),
			jen.Return(jen.Id("out"), jen.Err()),
		}
	}
	if tb.key == nil {
		sql := f.sqlConst(name, fmt.Sprintf("SELECT %s FROM %s", colList(t.Columns, ""), g.tableSQL(t)))
		f.docf("%s returns at most limit %s that match f, in no particular", name, pluralWords(t))
		f.docf("order: %s has no key, so no order in which a row has one place", t.Name)
		f.doc("to page from; each condition set adds one constant clause to the query.")
		f.method(name, []jen.Code{jen.Id("f").Id(filter), jen.Id("limit").Int()}, jen.Params(jen.Index().Id(tb.Struct), jen.Error()),
			find(sql, jen.Id("orderBy").Values(), jen.Nil())...)
		return
	}
	orders := f.orderings(tb, name)
	sql := f.sqlConst(name, fmt.Sprintf("SELECT %s FROM %s", colList(t.Columns, ""), g.tableSQL(t)))
	f.docf("%s returns at most limit %s that match f, in the given order,", name, pluralWords(t))
	f.doc("starting after the row after, or at the first when after is nil: pass")
	f.docf("the last row of a page to get the next (keyset pagination). %s", orders)
	f.doc("are the orders; each condition set adds one constant clause to the query.")
	f.method(name, []jen.Code{jen.Id("f").Id(filter), jen.Id("order").Id("Ordering").Types(jen.Id(tb.Struct)), jen.Id("after").Op("*").Id(tb.Struct), jen.Id("limit").Int()},
		jen.Params(jen.Index().Id(tb.Struct), jen.Error()),
		find(sql, jen.Id("order").Dot("o"), jen.Id("after"))...)
}

// filterable reports whether a column can be a condition of a filter:
// not json, which has no operators (jsonb has), and not an array of
// enums, whose values pgx cannot send without the enum type registered.
func filterable(t model.Type) bool {
	return t.Base != model.JSON && (t.Array == 0 || t.Base != model.EnumType)
}

// condNote is the comment of a filter's field naming the conditions only
// its type has: PostgreSQL's jsonb and array operators. In on an array
// column compares whole arrays, one parameter each (see the runtime's
// inEach).
func condNote(t model.Type) string {
	switch {
	case t.Array > 0:
		return "also Contains (@>) and Overlaps (&&); In compares whole arrays"
	case t.Base == model.JSONB:
		return "also Contains (@>) and HasKey (?)"
	}
	return ""
}

// orderings declares the Ordering values of tb's rows, ascending and
// descending, for its key, its unique keys and its btree indexes over
// columns, each once, and returns their names in words for Find's
// comment. An index's columns keep the order it declares (DESC, NULLS
// FIRST), so that its scan serves the query, reversed for the descending
// Ordering. A nullable column orders as PostgreSQL sorts it, NULLs
// included (see keysetTerms in the runtime). An index with an expression
// key (lower(email)) gives no Ordering: the keyset would compare the
// expression's value for the last row of a page, which the row does not
// hold; a stored generated column with the expression, indexed, does.
func (f *file) orderings(tb *table, find string) string {
	t := tb.t
	// An order is named by the columns of its key or index (UsersByEmail,
	// OrdersByUserID), and sorts by those and the tie-breaking key.
	var sets []orderSet
	add := func(cols []*model.Column, keys []model.IndexKey, unique bool) {
		if len(cols) == 0 {
			return
		}
		o := orderSet{cols: cols, label: cols}
		for i, c := range cols {
			var k model.IndexKey
			if keys != nil {
				k = keys[i]
			}
			o.keys = append(o.keys, keyOrderName(k, c.Nullable))
		}
		// A unique key with a nullable column holds many rows with NULL.
		if !unique || anyNullable(cols) {
			for _, k := range tb.key {
				if !inCols(k, o.cols) {
					o.cols = append(append([]*model.Column{}, o.cols...), k)
					o.keys = append(o.keys, keyOrderName(model.IndexKey{}, false))
				}
			}
		}
		for _, s := range sets {
			if sameCols(s.cols, o.cols) {
				return
			}
		}
		sets = append(sets, o)
	}
	add(tb.key, nil, true)
	for _, k := range t.Uniques {
		add(k.Columns, nil, true)
	}
	for _, ix := range t.Indexes {
		if (ix.Method == "" || ix.Method == "btree") && len(ix.Columns) == len(ix.Keys) && ix.Where == "" {
			add(ix.Columns, ix.Keys, ix.Unique)
		}
	}
	var names []string
	var defs []jen.Code
	for _, o := range sets {
		quoted := make([]jen.Code, len(o.cols))
		pos := make([]jen.Code, len(o.cols))
		plain := true
		var keys []jen.Code
		for i, c := range o.cols {
			quoted[i] = goString(model.QuoteIdent(c.Name))
			pos[i] = jen.Lit(columnIndex(t, c))
			keys = append(keys, jen.Id(o.keys[i]))
			plain = plain && o.keys[i] == keyOrderNames[0]
		}
		order := jen.Index().Id("keyOrder").Values(keys...)
		if plain {
			order = jen.Nil()
		}
		for _, desc := range []bool{false, true} {
			name := f.g.n.ordering(tb, o.label, desc)
			names = append(names, name)
			def := []jen.Code{jen.Index().String().Values(quoted...), jen.Index().Int().Values(pos...), jen.Lit(desc), order.Clone()}
			defs = append(defs, jen.Id(name).Op("=").Id("Ordering").Types(jen.Id(tb.Struct)).Values(jen.Id("orderBy").Values(def...)))
		}
	}
	f.docf("The orders of %s: by each key and index, ascending and", find)
	f.doc("descending (Desc), the key last where the index is not unique.")
	f.decl(jen.Var().Defs(defs...))
	switch len(names) {
	case 2:
		return names[0] + " and " + names[1]
	default:
		return fmt.Sprintf("%s to %s (%s in all)", names[0], names[len(names)-1], strconv.Itoa(len(names)))
	}
}

// orderSet is an Ordering's columns, the order of each (a keyOrder of the
// runtime, by name) and the columns it is named by.
type orderSet struct {
	cols, label []*model.Column
	keys        []string
}

// keyOrderNames are the runtime's keyOrder constants, in their order:
// direction, then NULLs placed against the direction's default, then
// nullable.
var keyOrderNames = [...]string{
	"keyAsc", "keyDesc", "keyAscNullsFirst", "keyDescNullsLast",
	"keyNullableAsc", "keyNullableDesc", "keyNullableAscNullsFirst", "keyNullableDescNullsLast",
}

// keyOrderName is the keyOrder of an index key over a column.
func keyOrderName(k model.IndexKey, nullable bool) string {
	i := 0
	if k.Desc {
		i = 1
	}
	if k.Nulls == "FIRST" && !k.Desc || k.Nulls == "LAST" && k.Desc {
		i += 2
	}
	if nullable {
		i += 4
	}
	return keyOrderNames[i]
}

func anyNullable(cols []*model.Column) bool {
	for _, c := range cols {
		if c.Nullable {
			return true
		}
	}
	return false
}

func columnIndex(t *model.Table, c *model.Column) int {
	for i, x := range t.Columns {
		if x == c {
			return i
		}
	}
	panic("golang: column " + c.Name + " is not in " + t.Name)
}
