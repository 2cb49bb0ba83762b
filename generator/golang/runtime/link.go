package runtime

import (
	"context"
)

// Junction is the junction table of an M:N relationship, with rows J,
// for Link (add a pair, or write the attributes of a pair linked already),
// Unlink and GetLink. K is the Go type of the key a link is found by: the
// pair of foreign keys, or for a junction keyed by line number its
// primary key (the same pair may then be on several lines); P is what
// Link takes, the pair and the relationship's attributes. The generated
// package declares one Junction per M:N relationship, named after the
// junction's rows (OrderItems).
type Junction[J, K, P any] struct {
	linkSQL   string
	returning bool   // whether linkSQL returns whether it inserted (ON CONFLICT DO UPDATE), else its row count tells
	unlinkSQL string // DELETE by K
	getSQL    string // SELECT by K
	composite bool   // whether K is a struct of several columns
}

// Link links a pair, or when the pair (or line) is linked already, writes
// p's attributes to the link, an attribute with a default left as it is
// when its field is nil (or points to what pgx writes as NULL), and a
// nullable one with a default when its Opt is unset (Set[*T](nil) writes
// NULL). It reports whether a link was added.
func Link[J, K, P any](ctx context.Context, db DBTX, j *Junction[J, K, P], p P) (bool, error) {
	if j.returning {
		return queryBool(ctx, db, opInsert, j.linkSQL, inputArgs(p)...)
	}
	return execAny(ctx, db, opInsert, j.linkSQL, inputArgs(p)...)
}

// Unlink removes the link with the key key and reports whether there was
// one.
func Unlink[J, K, P any](ctx context.Context, db DBTX, j *Junction[J, K, P], key K) (bool, error) {
	return execAny(ctx, db, opDelete, j.unlinkSQL, appendKey(nil, key, j.composite)...)
}

// GetLink returns the link with the key key, or ErrNotFound.
func GetLink[J, K, P any](ctx context.Context, db DBTX, j *Junction[J, K, P], key K) (J, error) {
	return queryRow[J](db.QueryRow(ctx, j.getSQL, appendKey(nil, key, j.composite)...), opSelect)
}

// Through is one side of an M:N relationship: the rows T of the far side
// linked to a row of the near side, each with its junction row, for
// Linked (one near row, by its key K) and LinkedOfMany (many, in one
// query, returning Batch: a map by K when Go's == on K is PostgreSQL's =
// on the key, else a slice in the order of the keys). The generated
// package declares one Through per side, named after what it lists
// (ProductsOfOrder, OrdersOfProduct).
type Through[T, K, Batch any] struct {
	sql      string
	args     []int  // a composite K: its field for each parameter (see Ref)
	batchSQL string // "" when a key column is an array
	keyAt    []int  // a batch keyed by K: where K is among the scan targets; nil: WITH ORDINALITY
}

// Linked returns the far rows linked to the near row with the key key,
// each with its link, in the junction's key order.
func Linked[T, K, Batch any](ctx context.Context, db DBTX, th *Through[T, K, Batch], key K) ([]T, error) {
	var out []T
	err := queryAll(ctx, db, &out, th.sql, keyArgs(th.args, key)...)
	return out, err
}

// LinkedOfMany is Linked for many near rows in one query.
func LinkedOfMany[T, K, Batch any](ctx context.Context, db DBTX, th *Through[T, K, Batch], keys []K) (Batch, error) {
	var out Batch
	if th.batchSQL == "" {
		return out, ErrNoStatement
	}
	rows, err := db.Query(ctx, th.batchSQL, keyArrays(th.args, keys)...)
	if th.keyAt != nil {
		err = groupBy(rows, err, len(keys), &out, th.keyAt...)
	} else {
		err = groupByOrdinal(rows, err, len(keys), &out)
	}
	return out, err
}
