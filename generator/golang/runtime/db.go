// This file is the fixed part of every package ergen generates: it is
// embedded in ergen and written into the package as db.go, with this
// comment and the package clause replaced by the generated header. The
// per-table files call its generic helpers, so the code that scans rows,
// maps errors and runs statements is written, compiled and tested once,
// here (see db_test.go). It may use only what every generated package
// declares: the constraint tables and packageName of errors.go.

package runtime

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// DBTX is what the generated methods need from pgx; *pgxpool.Pool, *pgx.Conn
// and pgx.Tx all have it.
type DBTX interface {
	Exec(context.Context, string, ...any) (pgconn.CommandTag, error)
	Query(context.Context, string, ...any) (pgx.Rows, error)
	QueryRow(context.Context, string, ...any) pgx.Row
	CopyFrom(context.Context, pgx.Identifier, []string, pgx.CopyFromSource) (int64, error)
	SendBatch(context.Context, *pgx.Batch) pgx.BatchResults
	Begin(context.Context) (pgx.Tx, error)
}

// DB runs the generated queries on a DBTX.
type DB struct {
	db DBTX
}

// New returns a DB that runs its queries on db.
func New(db DBTX) *DB {
	return &DB{db: db}
}

// DBTX returns the connection, pool or transaction q runs on, so that SQL of
// your own can run beside the generated methods, in the same transaction
// inside InTx.
func (q *DB) DBTX() DBTX { return q.db }

// InTx runs fn in a transaction (a savepoint when q already runs in one): it
// commits when fn returns nil and rolls back when fn fails or panics.
func (q *DB) InTx(ctx context.Context, fn func(*DB) error) error {
	return pgx.BeginFunc(ctx, q.db, func(tx pgx.Tx) error {
		return fn(&DB{db: tx})
	})
}

// ErrNotFound is returned when no row has the given key. It wraps
// pgx.ErrNoRows, so errors.Is(err, pgx.ErrNoRows) holds as well.
var ErrNotFound = fmt.Errorf(packageName+": not found: %w", pgx.ErrNoRows)

// op is what a statement did, to tell which side of a foreign key it hit.
type op uint8

const (
	opSelect op = iota
	opInsert
	opUpdate
	opDelete
)

// ForeignKeyError is a violated foreign key (SQLSTATE 23503): the row a
// statement wrote refers to a missing row, or a delete or update of a
// referenced row was refused by the relationship's policy.
type ForeignKeyError struct {
	Constraint   string // fk_orders_user
	Relationship string // as declared: User 1:N Order
	Table        string // the referencing table
	RefTable     string // the referenced table
	OnDelete     string // the policy, in SQL: RESTRICT, NO ACTION, ...
	OnUpdate     string
	// Referenced is true when a delete or key update of a referenced row
	// was refused because rows still refer to it; false when a written
	// row refers to a row that does not exist.
	Referenced bool
	Deleting   bool   // with Referenced: the refused change was a delete
	child      string // in messages: an order
	children   string // orders
	parent     string // a user
	Err        *pgconn.PgError
}

func (e *ForeignKeyError) Error() string {
	if !e.Referenced {
		return fmt.Sprintf(packageName+": %s refers to %s that does not exist (%s, constraint %s)", e.child, e.parent, e.Relationship, e.Constraint)
	}
	event, action, verb := "UPDATE", e.OnUpdate, "change the key of"
	if e.Deleting {
		event, action, verb = "DELETE", e.OnDelete, "delete"
	}
	return fmt.Sprintf(packageName+": cannot %s %s that %s still refer to: %s forbids it (ON %s %s, constraint %s)", verb, e.parent, e.children, e.Relationship, event, action, e.Constraint)
}

func (e *ForeignKeyError) Unwrap() error { return e.Err }

// UniqueError is a violated primary key or UNIQUE constraint (SQLSTATE 23505).
type UniqueError struct {
	Constraint string
	Table      string
	Columns    string // the key's columns: email, or order_id, product_id
	words      string
	Err        *pgconn.PgError
}

func (e *UniqueError) Error() string {
	return fmt.Sprintf(packageName+": %s with this %s already exists (constraint %s)", e.words, e.Columns, e.Constraint)
}

func (e *UniqueError) Unwrap() error { return e.Err }

// CheckError is a violated CHECK constraint (SQLSTATE 23514).
type CheckError struct {
	Constraint string
	Table      string
	Expr       string // the condition, as declared
	words      string
	Err        *pgconn.PgError
}

