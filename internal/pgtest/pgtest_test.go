package pgtest_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/ergen-dev/ergen/internal/pgtest"
)

// TestMain is what every package using pgtest must have: it stops the
// throwaway cluster after the tests.
func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

func TestURLGivesDistinctEmptyDatabases(t *testing.T) {
	ctx := t.Context()
	url1, url2 := pgtest.URL(t), pgtest.URL(t)
	if url1 == url2 {
		t.Fatalf("two calls to URL returned the same URL %q", url1)
	}

	c1 := connect(t, url1)
	c2 := connect(t, url2)

	db1, db2 := currentDatabase(t, c1), currentDatabase(t, c2)
	if db1 == db2 {
		t.Fatalf("both URLs lead to database %q", db1)
	}

	var version int
	if err := c1.QueryRow(ctx, "SELECT current_setting('server_version_num')::int").Scan(&version); err != nil {
		t.Fatal(err)
	}
	t.Logf("server_version_num = %d", version)
	if version < 150000 {
		t.Errorf("server_version_num = %d, want >= 150000 (PostgreSQL 15 or later)", version)
	}
	// Also the literal statement named in the requirement.
	var shown string
	if err := c1.QueryRow(ctx, "SHOW server_version_num").Scan(&shown); err != nil {
		t.Fatal(err)
	}
	if shown != fmt.Sprint(version) {
		t.Errorf("SHOW server_version_num = %q, current_setting gave %d", shown, version)
	}

	for _, c := range []*pgx.Conn{c1, c2} {
		if n := userTables(t, c); n != 0 {
			t.Errorf("new database %s has %d user tables, want 0", currentDatabase(t, c), n)
		}
	}

	if _, err := c1.Exec(ctx, "CREATE TABLE only_in_first (id int PRIMARY KEY)"); err != nil {
		t.Fatal(err)
	}
	if n := userTables(t, c1); n != 1 {
		t.Errorf("after CREATE TABLE, %s has %d user tables, want 1", db1, n)
	}
	var exists bool
	if err := c2.QueryRow(ctx, "SELECT to_regclass('public.only_in_first') IS NOT NULL").Scan(&exists); err != nil {
		t.Fatal(err)
	}
	if exists {
		t.Errorf("table created in %s is visible in %s", db1, db2)
	}
}

