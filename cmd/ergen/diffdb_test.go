package main

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// oldShop is what the database was made from; newShop renames two
// entities, one with its table and one on the same table (Staff, whose
// name an import would not derive from employees), and an attribute of
// each, and adds a column and an enum value.
const oldShop = `
enum Stage { draft live }

entity Person {
  id    serial pk
  name  text
  stage Stage = 'draft'
}

entity Staff {
  table "employees"
  id    serial pk
  login text unique
}

entity Order {
  id   serial pk
  note text?
}

entity Tag {
  id    serial pk
  label text unique
}

relationship Person 1:N Order as buyer
relationship Staff 1:N Order as clerk { optional }
relationship Order M:N Tag
`

const newShop = `
enum Stage { draft live gone }

entity Customer was Person {
  id        serial pk
  full_name text was name
  stage     Stage = 'draft'
}

entity Clerk was Staff {
  table "employees"
  id     serial pk
  handle text unique was login
}

entity Order {
  id    serial pk
  note  text?
  total numeric(10, 2) = 0
}

entity Tag {
  id    serial pk
  label text unique
}

relationship Customer 1:N Order as buyer
relationship Clerk 1:N Order as clerk { optional }
relationship Order M:N Tag
`

// applyScript runs a script of ergen diff statement by statement, as psql
// would: CREATE INDEX CONCURRENTLY may not share a query string.
func applyScript(t *testing.T, url, script string) {
	t.Helper()
	conn := connect(t, url)
	var stmt strings.Builder
	for _, line := range strings.SplitAfter(script, "\n") {
		if strings.HasPrefix(line, "--") {
			continue
		}
		stmt.WriteString(line)
		if strings.HasSuffix(strings.TrimSpace(line), ";") {
			if _, err := conn.Exec(context.Background(), stmt.String()); err != nil {
				t.Fatalf("%s: %v\n--- script:\n%s", stmt.String(), err, script)
			}
			stmt.Reset()
		}
	}
}

// ergen diff --from-db plans from the database as it is to NEW, with
// NEW's renames: applied, the database is NEW's (drift finds nothing),
// the rows survive the renames, and a second plan is empty.
func TestDiffFromDB(t *testing.T) {
	url, newPath := modelDatabase(t, oldShop, newShop, `
		INSERT INTO people (name) VALUES ('Ada');
		INSERT INTO employees (login) VALUES ('bob');
		INSERT INTO orders (buyer_id, clerk_id) VALUES (1, 1);`)

	code, script, stderr := ergen(t, "diff", "--from-db", url, newPath)
	if code != exitOK || stderr != "" {
		t.Fatalf("diff --from-db: exit %d, stderr:\n%s", code, stderr)
	}
	for _, want := range []string{"ALTER TABLE people RENAME TO customers;", "RENAME COLUMN name TO full_name;",
		"RENAME COLUMN login TO handle;",
		"ALTER TYPE stage ADD VALUE IF NOT EXISTS 'gone'", "ADD COLUMN IF NOT EXISTS total numeric(10,2)"} {
		if !strings.Contains(script, want) {
			t.Errorf("the plan lacks %q:\n%s", want, script)
		}
	}
	if strings.Contains(script, "DROP") {
		t.Errorf("the plan drops something:\n%s", script)
	}
	applyScript(t, url, script)

	if code, out, stderr := ergen(t, "drift", "--db", url, newPath); code != exitOK {
		t.Errorf("drift after the plan: exit %d:\n%s%s", code, out, stderr)
	}
	var name string
	if err := connect(t, url).QueryRow(context.Background(), "SELECT c.full_name FROM orders o JOIN customers c ON c.id = o.buyer_id").Scan(&name); err != nil || name != "Ada" {
		t.Errorf("the order's customer after the plan: %q, %v", name, err)
	}
	if code, script, stderr := ergen(t, "diff", "--from-db", url, newPath); code != exitOK || script != "" || stderr != "" {
		t.Errorf("diff --from-db once applied: exit %d, stdout %q, stderr %q; want 0 and nothing", code, script, stderr)
	}
}

func TestDiffFromDBMisuse(t *testing.T) {
	for _, args := range [][]string{
		{"diff", "--from-db", "postgres:///x", "a.er", "b.er"},
		{"diff", "--from-db", "postgres:///x"},
	} {
		if code, _, stderr := ergen(t, args...); code != exitUsage || !strings.Contains(stderr, "--from-db") {
			t.Errorf("%v: exit %d, stderr %q; want 2 and a word on --from-db", args, code, stderr)
		}
	}
}

