package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/ergen-dev/ergen/internal/pgtest"
)

func TestMain(m *testing.M) {
	// Commands run here keep their memo (memoDir) in a directory of the
	// tests', not in the user's cache.
	dir, err := os.MkdirTemp("", "ergen-memo-")
	if err != nil {
		panic(err)
	}
	os.Setenv("ERGEN_CACHE", dir)
	code := pgtest.Main(m)
	os.RemoveAll(dir)
	os.Exit(code)
}

// database returns the URL of a fresh database holding ddl.
func database(t *testing.T, ddl string) string {
	t.Helper()
	url := pgtest.URL(t)
	execURL(t, url, ddl)
	return url
}

func execURL(t *testing.T, url, sql string) {
	t.Helper()
	if _, err := connect(t, url).Exec(context.Background(), sql); err != nil {
		t.Fatal(err)
	}
}

// connect opens a connection to url, closed when the test ends.
func connect(t *testing.T, url string) *pgx.Conn {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(ctx) })
	return conn
}

// ergen import writes the model of a database that ergen sql made from
// shopflow.er, with nothing noted; ergen drift then finds the database
// equal to both models, and lists a column added since.
func TestImportAndDrift(t *testing.T) {
	code, ddl, stderr := ergen(t, "sql", shopflowER)
	if code != 0 {
		t.Fatal(stderr)
	}
	url := database(t, ddl)
	code, model, stderr := ergen(t, "import", "--db", url)
	if code != 0 || stderr != "" {
		t.Fatalf("import: exit %d, stderr:\n%s", code, stderr)
	}
	for _, want := range []string{"entity Order {", "relationship User 1:N Order {", "relationship Order M:N Product via OrderItem {"} {
		if !strings.Contains(model, want) {
			t.Errorf("the model lacks %q:\n%s", want, model)
		}
	}
	path := filepath.Join(t.TempDir(), "shop.er")
	if code, _, stderr := ergen(t, "import", "--db", url, "-o", path); code != 0 {
		t.Fatalf("import -o: exit %d: %s", code, stderr)
	}
	if b, _ := os.ReadFile(path); string(b) != model {
		t.Errorf("import -o wrote another model than standard output")
	}
	// Its own earlier import included: the model is the team's to edit.
	if code, _, stderr := ergen(t, "import", "--db", url, "-o", path); code != exitInvalid || !strings.Contains(stderr, path+" exists; ergen import writes a new file") {
		t.Errorf("import -o over an existing file: exit %d, stderr %q; want 1 and a refusal", code, stderr)
	}
	for _, m := range []string{path, shopflowER} {
		if code, out, stderr := ergen(t, "drift", "--db", url, m); code != 0 || out != "" {
			t.Errorf("drift %s: exit %d, stdout %q, stderr %q; want 0 and nothing", m, code, out, stderr)
		}
	}
	execURL(t, url, "ALTER TABLE orders ADD COLUMN note text; ALTER TABLE orders DROP CONSTRAINT fk_orders_user")
	code, out, stderr := ergen(t, "drift", "--db", url, path)
	if code != exitInvalid {
		t.Errorf("drift after a change: exit %d, want 1", code)
	}
	for _, want := range []string{"table orders: column note is in the database, not in the model",
		"table orders: foreign key fk_orders_user (user_id) -> public.users(id) is in the model, not in the database"} {
		if !strings.Contains(out, want) {
			t.Errorf("drift does not list %q:\n%s", want, out)
		}
	}
	if !strings.Contains(stderr, "2 difference(s)") {
		t.Errorf("drift stderr: %q", stderr)
	}
}

// What a model cannot say is listed on standard error, as JSON with
// --format json, and the import still succeeds.
func TestImportNotes(t *testing.T) {
	url := database(t, `CREATE TABLE t (id serial PRIMARY KEY, code "char"); CREATE VIEW v AS SELECT id FROM t;`)
	code, model, stderr := ergen(t, "import", "--db", url, "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var notes []struct{ Table, Message string }
	if err := json.Unmarshal([]byte(stderr), &notes); err != nil {
		t.Fatalf("%v:\n%s", err, stderr)
	}
	text := ""
	for _, n := range notes {
		text += n.Table + ": " + n.Message + "\n"
	}
	for _, want := range []string{`t: column code: type "char" has no .er spelling`, "view v is in the database"} {
		if !strings.Contains(text, want) {
			t.Errorf("notes lack %q:\n%s", want, text)
		}
	}
	if !strings.Contains(model, `// ergen import: column code: type "char" has no .er spelling`) {
		t.Errorf("the model does not note the column in place:\n%s", model)
	}
	code, _, stderr = ergen(t, "import", "--db", url)
	if code != 0 || !strings.Contains(stderr, "ergen import: table t: column code: type \"char\" has no .er spelling\n") {
		t.Errorf("text notes: exit %d:\n%s", code, stderr)
	}
}

func TestImportMisuse(t *testing.T) {
	if code, _, stderr := ergen(t, "import", "--db", "x", "file.er"); code != exitUsage {
		t.Errorf("import with a FILE: exit %d (%s), want 2", code, stderr)
	}
	if code, _, stderr := ergen(t, "import", "--format", "yaml"); code != exitUsage {
		t.Errorf("import --format yaml: exit %d (%s), want 2", code, stderr)
	}
	if code, _, stderr := ergen(t, "drift", "--db", "x"); code != exitUsage {
		t.Errorf("drift without a FILE: exit %d (%s), want 2", code, stderr)
	}
	code, _, stderr := ergen(t, "import", "--db", "postgres:///nonexistent_db_for_ergen?host=/nonexistent&connect_timeout=1")
	if code != exitInvalid || !strings.Contains(stderr, "connecting to the database") {
		t.Errorf("import from an unreachable database: exit %d, stderr %q; want 1", code, stderr)
	}
}