func (e *CheckError) Error() string {
	return fmt.Sprintf(packageName+": %s violates %s (constraint %s)", e.words, e.Expr, e.Constraint)
}

func (e *CheckError) Unwrap() error { return e.Err }

// ExclusionError is a violated exclusion constraint (SQLSTATE 23P01): the
// row written conflicts with another, as two bookings of one room whose
// periods overlap.
type ExclusionError struct {
	Constraint string
	Table      string
	Def        string // the constraint: EXCLUDE USING gist (room_id WITH =, during WITH &&)
	words      string
	Err        *pgconn.PgError
}

func (e *ExclusionError) Error() string {
	return fmt.Sprintf(packageName+": %s conflicts with another: %s (constraint %s)", e.words, e.Def, e.Constraint)
}

func (e *ExclusionError) Unwrap() error { return e.Err }

// NotNullError is a NULL written to a NOT NULL column (SQLSTATE 23502):
// a nil pointer or slice given for a column that requires a value, and
// that has no default to take instead.
type NotNullError struct {
	Table  string
	Column string
	Err    *pgconn.PgError
}

func (e *NotNullError) Error() string {
	return fmt.Sprintf(packageName+": %s of %s must not be NULL (column %s is NOT NULL)", e.Column, e.Table, e.Column)
}

func (e *NotNullError) Unwrap() error { return e.Err }

// mapError turns pgx.ErrNoRows into ErrNotFound and a constraint violation
// of this schema into its typed error; any other error is returned as is.
func mapError(err error, o op) error {
	if errors.Is(err, pgx.ErrNoRows) {
		return ErrNotFound
	}
	var pe *pgconn.PgError
	if !errors.As(err, &pe) {
		return err
	}
	switch pe.Code {
	case "23503":
		if e, ok := findConstraint(foreignKeys, pe, func(e *ForeignKeyError) (string, string) { return e.Table, e.Constraint }); ok {
			// PostgreSQL words the two sides differently; the statement's
			// kind decides when the message is translated.
			switch {
			case strings.HasPrefix(pe.Message, "update or delete"):
				e.Referenced = true
			case strings.HasPrefix(pe.Message, "insert or update"):
				e.Referenced = false
			default:
				e.Referenced = o == opDelete
			}
			e.Deleting = e.Referenced && o == opDelete
			e.Err = pe
			return e
		}
	case "23505":
		if e, ok := findConstraint(uniques, pe, func(e *UniqueError) (string, string) { return e.Table, e.Constraint }); ok {
			e.Err = pe
			return e
		}
	case "23502":
		// PostgreSQL names the column in every NOT NULL violation of a
		// table; one without (a domain's) stays as is.
		if pe.ColumnName != "" {
			return &NotNullError{Table: pe.TableName, Column: pe.ColumnName, Err: pe}
		}
	case "23514":
		if e, ok := findConstraint(checks, pe, func(e *CheckError) (string, string) { return e.Table, e.Constraint }); ok {
			e.Err = pe
			return e
		}
	case "23P01":
		if e, ok := findConstraint(exclusions, pe, func(e *ExclusionError) (string, string) { return e.Table, e.Constraint }); ok {
			e.Err = pe
			return e
		}
	}
	return err
}

// findConstraint finds the entry of a constraint table for the constraint pe
// names and returns a copy of it. ergen names every constraint, so the
// lookup by table and constraint is exact; it runs only when a statement
// failed, so a scan of the table costs nothing that matters and spares
// the package a map built at start-up.
func findConstraint[E any](table []E, pe *pgconn.PgError, name func(*E) (string, string)) (*E, bool) {
	for i := range table {
		if t, c := name(&table[i]); t == pe.TableName && c == pe.ConstraintName {
			e := table[i]
			return &e, true
		}
	}
	return nil, false
}

// scannable is a pointer to a generated row type: scanDest lists the addresses
// of its fields in column order, for Scan.
//
// The helpers below are generic over the row type only where they must
// build values of it (lists and maps of rows), and each is one function:
// the compiler makes a copy of a generic function for nearly every table,
// so that how many there are, not how long they are, decides how long a
// large generated package takes to compile.
type scannable[T any] interface {
	*T
	scanDest() []any
}

