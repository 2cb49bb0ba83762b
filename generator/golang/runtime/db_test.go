package runtime

import (
	"context"
	"errors"
	"fmt"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/ergen-dev/ergen/internal/pgtest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// readAll is collect into a slice of its own.
func readAll[T any](rows pgx.Rows, err error) ([]T, error) {
	var out []T
	err = collect(rows, err, &out)
	return out, err
}

// setup returns a DB on a new database with schemaSQL's tables and the
// parents a, b and c, where a has the children x and y (y with a note)
// and b has z.
func setup(t *testing.T) (*DB, []Parent) {
	t.Helper()
	ctx := context.Background()
	pool := pgtest.Pool(t)
	if _, err := pool.Exec(ctx, schemaSQL); err != nil {
		t.Fatal(err)
	}
	q := New(pool)
	var ps []Parent
	for i, name := range []string{"a", "b", "c"} {
		p, err := queryRow[Parent](q.db.QueryRow(ctx, `INSERT INTO parents (name, n) VALUES ($1, $2) RETURNING id, name, n`, name, int32(i)), opInsert)
		if err != nil {
			t.Fatal(err)
		}
		ps = append(ps, p)
	}
	note := "note"
	for _, c := range []struct {
		parent int32
		note   *string
	}{{ps[0].ID, nil}, {ps[0].ID, &note}, {ps[1].ID, nil}} {
		if _, err := execAny(ctx, q.db, opInsert, `INSERT INTO children (parent_id, note) VALUES ($1, $2)`, c.parent, c.note); err != nil {
			t.Fatal(err)
		}
	}
	return q, ps
}

const childrenSQL = `SELECT id, parent_id, note FROM children`

func TestQueries(t *testing.T) {
	ctx := context.Background()
	q, ps := setup(t)

	var p Parent
	if err := scanOne(q.db.QueryRow(ctx, `SELECT id, name, n FROM parents WHERE id = $1`, int32(-1)), opSelect, &p, nil); !errors.Is(err, ErrNotFound) || !errors.Is(err, pgx.ErrNoRows) {
		t.Errorf("missing row: %v, want ErrNotFound wrapping pgx.ErrNoRows", err)
	}
	all, err := readAll[Child](q.db.Query(ctx, childrenSQL+` ORDER BY id`))
	if err != nil || len(all) != 3 {
		t.Fatalf("queryAll: %v, %v", all, err)
	}
	// Rows are read into one variable: a row read later must not change
	// what an earlier row's pointers point to.
	if all[0].Note != nil || all[1].Note == nil || *all[1].Note != "note" || all[2].Note != nil {
		t.Errorf("notes read back as %v, %v, %v", all[0].Note, all[1].Note, all[2].Note)
	}
	if n, err := queryCount(ctx, q.db, `SELECT count(*) FROM children`); n != 3 || err != nil {
		t.Errorf("count: %d, %v", n, err)
	}

	ids := []int32{ps[0].ID, ps[1].ID, ps[2].ID}
	rows, err := q.db.Query(ctx, childrenSQL+` WHERE parent_id = ANY($1) ORDER BY id`, ids)
	var byParent map[int32][]Child
	err = groupBy(rows, err, len(ids), &byParent, 1)
	if err != nil || len(byParent[ps[0].ID]) != 2 || len(byParent[ps[1].ID]) != 1 || len(byParent) != 2 {
		t.Errorf("groupBy: %v, %v", byParent, err)
	}
	// Rows of a key that come apart (a, b, a) still end in one group.
	rows, err = q.db.Query(ctx, childrenSQL+` WHERE parent_id = ANY($1) ORDER BY note NULLS FIRST, id`, ids)
	var apart map[int32][]Child
	err = groupBy(rows, err, len(ids), &apart, 1)
	if a := apart[ps[0].ID]; err != nil || len(apart) != 2 || len(a) != 2 || a[0].Note != nil || a[1].Note == nil || len(apart[ps[1].ID]) != 1 {
		t.Errorf("groupBy of rows apart: %v, %v", apart, err)
	}
	rows, err = q.db.Query(ctx, childrenSQL+` WHERE parent_id = ANY($1) ORDER BY id`, ids)
	var last map[int32]Child
	err = oneBy(rows, err, len(ids), &last, 1)
	if err != nil || len(last) != 2 || last[ps[0].ID].ID != byParent[ps[0].ID][1].ID {
		t.Errorf("oneBy: %v, %v", last, err)
	}
	const ordinalSQL = `SELECT k.i, c.id, c.parent_id, c.note FROM unnest($1::integer[]) WITH ORDINALITY AS k(k1, i) JOIN children AS c ON c.parent_id = k.k1 ORDER BY k.i, c.id`
	rev := []int32{ps[2].ID, ps[1].ID, ps[0].ID}
	rows, err = q.db.Query(ctx, ordinalSQL, rev)
	var lists [][]Child
	err = groupByOrdinal(rows, err, len(rev), &lists)
	if err != nil || len(lists) != 3 || len(lists[0]) != 0 || len(lists[1]) != 1 || len(lists[2]) != 2 {
		t.Errorf("groupByOrdinal: %v, %v", lists, err)
	}
	rows, err = q.db.Query(ctx, ordinalSQL, rev)
	var ones []*Child
	err = oneByOrdinal(rows, err, len(rev), &ones)
	if err != nil || len(ones) != 3 || ones[0] != nil || ones[1] == nil || ones[1].ParentID != ps[1].ID || ones[2] == nil || ones[2].ParentID != ps[0].ID {
		t.Errorf("oneByOrdinal: %v, %v", ones, err)
	}

	if err := execOne(ctx, q.db, opUpdate, `UPDATE parents SET n = 7 WHERE id = $1`, int32(-1)); !errors.Is(err, ErrNotFound) {
		t.Errorf("execOne on no row: %v", err)
	}
	if err := execOne(ctx, q.db, opUpdate, `UPDATE parents SET n = 7 WHERE id = $1`, ps[2].ID); err != nil {
		t.Errorf("execOne: %v", err)
	}
	if ok, err := execAny(ctx, q.db, opDelete, `DELETE FROM children WHERE parent_id = $1`, ps[2].ID); ok || err != nil {
		t.Errorf("execAny on no row: %v, %v", ok, err)
	}
	add := []Child{{ParentID: ps[2].ID}, {ParentID: ps[2].ID}}
	n, err := copyRows(ctx, q.db, []string{"children"}, []string{"parent_id", "note"}, len(add), func(i int) []any { return []any{add[i].ParentID, add[i].Note} })
	if n != 2 || err != nil {
		t.Errorf("copyRows: %d, %v", n, err)
	}
}

// TestCopyDefaults: copyRows leaves a column to its default where a row's
// value is useDefault, as INSERT does, in runs of rows that leave the same
// columns out, keeping the rows' order; rows of defaults only are
// inserted too.
func TestCopyDefaults(t *testing.T) {
	ctx := context.Background()
	q, _ := setup(t)
	at := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	named := func(s string) *string { return &s }
	rows := []struct {
		Name *string
		At   *time.Time
	}{{named("a"), &at}, {nil, &at}, {nil, nil}, {nil, nil}, {named("e"), nil}}
	defaults := []bool{true, true}
	n, err := copyRows(ctx, q.db, []string{"tags"}, []string{"name", "at"}, len(rows), func(i int) []any {
		return fieldArgs(&rows[i], defaults, nil)
	})
	if n != 5 || err != nil {
		t.Fatalf("copyRows: %d, %v", n, err)
	}
	got, err := q.db.Query(ctx, `SELECT name, at = $1 FROM tags ORDER BY id`, at)
	if err != nil {
		t.Fatal(err)
	}
	var stored []string
	for got.Next() {
		var name string
		var given bool
		if err := got.Scan(&name, &given); err != nil {
			t.Fatal(err)
		}
		stored = append(stored, fmt.Sprintf("%s %v", name, given))
	}
	if want := []string{"a true", "untitled true", "untitled false", "untitled false", "e false"}; !slices.Equal(stored, want) {
		t.Errorf("copied rows = %q, want %q", stored, want)
	}
	if n, err := copyRows(ctx, q.db, []string{"tags"}, []string{"name"}, 0, nil); n != 0 || err != nil {
		t.Errorf("copyRows of no rows: %d, %v", n, err)
	}
	blobs := struct{ Nil, Empty []byte }{nil, []byte{}}
	if v := fieldArgs(&blobs, []bool{true, true}, nil); v[0] != (useDefault{}) {
		t.Errorf("fieldArgs of a nil slice with a default = %v", v[0])
	} else if b, ok := v[1].([]byte); !ok || b == nil {
		t.Errorf("fieldArgs of an empty slice = %#v, want the slice", v[1])
	}
}

// Rows copied in several runs are inserted all or none: a run that fails
// (a child of no parent, in the second run) leaves none of the first
// run's rows, and the count is 0 with the typed error.
func TestCopyAllOrNone(t *testing.T) {
	ctx := context.Background()
	q, ps := setup(t)
	before, err := queryCount(ctx, q.db, `SELECT count(*) FROM children`)
	if err != nil {
		t.Fatal(err)
	}
	note := "n"
	rows := []struct {
		ParentID int32
		Note     *string
	}{{ps[0].ID, &note}, {ps[0].ID, &note}, {-1, nil}}
	n, err := copyRows(ctx, q.db, []string{"children"}, []string{"parent_id", "note"}, len(rows), func(i int) []any {
		return fieldArgs(&rows[i], []bool{false, true}, nil)
	})
	var fk *ForeignKeyError
	if n != 0 || !errors.As(err, &fk) || fk.Constraint != "fk_children_parent" {
		t.Errorf("copyRows with a bad row in its second run: %d, %v; want 0 and the foreign key's error", n, err)
	}
	if after, _ := queryCount(ctx, q.db, `SELECT count(*) FROM children`); after != before {
		t.Errorf("%d children after a failed copy, want %d: the first run stayed", after, before)
	}
}

// TestErrors: each kind of violation becomes its typed error, with the
// side of a foreign key told apart, and the message ergen documents.
func TestErrors(t *testing.T) {
	ctx := context.Background()
	q, ps := setup(t)
	_, err := execAny(ctx, q.db, opInsert, `INSERT INTO children (parent_id) VALUES ($1)`, int32(-1))
	var fk *ForeignKeyError
	if !errors.As(err, &fk) || fk.Referenced || !strings.Contains(err.Error(), "a child refers to a parent that does not exist (Parent 1:N Child, constraint fk_children_parent)") {
		t.Errorf("missing parent: %v", err)
	}
	err = execOne(ctx, q.db, opDelete, `DELETE FROM parents WHERE id = $1`, ps[0].ID)
	if !errors.As(err, &fk) || !fk.Referenced || !fk.Deleting || err.Error() != "runtime: cannot delete a parent that children still refer to: Parent 1:N Child forbids it (ON DELETE RESTRICT, constraint fk_children_parent)" {
		t.Errorf("refused delete: %v", err)
	}
	if fk.Err == nil || fk.Err.Code != "23503" {
		t.Errorf("the PostgreSQL error is not kept: %v", fk.Err)
	}
	// Another row's error must not change the table's entry.
	if foreignKeys[0].Err != nil || foreignKeys[0].Referenced {
		t.Errorf("mapError changed the constraint table: %+v", foreignKeys[0])
	}
	_, err = execAny(ctx, q.db, opInsert, `INSERT INTO parents (name, n) VALUES ('a', 1)`)
	var uq *UniqueError
	if !errors.As(err, &uq) || err.Error() != "runtime: a parent with this name already exists (constraint uq_parents_name)" {
		t.Errorf("duplicate: %v", err)
	}
	_, err = execAny(ctx, q.db, opInsert, `INSERT INTO parents (name, n) VALUES ('d', -1)`)
	var ck *CheckError
	if !errors.As(err, &ck) || err.Error() != "runtime: a parent violates n >= 0 (constraint ck_parents_n)" {
		t.Errorf("check: %v", err)
	}
	_, err = execAny(ctx, q.db, opInsert, `INSERT INTO slots (during) VALUES ('[1, 5)'), ('[4, 8)')`)
	var ex *ExclusionError
	if !errors.As(err, &ex) || ex.Err.Code != "23P01" ||
		err.Error() != "runtime: a slot conflicts with another: EXCLUDE USING gist (during WITH &&) (constraint ex_slots_during)" {
		t.Errorf("exclusion: %v", err)
	}
	_, err = execAny(ctx, q.db, opInsert, `INSERT INTO parents (name, n) VALUES (NULL, 1)`)
	var nn *NotNullError
	if !errors.As(err, &nn) || nn.Table != "parents" || nn.Column != "name" || nn.Err.Code != "23502" ||
		err.Error() != "runtime: name of parents must not be NULL (column name is NOT NULL)" {
		t.Errorf("not null: %v", err)
	}
	// A violation of a constraint the schema does not name stays as is.
	if _, err := q.db.Exec(ctx, `ALTER TABLE parents ADD CONSTRAINT other CHECK (n < 100)`); err != nil {
		t.Fatal(err)
	}
	_, err = execAny(ctx, q.db, opInsert, `INSERT INTO parents (name, n) VALUES ('e', 100)`)
	if errors.As(err, &ck) || err == nil {
		t.Errorf("unknown constraint: %v", err)
	}
}

// TestPartitionAmbiguous: a delete refused by one of two keys that
// reference the same columns of a partitioned table is reported under a
// name PostgreSQL derives for the partition, and the Detail cannot tell
// the keys apart: the error stays untyped rather than name the wrong one.
// The insert side keeps the declared names and stays typed.
func TestPartitionAmbiguous(t *testing.T) {
	ctx := context.Background()
	q, _ := setup(t)
	if _, err := q.db.Exec(ctx, `INSERT INTO items VALUES (1, 'a'), (2, 'a')`); err != nil {
		t.Fatal(err)
	}
	_, err := execAny(ctx, q.db, opInsert, `INSERT INTO picks (first_id, second_id, kind) VALUES (1, 3, 'a')`)
	var fk *ForeignKeyError
	if !errors.As(err, &fk) || fk.Constraint != "fk_picks_second" || fk.Referenced {
		t.Errorf("missing second item: %v", err)
	}
	if _, err := execAny(ctx, q.db, opInsert, `INSERT INTO picks (first_id, second_id, kind) VALUES (1, 2, 'a')`); err != nil {
		t.Fatal(err)
	}
	err = execOne(ctx, q.db, opDelete, `DELETE FROM items WHERE id = 2`)
	var pe *pgconn.PgError
	if errors.As(err, &fk) || !errors.As(err, &pe) || pe.Code != "23503" {
		t.Errorf("delete refused by one of two keys: %v (%T), want the PostgreSQL error as is", err, err)
	}
}

func TestInTx(t *testing.T) {
	ctx := context.Background()
	q, _ := setup(t)
	boom := errors.New("boom")
	err := q.InTx(ctx, func(tx *DB) error {
		if _, err := execAny(ctx, tx.db, opDelete, `DELETE FROM children`); err != nil {
			return err
		}
		return boom
	})
	if n, _ := queryCount(ctx, q.db, `SELECT count(*) FROM children`); !errors.Is(err, boom) || n != 3 {
		t.Errorf("a failed transaction: %v, %d children left, want 3", err, n)
	}
}

// A foreign key checked at commit fails InTx with its *ForeignKeyError,
// as it would have failed the statement.
func TestInTxDeferredConstraint(t *testing.T) {
	ctx := context.Background()
	q, _ := setup(t)
	err := q.InTx(ctx, func(tx *DB) error {
		if _, err := tx.db.Exec(ctx, `SET CONSTRAINTS fk_children_parent DEFERRED`); err != nil {
			return err
		}
		_, err := execAny(ctx, tx.db, opInsert, `INSERT INTO children (parent_id) VALUES (999)`)
		return err
	})
	var fk *ForeignKeyError
	if !errors.As(err, &fk) || fk.Constraint != "fk_children_parent" || fk.Referenced {
		t.Errorf("a deferred foreign key broken at commit: %v (%T), want its *ForeignKeyError", err, err)
	}
}

// TestDBIsDBTX: a *DB runs each of DBTX's methods on the DBTX it was
// made with, so that the generic functions and SQL of one's own run on it
// as on a pool: a transaction it begins and a batch it sends reach the
// same database.
func TestDBIsDBTX(t *testing.T) {
	ctx := context.Background()
	q, ps := setup(t)
	var db DBTX = q
	tx, err := db.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, `UPDATE parents SET n = n + 10 WHERE id = $1`, ps[0].ID); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	b := &pgx.Batch{}
	b.Queue(`SELECT n FROM parents WHERE id = $1`, ps[0].ID)
	var n int32
	results := db.SendBatch(ctx, b)
	if err := results.QueryRow().Scan(&n); err != nil || n != ps[0].N+10 {
		t.Errorf("a batch sent through the DB read %d, %v; want %d", n, err, ps[0].N+10)
	}
	if err := results.Close(); err != nil { // gives the connection back
		t.Fatal(err)
	}
	if c, err := db.CopyFrom(ctx, pgx.Identifier{"tags"}, []string{"name"}, pgx.CopyFromRows([][]any{{"x"}})); c != 1 || err != nil {
		t.Errorf("CopyFrom through the DB: %d, %v", c, err)
	}
	if got, err := Get(ctx, q, &Key[Parent, int32, struct{}]{getSQL: `SELECT id, name, n FROM parents WHERE id = $1`}, ps[1].ID); err != nil || got != ps[1] {
		t.Errorf("Get on a DB = %+v, %v; want %+v", got, err, ps[1])
	}
}