// A check whose grouping changes is planned, though the two read alike
// but for their parentheses (which the catalog's canonical form drops),
// and drift reports it: the database must end with NEW's rule.
func TestDiffFromDBPlansRegroupedCheck(t *testing.T) {
	old := "entity Item {\n  id serial pk\n  a  integer\n  b  integer\n  c  integer\n  check ((a > 0 or b > 0) and c > 0)\n}\n"
	url, newPath := modelDatabase(t, old, strings.Replace(old, "((a > 0 or b > 0) and c > 0)", "(a > 0 or (b > 0 and c > 0))", 1), "")
	want := "table items: check ck_items_1: the definition is CHECK (((a > 0 or b > 0) and c > 0)) in the database, CHECK (a > 0 or (b > 0 and c > 0)) in the model\n"
	if code, out, stderr := ergen(t, "drift", "--db", url, newPath); code != exitInvalid || out != want {
		t.Errorf("drift: exit %d, stderr %q, stdout:\n%s\nwant 1 and\n%s", code, stderr, out, want)
	}
	code, script, stderr := ergen(t, "diff", "--from-db", url, newPath)
	if code != exitOK || !strings.Contains(script, "DROP CONSTRAINT IF EXISTS ck_items_1") || !strings.Contains(script, "(a > 0 or (b > 0 and c > 0))") {
		t.Fatalf("diff --from-db: exit %d, stderr %q, plan:\n%s", code, stderr, script)
	}
	applyScript(t, url, script)
	if code, out, stderr := ergen(t, "drift", "--db", url, newPath); code != exitOK {
		t.Errorf("drift after the plan: exit %d:\n%s%s", code, out, stderr)
	}
	var ok bool // a = 1, b = 0, c = 0 passes the new rule and not the old one
	if err := connect(t, url).QueryRow(context.Background(), "INSERT INTO items (a, b, c) VALUES (1, 0, 0) RETURNING true").Scan(&ok); err != nil || !ok {
		t.Errorf("a row only the new rule lets in: %v", err)
	}
}

// A database made from a model whose checks, index predicates and
// expression keys are spelt otherwise than PostgreSQL prints them (BETWEEN, LIKE, a one-value
// IN, NOT VALID, a domain's) holds what the model says: diff --from-db plans nothing, and
// drift finds nothing. A change of one of them is still planned.
func TestDiffFromDBKeepsCheckSpelling(t *testing.T) {
	src := `domain Percent integer check (VALUE BETWEEN 0 AND 100)

entity Item {
  id       serial pk
  qty      integer check (qty BETWEEN 1 AND 99)
  code     text check (code LIKE 'A%' ESCAPE '!')
  kind     text check (kind IN ('box'))
  discount Percent
  note     text?
  v        varchar(20) check (v <> 'x'::varchar)
  big      bigint check (big > 0::int8)
  check (note ISNULL OR length(note) > 2) not valid
  index (qty) where (qty BETWEEN 2 AND 3 AND code LIKE 'B%')
  index ((code || 'x'))
}
`
	changed := strings.Replace(src, "BETWEEN 1 AND 99", "BETWEEN 1 AND 98", 1)
	url, changedPath := modelDatabase(t, src, changed, "")
	path := filepath.Join(filepath.Dir(changedPath), "old.er")
	if code, script, stderr := ergen(t, "diff", "--from-db", url, path); code != exitOK || script != "" {
		t.Errorf("diff --from-db of the model's own database: exit %d, stderr %q, plan:\n%s", code, stderr, script)
	}
	if code, out, stderr := ergen(t, "drift", "--db", url, path); code != exitOK {
		t.Errorf("drift: exit %d:\n%s%s", code, out, stderr)
	}
	if code, script, _ := ergen(t, "diff", "--from-db", url, changedPath); code != exitOK || !strings.Contains(script, "CHECK (qty BETWEEN 1 AND 98)") {
		t.Errorf("a changed check: exit %d, plan:\n%s", code, script)
	}
}

// A foreign key column renamed with `column NEW was OLD` is renamed from a
// database too, where the import leaves out a `column` that names what
// ergen derives (user_id) and keeps one that does not (edited_by).
func TestDiffFromDBRenamesColumns(t *testing.T) {
	old := `entity User { id serial pk }
entity Post { id serial pk }
relationship User 1:N Post {
  column user_id
}
relationship User 1:N Post as editor {
  column edited_by
}
`
	renamed := strings.NewReplacer("column user_id", "column author_id was user_id", "column edited_by", "column editor_ref was edited_by").Replace(old)
	renameFromDB(t, old, renamed, "RENAME COLUMN user_id TO author_id", "RENAME COLUMN edited_by TO editor_ref")
}

