package migrate_test

import (
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/jackc/pgx/v5"
	"github.com/pressly/goose/v3"

	gomigrate "github.com/golang-migrate/migrate/v4"
	migratepgx "github.com/golang-migrate/migrate/v4/database/pgx/v5"
	"github.com/golang-migrate/migrate/v4/source/iofs"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator/migrate"
	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

// downV2 changes downV1 only in ways the way back undoes without losing
// data: the renames of catalogV2 (an entity, so its junction too, an
// attribute, an enum value), of an enum type and a junction, and an
// index, a CHECK, a default, a comment, optional to required and a
// foreign key's action.
const downV1 = catalogV1 + `
enum Size { small large }

entity Item {
  id    serial pk
  size  Size
  stage Stage
  note  text?
  price numeric(10, 2)
}

relationship Product 1:N Item {
  optional
  on delete set null
}

relationship Item M:N Product via Bundle
`

const downV2 = catalogV2 + `
enum Dimension was Size { small large }

entity Item {
  id    serial pk
  size  Dimension
  stage Stage = 'draft'
  note  text comment 'shown on the product page'
  price numeric(10, 2) check (price >= 0)
  index (stage)
}

relationship Product 1:N Item {
  optional
  on delete cascade
}

relationship Item M:N Product via Kit was via Bundle
`

// Up, then down, with each runner, on a database with rows: the catalog
// is OLD's again, and every row has the values it had.
func TestDownFiles(t *testing.T) {
	old, new := load(t, "old.er", downV1), load(t, "new.er", downV2)
	plan := planWithDown(t, downV1, downV2)
	fresh := pgtest.Conn(t)
	if _, err := fresh.Exec(ctx, ddl(t, old)); err != nil {
		t.Fatal(err)
	}
	want := catalog(t, fresh, "")
	for _, format := range migrate.Formats {
		t.Run(format, func(t *testing.T) {
			conn, db, url := runnerDB(t, "")
			if _, err := conn.Exec(ctx, ddl(t, old)); err != nil {
				t.Fatal(err)
			}
			if err := fill(conn, old, new); err != nil {
				t.Fatal(err)
			}
			before := contents(t, conn, old)
			files, err := plan.Files(format, 1, "catalog")
			if err != nil {
				t.Fatal(err)
			}
			dir := writeFiles(t, files)
			up, down := runnerOf(t, format, db, url, dir)
			if err := up(); err != nil {
				t.Fatalf("up: %v", err)
			}
			if err := down(); err != nil {
				t.Fatalf("down: %v", err)
			}
			for _, table := range []string{"goose_db_version", "schema_migrations"} {
				if _, err := conn.Exec(ctx, "DROP TABLE IF EXISTS "+table); err != nil {
					t.Fatal(err)
				}
			}
			if d := cmp.Diff(want, catalog(t, conn, "")); d != "" {
				t.Fatalf("catalog after up and down differs from OLD's (-want +got):\n%s", d)
			}
			if bad := invalid(t, conn, ""); len(bad) > 0 {
				t.Errorf("left invalid: %v", bad)
			}
			if d := cmp.Diff(before, contents(t, conn, old)); d != "" {
				t.Errorf("rows changed (-before +after):\n%s", d)
			}
		})
	}
}

// planWithDown plans from oldSrc to newSrc and back; the way back must
// be planned.
func planWithDown(t *testing.T, oldSrc, newSrc string) *migrate.Plan {
	t.Helper()
	plan, diags := diff(t, oldSrc, newSrc, migrate.Options{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	oldFile, _ := dsl.Parse("old.er", []byte(oldSrc))
	newFile, _ := dsl.Parse("new.er", []byte(newSrc))
	down, notes := migrate.Down(oldFile, newFile, plan, migrate.Options{})
	if down == nil {
		t.Fatalf("no way back: %v", notes)
	}
	plan.Down = down
	return plan
}

// runnerOf returns functions that apply the files in dir up and all the
// way down, with the runner of format (psql for plain).
func runnerOf(t *testing.T, format string, db *sql.DB, url, dir string) (up, down func() error) {
	t.Helper()
	switch format {
	case "goose":
		p, err := goose.NewProvider(goose.DialectPostgres, db, os.DirFS(dir))
		if err != nil {
			t.Fatal(err)
		}
		return func() error { _, err := p.Up(ctx); return err },
			func() error { _, err := p.DownTo(ctx, 0); return err }
	case "golang-migrate":
		src, err := iofs.New(os.DirFS(dir), ".")
		if err != nil {
			t.Fatal(err)
		}
		driver, err := migratepgx.WithInstance(db, &migratepgx.Config{})
		if err != nil {
			t.Fatal(err)
		}
		m, err := gomigrate.NewWithInstance("iofs", src, "pgx5", driver)
		if err != nil {
			t.Fatal(err)
		}
		return m.Up, m.Down
	}
	psql, err := exec.LookPath("psql")
	if err != nil {
		t.Skip("psql not found")
	}
	run := func(glob string) func() error {
		return func() error {
			files, _ := filepath.Glob(filepath.Join(dir, glob))
			for _, f := range files {
				out, err := exec.Command(psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-f", f).CombinedOutput()
				if err != nil {
					return fmt.Errorf("psql -f %s: %v\n%s", filepath.Base(f), err, out)
				}
			}
			return nil
		}
	}
	return run("*[0-9]_catalog.sql"), run("*.down.sql")
}

// contents reads every row of every table of s, as JSON text, in order.
func contents(t *testing.T, conn *pgx.Conn, s *model.Schema) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, tb := range s.Tables {
		rows, err := conn.Query(ctx, "SELECT to_jsonb(t)::text FROM "+s.Qualify(tb.Name)+" t")
		if err != nil {
			t.Fatal(err)
		}
		values, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			t.Fatal(err)
		}
		sort.Strings(values)
		out[tb.Name] = values
	}
	return out
}

// No way back is planned when it would lose data: what up adds would be
// dropped, a value added to an enum cannot be removed, and what up drops
// (allowed) cannot come back with its values. The notes are warnings,
// positioned, with the hazard's code.
func TestDownRefused(t *testing.T) {
	for _, c := range []struct {
		name, old, new string
		allow          []string
		code           string
	}{
		{"added column", "entity A {\n id serial pk\n}\n", "entity A {\n id serial pk\n note text?\n}\n", nil, migrate.DropColumn},
		{"added table", "entity A {\n id serial pk\n}\n", "entity A {\n id serial pk\n}\nentity B {\n id serial pk\n}\n", nil, migrate.DropTable},
		{"added value", "enum E { 'a' }\nentity A {\n id serial pk\n e E\n}\n", "enum E { 'a' 'b' }\nentity A {\n id serial pk\n e E\n}\n", nil, migrate.EnumValueRemoved},
		{"dropped column", "entity A {\n id serial pk\n note text?\n}\n", "entity A {\n id serial pk\n}\n", []string{"drop"}, migrate.DropColumn},
	} {
		t.Run(c.name, func(t *testing.T) {
			opts := migrate.Options{Allow: c.allow}
			plan, diags := diff(t, c.old, c.new, opts)
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			oldFile, _ := dsl.Parse("old.er", []byte(c.old))
			newFile, _ := dsl.Parse("new.er", []byte(c.new))
			down, notes := migrate.Down(oldFile, newFile, plan, opts)
			if down != nil || len(notes) == 0 {
				t.Fatalf("way back planned: %v", notes)
			}
			for _, n := range notes {
				if n.Severity != dsl.Warning || n.Code != c.code || n.Pos.Line == 0 {
					t.Errorf("note %v: want a positioned warning %s", n, c.code)
				}
			}
		})
	}
}