// TestFindSQL: the text a filter builds is the generated SELECT, the set
// conditions from the fixed vocabulary, the keyset and the order, and it
// runs on PostgreSQL.
func TestFindSQL(t *testing.T) {
	ctx := context.Background()
	q, ps := setup(t)
	o := orderBy{columns: []string{"parent_id", "id"}, fields: []int{1, 0}, desc: true}
	note := IsNull[*string]()
	clauses := []clause{Cond[int32]{}.on(plain("id")), In(ps[0].ID, ps[1].ID).on(plain("parent_id")), note.on(plain("note"))}
	sql, args := findSQL(childrenSQL, clauses, o, nil, 10)
	if want := childrenSQL + " WHERE parent_id = ANY($1) AND note IS NULL ORDER BY parent_id DESC, id DESC LIMIT $2"; sql != want || len(args) != 2 {
		t.Fatalf("findSQL = %q, %v, want %q", sql, args, want)
	}
	first, err := readAll[Child](q.db.Query(ctx, sql, args...))
	if err != nil || len(first) != 2 || first[0].ParentID != ps[1].ID || first[1].ParentID != ps[0].ID {
		t.Fatalf("first page = %+v, %v", first, err)
	}
	sql, args = findSQL(childrenSQL, clauses, o, first[0].scanDest(nil), 10)
	if want := childrenSQL + " WHERE parent_id = ANY($1) AND note IS NULL AND (parent_id, id) < ($2, $3) ORDER BY parent_id DESC, id DESC LIMIT $4"; sql != want {
		t.Fatalf("findSQL after a row = %q", sql)
	}
	rest, err := readAll[Child](q.db.Query(ctx, sql, args...))
	if err != nil || len(rest) != 1 || rest[0].ID != first[1].ID {
		t.Errorf("page after %+v = %+v, %v", first[0], rest, err)
	}
	sql, _ = findSQL(childrenSQL, []clause{Between(1, 2).on(plain("id")), Ge(int32(1)).on(plain("parent_id"))}, orderBy{columns: []string{"id"}, fields: []int{0}}, first[0].scanDest(nil), 1)
	if want := childrenSQL + " WHERE id BETWEEN $1 AND $2 AND parent_id >= $3 AND id > $4 ORDER BY id LIMIT $5"; sql != want {
		t.Errorf("findSQL = %q, want %q", sql, want)
	}

	// A SELECT laid out on several lines keeps its clauses on lines of
	// their own.
	const lines = "SELECT id, parent_id, note\nFROM children"
	sql, args = findSQL(lines, clauses, o, nil, 10)
	if want := lines + "\nWHERE parent_id = ANY($1) AND note IS NULL\nORDER BY parent_id DESC, id DESC\nLIMIT $2"; sql != want {
		t.Fatalf("findSQL = %q, want %q", sql, want)
	}
	if again, err := readAll[Child](q.db.Query(ctx, sql, args...)); err != nil || len(again) != 2 {
		t.Errorf("the page on several lines = %+v, %v", again, err)
	}
}

