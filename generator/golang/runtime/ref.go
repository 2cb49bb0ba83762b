package runtime

import (
	"context"
	"reflect"

	"github.com/jackc/pgx/v5"
)

// Ref is a foreign key of the table of rows C (the child) to the table of
// rows P (the parent), whose referenced key has the Go type K: its one
// column's type, or the struct of a composite key's columns. The
// generated package declares one Ref per foreign key of an entity, named
// after the child and its role (OrderUser: the user of an order), and
// four functions follow it either way:
//
//	ParentOf(ctx, db, OrderUser, &order)        // the user of an order
//	ChildrenOf(ctx, db, OrderUser, userID)      // the orders of a user
//	ChildrenOfMany(ctx, db, OrderUser, userIDs) // the orders of many users, in one query
//	CountChildrenOf(ctx, db, OrderUser, userIDs) // how many each has, in one query
//
// What they return is part of Ref's type, so that each foreign key's
// results are typed for it: Children (what ChildrenOf returns) is []C for
// a 1:N relationship and C for a 1:1; Batch is what ChildrenOfMany returns
// and Counts what CountChildrenOf returns, a map by K where Go's == on K
// is PostgreSQL's = on the key, else a slice in the order of the keys.
//
// A Ref is data: the constant SQL of its queries and where the key's
// values sit in the rows. The functions are written once, here, generic
// over the row types, so that the compiler builds their code where a
// program calls them rather than once per foreign key of the generated
// package, whose compile time would otherwise grow with the schema.
type Ref[C, P, K, Children, Batch, Counts any] struct {
	parentSQL   string // the parent by the key the foreign key refers to
	fk          []int  // the foreign key's columns among C's scan targets, in parentSQL's parameter order
	childrenSQL string // the children of one parent
	args        []int  // a composite K: the field of K for each parameter of childrenSQL, batchSQL and countSQL, and each key column countSQL selects
	batchSQL    string // the children of many parents; "" when a key column is an array (ErrNoStatement)
	keyAt       []int  // a batch keyed by K: where K (each of its fields) is among the rows' scan targets; nil: numbered WITH ORDINALITY
	countSQL    string // the children of many parents, counted; "" for a 1:1 relationship or an array key
}

// ParentOf returns the row child refers to through r, or ErrNotFound when
// a column of the foreign key is NULL in child.
func ParentOf[C, P, K, Children, Batch, Counts any](ctx context.Context, db DBTX, r *Ref[C, P, K, Children, Batch, Counts], child *C) (P, error) {
	var p P
	args := columnArgs(child, r.fk)
	for _, a := range args {
		switch v := reflect.ValueOf(a); v.Kind() {
		case reflect.Pointer, reflect.Slice:
			if v.IsNil() { // a NULL in the foreign key: no parent
				return p, ErrNotFound
			}
		}
	}
	return queryRow[P](db.QueryRow(ctx, r.parentSQL, args...), opSelect)
}

// ChildrenOf returns the rows whose foreign key r is key: for a 1:N
// relationship all of them, in the key order of their table, and for a
// 1:1 the one row, or ErrNotFound.
func ChildrenOf[C, P, K, Children, Batch, Counts any](ctx context.Context, db DBTX, r *Ref[C, P, K, Children, Batch, Counts], key K) (Children, error) {
	var out Children
	args := keyArgs(r.args, key)
	if _, ok := any(&out).(rowType); ok { // a 1:1 relationship's one row
		return queryRow[Children](db.QueryRow(ctx, r.childrenSQL, args...), opSelect)
	}
	err := queryAll(ctx, db, &out, r.childrenSQL, args...)
	return out, err
}

