package migrate_test

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/jackc/pgx/v5"

	"github.com/ergen-dev/ergen/generator"
	"github.com/ergen-dev/ergen/generator/migrate"
	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/generator/postgres"
	"github.com/ergen-dev/ergen/internal/pgcatalog"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

var ctx = context.Background()

// load parses and resolves a model that must be valid.
func load(t testing.TB, name, src string) *model.Schema {
	t.Helper()
	s, diags := generator.Load(name, []byte(src))
	if diags.HasErrors() {
		t.Fatalf("%s: %v\n%s", name, diags.Errors(), src)
	}
	return s
}

func ddl(t testing.TB, s *model.Schema) string {
	t.Helper()
	out, err := postgres.Emit(s, "model.er")
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// apply runs the plan's steps as psql runs its script: a transactional
// step as one transaction, any other statement on its own.
func apply(conn *pgx.Conn, plan *migrate.Plan) error {
	for _, s := range plan.Steps {
		var err error
		start := time.Now()
		if s.Transactional {
			sql := "BEGIN;\nSET LOCAL lock_timeout = '5s';\n" + strings.Join(s.SQL, "\n") + "\nCOMMIT;"
			_, err = conn.Exec(ctx, sql)
		} else {
			_, err = conn.Exec(ctx, s.SQL[0])
		}
		if os.Getenv("MIGTIME") != "" {
			fmt.Println(time.Since(start), s.What)
		}
		if err != nil {
			conn.Exec(ctx, "ROLLBACK") //nolint:errcheck // leave no transaction open
			return fmt.Errorf("%s: %s: %w\n%s", s.Phase, s.What, err, strings.Join(s.SQL, "\n"))
		}
	}
	return nil
}

// catalog reads a schema back, with columns by name: a migration appends
// the columns it adds, where NEW's DDL puts them in declaration order.
func catalog(t testing.TB, conn *pgx.Conn, schema string) *pgcatalog.Catalog {
	t.Helper()
	c, err := pgcatalog.Read(ctx, conn, schema)
	if err != nil {
		t.Fatal(err)
	}
	for i := range c.Tables {
		slices.SortFunc(c.Tables[i].Columns, func(a, b pgcatalog.Column) int { return strings.Compare(a.Name, b.Name) })
	}
	return c
}

// invalid lists the constraints not validated and the indexes not valid
// in a schema: NEW's DDL on an empty database has none.
func invalid(t testing.TB, conn *pgx.Conn, schema string) []string {
	t.Helper()
	if schema == "" {
		schema = "public"
	}
	rows, err := conn.Query(ctx, `
SELECT 'constraint ' || conname FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
 WHERE n.nspname = $1 AND NOT c.convalidated
UNION ALL
SELECT 'index ' || i.indexrelid::regclass::text FROM pg_index i JOIN pg_class r ON r.oid = i.indexrelid
  JOIN pg_namespace n ON n.oid = r.relnamespace WHERE n.nspname = $1 AND NOT i.indisvalid
ORDER BY 1`, schema)
	if err != nil {
		t.Fatal(err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// counts returns the number of rows of every table of s.
func counts(t testing.TB, conn *pgx.Conn, s *model.Schema) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, tb := range s.Tables {
		var n int
		if err := conn.QueryRow(ctx, "SELECT count(*) FROM "+s.Qualify(tb.Name)).Scan(&n); err != nil {
			t.Fatal(err)
		}
		out[tb.Name] = n
	}
	return out
}

// converge checks the migration from old to new on conn, a database
// where old's schema is applied and filled with rows: it applies, the
// catalog is the one new's DDL gives fresh, an empty database, every
// constraint is valid, and the tables both models have keep their rows.
// It returns the plan. The schemas are dropped afterwards, so that the
// databases serve the next model.
func converge(t testing.TB, conn, fresh *pgx.Conn, oldSrc, newSrc string, opts migrate.Options) *migrate.Plan {
	t.Helper()
	old, new := load(t, "old.er", oldSrc), load(t, "new.er", newSrc)
	plan, diags := migrate.New(old, new, opts)
	if diags.HasErrors() {
		t.Fatalf("refused: %v", diags)
	}
	if new.Name != "" {
		drop := "DROP SCHEMA IF EXISTS " + model.QuoteIdent(new.Name) + " CASCADE"
		defer conn.Exec(ctx, drop)  //nolint:errcheck // the next model has another schema
		defer fresh.Exec(ctx, drop) //nolint:errcheck // the next model has another schema
	}
	if _, err := conn.Exec(ctx, ddl(t, old)); err != nil {
		t.Fatalf("OLD's DDL: %v", err)
	}
	if err := fill(conn, old, new); err != nil {
		t.Skipf("rows do not fit NEW: %v", err)
	}
	before := counts(t, conn, old)
	if err := apply(conn, plan); err != nil {
		t.Fatalf("migration failed: %v\n--- OLD:\n%s\n--- NEW:\n%s", err, oldSrc, newSrc)
	}
	if _, err := fresh.Exec(ctx, ddl(t, new)); err != nil {
		t.Fatalf("NEW's DDL: %v", err)
	}
	if d := cmp.Diff(catalog(t, fresh, new.Name), catalog(t, conn, new.Name)); d != "" {
		t.Fatalf("migrated catalog differs from NEW's DDL (-want +got):\n%s\n--- script:\n%s", d, plan.Script())
	}
	if bad := invalid(t, conn, new.Name); len(bad) > 0 {
		t.Fatalf("left invalid: %v", bad)
	}
	after := counts(t, conn, new)
	for name, n := range before {
		if m, ok := after[name]; ok && m != n {
			t.Errorf("table %s had %d rows, has %d", name, n, m)
		}
	}
	return plan
}
