package golang

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"
	"github.com/ergen-dev/ergen/generator/model"
)

// filter declares what the runtime's Find needs for a table: the
// filtered, ordered, keyset-paged listing of its rows,
//
//	Find(ctx, db, Issues, IssueFilter{ProjectID: Eq(p.ID), DeletedAt: IsNull[time.Time]()},
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
// place, so it has no Ordering values: Find takes the zero Ordering.
//
// It returns the filter's type, the SELECT Find adds to, the variable
// holding the filter's columns and, in words, the Ordering values.
func (f *file) filter(tb *table) (typ string, sql, columns jen.Code, orders string) {
	t := tb.t
	g := f.g
	name := g.n.find(tb)
	typ = g.n.filterType(tb)
	// The filter's columns, {"name", "cast", kind} a line, are constants,
	// written as text (see literal.go), as jen lays out a literal of one
	// element a line.
	var fields []field
	cols := f.literal().raw("[]filterColumn{")
	for _, c := range t.Columns {
		fields = append(fields, field{g.n.field(c), f.condType(c.Type), condNote(c.Type)})
		col, cast := g.filterColumn(c)
		cols.raw("\n{").quote(col).raw(", ").quote(cast).raw(", ").raw(columnKind(c.Type)).raw("},")
	}
	if len(t.Columns) > 0 {
		cols.raw("\n")
	}
	colsLit := cols.raw("}").code()
	f.docf("%s selects %s for Find: each field set is a condition on its", typ, pluralWords(t))
	f.doc("column (Eq, Ne, Lt, Le, Gt, Ge, Between, In, IsNull, NotNull), and a")
	f.doc("row must meet them all.")
	f.decl(structType(typ, fields))

	// The filter's columns, in the order of its fields, are data the
	// runtime's find reads.
	colsVar := g.n.columns(name)
	f.docf("%s are the columns of the fields of %s, in order.", colsVar, typ)
	f.decl(jen.Var().Id(colsVar).Op("=").Add(colsLit))
	if tb.key != nil {
		orders = f.orderings(tb)
	}
	sql = f.sqlConst(name, g.selectAll(tb))
	return typ, sql, jen.Id(colsVar), orders
}

// filterColumn is column c as its filter's conditions read it, and the
// cast of their array parameters (see the runtime's filterColumn). An
// array of json, which has no equality, reads as jsonb[], column and
// parameters, as a json column reads as its jsonb.
func (g *gen) filterColumn(c *model.Column) (name, cast string) {
	if u := c.Type.Underlying(); u.Array > 0 && u.Base == model.JSON {
		return model.QuoteIdent(c.Name) + "::jsonb[]", "::jsonb[]"
	}
	return g.cmpCol("", c), g.enumArrayCast(c.Type)
}

// columnKind is the runtime's columnKind of a column of type t: how its
// filter's conditions treat it.
func columnKind(t model.Type) string {
	switch t = t.Underlying(); {
	case t.Array > 0:
		return "columnArray"
	case t.Base == model.JSON:
		return "columnJSON"
	}
	return "columnPlain"
}

// enumArrayCast is the cast of a parameter that holds an array of the
// values of a column of type t, sent as text[], when they are an enum's:
// ::text[]::shop.mood[], since pgx knows no enum type of the schema (see
// arrayParam). It is "" for other types. The values are of the type the
// column compares as (model.Type.ComparedAs): the enum's array for a
// domain over the enum, which filters read cast to the enum (see cmpCol),
// the domain's array for an array of the domain (feeling[] = mood[] does
// not exist), the enum's array for a domain over the enum's array.
func (g *gen) enumArrayCast(t model.Type) string {
	t = t.ComparedAs()
	u := t.Underlying()
	switch {
	case u.Base != model.EnumType:
		return ""
	case t.Array > 0:
		return "::text[]::" + g.s.TypeSQL(t)
	case u.Array > 0:
		return "::text[]::" + g.s.TypeSQL(u)
	}
	return "::text[]::" + g.s.TypeSQL(t) + "[]"
}

// condNote is the comment of a filter's field naming the conditions only
// its type has: PostgreSQL's jsonb and array operators. In on an array
// column compares whole arrays, one parameter each (see the runtime's
// inEach). json has no operators: its conditions compare its jsonb.
func condNote(t model.Type) string {
	switch t = t.Underlying(); {
	case t.Array > 0 && t.Base == model.JSON:
		return "compared as jsonb[]; also Contains (@>) and Overlaps (&&); In compares whole arrays"
	case t.Array > 0:
		return "also Contains (@>) and Overlaps (&&); In compares whole arrays"
	case t.Base == model.JSONB:
		return "also Contains (@>) and HasKey (?)"
	case t.Base == model.JSON:
		return "compared as jsonb; also Contains (@>) and HasKey (?)"
	}
	return ""
}

