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
					if err := forceAsNoted(db, dir); err != nil {
						return err
					}
				}
				return runUp(db, format, dir)
			})
		})
	}
}

// forceAsNoted forces golang-migrate's version to the one the note of the
// dirty version's file names.
func forceAsNoted(db *sql.DB, dir string) error {
	var dirty int
	if err := db.QueryRow("SELECT version FROM schema_migrations WHERE dirty").Scan(&dirty); err != nil {
		return err
	}
	failed, err := os.ReadFile(filepath.Join(dir, fmt.Sprintf("%06d_email.up.sql", dirty)))
	if err != nil {
		return err
	}
	m := regexp.MustCompile("`migrate force (?:-- )?(-?[0-9]+)`").FindSubmatch(failed)
	if m == nil {
		return fmt.Errorf("version %d's file notes no version to force:\n%s", dirty, failed)
	}
	v, _ := strconv.Atoi(string(m[1]))
	src, err := iofs.New(os.DirFS(dir), ".")
	if err != nil {
		return err
	}
	driver, err := migratepgx.WithInstance(db, &migratepgx.Config{})
	if err != nil {
		return err
	}
	mig, err := gomigrate.NewWithInstance("iofs", src, "pgx5", driver)
	if err != nil {
		return err
	}
	return mig.Force(v)
}
