// This file is the fixed part of every package ergen generates: it is
// embedded in ergen and written into the package as db.go, with this
// comment and the package clause replaced by the generated header. The
// per-table files call its generic helpers, so the code that scans rows,
// maps errors and runs statements is written, compiled and tested once,
// here (see db_test.go). It may use only what every generated package
// declares: the constraint tables, the partitions and packageName of
// errors.go.

package runtime

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"net/netip"
	"reflect"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
)

// DBTX is what the generated statements run on; *pgxpool.Pool, *pgx.Conn
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
// your own can run beside the generated statements, in the same transaction
// inside InTx.
func (q *DB) DBTX() DBTX { return q.db }

// Exec, Query, QueryRow, CopyFrom, SendBatch and Begin run on the DBTX
// of q, so that a *DB is a DBTX too: the functions that take one, such as
// ChildrenOf, run on a DB as they do on a pool, a connection or a
// transaction.
func (q *DB) Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	return q.db.Exec(ctx, sql, args...)
}
func (q *DB) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	return q.db.Query(ctx, sql, args...)
}
func (q *DB) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row {
	return q.db.QueryRow(ctx, sql, args...)
}
func (q *DB) CopyFrom(ctx context.Context, table pgx.Identifier, columns []string, src pgx.CopyFromSource) (int64, error) {
	return q.db.CopyFrom(ctx, table, columns, src)
}
func (q *DB) SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults {
	return q.db.SendBatch(ctx, b)
}
func (q *DB) Begin(ctx context.Context) (pgx.Tx, error) { return q.db.Begin(ctx) }

// InTx runs fn in a transaction (a savepoint when q already runs in one): it
// commits when fn returns nil and rolls back when fn fails or panics. fn's
// error is returned as it is; a constraint checked at commit (a deferred
// foreign key or unique key) fails the commit with the package's typed
// error, as it would have failed the statement.
func (q *DB) InTx(ctx context.Context, fn func(*DB) error) error {
	var fnErr error
	err := pgx.BeginFunc(ctx, q.db, func(tx pgx.Tx) error {
		fnErr = fn(&DB{db: tx})
		return fnErr
	})
	if err != nil && fnErr == nil {
		return mapError(err, opSelect)
	}
	return err
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
	// refKey, set only when RefTable is partitioned, is the referenced
	// key's columns as PostgreSQL prints them in an error's Detail: what
	// tells the per-partition copy of the key apart (see findConstraint).
	refKey string
	Err    *pgconn.PgError
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
	// key, set only when Table is partitioned, is Columns as PostgreSQL
	// prints them in an error's Detail, quoted where needed.
	key string
	Err *pgconn.PgError
}

func (e *UniqueError) Error() string {
	return fmt.Sprintf(packageName+": %s with this %s already exists (constraint %s)", e.words, e.Columns, e.Constraint)
}

func (e *UniqueError) Unwrap() error { return e.Err }