// TestCounts: counts per parent by a key, by a composite key's struct and
// in the order of the keys, a parent without children absent or 0.
func TestCounts(t *testing.T) {
	ctx := context.Background()
	q, ps := setup(t)
	ids := []int32{ps[2].ID, ps[1].ID, ps[0].ID}
	rows, err := q.db.Query(ctx, `SELECT parent_id, count(*) FROM children WHERE parent_id = ANY($1) GROUP BY parent_id`, ids)
	var byID map[int32]int64
	err = countBy(rows, err, len(ids), &byID, nil)
	if err != nil || len(byID) != 2 || byID[ps[0].ID] != 2 || byID[ps[1].ID] != 1 {
		t.Errorf("countBy = %v, %v", byID, err)
	}
	type key struct{ A, B int32 }
	rows, err = q.db.Query(ctx, `SELECT parent_id + 1, parent_id, count(*) FROM children GROUP BY parent_id`)
	var byKey map[key]int64
	err = countBy(rows, err, 3, &byKey, []int{1, 0}) // the columns are B, then A
	if err != nil || len(byKey) != 2 || byKey[key{ps[0].ID, ps[0].ID + 1}] != 2 || byKey[key{ps[1].ID, ps[1].ID + 1}] != 1 {
		t.Errorf("countBy a composite key = %v, %v", byKey, err)
	}
	rows, err = q.db.Query(ctx, `SELECT k.i, count(*) FROM unnest($1::integer[]) WITH ORDINALITY AS k(k1, i) JOIN children AS c ON c.parent_id = k.k1 GROUP BY k.i`, ids)
	inOrder, err := countByOrdinal(rows, err, len(ids))
	if err != nil || !slices.Equal(inOrder, []int64{0, 1, 2}) {
		t.Errorf("countByOrdinal = %v, %v", inOrder, err)
	}
	rows, err = q.db.Query(ctx, `SELECT 1/0, 1`)
	if _, err := countByOrdinal(rows, err, 1); err == nil {
		t.Error("countByOrdinal kept no error of the query")
	}
}