// renameFromDB plans from a database holding oldSrc to newSrc, which
// renames: the plan holds every want and drops nothing; applied, planning
// again gives nothing.
func renameFromDB(t *testing.T, oldSrc, newSrc string, wants ...string) {
	t.Helper()
	url, newPath := modelDatabase(t, oldSrc, newSrc, "")
	code, script, stderr := ergen(t, "diff", "--from-db", url, newPath)
	if code != exitOK || strings.Contains(script, "DROP") || slices.ContainsFunc(wants, func(w string) bool { return !strings.Contains(script, w) }) {
		t.Fatalf("diff --from-db: exit %d, stderr %q, plan:\n%s", code, stderr, script)
	}
	applyScript(t, url, script)
	if code, script, stderr := ergen(t, "diff", "--from-db", url, newPath); code != exitOK || script != "" {
		t.Errorf("once applied: exit %d, stderr %q, plan:\n%s", code, stderr, script)
	}
}

// modelDatabase writes oldSrc and newSrc as old.er and new.er in a new
// directory, and returns a fresh database holding old.er's DDL and then
// rows (SQL), and new.er's path.
func modelDatabase(t *testing.T, oldSrc, newSrc, rows string) (url, newPath string) {
	t.Helper()
	dir := t.TempDir()
	oldPath := filepath.Join(dir, "old.er")
	newPath = filepath.Join(dir, "new.er")
	for path, src := range map[string]string{oldPath: oldSrc, newPath: newSrc} {
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, ddl, stderr := ergen(t, "sql", oldPath)
	if code != exitOK {
		t.Fatal(stderr)
	}
	return database(t, ddl+rows), newPath
}

// A role and its column renamed together, planned from the database, and
// planned again once applied: the database's import then names the role
// after the column, and the renames are stale, not errors.
func TestDiffFromDBRenamesRoleAndColumn(t *testing.T) {
	old := "entity User { id serial pk }\nentity Post { id serial pk }\nrelationship User 1:N Post\n"
	renamed := strings.Replace(old, "relationship User 1:N Post\n", "relationship User 1:N Post as author was user {\n  column writer_id was user_id\n}\n", 1)
	renameFromDB(t, old, renamed, "RENAME COLUMN user_id TO writer_id")
}

// A unique index whose concurrent build met a duplicate is left invalid:
// PostgreSQL neither uses nor enforces it. drift reports it, the import
// that diff --from-db plans from leaves it out, so the plan drops it and
// builds it again, and once the duplicate is gone and the plan applied,
// the index is valid and drift finds nothing.
func TestDiffFromDBRebuildsInvalidIndex(t *testing.T) {
	model := "entity Customer {\n  id    serial pk\n  email text\n  unique index (email)\n}\n"
	noIndex := strings.Replace(model, "  unique index (email)\n", "", 1)
	url, newPath := modelDatabase(t, noIndex, model, "INSERT INTO customers (email) VALUES ('a@x'), ('a@x');")
	if _, err := connect(t, url).Exec(context.Background(), "CREATE UNIQUE INDEX CONCURRENTLY uq_customers_email ON customers (email)"); err == nil {
		t.Fatal("the build met no duplicate")
	}
	want := "table customers: index uq_customers_email: left invalid in the database by a build that failed or was cancelled; PostgreSQL neither uses nor enforces it\n"
	if code, out, stderr := ergen(t, "drift", "--db", url, newPath); code != exitInvalid || out != want {
		t.Errorf("drift: exit %d, stderr %q, stdout:\n%s\nwant 1 and\n%s", code, stderr, out, want)
	}
	execURL(t, url, "DELETE FROM customers WHERE id = 2")
	code, script, stderr := ergen(t, "diff", "--from-db", url, newPath)
	if code != exitOK || !strings.Contains(stderr, "index uq_customers_email on customers is left invalid") {
		t.Fatalf("diff --from-db: exit %d, stderr %q", code, stderr)
	}
	drop := strings.Index(script, "DROP INDEX CONCURRENTLY IF EXISTS uq_customers_email;")
	if build := strings.Index(script, "CREATE UNIQUE INDEX CONCURRENTLY uq_customers_email"); drop < 0 || build < drop {
		t.Fatalf("the plan does not drop the invalid index and build it again:\n%s", script)
	}
	applyScript(t, url, script)
	if code, out, stderr := ergen(t, "drift", "--db", url, newPath); code != exitOK {
		t.Errorf("drift after the plan: exit %d:\n%s%s", code, out, stderr)
	}
	if _, err := connect(t, url).Exec(context.Background(), "INSERT INTO customers (email) VALUES ('a@x')"); err == nil {
		t.Error("the rebuilt index lets a duplicate in")
	}
}

// An attribute of an M:N's block renamed with `was` is renamed from a
// database too, whose import declares the junction's columns in the
// relationship's block; once applied, the `was` is stale.
func TestDiffFromDBRenamesJunctionAttribute(t *testing.T) {
	old := "entity Order { id serial pk }\nentity Product { id serial pk }\nrelationship Order M:N Product {\n  quantity smallint\n}\n"
	renamed := strings.Replace(old, "quantity smallint", "qty smallint was quantity", 1)
	renameFromDB(t, old, renamed, "ALTER TABLE order_products RENAME COLUMN quantity TO qty;")
}
