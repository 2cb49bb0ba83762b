package migrate_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/jackc/pgx/v5"

	"github.com/ergen-dev/ergen/generator/migrate"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

// indexModel is three tables, each with an index named by `as`, the
// third's unique: NAME_A, NAME_B and NAME_C stand for their names.
const indexModel = `
entity A {
  id serial pk
  a  integer
  index (a) as NAME_A
}
entity B {
  id serial pk
  b  integer
  index (b) as NAME_B
}
entity C {
  id serial pk
  c  integer
  unique index (c) as NAME_C
}
`

// namedIndexes is indexModel with its indexes named a, b and c.
func namedIndexes(a, b, c string) string {
	return strings.NewReplacer("NAME_A", a, "NAME_B", b, "NAME_C", c).Replace(indexModel)
}

// An index NEW names otherwise, built alike on the same table, is
// renamed, not built again; index names are the schema's, so names traded
// between indexes, across tables or on one, go through names of their
// own. Each index keeps its object (its OID), and the way back renames
// them back.
func TestIndexNamesTraded(t *testing.T) {
	oneTable := "entity A {\n  id serial pk\n  a  integer\n  b  integer\n  index (a) as n_one\n  index (b) as n_two\n}\n"
	for _, c := range []struct{ name, old, new string }{
		{"renamed", namedIndexes("n_one", "n_two", "n_three"), namedIndexes("n_four", "n_two", "n_three")},
		{"swapped across tables", namedIndexes("n_one", "n_two", "n_three"), namedIndexes("n_two", "n_one", "n_three")},
		{"cycle of three tables", namedIndexes("n_one", "n_two", "n_three"), namedIndexes("n_two", "n_three", "n_one")},
		{"swapped on one table", oneTable, strings.NewReplacer("n_one", "n_two", "n_two", "n_one").Replace(oneTable)},
	} {
		t.Run(c.name, func(t *testing.T) {
			conn := pgtest.Conn(t)
			var before map[string]uint32
			plan := convergeWith(t, conn, pgtest.Conn(t), c.old, c.new, migrate.Options{}, func(plan *migrate.Plan, _ string) error {
				before = indexOIDs(t, conn)
				return apply(conn, plan)
			})
			script := string(plan.Script())
			if strings.Contains(script, "CREATE") || strings.Contains(script, "DROP") {
				t.Errorf("a rename built or dropped an index:\n%s", script)
			}
			if d := cmp.Diff(before, indexOIDs(t, conn)); d != "" {
				t.Errorf("indexes are not the ones OLD had (-before +after):\n%s", d)
			}
			goBack(t, conn, c.old, c.new)
		})
	}
}

// Names traded between indexes whose definitions change too: each is
// built again, and the old ones, whose names NEW gives to others, go
// before the new ones are built, so that no build drops or collides
// with a valid index of another table.
func TestIndexNamesTradedAndChanged(t *testing.T) {
	changed := func(src string) string {
		return strings.NewReplacer("index (a)", "index (a, id)", "index (b)", "index (b, id)", "index (c)", "index (c, id)").Replace(src)
	}
	for _, c := range []struct{ name, old, new string }{
		{"swapped across tables", namedIndexes("n_one", "n_two", "n_three"), changed(namedIndexes("n_two", "n_one", "n_three"))},
		{"cycle of three tables", namedIndexes("n_one", "n_two", "n_three"), changed(namedIndexes("n_two", "n_three", "n_one"))},
		{"one renamed, one changed", namedIndexes("n_one", "n_two", "n_three"),
			strings.Replace(namedIndexes("n_two", "n_four", "n_three"), "index (b)", "index (b, id)", 1)},
		{"swapped with a partitioned table", withPartitioned("n_one", "n_two"), withPartitioned("n_two", "n_one")},
	} {
		t.Run(c.name, func(t *testing.T) {
			conn := pgtest.Conn(t)
			converge(t, conn, pgtest.Conn(t), c.old, c.new, migrate.Options{})
			goBack(t, conn, c.old, c.new)
		})
	}
}

// withPartitioned is a table and a partitioned table, each with an index
// of the name given; the partitioned table's is built again when renamed.
func withPartitioned(a, p string) string {
	return `entity A {
  id serial pk
  a  integer
  index (a) as ` + a + `
}
entity Payment {
  id      bigserial
  paid_on date
  kind    text
  pk (id, paid_on)
  index (kind) as ` + p + `
  partition by range (paid_on)
  partition payments_2000 from ('2000-01-01') to ('2001-01-01')
  partition payments_other default
}
`
}

// A name an index leaves may go to a table the migration creates, which
// is created before the indexes are renamed: that index is dropped
// before, not renamed, and NEW's is built.
func TestIndexNameTakenByNewTable(t *testing.T) {
	old := namedIndexes("n_one", "n_two", "n_three")
	new := namedIndexes("n_four", "n_two", "n_three") + "entity D {\n  id serial pk\n  d  integer\n  index (d) as n_one\n}\n"
	converge(t, pgtest.Conn(t), pgtest.Conn(t), old, new, migrate.Options{})
}

// goBack applies the way back from newSrc to oldSrc on conn, which holds
// NEW's schema: the catalog must be OLD's.
func goBack(t *testing.T, conn *pgx.Conn, oldSrc, newSrc string) {
	t.Helper()
	if err := apply(conn, planWithDown(t, oldSrc, newSrc).Down); err != nil {
		t.Fatalf("the way back: %v", err)
	}
	fresh := pgtest.Conn(t)
	if _, err := fresh.Exec(ctx, ddl(t, load(t, "old.er", oldSrc))); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(catalog(t, fresh, ""), catalog(t, conn, "")); d != "" {
		t.Errorf("catalog after the way back differs from OLD's (-want +got):\n%s", d)
	}
}

// indexOIDs maps each index of the public schema, by its table and
// columns, to its OID.
func indexOIDs(t *testing.T, conn *pgx.Conn) map[string]uint32 {
	t.Helper()
	rows, err := conn.Query(ctx, `SELECT i.indrelid::regclass::text || ' ' || i.indkey::text, i.indexrelid::oid
FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'public'`)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]uint32{}
	var key string
	var oid uint32
	if _, err := pgx.ForEachRow(rows, []any{&key, &oid}, func() error { out[key] = oid; return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}
