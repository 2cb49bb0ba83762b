package migrate_test

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	gomigrate "github.com/golang-migrate/migrate/v4"
	migratepgx "github.com/golang-migrate/migrate/v4/database/pgx/v5"
	"github.com/golang-migrate/migrate/v4/source/iofs"

	"github.com/ergen-dev/ergen/generator/migrate"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

// A new key's build that fails on a duplicate leaves its index behind
// invalid. Once the rows are fixed, each runner resumes and completes:
// goose runs the failed file again, which drops that index and builds
// anew; golang-migrate, which marks the failed version dirty, is forced
// to the version the build's file names and runs up, its lock_timeout
// files with it.
func TestRunnersResumeFailedBuild(t *testing.T) {
	v1 := "entity User {\n  id    integer pk\n  email text\n}\n"
	v2 := strings.Replace(v1, "email text", "email text unique", 1)
	for _, format := range runnerFormats {
		t.Run(format, func(t *testing.T) {
			conn, db, _ := runnerDB(t, "")
			convergeWith(t, conn, pgtest.Conn(t), v1, v2, migrate.Options{}, func(plan *migrate.Plan, _ string) error {
				files, err := plan.Files(format, 1, "email")
				if err != nil {
					return err
				}
				dir := writeFiles(t, files)
				if _, err := conn.Exec(ctx, "INSERT INTO users VALUES (1000, 'dup'), (1001, 'dup')"); err != nil {
					return err
				}
				run := runGoose
				if format == "golang-migrate" {
					run = runGolangMigrate
				}
				if err := run(db, dir); err == nil || !strings.Contains(err.Error(), "23505") {
					return fmt.Errorf("got %v, want the build to fail on the duplicate", err)
				}
				if _, err := conn.Exec(ctx, "DELETE FROM users WHERE id IN (1000, 1001)"); err != nil {
					return err
				}
				if format == "golang-migrate" {
					if err := forceAsNoted(db, dir, "email", "up"); err != nil {
						return err
					}
				}
				return runUp(db, format, dir)
			})
		})
	}
}

// A golang-migrate file of a statement that cannot run in a transaction,
// up or down, that fails marks its version dirty; the file names the
// version to force, after which the runner, run again the same way, runs
// the statement's lock_timeout file and the statement, and completes:
// up, a DROP INDEX CONCURRENTLY that times out on a lock another session
// holds; down, a key's build that fails on a duplicate.
func TestRunnersResumeFailedStatement(t *testing.T) {
	t.Run("up drop", func(t *testing.T) {
		oldSrc := "entity Product {\n id serial pk\n name text\n index (name)\n}\n"
		newSrc := "entity Product {\n id serial pk\n name text\n}\n"
		conn, db, _ := runnerDB(t, "10s")
		convergeWith(t, conn, pgtest.Conn(t), oldSrc, newSrc, migrate.Options{LockTimeout: "100ms"}, func(plan *migrate.Plan, _ string) error {
			files, err := plan.Files("golang-migrate", 1, "email")
			if err != nil {
				return err
			}
			dir := writeFiles(t, files)
			tx, err := conn.Begin(ctx)
			if err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, "LOCK TABLE products IN SHARE MODE"); err != nil {
				return err
			}
			err = runGolangMigrate(db, dir)
			if err := tx.Rollback(ctx); err != nil {
				return err
			}
			if err == nil || !strings.Contains(err.Error(), "55P03") {
				return fmt.Errorf("got %v, want the drop to time out (55P03)", err)
			}
			if err := forceAsNoted(db, dir, "email", "up"); err != nil {
				return err
			}
			return runUp(db, "golang-migrate", dir)
		})
	})
	t.Run("down build", func(t *testing.T) {
		oldSrc := "entity User {\n  id    integer pk\n  email text unique\n}\n"
		newSrc := "entity User {\n  id    integer pk\n  email text\n}\n"
		plan := planWithDown(t, oldSrc, newSrc)
		conn, db, _ := runnerDB(t, "")
		if _, err := conn.Exec(ctx, ddl(t, load(t, "old.er", oldSrc))); err != nil {
			t.Fatal(err)
		}
		files, err := plan.Files("golang-migrate", 1, "email")
		if err != nil {
			t.Fatal(err)
		}
		dir := writeFiles(t, files)
		if err := runGolangMigrate(db, dir); err != nil {
			t.Fatal(err)
		}
		if _, err := conn.Exec(ctx, "INSERT INTO users VALUES (1000, 'dup'), (1001, 'dup')"); err != nil {
			t.Fatal(err)
		}
		if err := runGolangMigrateDown(db, dir); err == nil || !strings.Contains(err.Error(), "23505") {
			t.Fatalf("got %v, want the build to fail on the duplicate", err)
		}
		if _, err := conn.Exec(ctx, "DELETE FROM users WHERE id IN (1000, 1001)"); err != nil {
			t.Fatal(err)
		}
		if err := forceAsNoted(db, dir, "email", "down"); err != nil {
			t.Fatal(err)
		}
		if err := runGolangMigrateDown(db, dir); err != nil {
			t.Fatal(err)
		}
		var valid, invalid int
		if err := conn.QueryRow(ctx, "SELECT count(*) FILTER (WHERE indisvalid), count(*) FILTER (WHERE NOT indisvalid) FROM pg_index WHERE indrelid = 'users'::regclass AND indisunique AND NOT indisprimary").Scan(&valid, &invalid); err != nil || valid != 1 || invalid != 0 {
			t.Fatalf("unique indexes of users: %d valid, %d invalid (%v), want 1 valid", valid, invalid, err)
		}
	})
}

