package migrate_test

import (
	"context"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/jackc/pgx/v5"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator"
	pgcatalog "github.com/ergen-dev/ergen/generator/importer/catalog"
	"github.com/ergen-dev/ergen/generator/migrate"
	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/generator/postgres"
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
	out, err := postgres.DDL(s, "model.er")
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// diff plans from OLD's source to NEW's, renames included.
func diff(t testing.TB, oldSrc, newSrc string, opts migrate.Options) (*migrate.Plan, dsl.Diagnostics) {
	t.Helper()
	oldFile, diags := dsl.Parse("old.er", []byte(oldSrc))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	newFile, diags := dsl.Parse("new.er", []byte(newSrc))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return migrate.Diff(oldFile, newFile, opts)
}

// apply runs the plan's steps as psql runs its script: a transactional
// step as one transaction, any other statement on its own. Before it
// commits a transactional step, it reads the locks the step holds from
// pg_locks: on every table that existed before the step, in any schema
// (a step may move tables between schemas), the strongest lock must be
// the one the plan claims.
func apply(conn *pgx.Conn, plan *migrate.Plan) error {
	for _, s := range plan.Steps {
		var err error
		start := time.Now()
		if s.Transactional {
			err = applyTx(conn, s)
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

func applyTx(conn *pgx.Conn, s *migrate.Step) error {
	tables := map[uint32]string{}
	rows, err := conn.Query(ctx, `SELECT c.oid, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND c.relkind IN ('r', 'p')`)
	if err != nil {
		return err
	}
	var oid uint32
	var name string
	if _, err := pgx.ForEachRow(rows, []any{&oid, &name}, func() error { tables[oid] = name; return nil }); err != nil {
		return err
	}
	if _, err := conn.Exec(ctx, "BEGIN;\nSET LOCAL lock_timeout = '5s';\n"+strings.Join(s.SQL, "\n")); err != nil {
		return err
	}
	rows, err = conn.Query(ctx, "SELECT relation::oid, mode FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'relation'")
	if err != nil {
		return err
	}
	held := map[string]string{}
	var mode string
	if _, err := pgx.ForEachRow(rows, []any{&oid, &mode}, func() error {
		if t, ok := tables[oid]; ok && lockRank[mode] > lockRank[held[t]] {
			held[t] = mode
		}
		return nil
	}); err != nil {
		return err
	}
	claimed := map[string]string{}
	for _, l := range s.Locks {
		if lockRank[l.Mode] > lockRank[claimed[l.Table]] {
			claimed[l.Table] = l.Mode
		}
	}
	// A table the step creates is not in tables: nobody else sees it.
	if !maps.Equal(held, claimed) {
		conn.Exec(ctx, "ROLLBACK") //nolint:errcheck // reported below
		return fmt.Errorf("locks held %v, plan claims %v", held, claimed)
	}
	_, err = conn.Exec(ctx, "COMMIT")
	return err
}

// lockRank orders lock modes by strength, as PostgreSQL's conflict table does.
var lockRank = map[string]int{"AccessShareLock": 1, "RowShareLock": 2, "RowExclusiveLock": 3,
	"ShareUpdateExclusiveLock": 4, "ShareLock": 5, "ShareRowExclusiveLock": 6, "ExclusiveLock": 7, "AccessExclusiveLock": 8}

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
	// A foreign key to a partitioned table has a copy for each partition,
	// valid or not as it is: each is named as the declared one.
	rows, err := conn.Query(ctx, `
WITH RECURSIVE up(root, parent) AS (
  SELECT c.oid, c.conparentid FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
   WHERE n.nspname = $1 AND NOT c.convalidated
  UNION ALL
  SELECT p.oid, p.conparentid FROM up JOIN pg_constraint p ON p.oid = up.parent
)
SELECT DISTINCT 'constraint ' || r.conname FROM up JOIN pg_constraint r ON r.oid = up.root WHERE up.parent = 0
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
	return convergeWith(t, conn, fresh, oldSrc, newSrc, opts, func(plan *migrate.Plan, schema string) error {
		return apply(conn, plan)
	})
}

// convergeWith is converge with the plan applied by run.
func convergeWith(t testing.TB, conn, fresh *pgx.Conn, oldSrc, newSrc string, opts migrate.Options,
	run func(plan *migrate.Plan, schema string) error) *migrate.Plan {
	t.Helper()
	old, new := load(t, "old.er", oldSrc), load(t, "new.er", newSrc)
	plan, diags := diff(t, oldSrc, newSrc, opts)
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
	err := run(plan, new.Name)
	// fill clears the NULLs NEW forbids in tables it finds by name; in a
	// renamed table it cannot, and making a column NOT NULL fails, as it
	// should, on the rows left.
	if err != nil && strings.Contains(err.Error(), "ergen_nn_") && strings.Contains(err.Error(), "23514") && strings.Contains(newSrc, " was ") {
		t.Skipf("rows do not fit NEW in a renamed table: %v", err)
	}
	if err != nil {
		t.Fatalf("migration failed: %v\n--- OLD:\n%s\n--- NEW:\n%s", err, oldSrc, newSrc)
	}
	if _, err := fresh.Exec(ctx, ddl(t, new)); err != nil {
		t.Fatalf("NEW's DDL: %v", err)
	}
	if d := cmp.Diff(catalog(t, fresh, new.Name), catalog(t, conn, new.Name)); d != "" {
		t.Fatalf("migrated catalog differs from NEW's DDL (-want +got):\n%s\n--- script:\n%s", d, plan.Script())
	}
	// NEW's DDL leaves the foreign keys it declares `not valid` so, and,
	// for one that references a partitioned table, the constraints
	// PostgreSQL keeps beside it for each referenced partition.
	fresher := invalid(t, fresh, new.Name)
	if bad := slices.DeleteFunc(invalid(t, conn, new.Name), func(obj string) bool {
		return declaredNotValid(new)(obj) || slices.Contains(fresher, obj)
	}); len(bad) > 0 {
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

// contains fails t for each of wants that script lacks.
func contains(t testing.TB, script string, wants ...string) {
	t.Helper()
	for _, want := range wants {
		if !strings.Contains(script, want) {
			t.Errorf("script lacks %q:\n%s", want, script)
		}
	}
}

// refused checks that a plan is refused with exactly want, the
// diagnostics as the commands print them (position, caret, hint) over
// the sources, old.er and new.er.
func refused(t testing.TB, diags dsl.Diagnostics, oldSrc, newSrc, want string) {
	t.Helper()
	var b strings.Builder
	dsl.Print(&b, diags, func(file string) []byte {
		if file == "old.er" {
			return []byte(oldSrc)
		}
		return []byte(newSrc)
	})
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}

// convergeFilenode is converge on conn with the file node of the index
// named index read just before and just after the plan applies: they
// differ when the plan builds the index anew.
func convergeFilenode(t testing.TB, conn *pgx.Conn, oldSrc, newSrc string, opts migrate.Options, index string) (plan *migrate.Plan, before, after uint32) {
	t.Helper()
	node := "SELECT pg_relation_filenode(" + model.QuoteLiteral(index) + ")"
	plan = convergeWith(t, conn, pgtest.Conn(t), oldSrc, newSrc, opts, func(plan *migrate.Plan, _ string) error {
		if err := conn.QueryRow(ctx, node).Scan(&before); err != nil {
			return err
		}
		if err := apply(conn, plan); err != nil {
			return err
		}
		return conn.QueryRow(ctx, node).Scan(&after)
	})
	return plan, before, after
}