func TestConnAndPool(t *testing.T) {
	ctx := t.Context()
	conn := pgtest.Conn(t)
	var one int
	if err := conn.QueryRow(ctx, "SELECT 1").Scan(&one); err != nil || one != 1 {
		t.Fatalf("Conn: SELECT 1 = %d, %v", one, err)
	}

	pool := pgtest.Pool(t)
	// A pool is for concurrent use: run queries in parallel on it.
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := range 8 {
		wg.Go(func() {
			var got int
			if err := pool.QueryRow(ctx, "SELECT $1::int + 1", i).Scan(&got); err != nil {
				errs <- err
			} else if got != i+1 {
				errs <- fmt.Errorf("SELECT %d + 1 = %d", i, got)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("Pool: %v", err)
	}

	var connDB, poolDB string
	if err := conn.QueryRow(ctx, "SELECT current_database()").Scan(&connDB); err != nil {
		t.Fatal(err)
	}
	if err := pool.QueryRow(ctx, "SELECT current_database()").Scan(&poolDB); err != nil {
		t.Fatal(err)
	}
	if connDB == poolDB {
		t.Errorf("Conn and Pool share database %q, want a fresh one each", connDB)
	}
}

// TestDatabaseDroppedAfterTest checks the cleanup: once a (sub)test is
// over, its database is gone, even with a connection still open.
func TestDatabaseDroppedAfterTest(t *testing.T) {
	var name string
	t.Run("inner", func(t *testing.T) {
		// Registered before URL's cleanup, so it runs after the DROP: the
		// connection is still open then, and DROP ... WITH (FORCE) must cope.
		var c *pgx.Conn
		t.Cleanup(func() {
			if c != nil {
				c.Close(context.Background())
			}
		})
		u := pgtest.URL(t)
		var err error
		if c, err = pgx.Connect(t.Context(), u); err != nil {
			t.Fatal(err)
		}
		name = currentDatabase(t, c)
	})
	if name == "" {
		t.Fatal("inner test did not record its database")
	}
	observer := pgtest.Conn(t)
	var n int
	if err := observer.QueryRow(t.Context(), "SELECT count(*) FROM pg_database WHERE datname = $1", name).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("database %s still exists after its test finished", name)
	}
}

// TestParallel makes many tests ask for databases at once, as a package
// full of t.Parallel() tests will.
func TestParallel(t *testing.T) {
	for i := range 10 {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			t.Parallel()
			c := pgtest.Conn(t)
			if _, err := c.Exec(t.Context(), "CREATE TABLE t (id int)"); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestNoPostgres runs this test binary again with nowhere to find
// PostgreSQL (ERGEN_PG_BINDIR, when set, is the only place looked) and
// checks that the test is skipped normally but fails under CI=true.
func TestNoPostgres(t *testing.T) {
	for _, ci := range []bool{false, true} {
		t.Run(fmt.Sprintf("CI=%v", ci), func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestNoPostgresChild$", "-test.v", "-test.count=1")
			cmd.Env = append(envWithout("CI", "ERGEN_TEST_DATABASE_URL", "ERGEN_PG_BINDIR"),
				"PGTEST_NO_POSTGRES_CHILD=1",
				"ERGEN_PG_BINDIR=/nonexistent",
				fmt.Sprintf("CI=%v", ci))
			out, err := cmd.CombinedOutput()
			t.Logf("child output:\n%s", out)
			for _, want := range []string{"/nonexistent", "ERGEN_TEST_DATABASE_URL"} {
				if !strings.Contains(string(out), want) {
					t.Errorf("child output does not mention %q", want)
				}
			}
			if ci {
				if err == nil || !strings.Contains(string(out), "--- FAIL: TestNoPostgresChild") {
					t.Errorf("with CI=true: err = %v, want the test to fail", err)
				}
			} else {
				if err != nil || !strings.Contains(string(out), "--- SKIP: TestNoPostgresChild") {
					t.Errorf("without CI: err = %v, want the test to be skipped", err)
				}
			}
		})
	}
}

// TestNoPostgresChild is the body TestNoPostgres runs in a child process;
// on its own it does nothing.
func TestNoPostgresChild(t *testing.T) {
	if os.Getenv("PGTEST_NO_POSTGRES_CHILD") != "1" {
		return
	}
	pgtest.URL(t)
	t.Error("URL returned although no PostgreSQL can be found")
}

func connect(t *testing.T, url string) *pgx.Conn {
	t.Helper()
	c, err := pgx.Connect(t.Context(), url)
	if err != nil {
		t.Fatalf("connecting to %s: %v", url, err)
	}
	t.Cleanup(func() { c.Close(context.Background()) })
	return c
}

func currentDatabase(t *testing.T, c *pgx.Conn) string {
	t.Helper()
	var db string
	if err := c.QueryRow(t.Context(), "SELECT current_database()").Scan(&db); err != nil {
		t.Fatal(err)
	}
	return db
}

func userTables(t *testing.T, c *pgx.Conn) int {
	t.Helper()
	var n int
	err := c.QueryRow(t.Context(), `SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND n.nspname NOT IN ('pg_catalog', 'information_schema')`).Scan(&n)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func envWithout(names ...string) []string {
	var env []string
outer:
	for _, kv := range os.Environ() {
		for _, n := range names {
			if strings.HasPrefix(kv, n+"=") {
				continue outer
			}
		}
		env = append(env, kv)
	}
	return env
}

// Psql finds psql beside the server binaries when it is not on PATH, as
// on Debian, whose postgresql-15 package keeps them out of PATH.
func TestPsqlBesideServerBinaries(t *testing.T) {
	t.Setenv("PATH", "")
	p := pgtest.Psql(t)
	if filepath.Base(p) != "psql" || !filepath.IsAbs(p) {
		t.Fatalf("Psql = %q, want an absolute path to psql", p)
	}
	if out, err := exec.Command(p, "--version").Output(); err != nil || !strings.HasPrefix(string(out), "psql") {
		t.Fatalf("%s --version: %q, %v", p, out, err)
	}
}