// TestKeysetNullable: paging one row at a time through an order with a
// nullable column, in every order a column can have and both directions,
// meets every row once, in the order PostgreSQL sorts them by the same
// ORDER BY: the keyset places NULLs where the order does, whether the
// row a page starts after holds NULL or not.
func TestKeysetNullable(t *testing.T) {
	ctx := context.Background()
	q, ps := setup(t)
	for _, note := range []any{nil, "a", "b", nil, "a"} {
		if _, err := execAny(ctx, q.db, opInsert, `INSERT INTO children (parent_id, note) VALUES ($1, $2)`, ps[2].ID, note); err != nil {
			t.Fatal(err)
		}
	}
	for k := keyAsc; k <= keyNullableDescNullsLast; k++ {
		for _, desc := range []bool{false, true} {
			pageOneByOne(t, q, orderBy{columns: []string{"note", "id"}, fields: []int{2, 0}, desc: desc, keys: []keyOrder{k | 4, keyAsc}}, nil, 8)
		}
	}
}

// pageOneByOne pages through the children that meet clauses in the order
// o, one row a page, and checks that every row comes once, in the order
// of the whole list read at once: n rows.
func pageOneByOne(t *testing.T, q *DB, o orderBy, clauses []clause, n int) {
	t.Helper()
	ctx := context.Background()
	sql, args := findSQL(childrenSQL, clauses, o, nil, 100)
	all, err := readAll[Child](q.db.Query(ctx, sql, args...))
	if err != nil || len(all) != n {
		t.Fatalf("%s: %d rows, %v", sql, len(all), err)
	}
	var paged []Child
	var after []any
	for range n + 2 {
		sql, args = findSQL(childrenSQL, clauses, o, after, 1)
		page, err := readAll[Child](q.db.Query(ctx, sql, args...))
		if err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
		if len(page) == 0 {
			break
		}
		paged = append(paged, page...)
		after = page[0].scanDest(nil)
	}
	if !slices.EqualFunc(all, paged, func(a, b Child) bool { return a.ID == b.ID }) {
		t.Errorf("key orders %v, desc %v: pages %v, want %v (%s)", o.keys, o.desc, ids(paged), ids(all), sql)
	}
}

