package migrate_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
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

// The files of each runner's format, applied by the runner itself (goose,
// golang-migrate) to ShopFlow v1's database with rows, give v2's catalog.
func TestRunners(t *testing.T) {
	v1, v2 := shopflow(t)
	for _, format := range []string{"goose", "golang-migrate"} {
		t.Run(format, func(t *testing.T) {
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
			db := stdlib.OpenDB(*config)
			t.Cleanup(func() { db.Close() })
			convergeWith(t, conn, pgtest.Conn(t), string(v1), string(v2), migrate.Options{},
				func(plan *migrate.Plan, _ string) error {
					dir := t.TempDir()
					files, err := plan.Files(format, 1, "shopflow_v2")
					if err != nil {
						return err
					}
					for _, f := range files {
						if err := os.WriteFile(filepath.Join(dir, f.Name), f.Data, 0o644); err != nil {
							return err
						}
					}
					// The runner's own table must record the last file;
					// then it goes, since NEW's catalog has no such table.
					table, query, want := "goose_db_version", "SELECT max(version_id) FROM goose_db_version", int64(len(files))
					run := runGoose
					if format == "golang-migrate" {
						table, query, run = "schema_migrations", "SELECT version FROM schema_migrations WHERE NOT dirty", runGolangMigrate
					}
					if err := run(db, dir); err != nil {
						return err
					}
					var got int64
					if err := db.QueryRow(query).Scan(&got); err != nil || got != want {
						return fmt.Errorf("%s records version %d (%v), want %d", table, got, err, want)
					}
					_, err = db.Exec("DROP TABLE " + table)
					return err
				})
		})
	}
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
