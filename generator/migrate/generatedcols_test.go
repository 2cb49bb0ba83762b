package migrate_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/dsl"

	"github.com/ergen-dev/ergen/generator/migrate"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

const generatedItems = "entity Item {\n  id    serial pk\n  price integer\n  qty   integer\n  total integer generated (price * qty)\n}\n"

// A generated column changes type without USING, which PostgreSQL
// refuses for it: the values are computed anew in the new type, rows kept.
func TestRetypeGeneratedColumn(t *testing.T) {
	plan := converge(t, pgtest.Conn(t), pgtest.Conn(t), generatedItems,
		strings.Replace(generatedItems, "total integer", "total bigint", 1), migrate.Options{Allow: []string{"rewrite"}})
	contains(t, string(plan.Script()), "ALTER TABLE items ALTER COLUMN total TYPE bigint;")
}

// A generated column whose expression changes is dropped and added again
// in one transaction, a rewrite (ER207): its index, its check and its
// comment come back, built concurrently, validated and set again. The
// catalog is NEW's (columns compared by name: the column now comes last)
// and the values are computed anew.
func TestGenerationExpressionChanged(t *testing.T) {
	v1 := `entity Item {
  id    serial pk
  price integer
  qty   integer
  total integer generated (price * qty) check (total >= 0) comment 'price times quantity'
  index (total)
  index (id) where (total > 10)
}
`
	v2 := strings.Replace(v1, "(price * qty)", "(price * qty + 1)", 1)
	_, diags := diff(t, v1, v2, migrate.Options{})
	want := "new.er:5:3: error ER207: generated column items.total is dropped and added again"
	if len(diags) != 1 || !strings.HasPrefix(diags[0].Error(), want) {
		t.Errorf("got %v, want %s...", diags, want)
	}
	conn := pgtest.Conn(t)
	plan := converge(t, conn, pgtest.Conn(t), v1, v2, migrate.Options{Allow: []string{"rewrite"}})
	contains(t, string(plan.Script()), "ALTER TABLE items DROP COLUMN total;\nALTER TABLE items ADD COLUMN total integer GENERATED ALWAYS AS (price * qty + 1) STORED NOT NULL;",
		"CREATE INDEX CONCURRENTLY idx_items_total", "VALIDATE CONSTRAINT")
	var bad int
	if err := conn.QueryRow(ctx, "SELECT count(*) FROM items WHERE total IS DISTINCT FROM price * qty + 1").Scan(&bad); err != nil || bad != 0 {
		t.Errorf("%d rows not computed anew (%v)", bad, err)
	}
}

// PostgreSQL cannot change the type of a column a generated column uses:
// the generated column is dropped, the column retyped and the generated
// column added again, in one transaction, a rewrite. A column the
// expression does not name changes freely.
func TestRetypeColumnAGeneratedColumnUses(t *testing.T) {
	v2 := strings.Replace(generatedItems, "price integer", "price bigint", 1)
	_, diags := diff(t, generatedItems, v2, migrate.Options{Allow: []string{"rewrite"}})
	if len(diags) != 0 {
		t.Fatal(diags)
	}
	_, diags = diff(t, generatedItems, v2, migrate.Options{})
	if !slicesHasPrefix(diagStrings(diags), "new.er:5:3: error ER207: generated column items.total is dropped and added again") {
		t.Errorf("not refused without --allow rewrite: %v", diags)
	}
	plan := converge(t, pgtest.Conn(t), pgtest.Conn(t), generatedItems, v2, migrate.Options{Allow: []string{"rewrite"}})
	if len(plan.Steps) != 1 {
		t.Errorf("not one step:\n%s", plan.Script())
	}
	contains(t, string(plan.Script()), "ALTER TABLE items DROP COLUMN total;\nALTER TABLE items ALTER COLUMN price TYPE bigint USING price::bigint;\nALTER TABLE items ADD COLUMN total")
	withNote := strings.Replace(generatedItems, "  qty   integer\n", "  qty   integer\n  note  varchar(10)\n", 1)
	plan = converge(t, pgtest.Conn(t), pgtest.Conn(t), withNote, strings.Replace(withNote, "varchar(10)", "varchar(20)", 1), migrate.Options{})
	contains(t, string(plan.Script()), "ALTER COLUMN note TYPE varchar(20)")
}