// TestKeysetExpr: an order over expressions pages like one over
// columns, the keyset computing each expression for the row a page
// starts after from that row's columns: in every order the expression
// can have, both directions, with NULL results, and an expression that
// names two columns, one of them also a column of the order.
func TestKeysetExpr(t *testing.T) {
	ctx := context.Background()
	q, ps := setup(t)
	for _, note := range []any{nil, "A", "b", nil, "a", "B"} {
		if _, err := execAny(ctx, q.db, opInsert, `INSERT INTO children (parent_id, note) VALUES ($1, $2)`, ps[2].ID, note); err != nil {
			t.Fatal(err)
		}
	}
	lower := "(SELECT lower(note) FROM (VALUES ($%[1]d::text)) AS a(note))"
	mixed := "(SELECT (note || (parent_id %% 2)) FROM (VALUES ($%[2]d::text, $%[3]d::integer)) AS a(note, parent_id))"
	o := orderBy{columns: []string{"lower(note)", "(note || (parent_id % 2))", "id"}, fields: []int{2, 2, 1, 0},
		after: []string{lower, mixed, "$%[4]d"}}
	sql, _ := findSQL(childrenSQL, nil, orderBy{columns: o.columns[:1], fields: o.fields[:1], keys: []keyOrder{keyNullableAsc}, after: o.after[:1]}, []any{"x", 0, "n"}, 5)
	if want := childrenSQL + " WHERE (((lower(note) > (SELECT lower(note) FROM (VALUES ($1::text)) AS a(note)) OR lower(note) IS NULL AND (SELECT lower(note) FROM (VALUES ($1::text)) AS a(note)) IS NOT NULL))) ORDER BY lower(note) LIMIT $2"; sql != want {
		t.Errorf("findSQL = %q, want %q", sql, want)
	}
	// With a condition first, the keyset's parameters are numbered after
	// it.
	for k := keyNullableAsc; k <= keyNullableDescNullsLast; k++ {
		for _, desc := range []bool{false, true} {
			o.desc, o.keys = desc, []keyOrder{k, keyNullableDesc - (k & 1), keyAsc}
			pageOneByOne(t, q, o, []clause{Ge(int32(0)).on(plain("id"))}, 9)
		}
	}
}