// orderings declares the Ordering values of tb's rows, ascending and
// descending, for its key, its unique keys and its btree indexes whose
// scan gives the order (see model.Index.Orders), each once, and returns their names in words for Find's comment. An index's
// keys keep the order it declares (DESC, NULLS FIRST), so that its scan
// serves the query, reversed for the descending Ordering. A nullable
// column orders as PostgreSQL sorts it, NULLs included (see keysetTerms
// in the runtime), and so does an expression (lower(email)), which may
// be NULL whatever its columns: the keyset computes it for the row a
// page starts after from that row's columns (see the runtime's
// orderBy.after). An index with an expression that reads the row other
// than by its columns' names (see model.Table.ExprColumns) gives none.
func (f *file) orderings(tb *table) string {
	t := tb.t
	var sets []orderSet
	add := func(o orderSet, unique bool) {
		// A unique key with a nullable column (or an expression) holds
		// many rows with NULL.
		if !unique || o.nullable() {
			for _, k := range tb.key {
				if !o.has(k) {
					o.terms = append(o.terms, orderTerm{col: k, key: keyOrderName(model.IndexKey{}, false)})
				}
			}
		}
		if !slices.ContainsFunc(sets, func(s orderSet) bool { return slices.EqualFunc(s.terms, o.terms, orderTerm.same) }) {
			sets = append(sets, o)
		}
	}
	add(columnsOrder(tb.key, nil), true)
	for _, k := range t.Uniques {
		add(columnsOrder(k.Columns, nil), true)
	}
	for _, ix := range t.Indexes {
		if !ix.Orders() {
			continue
		}
		if len(ix.Columns) == len(ix.Keys) {
			add(columnsOrder(ix.Columns, ix.Keys), ix.Unique)
		} else if o, ok := exprOrder(t, ix); ok {
			add(o, ix.Unique)
		}
	}
	var names []string
	var defs []jen.Code
	for _, o := range sets {
		def := f.orderDef(t, tb.Struct, o)
		for _, desc := range []bool{false, true} {
			name := f.g.n.ordering(tb, o.label, desc)
			names = append(names, name)
			defs = append(defs, jen.Id(name).Op("=").Op(def(desc)))
		}
	}
	f.docf("The orders of %s for Find: by each key and index, ascending and", pluralWords(t))
	f.doc("descending (Desc), the key last where the index is not unique.")
	f.decl(jen.Var().Defs(defs...))
	switch len(names) {
	case 2:
		return names[0] + " and " + names[1]
	default:
		return fmt.Sprintf("%s to %s (%s in all)", names[0], names[len(names)-1], strconv.Itoa(len(names)))
	}
}

// orderDef returns the Ordering of o in a direction, the rows of type typ
// in the order of the runtime's orderBy: its columns' SQL, the positions
// of the keyset's parameters in the row, the direction, the keyOrders
// unless all are plain, for an order over expressions the SQL of each
// keyset value, and the columns as the keyset compares them when one
// differs (see cmpCol). It is a literal of constants, written as text
// (see literal.go).
func (f *file) orderDef(t *model.Table, typ string, o orderSet) func(desc bool) string {
	var sqls, cmps, keys, after []string
	var pos []int
	plain, exprs, cast := true, false, false
	for _, tm := range o.terms {
		keys = append(keys, tm.key)
		plain = plain && tm.key == keyOrderNames[0]
		if tm.col != nil {
			name, cmp := model.QuoteIdent(tm.col.Name), f.g.cmpCol("", tm.col)
			cast = cast || cmp != name
			sqls = append(sqls, name)
			cmps = append(cmps, cmp)
			after = append(after, "$%["+strconv.Itoa(len(pos)+1)+"]d")
			pos = append(pos, columnIndex(t, tm.col))
			continue
		}
		exprs = true
		sqls = append(sqls, tm.expr)
		cmps = append(cmps, tm.expr)
		after = append(after, f.g.exprValue(tm, len(pos)+1))
		for _, c := range tm.uses {
			pos = append(pos, columnIndex(t, c))
		}
	}
	h := f.literal().raw("Ordering[").raw(typ).raw("]{orderBy{").strings(sqls).raw(", ").ints(pos).raw(", ").String()
	tail := f.literal()
	switch {
	case exprs:
		tail.raw(", ").idents("keyOrder", keys).raw(", ").strings(after)
	case plain:
		tail.raw(", nil, nil")
	default:
		tail.raw(", ").idents("keyOrder", keys).raw(", nil")
	}
	if cast {
		tail.raw(", ").strings(cmps).raw("}}")
	} else {
		tail.raw(", nil}}")
	}
	tl := tail.String()
	return func(desc bool) string { return h + strconv.FormatBool(desc) + tl }
}