func diagStrings(diags []*dsl.Diagnostic) []string {
	var out []string
	for _, d := range diags {
		out = append(out, d.Error())
	}
	return out
}

// A generated column that becomes a plain one keeps its values (DROP
// EXPRESSION, a catalog update), first, so that a column it was computed
// from may change type in the same migration. A plain column becoming
// generated loses its values, computed anew: refused unless --allow drop
// (and rewrite), then dropped and added again, generated.
func TestGeneratedBecomesPlain(t *testing.T) {
	v2 := strings.NewReplacer("total integer generated (price * qty)", "total integer", "price integer", "price bigint").Replace(generatedItems)
	conn := pgtest.Conn(t)
	plan := converge(t, conn, pgtest.Conn(t), generatedItems, v2, migrate.Options{Allow: []string{"rewrite"}})
	script := string(plan.Script())
	contains(t, script, "ALTER TABLE items ALTER COLUMN total DROP EXPRESSION;")
	if strings.Index(script, "DROP EXPRESSION") > strings.Index(script, "ALTER COLUMN price TYPE") {
		t.Errorf("price is retyped before total stops using it:\n%s", script)
	}
	var bad int
	if err := conn.QueryRow(ctx, "SELECT count(*) FROM items WHERE total IS DISTINCT FROM price * qty").Scan(&bad); err != nil || bad != 0 {
		t.Errorf("%d rows lost their values (%v)", bad, err)
	}
	_, diags := diff(t, v2, generatedItems, migrate.Options{Allow: []string{"rewrite"}})
	if !slicesHasPrefix(diagStrings(diags), "new.er:5:3: error ER202: column items.total becomes generated: its values are replaced by ones computed from (price * qty)") {
		t.Errorf("a plain column made generated is not refused without --allow drop: %v", diags)
	}
	conn = pgtest.Conn(t)
	back := converge(t, conn, pgtest.Conn(t), v2, generatedItems, migrate.Options{Allow: []string{"rewrite", "drop"}})
	contains(t, string(back.Script()), "ALTER TABLE items DROP COLUMN total;", "ALTER TABLE items ADD COLUMN total integer GENERATED ALWAYS AS (price * qty) STORED")
	var n int
	if err := conn.QueryRow(ctx, "SELECT count(*), count(*) FILTER (WHERE total IS DISTINCT FROM price * qty) FROM items").Scan(&n, &bad); err != nil || n == 0 || bad != 0 {
		t.Errorf("%d of %d rows not computed anew (%v)", bad, n, err)
	}
}

// A generated column in a key that a foreign key references: the foreign
// key is dropped first, the column added again, its key rebuilt
// concurrently, and the foreign key added again NOT VALID and validated.
func TestRegeneratedReferencedKey(t *testing.T) {
	v1 := `entity Item {
  id    serial pk
  price integer
  qty   integer
  total integer generated (price * qty) unique
}
entity Line {
  id serial pk
}
relationship Item 1:N Line {
  optional
  references (total)
}
`
	v2 := strings.Replace(v1, "(price * qty)", "(price * qty + 0)", 1)
	plan := converge(t, pgtest.Conn(t), pgtest.Conn(t), v1, v2, migrate.Options{Allow: []string{"rewrite"}})
	script := string(plan.Script())
	contains(t, script, "ALTER TABLE lines DROP CONSTRAINT IF EXISTS fk_lines_item;", "ALTER TABLE items DROP COLUMN total;",
		"CREATE UNIQUE INDEX CONCURRENTLY uq_items_total ON items (total);", "ALTER TABLE lines VALIDATE CONSTRAINT fk_lines_item;")
	if strings.Index(script, "DROP CONSTRAINT fk_lines_item") > strings.Index(script, "DROP COLUMN total") {
		t.Errorf("the column is dropped before the foreign key that references it:\n%s", script)
	}
}

