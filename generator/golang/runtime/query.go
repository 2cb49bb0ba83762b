package runtime

// The query surface beyond CRUD: the fields of patches, the conditions,
// orders and keyset pages of Find, and counts per parent. ergen writes
// what follows the imports into the generated db.go after runtime/db.go,
// so it may import only what db.go imports.

import (
	"context"
	"fmt"
	"reflect"
	"strings"

	"github.com/jackc/pgx/v5"
)

// Opt is a field of a generated patch struct: the value to write, and
// whether to write it; the zero Opt writes nothing. It is also the field
// Create, Upsert, Link and Copy take for a nullable column with a
// default, where NULL and the default differ: the zero Opt takes the
// default (and an upsert's update keeps the stored value), Set(v) writes
// v, and Set[*T](nil) NULL (Set[[]T](nil) for a slice: Set(nil) does not
// compile, T cannot be inferred from nil).
type Opt[T any] struct {
	Value T
	Set   bool
}

// isSet tells fieldArgs an Opt from any other struct field.
func (o *Opt[T]) isSet() bool { return o.Set }

// Set returns the Opt that writes v: Set("Ann"), or Set[*string](nil) to
// write NULL to a nullable column.
func Set[T any](v T) Opt[T] { return Opt[T]{Value: v, Set: true} }

// Cond is a condition on one column of a generated filter struct; the
// zero Cond is no condition. Build one with Eq, Ne, Lt, Le, Gt, Ge,
// Between, In, IsNull or NotNull; on a jsonb or json column also Contains
// and HasKey, on an array column (an enum array too) Contains and
// Overlaps. A json column compares as its jsonb.
type Cond[T any] struct {
	op     condOp
	v, hi  T
	values []T
	key    string // HasKey's
}

type condOp uint8

const (
	condNone condOp = iota
	condEq
	condNe
	condLt
	condLe
	condGt
	condGe
	condBetween
	condIn
	condInEach
	condIsNull
	condNotNull
	condContains
	condOverlaps
	condHasKey
)

// condSQL are the conditions' SQL, %[1]s the column, %[2]d, %[3]d its
// parameters and %[4]s their cast (see filterColumn): the fixed
// vocabulary every filter's SQL is built from, with inList for
// condInEach, whose number of parameters varies.
var condSQL = [...]string{
	condEq:      "%[1]s = $%[2]d%[4]s",
	condNe:      "%[1]s <> $%[2]d%[4]s",
	condLt:      "%[1]s < $%[2]d%[4]s",
	condLe:      "%[1]s <= $%[2]d%[4]s",
	condGt:      "%[1]s > $%[2]d%[4]s",
	condGe:      "%[1]s >= $%[2]d%[4]s",
	condBetween: "%[1]s BETWEEN $%[2]d%[4]s AND $%[3]d%[4]s",
	condIn:      "%[1]s = ANY($%[2]d%[4]s)",
	condIsNull:  "%[1]s IS NULL",
	condNotNull: "%[1]s IS NOT NULL",
	// GIN indexes serve these three: jsonb_ops all of them, and an
	// array's default operator class the first two.
	condContains: "%[1]s @> $%[2]d%[4]s",
	condOverlaps: "%[1]s && $%[2]d%[4]s",
	condHasKey:   "%[1]s ? $%[2]d",
}

// Eq is column = v.
func Eq[T any](v T) Cond[T] { return Cond[T]{op: condEq, v: v} }

// Ne is column <> v.
func Ne[T any](v T) Cond[T] { return Cond[T]{op: condNe, v: v} }

// Lt is column < v.
func Lt[T any](v T) Cond[T] { return Cond[T]{op: condLt, v: v} }

// Le is column <= v.
func Le[T any](v T) Cond[T] { return Cond[T]{op: condLe, v: v} }

// Gt is column > v.
func Gt[T any](v T) Cond[T] { return Cond[T]{op: condGt, v: v} }

// Ge is column >= v.
func Ge[T any](v T) Cond[T] { return Cond[T]{op: condGe, v: v} }

// Between is column BETWEEN lo AND hi, both included.
func Between[T any](lo, hi T) Cond[T] { return Cond[T]{op: condBetween, v: lo, hi: hi} }

// In is column = ANY(values): no row when values is empty. On an array
// column it is column IN (values), each a whole array.
func In[T any](values ...T) Cond[T] { return Cond[T]{op: condIn, values: values} }

// IsNull is column IS NULL: IsNull[time.Time]() for a deleted_at that
// marks soft-deleted rows.
func IsNull[T any]() Cond[T] { return Cond[T]{op: condIsNull} }

// NotNull is column IS NOT NULL.
func NotNull[T any]() Cond[T] { return Cond[T]{op: condNotNull} }

