package migrate_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/generator/migrate"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

// Types widened without a rewrite, on columns with checks: PostgreSQL
// verifies every check that mentions a retyped column, reading the table
// under ACCESS EXCLUSIVE, unless the check is NOT VALID. So each is
// dropped and added again NOT VALID in the type change's transaction,
// once for a check over two retyped columns, and validated after; the
// type changes read no row (PostgreSQL says so at DEBUG1), an index on a
// column and a foreign key over one are kept as they are, and a check on
// another column is left alone. A partitioned table's check goes alike,
// from its partitions too.
func TestWidenedColumnsWithChecks(t *testing.T) {
	v1 := `
entity Item {
  id    bigint pk
  price numeric(10, 2) check (price >= 0)
  sku   varchar(20) check (sku <> '')
  name  varchar(20)
  qty   integer check (qty > 0)
  check (length(name) <= length(sku) + 20) as ck_name_sku
  index (name)
}
entity Line {
  id  bigint pk
}
entity Payment {
  id      bigint
  paid_on date
  amount  numeric(10, 2) check (amount > 0)
  pk (id, paid_on)
  partition by range (paid_on)
  partition payments_old from ('2000-01-01') to ('2024-01-01')
  partition payments_new from ('2024-01-01') to ('2100-01-01')
}
relationship Item 1:N Line {
  optional
  column item_sku
  references (sku)
}
`
	v1 = strings.Replace(v1, "sku   varchar(20) check (sku <> '')", "sku   varchar(20) unique check (sku <> '')", 1)
	v2 := strings.NewReplacer("numeric(10, 2)", "numeric(12, 2)", "varchar(20)", "varchar(40)").Replace(v1)
	conn, notices := debugConn(t)
	var scanned []string
	plan := convergeWith(t, conn, pgtest.Conn(t), v1, v2, migrate.Options{}, func(plan *migrate.Plan, _ string) error {
		for _, s := range plan.Steps {
			seen := len(notices())
			if err := apply(conn, &migrate.Plan{Steps: []*migrate.Step{s}}); err != nil {
				return err
			}
			for _, n := range notices()[seen:] {
				if s.Phase == migrate.PhaseTables && (strings.HasPrefix(n, "verifying table") || strings.HasPrefix(n, "rewriting table") || strings.HasPrefix(n, "building index")) {
					scanned = append(scanned, s.What+": "+n)
				}
			}
		}
		return nil
	})
	if len(scanned) > 0 {
		t.Errorf("type changes read the table under their lock:\n%s\n%s", strings.Join(scanned, "\n"), plan.Script())
	}
	script := string(plan.Script())
	for _, ck := range []string{"ck_items_price", "ck_items_sku", "ck_name_sku", "ck_payments_amount"} {
		if n := strings.Count(script, "ADD CONSTRAINT "+ck+" CHECK"); n != 1 {
			t.Errorf("%s added %d times, want once NOT VALID:\n%s", ck, n, script)
		}
		if n := strings.Count(script, "VALIDATE CONSTRAINT "+ck+";"); n != 1 {
			t.Errorf("%s validated %d times, want once:\n%s", ck, n, script)
		}
	}
	contains(t, script, "ALTER TABLE payments DROP CONSTRAINT ck_payments_amount;\nALTER TABLE payments ALTER COLUMN amount TYPE numeric(12,2);\n"+
		"ALTER TABLE payments ADD CONSTRAINT ck_payments_amount CHECK (amount > 0) NOT VALID;")
	if strings.Contains(script, "ck_items_qty") {
		t.Errorf("a check on a column whose type stays is changed:\n%s", script)
	}
	for _, s := range plan.Steps {
		if s.Phase == migrate.PhaseTables && (s.Scans || s.Rewrites) {
			t.Errorf("step %q scans or rewrites", s.What)
		}
	}
}