// The same, when the foreign key's table is planned before the generated
// column's, which a cycle closed by a deferred foreign key allows: the
// foreign keys to drop are known before any table is planned.
func TestRegeneratedReferencedFromCycle(t *testing.T) {
	v1 := `entity Line {
  id serial pk
}
entity Item {
  id    serial pk
  price integer
  qty   integer
  total integer generated (price * qty) unique
}
relationship Item 1:N Line {
  optional
  references (total)
}
relationship Line 1:N Item {
  optional
  deferrable initially deferred
}
`
	v2 := strings.Replace(v1, "(price * qty)", "(price * qty + 0)", 1)
	if s := load(t, "new.er", v2); s.Tables[0].Name != "lines" {
		t.Fatalf("lines is not planned first: %v", s.Tables[0].Name)
	}
	conn := pgtest.Conn(t)
	plan := convergeWith(t, conn, pgtest.Conn(t), v1, v2, migrate.Options{Allow: []string{"rewrite"}},
		func(plan *migrate.Plan, _ string) error {
			if _, err := conn.Exec(ctx, "UPDATE lines SET item_total = (SELECT max(total) FROM items)"); err != nil {
				return err
			}
			return apply(conn, plan)
		})
	script := string(plan.Script())
	contains(t, script, "ALTER TABLE lines DROP CONSTRAINT IF EXISTS fk_lines_item;", "ALTER TABLE lines VALIDATE CONSTRAINT fk_lines_item;")
	if strings.Index(script, "DROP CONSTRAINT fk_lines_item") > strings.Index(script, "DROP COLUMN total") {
		t.Errorf("the column is dropped before the foreign key that references it:\n%s", script)
	}
	var n int
	if err := conn.QueryRow(ctx, "SELECT count(*) FROM lines l JOIN items i ON i.total = l.item_total").Scan(&n); err != nil || n == 0 {
		t.Errorf("%d lines reference their item (%v)", n, err)
	}
}

// A generated column of a partitioned table computed anew, with the type
// change of the column it uses: the step drops and adds the column in
// every partition, and claims those locks itself.
func TestRegeneratedOnPartitionedTable(t *testing.T) {
	v1 := `entity Visit {
  id     bigserial
  region text
  n      integer
  twice  integer generated (n * 2)
  pk (id, region)
  partition by list (region)
  partition visits_eu in ('de')
  partition visits_other default
}
`
	v2 := strings.NewReplacer("n      integer", "n      bigint", "twice  integer generated (n * 2)", "twice  bigint generated (n * 3)").Replace(v1)
	conn := pgtest.Conn(t)
	plan := converge(t, conn, pgtest.Conn(t), v1, v2, migrate.Options{Allow: []string{"rewrite"}})
	for _, s := range plan.Steps {
		if strings.Contains(s.What, "anew") && !slices.Contains(s.Locks, migrate.Lock{Table: "visits_other", Mode: migrate.AccessExclusive}) {
			t.Errorf("step %q claims %v", s.What, s.Locks)
		}
	}
	var bad int
	if err := conn.QueryRow(ctx, "SELECT count(*) FROM visits WHERE twice IS DISTINCT FROM n * 3").Scan(&bad); err != nil || bad != 0 {
		t.Errorf("%d rows not computed anew (%v)", bad, err)
	}
}

// A column a generated column uses changes its collation alone: the
// ALTER COLUMN ... TYPE that does it is one PostgreSQL refuses on such a
// column, so the generated column is dropped and added again around it,
// as around a change of type (a rewrite, ER207).
func TestCollationOfGeneratedSource(t *testing.T) {
	v1 := "entity Tag {\n  id    serial pk\n  name  text collate \"C\"\n  upper text generated (upper(name))\n}\n"
	v2 := strings.Replace(v1, ` collate "C"`, "", 1)
	plan := converge(t, pgtest.Conn(t), pgtest.Conn(t), v1, v2, migrate.Options{Allow: []string{"rewrite"}})
	contains(t, string(plan.Script()), "ALTER COLUMN name TYPE text")
	plan = converge(t, pgtest.Conn(t), pgtest.Conn(t), v2, v1, migrate.Options{Allow: []string{"rewrite"}})
	contains(t, string(plan.Script()), `ALTER COLUMN name TYPE text COLLATE "C"`)
}
