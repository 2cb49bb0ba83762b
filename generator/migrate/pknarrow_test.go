package migrate_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/ergen-dev/ergen/generator/migrate"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

// A primary key over fewer columns (pk (id, tenant) made id pk, tenant
// made nullable), over more (the other way), or over fewer with a column
// dropped, is changed on a table with rows: the script, applied by psql
// with ON_ERROR_STOP, runs to its end, and the catalog is NEW's.
func TestPrimaryKeyNarrowedAndWidened(t *testing.T) {
	psql := pgtest.Psql(t)
	const wide = "entity Item {\n  id integer\n  tenant integer\n  pk (id, tenant)\n}\n"
	const narrow = "entity Item {\n  id integer pk\n  tenant integer?\n}\n"
	const dropped = "entity Item {\n  id integer pk\n}\n"
	for _, c := range []struct {
		name, old, new string
		allow          []string
	}{
		{"narrow", wide, narrow, nil},
		{"widen", narrow, wide, nil},
		{"narrow and drop", wide, dropped, []string{"drop"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			url := pgtest.URL(t)
			conn, err := pgx.Connect(ctx, url)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close(ctx)
			convergeWith(t, conn, pgtest.Conn(t), c.old, c.new, migrate.Options{Allow: c.allow}, func(plan *migrate.Plan, _ string) error {
				var rows int
				if err := conn.QueryRow(ctx, "SELECT count(*) FROM items").Scan(&rows); err != nil {
					return err
				}
				if rows == 0 {
					t.Fatal("no rows in items")
				}
				file := filepath.Join(t.TempDir(), "m.sql")
				if err := os.WriteFile(file, plan.Script(), 0o644); err != nil {
					return err
				}
				if out, err := exec.Command(psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-f", file).CombinedOutput(); err != nil {
					t.Fatalf("psql: %v\n%s\n--- script:\n%s", err, out, plan.Script())
				}
				return nil
			})
		})
	}
}