// Contains is column @> v: a jsonb column (or a json column's jsonb)
// containing the JSON v (Contains(json.RawMessage(`{"state": "open"}`))),
// or an array column holding every element of v (Contains([]string{"bug"})).
func Contains[T ~[]E, E any](v T) Cond[T] { return Cond[T]{op: condContains, v: v} }

// Overlaps is column && v: an array column holding an element of v.
func Overlaps[T ~[]E, E any](v T) Cond[T] { return Cond[T]{op: condOverlaps, v: v} }

// HasKey is column ? key: a jsonb column (or a json column's jsonb) whose
// top-level object has the key, or whose array holds the string:
// HasKey[json.RawMessage]("due").
func HasKey[T ~[]byte](key string) Cond[T] { return Cond[T]{op: condHasKey, key: key} }

// clause is a Cond on its column, as findSQL reads it.
type clause struct {
	column string // the quoted column, or its jsonb for a json column
	cast   string // the cast of the parameters, for enums (see filterColumn)
	op     condOp
	args   []any
}

// on is c on the column col.
func (c Cond[T]) on(col filterColumn) clause {
	cl := clause{column: col.name, op: c.op}
	switch {
	case col.kind == columnJSON && c.op != condNone && c.op != condIsNull && c.op != condNotNull:
		// json has no operators: its values compare as jsonb.
		cl.column += "::jsonb"
	case col.kind == columnArray:
		cl.cast = col.cast
	}
	switch c.op {
	case condNone, condIsNull, condNotNull:
	case condBetween:
		cl.args = []any{c.v, c.hi}
	case condHasKey:
		cl.args = []any{c.key}
	case condIn:
		if col.cast != "" && col.kind != columnArray {
			// pgx knows no enum type of the schema: the values go as text.
			s := make([]string, len(c.values))
			for i, v := range c.values {
				s[i] = fmt.Sprint(v)
			}
			cl.cast, cl.args = col.cast, []any{s}
			break
		}
		cl.args = []any{c.values}
	default:
		cl.args = []any{c.v}
	}
	return cl
}

// filterColumn is the column of a field of a generated filter struct:
// the column as its conditions read it (its quoted name, cast where the
// column does not compare as itself: "f"::mood for a domain over an enum,
// "c"::jsonb[] for an array of json), the cast of an array parameter
// (::text[]::mood[]: pgx knows no enum type of the schema, so such an
// array travels as text[]; ::jsonb[]) or "", and its kind.
type filterColumn struct {
	name, cast string
	kind       columnKind
}

// columnKind is how a filter's conditions treat a column.
type columnKind uint8

const (
	columnPlain columnKind = iota
	// columnArray is an array column: its values are arrays, so In
	// compares whole arrays, one parameter each, where = ANY($1) would
	// compare element by element, and an enum array's cast is that of
	// every parameter. A plain column's cast is In's only.
	columnArray
	// columnJSON is a json column, which has no operators: IsNull and
	// NotNull test the column, every other condition its jsonb, as
	// json::jsonb reads it (the last of duplicate keys; a value with
	// \u0000 fails the query rather than match wrongly).
	columnJSON
)

// condition is a Cond of any type, as find reads the fields of a filter.
type condition interface {
	on(col filterColumn) clause
}

// find runs a Find query and reads its rows into out (a *[]T): sel is the
// table's SELECT, filter a pointer to its filter struct, whose fields are
// Conds on columns, in that order, and after the row a page starts after,
// a nil *T for the first page. The filter is read by reflection rather
// than by code generated per table, for the reason collect is (see
// db.go).
func find(ctx context.Context, db DBTX, out any, sel string, columns []filterColumn, filter any, o orderBy, after rowType, limit int) error {
	var a []any
	if after != nil && !reflect.ValueOf(after).IsNil() {
		// The row's values, as parameters (argOf): its scan targets are
		// pointers to its fields, and a pointer to a nil *pgtype.Numeric
		// makes pgx call a method on the nil pointer.
		a = after.scanDest(nil)
		for i, d := range a {
			a[i] = argOf(reflect.ValueOf(d).Elem())
		}
	}
	f := reflect.ValueOf(filter).Elem()
	var clauses []clause
	for i, c := range columns {
		cl := f.Field(i).Addr().Interface().(condition).on(c)
		if c.kind == columnArray && cl.op == condIn {
			cl = inEach(cl)
		}
		if cl.op != condNone {
			clauses = append(clauses, cl)
		}
	}
	sql, args := findSQL(sel, clauses, o, a, limit)
	rows, err := db.Query(ctx, sql, args...)
	return collect(rows, err, out)
}

// Ordering is an order of the rows of T that Find pages in: the
// columns or expressions of a key or index, followed by the table's key
// when they are not unique, so that every row has one place (keyset
// pagination). The generated package declares one per key or index and
// direction.
type Ordering[T any] struct{ o orderBy }