// CheckError is a violated CHECK constraint (SQLSTATE 23514), of a table
// or of a domain (Domain set, Table empty: PostgreSQL names no table).
type CheckError struct {
	Constraint string
	Table      string // "" for a domain's check
	Domain     string // the domain whose check it is, "" for a table's
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
		if e, ok := findConstraint(foreignKeys, pe, func(e *ForeignKeyError) (string, string, string) { return e.Table, e.Constraint, e.refKey }); ok {
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
		if e, ok := findConstraint(uniques, pe, func(e *UniqueError) (string, string, string) { return e.Table, e.Constraint, e.key }); ok {
			e.Err = pe
			return e
		}
	case "23502":
		// PostgreSQL names the column in every NOT NULL violation of a
		// table; one without (a domain's) stays as is.
		if pe.ColumnName != "" {
			return &NotNullError{Table: rootTable(pe.TableName), Column: pe.ColumnName, Err: pe}
		}
	case "23514":
		if pe.TableName == "" && pe.DataTypeName != "" { // a domain's check, wherever its value was going
			for _, e := range checks {
				if e.Domain == pe.DataTypeName && e.Constraint == pe.ConstraintName {
					e.Err = pe
					return &e
				}
			}
			break
		}
		if e, ok := findConstraint(checks, pe, func(e *CheckError) (string, string, string) { return e.Table, e.Constraint, "" }); ok {
			e.Err = pe
			return e
		}
	case "23P01":
		if e, ok := findConstraint(exclusions, pe, func(e *ExclusionError) (string, string, string) { return e.Table, e.Constraint, "" }); ok {
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
//
// A partitioned table needs two more rules. PostgreSQL reports a row of a
// partition under the partition's name: rootTable maps it to its table,
// and a FOREIGN KEY or CHECK, which every partition inherits under its
// declared name, is then found by name. A primary or unique key is
// enforced by each partition's own index, and a key referencing a
// partitioned table by one copy of the constraint per partition, both
// under names PostgreSQL derives; those are found by the key's columns
// instead: an entry whose key (name's third result, set only where the
// table, or the referenced table, is partitioned) is the column list of
// pe's Detail, "Key (code, region)=(...)", on the same table. When two
// entries match that way, which one was violated is unknown, and pe is
// left as it is rather than guessed.
func findConstraint[E any](table []E, pe *pgconn.PgError, name func(*E) (string, string, string)) (*E, bool) {
	root := rootTable(pe.TableName)
	found := -1
	for i := range table {
		if t, c, _ := name(&table[i]); t == root && c == pe.ConstraintName {
			found = i
			break
		}
	}
	if found < 0 {
		// The key's columns are the Detail's first parentheses (after
		// "Key ", in whatever language the server speaks); the values
		// after them may hold anything.
		_, detail, _ := strings.Cut(pe.Detail, "(")
		for i := range table {
			t, _, key := name(&table[i])
			if key == "" || t != root || !strings.HasPrefix(detail, key+")=(") {
				continue
			}
			if found >= 0 {
				return nil, false
			}
			found = i
		}
	}
	if found < 0 {
		return nil, false
	}
	e := table[found]
	return &e, true
}

// partition is a partition of a table of the schema, at any level.
type partition struct {
	Name  string // as PostgreSQL reports it in an error's TableName
	Table string // the partitioned table of the model
}

// rootTable is the table of the model that the table an error names
// belongs to: the table itself, or the one it is a partition of.
func rootTable(name string) string {
	for _, p := range partitions {
		if p.Name == name {
			return p.Table
		}
	}
	return name
}

// rowType is a pointer to a generated row type: scanDest appends the
// addresses of its fields in column order to dest, for Scan.
type rowType interface {
	scanDest(dest []any) []any
}

// queryRow reads the one row of a query into a new R, made with room for
// its scan targets (see withRoom).
func queryRow[R any](row pgx.Row, o op) (R, error) {
	var zero R
	r, dest := withRoom(zero, reflect.TypeFor[R]().NumField())
	err := scanOne(row, o, any(r).(rowType), dest)
	return *r, err
}

// scanOne reads the one row of a query into r, its scan targets appended
// to dest (see queryRow). It calls r's scanDest here rather than taking its
// result, so that the callers reading one row do not each get a copy of
// scanDest inlined.
func scanOne(row pgx.Row, o op, r rowType, dest []any) error {
	if err := row.Scan(r.scanDest(dest)...); err != nil {
		return mapError(err, o)
	}
	return nil
}

// The helpers below read rows into the slices and maps the generic
// functions return, given as a pointer to the result (out). They
// are not generic over the row type on purpose: the compiler makes a
// copy of a generic function for every struct type it is used with, so
// that a large package compiled one collect and one groupBy per table,
// and how many functions a package has, not how long they are, decides
// how long it takes to compile. Reflection here costs a few calls per
// row, next to pgx's decoding of the row's columns.

// rowScanner reads the rows of a query into one row, cleared before each
// Scan: pgx reuses the memory a field already points to, which would
// otherwise be shared by the rows kept. The row is then copied out.
type rowScanner struct {
	row  reflect.Value // the row type, addressable
	dest []any         // the row's scan targets, after extra
}

// newRowScanner scans rows of type t, with extra scan targets first (the
// number of a parent's key in queries WITH ORDINALITY).
func newRowScanner(t reflect.Type, extra ...any) rowScanner {
	p := reflect.New(t)
	return rowScanner{row: p.Elem(), dest: p.Interface().(rowType).scanDest(extra)}
}

func (s rowScanner) scan(rows pgx.Rows) error {
	s.row.SetZero()
	if err := rows.Scan(s.dest...); err != nil {
		return mapError(err, opSelect)
	}
	return nil
}

// appendRow appends v to the slice list, which is addressable.
func appendRow(list, v reflect.Value) {
	n := list.Len()
	if n == list.Cap() {
		list.Grow(1)
	}
	list.SetLen(n + 1)
	list.Index(n).Set(v)
}

// closeRows closes rows and returns their error, if any.
func closeRows(rows pgx.Rows) error {
	rows.Close()
	if err := rows.Err(); err != nil {
		return mapError(err, opSelect)
	}
	return nil
}

// collect reads the rows of a query, given with its error, into out, a
// *[]T of a generated row type T, and closes them.
func collect(rows pgx.Rows, err error, out any) error {
	if err != nil {
		return mapError(err, opSelect)
	}
	defer rows.Close()
	list := reflect.ValueOf(out).Elem()
	s := newRowScanner(list.Type().Elem())
	for rows.Next() {
		if err := s.scan(rows); err != nil {
			return err
		}
		appendRow(list, s.row)
	}
	return closeRows(rows)
}

// queryAll runs a query and reads its rows into out, a *[]T of a
// generated row type T.
func queryAll(ctx context.Context, db DBTX, out any, sql string, args ...any) error {
	rows, err := db.Query(ctx, sql, args...)
	return collect(rows, err, out)
}

// groupBy reads the rows of a batch query for n parents into out, a
// *map[K][]T, from each row's key to the rows with it. at are the
// positions of the key's columns among the row's scan targets: one for a
// key of one column, one per field of a composite key's struct K. A row
// whose key column is NULL matches no parent and is left out.
//
// The queries order their rows by the key, so the rows of a key come
// together: all rows go into one slice, and each key's entry is its part
// of it, stored when the key changes.
func groupBy(rows pgx.Rows, err error, n int, out any, at ...int) error {
	if err != nil {
		return mapError(err, opSelect)
	}
	defer rows.Close()
	m := reflect.ValueOf(out).Elem()
	m.Set(reflect.MakeMapWithSize(m.Type(), n))
	list := reflect.New(m.Type().Elem()).Elem() // every row read
	s := newRowScanner(list.Type().Elem())
	k := newKeyReader(m.Type().Key(), s.dest, at)
	cur := reflect.New(k.v.Type()).Elem()
	start := -1 // where the rows of cur start in list, -1 before the first
	flush := func() {
		if start < 0 {
			return
		}
		part := list.Slice3(start, list.Len(), list.Len())
		if prev := m.MapIndex(cur); prev.IsValid() { // cur's rows came apart
			part = reflect.AppendSlice(prev, part)
		}
		m.SetMapIndex(cur, part)
	}
	for rows.Next() {
		if err := s.scan(rows); err != nil {
			return err
		}
		if !k.read() {
			continue
		}
		if start < 0 || !k.v.Equal(cur) {
			flush()
			cur.Set(k.v)
			start = list.Len()
		}
		appendRow(list, s.row)
	}
	flush()
	return closeRows(rows)
}

// oneBy is groupBy for parents with at most one row each: out is a
// *map[K]T.
func oneBy(rows pgx.Rows, err error, n int, out any, at ...int) error {
	if err != nil {
		return mapError(err, opSelect)
	}
	defer rows.Close()
	m := reflect.ValueOf(out).Elem()
	m.Set(reflect.MakeMapWithSize(m.Type(), n))
	s := newRowScanner(m.Type().Elem())
	k := newKeyReader(m.Type().Key(), s.dest, at)
	for rows.Next() {
		if err := s.scan(rows); err != nil {
			return err
		}
		if k.read() {
			m.SetMapIndex(k.v, s.row)
		}
	}
	return closeRows(rows)
}

// keyReader reads a map's key from the scan targets of a row.
type keyReader struct {
	v    reflect.Value // of the map's key type, addressable
	dest []any
	at   []int
}

func newKeyReader(t reflect.Type, dest []any, at []int) keyReader {
	return keyReader{v: reflect.New(t).Elem(), dest: dest, at: at}
}

// read sets k.v from the row just scanned, and reports false when a key
// column is NULL.
func (k keyReader) read() bool {
	if len(k.at) == 1 {
		return setKeyField(k.v, k.dest[k.at[0]])
	}
	for i, at := range k.at {
		if !setKeyField(k.v.Field(i), k.dest[at]) {
			return false
		}
	}
	return true
}

// setKeyField sets v to what the scan target p points to: through the pointer
// of a nullable column (false when it is nil), converted where the key's
// type differs from the column's (a serial key referenced as integer).
func setKeyField(v reflect.Value, p any) bool {
	x := reflect.ValueOf(p).Elem()
	if x.Kind() == reflect.Pointer && v.Kind() != reflect.Pointer {
		if x.IsNil() {
			return false
		}
		x = x.Elem()
	}
	if x.Type() != v.Type() {
		x = x.Convert(v.Type())
	}
	v.Set(x)
	return true
}

// groupByOrdinal reads the rows of a batch query for n parents whose first
// column is the number of the parent's key (from 1, WITH ORDINALITY) into
// out, a *[][]T: the rows of the i-th key are at i-1.
func groupByOrdinal(rows pgx.Rows, err error, n int, out any) error {
	if err != nil {
		return mapError(err, opSelect)
	}
	defer rows.Close()
	lists := reflect.ValueOf(out).Elem()
	lists.Set(reflect.MakeSlice(lists.Type(), n, n))
	var i int64
	s := newRowScanner(lists.Type().Elem().Elem(), &i)
	for rows.Next() {
		if err := s.scan(rows); err != nil {
			return err
		}
		appendRow(lists.Index(int(i-1)), s.row)
	}
	return closeRows(rows)
}

// oneByOrdinal is groupByOrdinal for parents with at most one row each:
// out is a *[]*T, nil where a parent has none.
func oneByOrdinal(rows pgx.Rows, err error, n int, out any) error {
	if err != nil {
		return mapError(err, opSelect)
	}
	defer rows.Close()
	ptrs := reflect.ValueOf(out).Elem()
	ptrs.Set(reflect.MakeSlice(ptrs.Type(), n, n))
	var i int64
	s := newRowScanner(ptrs.Type().Elem().Elem(), &i)
	for rows.Next() {
		if err := s.scan(rows); err != nil {
			return err
		}
		p := reflect.New(s.row.Type())
		p.Elem().Set(s.row)
		ptrs.Index(int(i - 1)).Set(p)
	}
	return closeRows(rows)
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

// optCounts caches optFields by type: reflect.Type.Field allocates.
var optCounts sync.Map

// optFields is the number of Opt fields of the struct type t.
func optFields(t reflect.Type) int {
	if n, ok := optCounts.Load(t); ok {
		return n.(int)
	}
	n := 0
	for i := range t.NumField() {
		if reflect.PointerTo(t.Field(i).Type).Implements(optType) {
			n++
		}
	}
	optCounts.Store(t, n)
	return n
}

// optType is what an Opt is to optOf.
var optType = reflect.TypeFor[interface{ isSet() bool }]()

// nullArg reports whether the addressable field f, a pointer, slice or
// map, is what pgx writes as NULL: nil, or pointing to a nil slice or map
// (pgx writes nil as NULL, not as an empty array), or to a value that is
// NULL by pgx's own rules (see nullValue). Copy sends such a field of a
// column with a default as the default, as Create's COALESCE($n,
// default) reads it: one rule for both. A type without methods is no
// valuer of pgx, and is not asked.
func nullArg(f reflect.Value) bool {
	if f.Kind() == reflect.Pointer {
		if f.IsNil() {
			return true
		}
		f = f.Elem()
	}
	switch f.Kind() {
	case reflect.Slice, reflect.Map, reflect.Pointer, reflect.Interface:
		if f.IsNil() {
			return true
		}
	}
	p := f.Addr() // its methods and its pointer's
	return p.Type().NumMethod() > 0 && nullValue(p.Interface())
}

// nullValue reports whether pgx encodes v as NULL. pgx asks a value for
// itself through the valuer interface of the column's codec (pgtype's
// NumericValuer, TextValuer, ...: whatever the column's type, a value
// that is not Valid is NULL), an invalid netip.Prefix is NULL, and a
// driver.Valuer, asked last as pgx does, is NULL when its Value is nil.
// The valuers of pgtype return their value in a struct, which costs
// nothing to read, where a pgtype.Numeric's Value formats it as text.
func nullValue(v any) bool {
	switch v := v.(type) {
	case *netip.Prefix:
		return !v.IsValid()
	case pgtype.NetipPrefixValuer:
		x, err := v.NetipPrefixValue()
		return err == nil && !x.IsValid()
	case pgtype.BytesValuer:
		x, err := v.BytesValue()
		return err == nil && x == nil
	case pgtype.HstoreValuer:
		x, err := v.HstoreValue()
		return err == nil && x == nil
	case pgtype.RangeValuer:
		return v.IsNull()
	}
	if valid, ok := validScalar(v); ok {
		return !valid
	}
	if valid, ok := validGeometric(v); ok {
		return !valid
	}
	if d, ok := v.(driver.Valuer); ok {
		x, err := d.Value()
		return err == nil && x == nil
	}
	return false
}

// validScalar is, for a value of one of pgtype's valuer interfaces of
// scalars, whether its value is Valid (an error reads as Valid: pgx
// fails the statement with it).
func validScalar(v any) (valid, ok bool) {
	var err error
	switch v := v.(type) {
	case pgtype.NumericValuer:
		x, e := v.NumericValue()
		valid, err = x.Valid, e
	case pgtype.Int64Valuer:
		x, e := v.Int64Value()
		valid, err = x.Valid, e
	case pgtype.Float64Valuer:
		x, e := v.Float64Value()
		valid, err = x.Valid, e
	case pgtype.TextValuer:
		x, e := v.TextValue()
		valid, err = x.Valid, e
	case pgtype.BoolValuer:
		x, e := v.BoolValue()
		valid, err = x.Valid, e
	case pgtype.TimestamptzValuer:
		x, e := v.TimestamptzValue()
		valid, err = x.Valid, e
	case pgtype.TimestampValuer:
		x, e := v.TimestampValue()
		valid, err = x.Valid, e
	case pgtype.DateValuer:
		x, e := v.DateValue()
		valid, err = x.Valid, e
	case pgtype.TimeValuer:
		x, e := v.TimeValue()
		valid, err = x.Valid, e
	case pgtype.IntervalValuer:
		x, e := v.IntervalValue()
		valid, err = x.Valid, e
	case pgtype.UUIDValuer:
		x, e := v.UUIDValue()
		valid, err = x.Valid, e
	case pgtype.Uint32Valuer:
		x, e := v.Uint32Value()
		valid, err = x.Valid, e
	case pgtype.Uint64Valuer:
		x, e := v.Uint64Value()
		valid, err = x.Valid, e
	case pgtype.BitsValuer:
		x, e := v.BitsValue()
		valid, err = x.Valid, e
	case pgtype.TSVectorValuer:
		x, e := v.TSVectorValue()
		valid, err = x.Valid, e
	default:
		return false, false
	}
	return valid || err != nil, true
}

// validGeometric is validScalar for pgtype's geometric types and tid.
func validGeometric(v any) (valid, ok bool) {
	var err error
	switch v := v.(type) {
	case pgtype.PointValuer:
		x, e := v.PointValue()
		valid, err = x.Valid, e
	case pgtype.BoxValuer:
		x, e := v.BoxValue()
		valid, err = x.Valid, e
	case pgtype.CircleValuer:
		x, e := v.CircleValue()
		valid, err = x.Valid, e
	case pgtype.LineValuer:
		x, e := v.LineValue()
		valid, err = x.Valid, e
	case pgtype.LsegValuer:
		x, e := v.LsegValue()
		valid, err = x.Valid, e
	case pgtype.PathValuer:
		x, e := v.PathValue()
		valid, err = x.Valid, e
	case pgtype.PolygonValuer:
		x, e := v.PolygonValue()
		valid, err = x.Valid, e
	case pgtype.TIDValuer:
		x, e := v.TIDValue()
		valid, err = x.Valid, e
	default:
		return false, false
	}
	return valid || err != nil, true
}