// ChildrenOfMany loads the children (Children) of many parents in one
// query, without a query per parent. With a Batch of map type, a parent's
// children are at its key, and a parent without any has no entry; with a
// slice, those of keys[i] are at i (nil for a 1:1 child that is missing),
// and PostgreSQL's equality, not Go's, matched them to their key.
func ChildrenOfMany[C, P, K, Children, Batch, Counts any](ctx context.Context, db DBTX, r *Ref[C, P, K, Children, Batch, Counts], keys []K) (Batch, error) {
	var out Batch
	if r.batchSQL == "" {
		return out, ErrNoStatement
	}
	rows, err := db.Query(ctx, r.batchSQL, keyArrays(r.args, keys)...)
	perKey := reflect.TypeFor[Batch]().Elem().Kind() == reflect.Slice
	switch {
	case r.keyAt != nil && perKey:
		err = groupBy(rows, err, len(keys), &out, r.keyAt...)
	case r.keyAt != nil:
		err = oneBy(rows, err, len(keys), &out, r.keyAt...)
	case perKey:
		err = groupByOrdinal(rows, err, len(keys), &out)
	default:
		err = oneByOrdinal(rows, err, len(keys), &out)
	}
	return out, err
}

// CountChildrenOf counts the children of many parents in one query. With
// Counts a map, a parent without children has no entry, so that m[k] > 0
// tells whether it has any; with a slice ([]int64), the count of keys[i]
// is at i.
func CountChildrenOf[C, P, K, Children, Batch, Counts any](ctx context.Context, db DBTX, r *Ref[C, P, K, Children, Batch, Counts], keys []K) (Counts, error) {
	var out Counts
	if r.countSQL == "" {
		return out, ErrNoStatement
	}
	rows, err := db.Query(ctx, r.countSQL, keyArrays(r.args, keys)...)
	if counts, ok := any(&out).(*[]int64); ok {
		*counts, err = countByOrdinal(rows, err, len(keys))
		return out, err
	}
	err = countBy(rows, err, len(keys), &out, r.args)
	return out, err
}

// keyArgs are the parameters for one key: the key itself (see
// appendKey), or the fields of a composite key's struct in the order of
// fields.
func keyArgs[K any](fields []int, key K) []any {
	if fields == nil {
		return appendKey(nil, key, false)
	}
	kp, args := withRoom(key, len(fields))
	v := reflect.ValueOf(kp).Elem()
	for _, f := range fields {
		args = append(args, argOf(v.Field(f)))
	}
	return args
}

// keyArrays are the parameters for many keys, one array per key column:
// the keys themselves, or for a composite key one slice per field of its
// struct, in the order of fields, each typed as the field is, which pgx
// encodes as a PostgreSQL array.
func keyArrays[K any](fields []int, keys []K) []any {
	if fields == nil {
		return []any{keys}
	}
	v := reflect.ValueOf(keys)
	arrays := make([]any, len(fields))
	for i, f := range fields {
		a := reflect.MakeSlice(reflect.SliceOf(v.Type().Elem().Field(f).Type), v.Len(), v.Len())
		for j := range v.Len() {
			a.Index(j).Set(v.Index(j).Field(f))
		}
		arrays[i] = a.Interface()
	}
	return arrays
}

// countBy reads the rows of a query of (key columns, count) for n parents
// into out, a *map[K]int64: a parent without children has no entry.
// fields are the fields of a composite K the key columns are read into,
// nil for a key of one column.
func countBy(rows pgx.Rows, err error, n int, out any, fields []int) error {
	if err != nil {
		return mapError(err, opSelect)
	}
	defer rows.Close()
	m := reflect.ValueOf(out).Elem()
	m.Set(reflect.MakeMapWithSize(m.Type(), n))
	k := reflect.New(m.Type().Key()).Elem()
	var c int64
	dest := []any{k.Addr().Interface()}
	if fields != nil {
		dest = dest[:0]
		for _, f := range fields {
			dest = append(dest, k.Field(f).Addr().Interface())
		}
	}
	dest = append(dest, &c)
	count := reflect.ValueOf(&c).Elem()
	for rows.Next() {
		k.SetZero()
		if err := rows.Scan(dest...); err != nil {
			return mapError(err, opSelect)
		}
		m.SetMapIndex(k, count)
	}
	return closeRows(rows)
}