// orderBy is an Ordering, the same for every row type.
type orderBy struct {
	columns []string // quoted: "created_at", "id"; or an index's expression: lower(email)
	fields  []int    // the positions in the row's scanDest of the keyset's parameters
	desc    bool     // the order of keys reversed, NULLs' places too
	// keys are the order of each column and whether it may be NULL, as
	// the index declares them; nil when every column is NOT NULL and
	// ascending.
	keys []keyOrder
	// after is, for an order over expressions, the SQL of each column's
	// value in the keyset row: a format whose %[k]d is the number of the
	// parameter holding fields[k-1]. An expression's value is computed
	// from the columns it names, passed with their types and named as
	// the table's, so that its text is the index's own:
	//
	//	(SELECT lower(email) FROM (VALUES ($%[1]d::text)) AS a(email))
	//
	// Within the subquery a name is a's column before the table's, and a
	// holds every column the expression names. after is nil when every
	// column is one of the table's, whose value is fields[i], $first+i.
	after []string
	// compare are the columns as the keyset compares them, where one
	// differs from its entry in columns: a domain over an enum, which
	// PostgreSQL 15 compares with no operator, cast to the enum
	// ("mood"::shop.mood; its index still serves the comparison, but not
	// an ORDER BY of the cast). nil when every column compares as itself.
	compare []string
}

// cmp is column i as the keyset compares it.
func (o orderBy) cmp(i int) string {
	if o.compare != nil {
		return o.compare[i]
	}
	return o.columns[i]
}

// keyset writes the keyset row's values, whose parameters are numbered
// from first: value(i) writes column i's.
type keyset struct {
	b     *strings.Builder
	o     orderBy
	first int
	nums  []any // the parameters' numbers, for o.after's formats
}

func newKeyset(b *strings.Builder, o orderBy, first int) keyset {
	k := keyset{b: b, o: o, first: first}
	if o.after != nil {
		k.nums = make([]any, len(o.fields))
		for i := range k.nums {
			k.nums[i] = first + i
		}
	}
	return k
}

func (k keyset) value(i int) {
	if k.nums == nil {
		fmt.Fprintf(k.b, "$%d", k.first+i)
		return
	}
	fmt.Fprintf(k.b, k.o.after[i], k.nums...)
}

// keyOrder is the order of one column of an Ordering: a direction, where
// NULLs come (PostgreSQL's default: last ascending, first descending),
// and whether the column is nullable.
type keyOrder uint8

const (
	keyAsc keyOrder = iota
	keyDesc
	keyAscNullsFirst
	keyDescNullsLast
	keyNullableAsc
	keyNullableDesc
	keyNullableAscNullsFirst
	keyNullableDescNullsLast
)

// key is the order of column i, in the direction o pages in.
func (o orderBy) key(i int) (desc, nullsFirst, nullable bool) {
	var k keyOrder
	if o.keys != nil {
		k = o.keys[i]
	}
	desc = k&1 != 0
	nullsFirst = desc != (k&2 != 0)
	return desc != o.desc, nullsFirst != o.desc, k&4 != 0
}

// findSQL builds a Find query: the SELECT of the table, the clauses that
// are set, the keyset after the row whose scan targets are after (nil for
// the first page), the order (none when it has no columns, for a table
// without a key) and the limit. Every part is a constant of the generated
// package or of condSQL, never a caller's string, so a query's text
// depends only on which conditions are set: the shapes a program uses are
// few, and pgx prepares each once.
func findSQL(sel string, clauses []clause, o orderBy, after []any, limit int) (string, []any) {
	var b strings.Builder
	b.WriteString(sel)
	// A SELECT laid out on several lines gets its clauses on lines of
	// their own too.
	nl := " "
	if strings.Contains(sel, "\n") {
		nl = "\n"
	}
	var args []any
	and := nl + "WHERE "
	for _, c := range clauses {
		if c.op == condNone {
			continue
		}
		b.WriteString(and)
		and = " AND "
		if c.op == condInEach {
			inList(&b, c.column, c.cast, len(args)+1, len(c.args))
		} else {
			fmt.Fprintf(&b, condSQL[c.op], c.column, len(args)+1, len(args)+2, c.cast)
		}
		args = append(args, c.args...)
	}
	if after != nil && len(o.columns) > 0 {
		b.WriteString(and)
		first := len(args) + 1
		for _, f := range o.fields {
			args = append(args, after[f])
		}
		if o.keys == nil {
			keysetTuple(&b, o, first)
		} else {
			keysetTerms(&b, o, first)
		}
	}
	for i, c := range o.columns {
		if i == 0 {
			b.WriteString(nl + "ORDER BY ")
		} else {
			b.WriteString(", ")
		}
		b.WriteString(c)
		desc, nullsFirst, _ := o.key(i)
		switch {
		case desc && !nullsFirst:
			b.WriteString(" DESC NULLS LAST")
		case desc:
			b.WriteString(" DESC")
		case nullsFirst:
			b.WriteString(" NULLS FIRST")
		}
	}
	args = append(args, limit)
	fmt.Fprintf(&b, "%sLIMIT $%d", nl, len(args))
	return b.String(), args
}

