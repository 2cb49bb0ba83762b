package runtime

import (
	"context"
	"errors"
	"reflect"
)

// Table is a table of rows R, for the operations on its rows: Create,
// Update, Patch, Delete, List, Count, Find and Copy. K is its primary
// key's Go type (the column's, or the struct of a composite key's
// columns), P what Create and Copy take (a field per column an INSERT
// writes, in their order), PA what Patch takes (an Opt per column it may
// write) and F what Find takes (a Cond per column). The generated
// package declares one Table per entity, named after its rows (Users):
//
//	u, err := Create(ctx, db, Users, CreateUserParams{Name: "Ann"})
//	u, err = Patch(ctx, db, Users, u.ID, UserPatch{Name: Set("Anne")})
//	page, err := Find(ctx, db, Users, UserFilter{Name: Eq("Anne")}, UsersByID, nil, 20)
//
// Like Ref, a Table is data, the constant SQL of each statement and where
// its values sit in the rows, and the functions are generic over the row
// types, compiled where a program calls them (see Ref). A statement a
// table has none of, Update, Patch or Delete without a primary key or a
// column to write, List without a key, Copy of a column pgx cannot COPY,
// returns ErrNoStatement.
type Table[R, K, P, PA, F any] struct {
	composite              bool   // whether K is the struct of a composite primary key's columns
	createSQL              string // INSERT of P's fields, RETURNING the row
	updateSQL              string // SET of every column but the primary key's, by the primary key
	update                 []int  // updateSQL's parameters: their positions among R's scan targets
	patchSQL               string // UPDATE by the primary key ($1...), then a Set flag and a value per field of PA
	deleteSQL              string // DELETE by the primary key
	listSQL, listAfterSQL  string // the first page in key order (LIMIT $1), the page after a key
	key                    []int  // the key List orders by: its positions among R's scan targets
	countSQL               string // count(*) of the table
	findSQL                string // the SELECT Find adds its WHERE, ORDER BY and LIMIT to
	filter                 []filterColumn
	copyTable, copyColumns []string // COPY's target, P's columns in order; copyTable nil: no Copy
	copyDefault            []bool   // per field of P: whether nil means the column's default
}

// Key is a primary or UNIQUE key of the table of rows R, for Get (the row
// with a key) and Upsert (an INSERT of Create's P that updates the row
// with the same key when there is one). K is the key's Go type, the
// column's or the struct of a composite key's columns in their order; P is
// struct{} for a key without Upsert (one whose columns an INSERT does not
// write: a serial key). The generated package declares one Key per key,
// named after the rows and the key's columns (UserByID, UserByEmail).
type Key[R, K, P any] struct {
	getSQL    string
	upsertSQL string
	composite bool // whether K is the struct of the key's columns
}

// ErrNoStatement is returned by an operation on a Table, Key, Ref or
// Through that has no such statement: see Table, and Ref for the queries
// over many parents of a key with an array column, or counts of a 1:1.
var ErrNoStatement = errors.New(packageName + ": no such statement for this table or key")

// Create inserts a row and returns it as stored, with every column the
// database filled (keys, defaults): a field of p that is a pointer and
// marked "nil: DEFAULT" takes the column's default when nil.
func Create[R, K, P, PA, F any](ctx context.Context, db DBTX, t *Table[R, K, P, PA, F], p P) (R, error) {
	return queryRow[R](db.QueryRow(ctx, t.createSQL, inputArgs(p)...), opInsert)
}

// Update writes every column of r except its primary key to the row with
// r's primary key, or returns ErrNotFound.
func Update[R, K, P, PA, F any](ctx context.Context, db DBTX, t *Table[R, K, P, PA, F], r *R) error {
	if t.updateSQL == "" {
		return ErrNoStatement
	}
	return execOne(ctx, db, opUpdate, t.updateSQL, columnArgs(r, t.update)...)
}

// Patch writes the fields of p that are set (Set(v); Set[*T](nil) writes
// NULL to a nullable column) to the row with the primary key key, leaving
// its other columns as they are, and returns the row as stored, or
// ErrNotFound.
func Patch[R, K, P, PA, F any](ctx context.Context, db DBTX, t *Table[R, K, P, PA, F], key K, p PA) (R, error) {
	var r R
	if t.patchSQL == "" {
		return r, ErrNoStatement
	}
	n := reflect.TypeFor[PA]().NumField()
	pp, args := withRoom(p, keyLen[K](t.composite)+2*n)
	args = appendKey(args, key, t.composite)
	v := reflect.ValueOf(pp).Elem()
	for i := range n {
		o := v.Field(i) // an Opt: Value, then Set
		set := o.Field(1).Bool()
		args = append(args, set)
		if set {
			args = append(args, argOf(o.Field(0)))
		} else {
			args = append(args, nil)
		}
	}
	return queryRow[R](db.QueryRow(ctx, t.patchSQL, args...), opUpdate)
}