// reads applies the migration from v1 to v2, a step at a time on a
// connection at DEBUG1, and returns the plan and what PostgreSQL said
// each step read: "verifying table", "rewriting table" or "building
// index", after the step's phase and what it does.
func reads(t *testing.T, v1, v2 string, opts migrate.Options) (*migrate.Plan, []string) {
	t.Helper()
	conn, notices := debugConn(t)
	var out []string
	plan := convergeWith(t, conn, pgtest.Conn(t), v1, v2, opts, func(plan *migrate.Plan, _ string) error {
		for _, s := range plan.Steps {
			seen := len(notices())
			if err := apply(conn, &migrate.Plan{Steps: []*migrate.Step{s}}); err != nil {
				return err
			}
			for _, n := range notices()[seen:] {
				if strings.HasPrefix(n, "verifying table") || strings.HasPrefix(n, "rewriting table") || strings.HasPrefix(n, "building index") {
					out = append(out, s.Phase.String()+": "+s.What+": "+n)
				}
			}
		}
		return nil
	})
	return plan, out
}

// A column's collation alone changes (`collate "C"` removed): PostgreSQL
// verifies the validated checks that mention the column, reading the
// table under the ACCESS EXCLUSIVE lock, as for a type change without a
// rewrite. So they are dropped and added again NOT VALID around it, and
// validated apart; the change reads no row but to rebuild the column's
// index (a hazard: ER206, allowed here), and a check on another column is
// left alone.
func TestCollationChangeWithChecks(t *testing.T) {
	v1 := `
entity Tag {
  id   bigint pk
  name text collate "C" check (name <> '')
  slug varchar(20) collate "C"
  qty  integer check (qty > 0)
  check (length(name) < length(slug) + 100) as ck_name_slug
  index (name)
}
`
	v2 := strings.ReplaceAll(v1, ` collate "C"`, "")
	plan, read := reads(t, v1, v2, migrate.Options{Allow: []string{"rewrite"}})
	for _, r := range read {
		if strings.HasPrefix(r, "tables: ") && !strings.Contains(r, "building index") {
			t.Errorf("a collation change reads the table under its lock: %s\n%s", r, plan.Script())
		}
	}
	script := string(plan.Script())
	for _, ck := range []string{"ck_tags_name", "ck_name_slug"} {
		if n := strings.Count(script, "ADD CONSTRAINT "+ck+" CHECK"); n != 1 {
			t.Errorf("%s added %d times, want once NOT VALID:\n%s", ck, n, script)
		}
		if n := strings.Count(script, "VALIDATE CONSTRAINT "+ck+";"); n != 1 {
			t.Errorf("%s validated %d times, want once:\n%s", ck, n, script)
		}
	}
	if strings.Contains(script, "ck_tags_qty") {
		t.Errorf("a check on a column whose collation stays is changed:\n%s", script)
	}
}

// Where a table's type changes rewrite it, PostgreSQL verifies the checks
// on the retyped columns as it writes each row, in the one pass: the
// checks of the columns widened beside them, before or after them in the
// table, stay in place, neither dropped nor validated apart. The migration reads the table once, to
// rewrite it, in one step under ACCESS EXCLUSIVE.
func TestRewriteKeepsChecks(t *testing.T) {
	v1 := `
entity Item {
  id   bigint pk
  sku  varchar(20) check (sku <> '')
  qty  integer check (qty > 0)
  note varchar(10) check (note <> 'x')
  check (length(sku) < qty + 100) as ck_sku_qty
}
`
	v2 := strings.NewReplacer("varchar(20)", "varchar(40)", "integer", "bigint", "varchar(10)", "varchar(30)").Replace(v1)
	plan, read := reads(t, v1, v2, migrate.Options{Allow: []string{"rewrite"}})
	// The rewrite builds the table's indexes again, from the new table.
	read = slices.DeleteFunc(read, func(r string) bool { return strings.Contains(r, "building index") })
	if len(read) != 1 || !strings.Contains(read[0], "rewriting table") {
		t.Errorf("the migration reads %v, want one rewrite\n%s", read, plan.Script())
	}
	script := string(plan.Script())
	if strings.Contains(script, "CONSTRAINT ck_") {
		t.Errorf("checks dropped or validated apart from the rewrite:\n%s", script)
	}
	exclusive := 0
	for _, s := range plan.Steps {
		for _, l := range s.Locks {
			if l.Mode == migrate.AccessExclusive {
				exclusive++
			}
		}
	}
	if exclusive != 1 {
		t.Errorf("%d ACCESS EXCLUSIVE locks, want one:\n%s", exclusive, script)
	}
}