func ids(cs []Child) []int32 {
	var out []int32
	for _, c := range cs {
		out = append(out, c.ID)
	}
	return out
}

// doc is a row of the docs table of TestJSONAndArrayConds.
type doc struct {
	ID    int32
	Body  []byte
	Tags  []string
	Plain []byte
	Moods []string
}

func (r *doc) scanDest(dest []any) []any {
	return append(dest, &r.ID, &r.Body, &r.Tags, &r.Plain, &r.Moods)
}

// TestJSONAndArrayConds: containment and key tests on jsonb and on json
// (through its jsonb), containment and overlap on arrays, enum arrays
// among them, as findSQL writes them, select the rows PostgreSQL's
// operators do.
func TestJSONAndArrayConds(t *testing.T) {
	ctx := context.Background()
	q, _ := setup(t)
	if _, err := q.db.Exec(ctx, `CREATE SCHEMA s; CREATE TYPE s.mood AS ENUM ('happy', 'sad', 'so-so');
		CREATE TABLE docs (id integer PRIMARY KEY, body jsonb, tags text[], plain json, moods s.mood[]);
		INSERT INTO docs VALUES
		(1, '{"state": "open", "due": 1}', '{bug,ui}', '{"b": 2,  "a": [1, 2]}', '{happy,so-so}'),
		(2, '{"state": "closed"}', '{bug}', '{"a": 1, "a": 3}', '{sad}'),
		(3, NULL, '{}', NULL, '{}'),
		(4, '["due"]', NULL, '["a"]', NULL)`); err != nil {
		t.Fatal(err)
	}
	tags := filterColumn{name: "tags", kind: columnArray}
	json := filterColumn{name: "plain", kind: columnJSON}
	moods := filterColumn{name: "moods", cast: "::text[]::s.mood[]", kind: columnArray}
	o := orderBy{columns: []string{"id"}, fields: []int{0}}
	for _, c := range []struct {
		cl   clause
		want []int32
	}{
		{Contains([]byte(`{"state": "open"}`)).on(plain("body")), []int32{1}},
		{Contains([]byte(`{}`)).on(plain("body")), []int32{1, 2}},
		{HasKey[[]byte]("due").on(plain("body")), []int32{1, 4}},
		{Contains([]string{"bug"}).on(tags), []int32{1, 2}},
		{Contains([]string{"bug", "ui"}).on(tags), []int32{1}},
		{Contains([]string{}).on(tags), []int32{1, 2, 3}},
		{Overlaps([]string{"ui", "x"}).on(tags), []int32{1}},
		{Overlaps([]string{}).on(tags), nil},
		// In on an array column compares whole arrays, one parameter each.
		{inEach(In([]string{"bug"}, []string{"bug", "ui"}, []string{"x"}).on(tags)), []int32{1, 2}},
		{inEach(In([]string{}).on(tags)), []int32{3}},
		{inEach(In[[]string]().on(tags)), nil},
		// json compares as its jsonb: duplicate keys keep the last,
		// whitespace and key order do not count; IsNull and NotNull
		// test the json itself.
		{Contains([]byte(`{"a": [2]}`)).on(json), []int32{1}},
		{Contains([]byte(`{"a": 3}`)).on(json), []int32{2}},
		{Contains([]byte(`{"a": 1}`)).on(json), nil},
		{HasKey[[]byte]("a").on(json), []int32{1, 2, 4}},
		{HasKey[[]byte]("b").on(json), []int32{1}},
		{Eq([]byte(`{"a": [1, 2], "b": 2}`)).on(json), []int32{1}},
		{In([]byte(`{"a": 3}`), []byte(`["a"]`)).on(json), []int32{2, 4}},
		{IsNull[[]byte]().on(json), []int32{3}},
		{NotNull[[]byte]().on(json), []int32{1, 2, 4}},
		// An enum array's parameters travel as text[], cast to the
		// schema's enum array.
		{Contains([]string{"so-so"}).on(moods), []int32{1}},
		{Contains([]string{}).on(moods), []int32{1, 2, 3}},
		{Overlaps([]string{"sad", "so-so"}).on(moods), []int32{1, 2}},
		{Eq([]string{"sad"}).on(moods), []int32{2}},
		{IsNull[[]string]().on(moods), []int32{4}},
		{NotNull[[]string]().on(moods), []int32{1, 2, 3}},
		{inEach(In([]string{"sad"}, []string{}).on(moods)), []int32{2, 3}},
	} {
		sql, args := findSQL(`SELECT id, body, tags, plain, moods FROM docs`, []clause{c.cl}, o, nil, 10)
		rows, err := readAll[doc](q.db.Query(ctx, sql, args...))
		if err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
		var got []int32
		for _, r := range rows {
			got = append(got, r.ID)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s %v: rows %v, want %v", sql, args, got, c.want)
		}
	}
	// A json value jsonb cannot hold fails a condition on its jsonb, and
	// not one on the json.
	if _, err := q.db.Exec(ctx, `INSERT INTO docs (id, plain) VALUES (5, '{"a": "\u0000"}')`); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		cl   clause
		fail bool
	}{{Contains([]byte(`{}`)).on(json), true}, {NotNull[[]byte]().on(json), false}} {
		sql, args := findSQL(`SELECT id, body, tags, plain, moods FROM docs`, []clause{c.cl}, o, nil, 10)
		rows, err := readAll[doc](q.db.Query(ctx, sql, args...))
		if (err != nil) != c.fail || !c.fail && len(rows) != 4 {
			t.Errorf("%s with \\u0000 in a json: %d rows, %v", sql, len(rows), err)
		}
	}
}

