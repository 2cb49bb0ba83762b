package migrate_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	gomigrate "github.com/golang-migrate/migrate/v4"
	migratepgx "github.com/golang-migrate/migrate/v4/database/pgx/v5"
	"github.com/golang-migrate/migrate/v4/source/iofs"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"

	"github.com/ergen-dev/ergen/generator/migrate"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

var runnerFormats = []string{"goose", "golang-migrate"}

// The files of each runner's format, applied by the runner itself (goose,
// golang-migrate) to ShopFlow v1's database with rows, give v2's catalog.
func TestRunners(t *testing.T) {
	v1, v2 := shopflow(t)
	for _, format := range runnerFormats {
		t.Run(format, func(t *testing.T) {
			conn, db, _ := runnerDB(t, "")
			convergeWith(t, conn, pgtest.Conn(t), string(v1), string(v2), migrate.Options{},
				func(plan *migrate.Plan, _ string) error {
					files, err := plan.Files(format, 1, "shopflow_v2")
					if err != nil {
						return err
					}
					return runUp(db, format, writeFiles(t, files))
				})
		})
	}
}

// A statement that cannot run in a transaction (CREATE INDEX
// CONCURRENTLY) runs under lock_timeout in each runner's files: blocked
// by a lock another session holds, it fails with lock_not_available
// rather than waiting. The runner's sessions have a statement_timeout far
// longer than the lock_timeout, so that a file without the setting fails
// too, but with another error.
func TestRunnersLockTimeout(t *testing.T) {
	oldSrc := "entity Product {\n id serial pk\n name text\n}\n"
	newSrc := "entity Product {\n id serial pk\n name text\n index (name)\n}\n"
	plan, diags := diff(t, oldSrc, newSrc, migrate.Options{LockTimeout: "100ms"})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	// goose-up is the goose command's way, goose.UpContext on a *sql.DB,
	// whose one idle connection database/sql hands back for each
	// statement.
	for _, runner := range append(runnerFormats, "goose-up") {
		format := strings.TrimSuffix(runner, "-up")
		t.Run(runner, func(t *testing.T) {
			conn, db, _ := runnerDB(t, "10s")
			if _, err := conn.Exec(ctx, ddl(t, load(t, "old.er", oldSrc))); err != nil {
				t.Fatal(err)
			}
			// Another session of the same database holds a lock that
			// CREATE INDEX CONCURRENTLY's SHARE UPDATE EXCLUSIVE waits for.
			tx, err := conn.Begin(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Rollback(ctx) //nolint:errcheck // the lock is released either way
			if _, err := tx.Exec(ctx, "LOCK TABLE products IN SHARE UPDATE EXCLUSIVE MODE"); err != nil {
				t.Fatal(err)
			}
			files, err := plan.Files(format, 1, "index")
			if err != nil {
				t.Fatal(err)
			}
			err = runUp(db, runner, writeFiles(t, files))
			if err == nil || !strings.Contains(err.Error(), "55P03") {
				t.Fatalf("blocked CREATE INDEX CONCURRENTLY: got %v, want a lock timeout (55P03)", err)
			}
		})
	}
}

// runnerDB returns a connection to a fresh database for the test's own
// statements, a database/sql handle on it for the runner, whose sessions
// get statement_timeout when it is not empty, and its URL.
func runnerDB(t *testing.T, statementTimeout string) (*pgx.Conn, *sql.DB, string) {
	t.Helper()
	url := pgtest.URL(t)
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	config, err := pgx.ParseConfig(url)
	if err != nil {
		t.Fatal(err)
	}
	if statementTimeout != "" {
		config.RuntimeParams["statement_timeout"] = statementTimeout
	}
	db := stdlib.OpenDB(*config)
	t.Cleanup(func() { db.Close() })
	return conn, db, url
}

func writeFiles(t *testing.T, files []migrate.File) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(dir, f.Name), f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// runUp applies the files in dir with the runner of format; its own
// table must then record the last of the versions, and it is dropped,
// since NEW's catalog has no such table.
func runUp(db *sql.DB, format, dir string) error {
	table, query, run := "goose_db_version", "SELECT max(version_id) FROM goose_db_version", runGoose
	versions := countSuffix(dir, ".sql")
	if format == "goose-up" {
		run = func(db *sql.DB, dir string) error { return goose.UpContext(ctx, db, dir) }
	}
	if format == "golang-migrate" {
		table, query, run = "schema_migrations", "SELECT version FROM schema_migrations WHERE NOT dirty", runGolangMigrate
		versions = countSuffix(dir, ".up.sql")
	}
	if err := run(db, dir); err != nil {
		return err
	}
	var got int64
	if err := db.QueryRow(query).Scan(&got); err != nil || got != int64(versions) {
		return fmt.Errorf("%s records version %d (%v), want %d", table, got, err, versions)
	}
	_, err := db.Exec("DROP TABLE " + table)
	return err
}

func countSuffix(dir, suffix string) int {
	entries, _ := os.ReadDir(dir)
	n := 0
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), suffix) {
			n++
		}
	}
	return n
}

func runGoose(db *sql.DB, dir string) error {
	p, err := goose.NewProvider(goose.DialectPostgres, db, os.DirFS(dir))
	if err != nil {
		return err
	}
	_, err = p.Up(ctx)
	return err
}

func runGolangMigrate(db *sql.DB, dir string) error {
	src, err := iofs.New(os.DirFS(dir), ".")
	if err != nil {
		return err
	}
	driver, err := migratepgx.WithInstance(db, &migratepgx.Config{})
	if err != nil {
		return err
	}
	m, err := gomigrate.NewWithInstance("iofs", src, "pgx5", driver)
	if err != nil {
		return err
	}
	if err := m.Up(); err != nil && !errors.Is(err, gomigrate.ErrNoChange) {
		return err
	}
	return nil
}

// A new foreign key of an existing table is added in a DO block (see
// "Running again" in README.md), one statement to each runner's parser:
// goose splits a file at the semicolons that end its lines, so the block
// is written on one line.
func TestRunnersAddForeignKey(t *testing.T) {
	v1 := "entity Customer { id serial pk }\nentity Order {\n  id          serial pk\n  customer_id integer?\n}\n"
	v2 := "entity Customer { id serial pk }\nentity Order { id serial pk }\nrelationship Customer 1:N Order { optional }\n"
	for _, format := range runnerFormats {
		t.Run(format, func(t *testing.T) {
			conn, db, _ := runnerDB(t, "")
			plan := convergeWith(t, conn, pgtest.Conn(t), v1, v2, migrate.Options{},
				func(plan *migrate.Plan, _ string) error {
					files, err := plan.Files(format, 1, "order_customer")
					if err != nil {
						return err
					}
					return runUp(db, format, writeFiles(t, files))
				})
			if !strings.Contains(string(plan.Script()), "DO $ergen$") {
				t.Errorf("the foreign key is not added in a DO block:\n%s", plan.Script())
			}
		})
	}
}