// Delete deletes the row with the primary key key, or returns
// ErrNotFound. The relationships referring to it decide what else it
// does: the generated Table's comment says it per relationship.
func Delete[R, K, P, PA, F any](ctx context.Context, db DBTX, t *Table[R, K, P, PA, F], key K) error {
	if t.deleteSQL == "" {
		return ErrNoStatement
	}
	return execOne(ctx, db, opDelete, t.deleteSQL, appendKey(nil, key, t.composite)...)
}

// List returns at most limit rows in key order, starting after the row
// after, or at the first when after is nil: pass the last row of a page
// to get the next (keyset pagination).
func List[R, K, P, PA, F any](ctx context.Context, db DBTX, t *Table[R, K, P, PA, F], after *R, limit int) ([]R, error) {
	var out []R
	if t.listSQL == "" {
		return nil, ErrNoStatement
	}
	if after == nil {
		err := queryAll(ctx, db, &out, t.listSQL, limit)
		return out, err
	}
	err := queryAll(ctx, db, &out, t.listAfterSQL, append(columnArgs(after, t.key), limit)...)
	return out, err
}

// Count returns the number of rows of the table.
func Count[R, K, P, PA, F any](ctx context.Context, db DBTX, t *Table[R, K, P, PA, F]) (int64, error) {
	return queryCount(ctx, db, t.countSQL)
}

// Find returns at most limit rows that match f, each field of f that is
// set a condition on its column (Eq, Ne, Lt, Le, Gt, Ge, Between, In,
// IsNull, NotNull, and for arrays and json Contains, Overlaps, HasKey),
// in the given order, starting after the row after, or at the first when
// after is nil: pass the last row of a page to get the next (keyset
// pagination). The orders are the Ordering values declared with the
// table, one per key and index in each direction; the zero Ordering is no
// particular order, for a table without a key, with after nil: a row to
// start after in no order is errNoOrder, since the first rows again would
// make a pager loop. Each condition set adds one constant clause to the
// query, so a program runs as many statements as it has shapes of filters.
func Find[R, K, P, PA, F any](ctx context.Context, db DBTX, t *Table[R, K, P, PA, F], f F, order Ordering[R], after *R, limit int) ([]R, error) {
	var out []R
	var a rowType
	if after != nil {
		if len(order.o.columns) == 0 {
			return nil, errNoOrder
		}
		a = any(after).(rowType)
	}
	err := find(ctx, db, &out, t.findSQL, t.filter, &f, order.o, a, limit)
	return out, err
}

// errNoOrder is Find's error for a row to start after in no order.
var errNoOrder = errors.New(packageName + ": Find after a row needs an Ordering to page in, not the zero one")

// Copy inserts rows with COPY, the fastest way to load many rows, and
// returns how many it inserted. A row is what Create takes: a field marked
// "nil: DEFAULT" takes the column's default when nil, as in an INSERT.
// COPY has no default within a row, so rows are sent in runs that leave
// the same columns to their defaults, one COPY each, in order, in one
// transaction (a savepoint in the caller's): all rows are inserted, or
// none, and the count is 0 with the error.
func Copy[R, K, P, PA, F any](ctx context.Context, db DBTX, t *Table[R, K, P, PA, F], rows []P) (int64, error) {
	if t.copyTable == nil {
		return 0, ErrNoStatement
	}
	return copyRows(ctx, db, t.copyTable, t.copyColumns, len(rows), func(i int) []any {
		return fieldArgs(&rows[i], t.copyDefault, make([]any, 0, len(t.copyColumns)))
	})
}

// Get returns the row with the key key, or ErrNotFound.
func Get[R, K, P any](ctx context.Context, db DBTX, k *Key[R, K, P], key K) (R, error) {
	return queryRow[R](db.QueryRow(ctx, k.getSQL, appendKey(nil, key, k.composite)...), opSelect)
}

// Upsert inserts p, or when a row with p's key exists, writes p's other
// columns to that row, a column with a default left as it is when its
// field is nil; it returns the row as stored.
func Upsert[R, K, P any](ctx context.Context, db DBTX, k *Key[R, K, P], p P) (R, error) {
	var r R
	if k.upsertSQL == "" {
		return r, ErrNoStatement
	}
	return queryRow[R](db.QueryRow(ctx, k.upsertSQL, inputArgs(p)...), opInsert)
}