// TestGroupByKeys: a batch map keyed by a composite key takes its fields
// from the scan targets at the positions given, in the key struct's
// order, converted to the field's type; a row with a NULL key column is
// left out, for a key of one column as for a composite one.
func TestGroupByKeys(t *testing.T) {
	ctx := context.Background()
	q, ps := setup(t)
	type noteKey struct {
		Note     string
		ParentID int64 // the column is an integer
	}
	rows, err := q.db.Query(ctx, childrenSQL+` ORDER BY parent_id, note`)
	var byKey map[noteKey][]Child
	err = groupBy(rows, err, 2, &byKey, 2, 1)
	want := noteKey{Note: "note", ParentID: int64(ps[0].ID)}
	if err != nil || len(byKey) != 1 || len(byKey[want]) != 1 || *byKey[want][0].Note != "note" {
		t.Errorf("groupBy by (note, parent_id): %v, %v", byKey, err)
	}
	rows, err = q.db.Query(ctx, childrenSQL+` ORDER BY note`)
	var byNote map[string]Child
	err = oneBy(rows, err, 1, &byNote, 2)
	if err != nil || len(byNote) != 1 || byNote["note"].ParentID != ps[0].ID {
		t.Errorf("oneBy by note: %v, %v", byNote, err)
	}
}

// childFilter is a filter struct as ergen generates one for children.
type childFilter struct {
	ID       Cond[int32]
	ParentID Cond[int32]
	Note     Cond[string]
}

var childFilterColumns = []filterColumn{{"id", "", columnPlain}, {"parent_id", "", columnPlain}, {"note", "", columnPlain}}

// plain is a column of a type other than array and json.
func plain(name string) filterColumn { return filterColumn{name: name} }

// TestFind: find reads the conditions set in a filter struct, each on the
// column of its field, and pages after a row, or from the first row when
// the row is a nil pointer.
func TestFind(t *testing.T) {
	ctx := context.Background()
	q, ps := setup(t)
	o := orderBy{columns: []string{"id"}, fields: []int{0}}
	f := childFilter{ParentID: Eq(ps[0].ID)}
	var first []Child
	var none *Child
	if err := find(ctx, q.db, &first, childrenSQL, childFilterColumns, &f, o, none, 1); err != nil || len(first) != 1 || first[0].ParentID != ps[0].ID {
		t.Fatalf("first page: %v, %v", first, err)
	}
	var rest []Child
	if err := find(ctx, q.db, &rest, childrenSQL, childFilterColumns, &f, o, &first[0], 10); err != nil || len(rest) != 1 || rest[0].ID <= first[0].ID || *rest[0].Note != "note" {
		t.Errorf("page after %v: %v, %v", first[0], rest, err)
	}
	f.Note = IsNull[string]()
	var nulls []Child
	if err := find(ctx, q.db, &nulls, childrenSQL, childFilterColumns, &f, o, nil, 10); err != nil || len(nulls) != 1 || nulls[0].ID != first[0].ID {
		t.Errorf("with a NULL note: %v, %v", nulls, err)
	}
}

// TestKeysetCompare: an order whose columns compare otherwise than they
// are named (a domain over an enum, cast to the enum) compares them so in
// its keyset, tuple and terms alike, and orders by the columns themselves,
// as their indexes are.
func TestKeysetCompare(t *testing.T) {
	o := orderBy{columns: []string{"mood", "id"}, fields: []int{1, 0}, compare: []string{"mood::m", "id"}}
	sql, _ := findSQL("SELECT id, mood FROM t", nil, o, []any{1, "sad"}, 5)
	if want := "SELECT id, mood FROM t WHERE (mood::m, id) > ($1, $2) ORDER BY mood, id LIMIT $3"; sql != want {
		t.Errorf("findSQL = %q, want %q", sql, want)
	}
	o.columns, o.fields, o.compare = o.columns[:1], o.fields[:1], o.compare[:1]
	sql, _ = findSQL("SELECT id, mood FROM t", nil, o, []any{1, "sad"}, 5)
	if want := "SELECT id, mood FROM t WHERE mood::m > $1 ORDER BY mood LIMIT $2"; sql != want {
		t.Errorf("findSQL = %q, want %q", sql, want)
	}
	o = orderBy{columns: []string{"mood", "id"}, fields: []int{1, 0}, desc: true, keys: []keyOrder{keyNullableAsc, keyAsc}, compare: []string{"mood::m", "id"}}
	sql, _ = findSQL("SELECT id, mood FROM t", nil, o, []any{1, "sad"}, 5)
	if want := "SELECT id, mood FROM t WHERE (((mood::m < $1 OR mood::m IS NOT NULL AND $1 IS NULL)) OR (mood::m IS NOT DISTINCT FROM $1 AND id < $2)) ORDER BY mood DESC, id DESC LIMIT $3"; sql != want {
		t.Errorf("findSQL = %q, want %q", sql, want)
	}
}