// scanOne reads the one row of a query into dest.
func scanOne(row pgx.Row, o op, dest []any) error {
	if err := row.Scan(dest...); err != nil {
		return mapError(err, o)
	}
	return nil
}

// collect reads the rows of a query, given with its error, and closes
// them. Rows are read into one variable, cleared before each Scan: pgx
// reuses the memory a field already points to, which would otherwise be
// shared by the rows collected.
func collect[T any, P scannable[T]](rows pgx.Rows, err error) ([]T, error) {
	if err != nil {
		return nil, mapError(err, opSelect)
	}
	defer rows.Close()
	var out []T
	var r, zero T
	dest := P(&r).scanDest()
	for rows.Next() {
		r = zero
		if err := rows.Scan(dest...); err != nil {
			return nil, mapError(err, opSelect)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, mapError(err, opSelect)
	}
	return out, nil
}

// groupBy reads the rows of a batch query for n parents into a map from
// each row's key to the rows with it (see collect). The queries order
// their rows by the key, so the rows of a key come together: they are
// appended to a slice held here, which goes into the map when the key
// changes, rather than looked up and stored in the map once per row.
func groupBy[K comparable, T any, P scannable[T]](rows pgx.Rows, err error, n int, key func(*T) K) (map[K][]T, error) {
	if err != nil {
		return nil, mapError(err, opSelect)
	}
	defer rows.Close()
	out := make(map[K][]T, n)
	var r, zero T
	var cur K
	var group []T // the rows of cur read so far
	dest := P(&r).scanDest()
	for rows.Next() {
		r = zero
		if err := rows.Scan(dest...); err != nil {
			return nil, mapError(err, opSelect)
		}
		if k := key(&r); k != cur || group == nil {
			if group != nil {
				out[cur] = group
			}
			cur, group = k, out[k] // out[k] has rows only if they came apart
		}
		group = append(group, r)
	}
	if group != nil {
		out[cur] = group
	}
	if err := rows.Err(); err != nil {
		return nil, mapError(err, opSelect)
	}
	return out, nil
}

// oneBy is groupBy for parents with at most one row each.
func oneBy[K comparable, T any, P scannable[T]](rows pgx.Rows, err error, n int, key func(*T) K) (map[K]T, error) {
	if err != nil {
		return nil, mapError(err, opSelect)
	}
	defer rows.Close()
	out := make(map[K]T, n)
	var r, zero T
	dest := P(&r).scanDest()
	for rows.Next() {
		r = zero
		if err := rows.Scan(dest...); err != nil {
			return nil, mapError(err, opSelect)
		}
		out[key(&r)] = r
	}
	if err := rows.Err(); err != nil {
		return nil, mapError(err, opSelect)
	}
	return out, nil
}

// groupByOrdinal reads the rows of a batch query for n parents whose first
// column is the number of the parent's key (from 1, WITH ORDINALITY): the
// rows of the i-th key are at i-1.
func groupByOrdinal[T any, P scannable[T]](rows pgx.Rows, err error, n int) ([][]T, error) {
	if err != nil {
		return nil, mapError(err, opSelect)
	}
	defer rows.Close()
	out := make([][]T, n)
	var r, zero T
	var i int64
	dest := append([]any{&i}, P(&r).scanDest()...)
	for rows.Next() {
		r = zero
		if err := rows.Scan(dest...); err != nil {
			return nil, mapError(err, opSelect)
		}
		out[i-1] = append(out[i-1], r)
	}
	if err := rows.Err(); err != nil {
		return nil, mapError(err, opSelect)
	}
	return out, nil
}

// oneByOrdinal is groupByOrdinal for parents with at most one row each:
// nil where a parent has none.
func oneByOrdinal[T any, P scannable[T]](rows pgx.Rows, err error, n int) ([]*T, error) {
	if err != nil {
		return nil, mapError(err, opSelect)
	}
	defer rows.Close()
	out := make([]*T, n)
	var r, zero T
	var i int64
	dest := append([]any{&i}, P(&r).scanDest()...)
	for rows.Next() {
		r = zero
		if err := rows.Scan(dest...); err != nil {
			return nil, mapError(err, opSelect)
		}
		v := r
		out[i-1] = &v
	}
	if err := rows.Err(); err != nil {
		return nil, mapError(err, opSelect)
	}
	return out, nil
}

// execOne runs a statement changing the row with a given key: ErrNotFound
// when there is none.
func execOne(ctx context.Context, db DBTX, o op, sql string, args ...any) error {
	tag, err := db.Exec(ctx, sql, args...)
	if err != nil {
		return mapError(err, o)
	}
	if tag.RowsAffected() == 0 {
		return ErrNotFound
	}
	return nil
}

// execAny runs a statement and reports whether it changed a row.
func execAny(ctx context.Context, db DBTX, o op, sql string, args ...any) (bool, error) {
	tag, err := db.Exec(ctx, sql, args...)
	if err != nil {
		return false, mapError(err, o)
	}
	return tag.RowsAffected() > 0, nil
}

// queryCount runs a query returning one number.
func queryCount(ctx context.Context, db DBTX, sql string) (int64, error) {
	var n int64
	if err := db.QueryRow(ctx, sql).Scan(&n); err != nil {
		return 0, mapError(err, opSelect)
	}
	return n, nil
}

// copyRows inserts n rows with COPY into table (its schema and name, or
// its name), writing columns; values returns the values of row i, in
// which a column to be left to its default is useDefault (see orDefault).
//
// COPY has no DEFAULT in a row of binary data, so rows are sent in runs
// that leave the same columns to their defaults, each run one COPY of the
// other columns: in order, and one COPY in all when every row leaves the
// same columns out, as rows from a loop usually do.
func copyRows(ctx context.Context, db DBTX, table, columns []string, n int, values func(i int) []any) (int64, error) {
	var total int64
	src := &copySource{values: values, n: n}
	for src.start() {
		var copied int64
		var err error
		if cols := src.columns(columns); len(cols) > 0 {
			copied, err = db.CopyFrom(ctx, pgx.Identifier(table), cols, src)
		} else {
			// COPY needs a column: rows of nothing but defaults are one
			// INSERT of as many empty rows.
			for src.Next() {
				copied++
			}
			_, err = db.Exec(ctx, "INSERT INTO "+pgx.Identifier(table).Sanitize()+" SELECT FROM generate_series(1, $1)", copied)
		}
		total += copied
		if err != nil {
			return total, mapError(err, opInsert)
		}
	}
	return total, nil
}

// useDefault stands for a column's default among the values of a row.
type useDefault struct{}

// orDefault is the value of a pointer field whose nil means the column's
// default, as in a Create params struct: the pointer itself, which pgx
// writes as what it points to, or useDefault.
func orDefault[T any](p *T) any {
	if p == nil {
		return useDefault{}
	}
	return p
}

// sliceOrDefault is orDefault for a field of a slice type (bytea, json,
// arrays), where nil means the default.
func sliceOrDefault[S ~[]E, E any](s S) any {
	if s == nil {
		return useDefault{}
	}
	return s
}

// copySource gives pgx one run of rows that leave the same columns to
// their defaults (see copyRows); a row of the next run is read ahead.
type copySource struct {
	values  func(int) []any
	n, next int
	pending []any  // the row read ahead, nil when there is none
	row     []any  // the row Next moved to
	run     []bool // the columns the current run leaves to their defaults
	some    bool   // whether run has any
}

// start begins a run with the next row, or reports that none is left.
func (s *copySource) start() bool {
	if !s.readAhead() {
		return false
	}
	s.run = s.run[:0]
	s.some = false
	for _, v := range s.pending {
		_, d := v.(useDefault)
		s.run = append(s.run, d)
		s.some = s.some || d
	}
	return true
}

func (s *copySource) readAhead() bool {
	if s.pending == nil {
		if s.next == s.n {
			return false
		}
		s.pending = s.values(s.next)
		s.next++
	}
	return true
}

// columns are the columns of the current run.
func (s *copySource) columns(all []string) []string {
	if !s.some {
		return all
	}
	var out []string
	for i, c := range all {
		if !s.run[i] {
			out = append(out, c)
		}
	}
	return out
}

func (s *copySource) Next() bool {
	if !s.readAhead() {
		return false
	}
	for i, v := range s.pending {
		if _, d := v.(useDefault); d != s.run[i] {
			return false
		}
	}
	s.row, s.pending = s.pending, nil
	return true
}

func (s *copySource) Values() ([]any, error) {
	if !s.some {
		return s.row, nil
	}
	out := s.row[:0]
	for i, v := range s.row {
		if !s.run[i] {
			out = append(out, v)
		}
	}
	return out, nil
}

func (s *copySource) Err() error { return nil }
