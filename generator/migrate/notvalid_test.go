package migrate_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/generator/migrate"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

// A check declared `not valid` and added to a table with rows is added
// NOT VALID and never validated: a row that breaks it stays, and the
// migrated catalog is NEW's (the check NOT VALID). A new table's `not
// valid` check is added after CREATE TABLE, which would validate it.
func TestNotValidCheckAdded(t *testing.T) {
	v1 := "entity Stock {\n  id  serial pk\n  qty integer\n}\n"
	v2 := strings.Replace(v1, "qty integer", "qty integer check (qty >= 0) not valid", 1) +
		"entity Shelf {\n  id serial pk\n  check (id < 100) as shelf_small not valid\n}\n"
	conn := pgtest.Conn(t)
	plan := convergeWith(t, conn, pgtest.Conn(t), v1, v2, migrate.Options{}, func(plan *migrate.Plan, _ string) error {
		// A row older than the check that breaks it.
		if tag, err := conn.Exec(ctx, "UPDATE stocks SET qty = -5 WHERE id = (SELECT min(id) FROM stocks)"); err != nil || tag.RowsAffected() != 1 {
			t.Fatalf("breaking a row: %v, %d rows", err, tag.RowsAffected())
		}
		return apply(conn, plan)
	})
	script := string(plan.Script())
	contains(t, script, "ALTER TABLE stocks ADD CONSTRAINT ck_stocks_qty CHECK (qty >= 0) NOT VALID;",
		"ALTER TABLE shelves ADD CONSTRAINT shelf_small CHECK (id < 100) NOT VALID;")
	if strings.Contains(script, "VALIDATE CONSTRAINT") {
		t.Errorf("a `not valid` check is validated:\n%s", script)
	}
	var n int
	if err := conn.QueryRow(ctx, "SELECT count(*) FROM stocks WHERE qty < 0").Scan(&n); err != nil || n != 1 {
		t.Errorf("the row older than the check: %d rows, %v; want it kept", n, err)
	}
}

// Removing `not valid` validates the check in a transaction of its own,
// the only statement of its step; adding it to a validated check drops
// and adds it again NOT VALID in one step, so that it is never missing.
func TestNotValidCheckChanged(t *testing.T) {
	valid := "entity Stock {\n  id  serial pk\n  qty integer check (qty >= 0) as stock_qty\n}\n"
	notValid := strings.Replace(valid, "as stock_qty", "as stock_qty not valid", 1)

	plan := converge(t, pgtest.Conn(t), pgtest.Conn(t), notValid, valid, migrate.Options{})
	i := slices.IndexFunc(plan.Steps, func(s *migrate.Step) bool { return s.What == "validate stock_qty" })
	if i < 0 || len(plan.Steps) != 1 || !slices.Equal(plan.Steps[i].SQL, []string{"ALTER TABLE stocks VALIDATE CONSTRAINT stock_qty;"}) {
		t.Errorf("removing not valid: want one step that validates stock_qty, got:\n%s", plan.Script())
	}

	plan = converge(t, pgtest.Conn(t), pgtest.Conn(t), valid, notValid, migrate.Options{})
	want := []string{"ALTER TABLE stocks DROP CONSTRAINT stock_qty;", "ALTER TABLE stocks ADD CONSTRAINT stock_qty CHECK (qty >= 0) NOT VALID;"}
	if len(plan.Steps) != 1 || !slices.Equal(plan.Steps[0].SQL, want) || !plan.Steps[0].Transactional {
		t.Errorf("adding not valid: want one transaction %q, got:\n%s", want, plan.Script())
	}
}