func runGolangMigrateDown(db *sql.DB, dir string) error {
	mig, err := golangMigrate(db, dir)
	if err != nil {
		return err
	}
	return mig.Down()
}

func golangMigrate(db *sql.DB, dir string) (*gomigrate.Migrate, error) {
	src, err := iofs.New(os.DirFS(dir), ".")
	if err != nil {
		return nil, err
	}
	driver, err := migratepgx.WithInstance(db, &migratepgx.Config{})
	if err != nil {
		return nil, err
	}
	return gomigrate.NewWithInstance("iofs", src, "pgx5", driver)
}

// forceAsNoted forces golang-migrate's version to the one the note of
// the file that failed, going dir ("up" or "down"), names, after checking
// that the file run first from there is a lock_timeout file, so that the
// failed statement runs again under lock_timeout.
func forceAsNoted(db *sql.DB, dir, name, direction string) error {
	var dirty int
	if err := db.QueryRow("SELECT version FROM schema_migrations WHERE dirty").Scan(&dirty); err != nil {
		return err
	}
	failedVersion := dirty // up: the failed version; down: the one below it
	if direction == "down" {
		failedVersion = max(dirty, 0) + 1
	}
	file := func(v int) ([]byte, error) {
		return os.ReadFile(filepath.Join(dir, fmt.Sprintf("%06d_%s.%s.sql", v, name, direction)))
	}
	failed, err := file(failedVersion)
	if err != nil {
		return err
	}
	m := regexp.MustCompile("`migrate force (?:-- )?(-?[0-9]+)` and `migrate " + direction + "`").FindSubmatch(failed)
	if m == nil {
		return fmt.Errorf("version %d's file notes no version to force:\n%s", failedVersion, failed)
	}
	v, _ := strconv.Atoi(string(m[1]))
	first := v // down: the forced version's down file runs first
	if direction == "up" {
		first = max(v, 0) + 1
	}
	if b, err := file(first); err != nil || !strings.Contains(string(b), "SET lock_timeout") {
		return fmt.Errorf("forced to %d, golang-migrate %s runs version %d first, not a lock_timeout file (%v):\n%s", v, direction, first, err, b)
	}
	mig, err := golangMigrate(db, dir)
	if err != nil {
		return err
	}
	return mig.Force(v)
}

// A transactional golang-migrate file that fails leaves the runner's
// connection idle in its aborted transaction: PostgreSQL has released the
// table locks the file took, but golang-migrate's unlock fails there, so
// its session advisory lock stays held, and another golang-migrate on
// another connection (even to force) waits, until that connection closes.
func TestGolangMigrateFailedTransactionalFile(t *testing.T) {
	oldSrc := "entity Product {\n id serial pk\n name text?\n}\n"
	newSrc := "entity Product {\n id serial pk\n name text\n}\n"
	plan, diags := diff(t, oldSrc, newSrc, migrate.Options{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	conn, db, _ := runnerDB(t, "")
	if _, err := conn.Exec(ctx, ddl(t, load(t, "old.er", oldSrc))); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, "INSERT INTO products (name) VALUES (NULL)"); err != nil {
		t.Fatal(err)
	}
	files, err := plan.Files("golang-migrate", 1, "name")
	if err != nil {
		t.Fatal(err)
	}
	dir := writeFiles(t, files)
	m, err := golangMigrate(db, dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Up(); err == nil || !strings.Contains(err.Error(), "23514") {
		t.Fatalf("got %v, want the validation to fail (23514)", err)
	}
	held := func() (states []string) {
		rows, err := conn.Query(ctx, `SELECT a.state || ' ' || string_agg(l.locktype || coalesce(' ' || l.relation::regclass::text, ''), ', ' ORDER BY l.locktype)
			FROM pg_stat_activity a JOIN pg_locks l ON l.pid = a.pid AND l.locktype <> 'virtualxid'
			WHERE a.datname = current_database() AND a.pid <> pg_backend_pid() GROUP BY a.pid, a.state ORDER BY 1`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				t.Fatal(err)
			}
			states = append(states, s)
		}
		return states
	}
	if got := strings.Join(held(), "; "); got != "idle in transaction (aborted) advisory" {
		t.Fatalf("the runner's session after the failed file: %q, want idle in transaction (aborted) holding its advisory lock alone", got)
	}
	if _, err := conn.Exec(ctx, "SET lock_timeout = '1s'; LOCK TABLE products IN ACCESS EXCLUSIVE MODE"); err != nil {
		t.Fatalf("the table stays locked: %v", err)
	}
	done := make(chan error, 1)
	go func() {
		m2, err := golangMigrate(db, dir)
		if err == nil {
			err = m2.Force(0)
		}
		done <- err
	}()
	select {
	case err := <-done:
		t.Fatalf("another golang-migrate did not wait for the advisory lock: %v", err)
	case <-time.After(time.Second):
	}
	if _, dbErr := m.Close(); dbErr != nil {
		t.Fatal(dbErr)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("another golang-migrate still waits once the failed run's connection is closed")
	}
}