// exprValue is the format of the runtime's orderBy.after for an
// expression: the expression computed from the values of the columns it
// names, parameters from %[first]d on, each cast to its column's type and
// named as the column, so that the expression's text is the index's own.
// A value goes to pgx as it would to the column (valueParam: a domain's
// as its base type), then cast to the column's type, without a length
// that would cut it (see model.Schema.CastSQL); an enum array's as
// text[] (see enumArrayCast).
func (g *gen) exprValue(tm orderTerm, first int) string {
	pct := strings.NewReplacer("%", "%%")
	if len(tm.uses) == 0 {
		return "(SELECT " + pct.Replace(tm.expr) + ")"
	}
	params := make([]string, len(tm.uses))
	names := make([]string, len(tm.uses))
	for i, c := range tm.uses {
		// The column's collation too: the expression computes as on the
		// table (lower() maps case by it).
		cast := g.valueCast(c)
		if to := "::" + g.s.CastSQL(c.Type.Referencing()); to != cast {
			cast += to
		}
		cast += c.Type.CollateSQL()
		if c.Type.Underlying().Array > 0 && c.Type.Underlying().Base == model.EnumType {
			cast = g.enumArrayCast(c.Type)
		}
		params[i] = fmt.Sprintf("$%%[%d]d", first+i) + pct.Replace(cast)
		names[i] = pct.Replace(model.QuoteIdent(c.Name))
	}
	return fmt.Sprintf("(SELECT %s FROM (VALUES (%s)) AS a(%s))", pct.Replace(tm.expr), joinComma(params), joinComma(names))
}

// orderSet is an Ordering: its columns, and the words it is named by
// (Email, TeamAndSeat, LowerHandle).
type orderSet struct {
	terms []orderTerm
	label string
}

// orderTerm is a column of an Ordering: a column of the table, or an
// index's expression with the columns it names; and its order, a
// keyOrder of the runtime by name.
type orderTerm struct {
	col  *model.Column
	expr string
	uses []*model.Column
	key  string
}

// same reports whether two terms are the same column or expression: of
// two indexes over them, only the first gives an Ordering.
func (tm orderTerm) same(o orderTerm) bool {
	return tm.col == o.col && tm.expr == o.expr
}

func (o orderSet) nullable() bool {
	return slices.ContainsFunc(o.terms, func(tm orderTerm) bool { return tm.col == nil || tm.col.Nullable })
}

func (o orderSet) has(c *model.Column) bool {
	return slices.ContainsFunc(o.terms, func(tm orderTerm) bool { return tm.col == c })
}

// columnsOrder is the order of a key or an index over cols, whose keys
// (nil for a key) give each column's order.
func columnsOrder(cols []*model.Column, keys []model.IndexKey) orderSet {
	o := orderSet{label: columnsName(cols)}
	for i, c := range cols {
		var k model.IndexKey
		if keys != nil {
			k = keys[i]
		}
		o.terms = append(o.terms, orderTerm{col: c, key: keyOrderName(k, c.Nullable)})
	}
	return o
}

// exprOrder is the order of an index with an expression among its keys,
// named after the index; ok is false when an expression reads the row
// other than by its columns' names.
func exprOrder(t *model.Table, ix *model.Index) (o orderSet, ok bool) {
	o.label = indexLabel(t, ix)
	for _, k := range ix.Keys {
		if k.Column != nil {
			o.terms = append(o.terms, orderTerm{col: k.Column, key: keyOrderName(k, k.Column.Nullable)})
			continue
		}
		uses, ok := t.ExprColumns(k.Expr)
		if !ok {
			return o, false
		}
		o.terms = append(o.terms, orderTerm{expr: k.Expr, uses: uses, key: keyOrderName(k, true)})
	}
	return o, true
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

func columnIndex(t *model.Table, c *model.Column) int {
	for i, x := range t.Columns {
		if x == c {
			return i
		}
	}
	panic("golang: column " + c.Name + " is not in " + t.Name)
}