// keysetTuple writes the rows after the keyset row of an order of NOT NULL
// columns in one direction, whose values are parameters from first on:
// (a, id) > ($1, $2), which a btree index on (a, id) serves.
func keysetTuple(b *strings.Builder, o orderBy, first int) {
	k := newKeyset(b, o, first)
	cmp := " > "
	if o.desc {
		cmp = " < "
	}
	if len(o.columns) == 1 {
		b.WriteString(o.cmp(0) + cmp)
		k.value(0)
		return
	}
	b.WriteString("(")
	for i := range o.columns {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(o.cmp(i))
	}
	b.WriteString(")" + cmp + "(")
	for i := range o.columns {
		if i > 0 {
			b.WriteString(", ")
		}
		k.value(i)
	}
	b.WriteString(")")
}

// keysetTerms writes the rows after the keyset row of any other order:
// a row is after it when it is equal on the first i columns and after it
// on column i, for some i. Equal is IS NOT DISTINCT FROM on a nullable
// column, and after places NULLs where the order does; the text is the
// same whether the keyset row's values are NULL or not, so an order has
// one statement per filter shape. Each parameter is first used in a
// comparison with its column, which gives it the column's type, or cast
// to it (see orderBy.after).
func keysetTerms(b *strings.Builder, o orderBy, first int) {
	k := newKeyset(b, o, first)
	b.WriteString("(")
	for i := range o.columns {
		c := o.cmp(i)
		if i > 0 {
			b.WriteString(" OR ")
		}
		b.WriteString("(")
		for j := range i {
			b.WriteString(o.cmp(j))
			if _, _, nullable := o.key(j); nullable {
				b.WriteString(" IS NOT DISTINCT FROM ")
			} else {
				b.WriteString(" = ")
			}
			k.value(j)
			b.WriteString(" AND ")
		}
		desc, nullsFirst, nullable := o.key(i)
		cmp := " > "
		if desc {
			cmp = " < "
		}
		if !nullable {
			b.WriteString(c + cmp)
			k.value(i)
			b.WriteString(")")
			continue
		}
		// After a NULL come the values; after a value the greater ones,
		// and the NULLs when they come last.
		null, notNull := " IS NULL", " IS NOT NULL"
		if nullsFirst {
			null, notNull = notNull, null
		}
		b.WriteString("(" + c + cmp)
		k.value(i)
		b.WriteString(" OR " + c + null + " AND ")
		k.value(i)
		b.WriteString(notNull + "))")
	}
	b.WriteString(")")
}

// queryBool runs a statement returning one boolean.
func queryBool(ctx context.Context, db DBTX, o op, sql string, args ...any) (bool, error) {
	var b bool
	if err := db.QueryRow(ctx, sql, args...).Scan(&b); err != nil {
		return false, mapError(err, o)
	}
	return b, nil
}

// countByOrdinal reads the rows of a query of (the number of a parent's
// key, from 1, count) for n parents: the count of the i-th key is at i-1,
// 0 for a parent without children.
func countByOrdinal(rows pgx.Rows, err error, n int) ([]int64, error) {
	if err != nil {
		return nil, mapError(err, opSelect)
	}
	defer rows.Close()
	out := make([]int64, n)
	var i, c int64
	for rows.Next() {
		if err := rows.Scan(&i, &c); err != nil {
			return nil, mapError(err, opSelect)
		}
		out[i-1] = c
	}
	if err := rows.Err(); err != nil {
		return nil, mapError(err, opSelect)
	}
	return out, nil
}

// inEach is an In clause on an array column, its values one parameter
// each: column IN ($1, $2, ...) compares whole arrays.
func inEach(cl clause) clause {
	v := reflect.ValueOf(cl.args[0])
	args := make([]any, v.Len())
	for i := range args {
		args[i] = v.Index(i).Interface()
	}
	return clause{column: cl.column, cast: cl.cast, op: condInEach, args: args}
}

// inList writes column IN ($first, ...) for n parameters, each with
// cast, or FALSE for none, as = ANY of an empty array matches no row.
func inList(b *strings.Builder, column, cast string, first, n int) {
	if n == 0 {
		b.WriteString("FALSE")
		return
	}
	b.WriteString(column + " IN (")
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(b, "$%d%s", first+i, cast)
	}
	b.WriteString(")")
}