// TestArgsAllocations: a statement's input costs one allocation for its
// copy and its parameters together, plus what boxing its strings costs;
// a key of a small integer costs only the slice, and a composite key one
// allocation for its copy and its parameters; a row read by one statement
// one allocation with its scan targets. The generated statements
// are benchmarked against hand-written pgx at one allocation more at
// most, which these counts keep.
func TestArgsAllocations(t *testing.T) {
	type input struct{ Name, Email string }
	type pair struct{ A, B int32 }
	type withOpt struct {
		A, B, C int32
		D       Opt[*int32]
	}
	p, k := input{"ann", "ann@example.com"}, pair{1, 2}
	o := withOpt{1, 2, 3, Set[*int32](nil)}
	var sink []any
	for _, c := range []struct {
		what string
		run  func()
		want float64
	}{
		{"inputArgs of two strings", func() { sink = inputArgs(p) }, 3},
		{"inputArgs of four fields and an Opt's flag", func() { sink = inputArgs(o) }, 1},
		{"appendKey of an int32", func() { sink = appendKey(nil, int32(7), false) }, 1},
		{"appendKey of a composite key", func() { sink = appendKey(nil, k, true) }, 1},
		{"keyArgs of a composite foreign key", func() { sink = keyArgs([]int{1, 0}, k) }, 1},
	} {
		if got := testing.AllocsPerRun(100, c.run); got != c.want {
			t.Errorf("%s: %v allocations, want %v", c.what, got, c.want)
		}
	}
	if len(sink) != 2 {
		t.Errorf("the last parameters: %v", sink)
	}
	// A row read by one statement and its scan targets are one allocation.
	var row *Parent
	if got := testing.AllocsPerRun(100, func() {
		var dest []any
		row, dest = withRoom(Parent{}, 3)
		sink = row.scanDest(dest)
	}); got != 1 {
		t.Errorf("a row and its scan targets: %v allocations, want 1", got)
	}
	if len(sink) != 3 || sink[0] != &row.ID {
		t.Errorf("the scan targets: %v", sink)
	}
	// Comparable, each would cost its callers an equality function per
	// row type to compile.
	for _, typ := range []reflect.Type{reflect.TypeFor[room4[Parent]](), reflect.TypeFor[room8[Parent]](), reflect.TypeFor[room16[Parent]]()} {
		if typ.Comparable() {
			t.Errorf("%v is comparable", typ)
		}
	}
}

// TestNoStatement: an operation whose statement a table, key, foreign key
// or M:N side does not have (its SQL is "") is ErrNoStatement, before any
// statement reaches the database (db is nil here).
func TestNoStatement(t *testing.T) {
	ctx := context.Background()
	table := &Table[Parent, int32, struct{ Name string }, struct{ Name Opt[string] }, struct{}]{}
	key := &Key[Parent, int32, struct{}]{}
	ref := &Ref[Child, Parent, int32, []Child, map[int32][]Child, map[int32]int64]{}
	through := &Through[Child, int32, map[int32][]Child]{}
	var r Parent
	for what, err := range map[string]error{
		"Update":          Update(ctx, nil, table, &r),
		"Patch":           second(Patch(ctx, nil, table, 1, struct{ Name Opt[string] }{})),
		"Delete":          Delete(ctx, nil, table, 1),
		"List":            second(List(ctx, nil, table, nil, 10)),
		"Copy":            second(Copy(ctx, nil, table, []struct{ Name string }{{"a"}})),
		"Upsert":          second(Upsert(ctx, nil, key, struct{}{})),
		"ChildrenOfMany":  second(ChildrenOfMany(ctx, nil, ref, []int32{1})),
		"CountChildrenOf": second(CountChildrenOf(ctx, nil, ref, []int32{1})),
		"LinkedOfMany":    second(LinkedOfMany(ctx, nil, through, []int32{1})),
	} {
		if !errors.Is(err, ErrNoStatement) {
			t.Errorf("%s without its statement: %v, want ErrNoStatement", what, err)
		}
	}
}

func second[T any](_ T, err error) error { return err }

// Find after a row in the zero Ordering, no order at all, is refused
// before any statement is sent (db is nil here): the first rows again
// would make a pager loop for ever.
func TestFindAfterNeedsOrder(t *testing.T) {
	table := &Table[Parent, int32, struct{ Name string }, struct{ Name Opt[string] }, struct{}]{}
	_, err := Find(context.Background(), nil, table, struct{}{}, Ordering[Parent]{}, &Parent{ID: 1}, 10)
	if !errors.Is(err, errNoOrder) {
		t.Errorf("Find after a row in no order: %v, want errNoOrder", err)
	}
}