// inputArgs are the parameters for the fields of p, in order (see
// fieldArgs), read from a copy of p made with the slice (see withRoom).
func inputArgs[P any](p P) []any {
	pp, args := withRoom(p, reflect.TypeFor[P]().NumField())
	return fieldArgs(pp, nil, args)
}

// withRoom returns a copy of v on the heap and an empty slice with room
// for n values that point into it, in one allocation where n is small:
// a statement's input and its parameters (see argOf), or a row and its
// scan targets (see queryRow). The values point into the copy, which
// must then outlive the call, so the copy is on the heap anyway; making
// it with the slice saves an allocation per statement.
func withRoom[T any](v T, n int) (*T, []any) {
	switch {
	case n <= 4:
		b := &room4[T]{v: v}
		return &b.v, b.d[:0]
	case n <= 8:
		b := &room8[T]{v: v}
		return &b.v, b.d[:0]
	case n <= 16:
		b := &room16[T]{v: v}
		return &b.v, b.d[:0]
	}
	c := new(T) // not &v, which would move v to the heap on every path
	*c = v
	return c, make([]any, 0, n)
}

// room4, room8 and room16 are a value and room for the values that point
// into it (see withRoom). The array of no funcs makes them incomparable,
// so that the compiler writes no equality function for each type a
// program passes: with one, a caller's package compiled a fifth slower.
type (
	room4[T any] struct {
		_ [0]func()
		v T
		d [4]any
	}
	room8[T any] struct {
		_ [0]func()
		v T
		d [8]any
	}
	room16[T any] struct {
		_ [0]func()
		v T
		d [16]any
	}
)

// fieldArgs appends to args the parameters for the fields of the struct
// p points to, in order (see argOf). A field whose defaults entry is true
// and that is nil is useDefault (see copyRows).
func fieldArgs[P any](p *P, defaults []bool, args []any) []any {
	v := reflect.ValueOf(p).Elem()
	for i := range v.NumField() {
		f := v.Field(i)
		if defaults != nil && defaults[i] && f.IsNil() {
			args = append(args, useDefault{})
			continue
		}
		args = append(args, argOf(f))
	}
	return args
}

// argOf is the parameter for the addressable value v: a pointer, slice or
// map as it is (pgx writes nil as NULL, and what a pointer points to), a
// string, integer or bool of Go's own types as its value, which Go puts
// in an interface as a direct call would (small integers without
// allocating), and any other value by its address, which pgx reads
// through. A slice goes by value because pgx encodes a json.RawMessage as
// its bytes but a pointer to one through json.Marshal, which rewrites the
// text.
func argOf(v reflect.Value) any {
	switch v.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface:
		return v.Interface()
	}
	switch p := v.Addr().Interface().(type) {
	case *string:
		return *p
	case *int32:
		return *p
	case *int64:
		return *p
	case *int16:
		return *p
	case *bool:
		return *p
	default:
		return p
	}
}

// columnArgs are the parameters for the columns of the row r at the
// positions at among its scan targets (see argOf).
func columnArgs[R any](r *R, at []int) []any {
	dest := any(r).(rowType).scanDest(nil)
	args := make([]any, len(at), len(at)+1) // room for a LIMIT
	for i, a := range at {
		args[i] = argOf(reflect.ValueOf(dest[a]).Elem())
	}
	return args
}

// keyLen is the number of parameters of a key of type K.
func keyLen[K any](composite bool) int {
	if composite {
		return reflect.TypeFor[K]().NumField()
	}
	return 1
}

// appendKey appends to args the parameters for a key: the key, or for a
// composite key each field of its struct, in order. A key of one column
// of a common type goes into the interface as that type, where Go keeps
// small integers without allocating, as it does for a direct call.
func appendKey[K any](args []any, key K, composite bool) []any {
	if composite {
		n := reflect.TypeFor[K]().NumField()
		kp, own := withRoom(key, n)
		if args == nil {
			args = own // the key's copy and its parameters in one allocation
		}
		return fieldArgs(kp, nil, args)
	}
	switch k := any(&key).(type) {
	case *int32:
		return append(args, *k)
	case *int64:
		return append(args, *k)
	case *int16:
		return append(args, *k)
	case *string:
		return append(args, *k)
	}
	return append(args, key)
}
