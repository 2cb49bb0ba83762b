package migrate_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/jackc/pgx/v5"

	"github.com/ergen-dev/ergen/generator/migrate"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

// A migration whose validation fails runs again, whole, once the rows
// are fixed, as psql -f or a runner that records a version only when its
// file completes runs it: the steps before the failed one committed, and
// each must succeed again. Here a NULL fails the NOT NULL check, then an
// orphan the new foreign key and a negative total the new check; each
// run after a fix goes one validation further, and the last gives NEW's
// catalog.
func TestRerunAfterFailedValidation(t *testing.T) {
	v1 := `entity Customer {
  id   serial pk
  name text?
  note integer?
  check (id > 0)
}
entity Order {
  id          serial pk
  total       integer
  customer_id integer?
}
`
	v2 := `entity Customer {
  id    serial pk
  name  text
  phone text?
  index (phone)
}
entity Order {
  id          serial pk
  total       integer check (total >= 0)
  customer_id integer?
}
entity Review {
  id   serial pk
  body text?
}
relationship Customer 1:N Order {
  optional
}
relationship Customer 1:N Review {
  optional
}
`
	conn, fresh := pgtest.Conn(t), pgtest.Conn(t)
	plan, diags := diff(t, v1, v2, migrate.Options{Allow: []string{"drop"}})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if _, err := conn.Exec(ctx, ddl(t, load(t, "old.er", v1))+`
INSERT INTO customers (name) VALUES (NULL), ('Ada');
INSERT INTO orders (total, customer_id) VALUES (-5, 2), (7, 999);`); err != nil {
		t.Fatal(err)
	}
	fixes := []struct{ fails, fix string }{
		{"ergen_nn_customers_name", "UPDATE customers SET name = 'Bob' WHERE name IS NULL"},
		{"fk_orders_customer", "UPDATE orders SET customer_id = NULL WHERE customer_id = 999"},
		{"ck_orders_total", "UPDATE orders SET total = 5 WHERE total < 0"},
	}
	for i, f := range fixes {
		run := rerun
		if i == 0 {
			run = apply // the first run takes the locks the plan claims
		}
		err := run(conn, plan)
		if err == nil || !strings.Contains(err.Error(), "validate "+f.fails) || !strings.Contains(err.Error(), "23") {
			t.Fatalf("run before %q: got %v, want the validation of %s to fail", f.fix, err, f.fails)
		}
		if _, err := conn.Exec(ctx, f.fix); err != nil {
			t.Fatal(err)
		}
	}
	if err := rerun(conn, plan); err != nil {
		t.Fatalf("run once the rows are fixed: %v\n%s", err, plan.Script())
	}
	sameAsNew(t, conn, fresh, v2)
	// Once complete, the script runs again and changes nothing.
	if err := rerun(conn, plan); err != nil {
		t.Fatalf("run again once complete: %v", err)
	}
	sameAsNew(t, conn, fresh, v2)
}

// rerun runs the plan's steps as psql runs its script, a transactional
// step as one transaction, on a database where an earlier run of it
// committed some steps. The locks are not checked: a run again may take
// some on what the first run creates (CREATE INDEX IF NOT EXISTS locks
// the table before it finds the index there).
func rerun(conn *pgx.Conn, plan *migrate.Plan) error {
	for _, s := range plan.Steps {
		sql := s.SQL[0]
		if s.Transactional {
			sql = "BEGIN;\n" + strings.Join(s.SQL, "\n") + "\nCOMMIT;"
		}
		if _, err := conn.Exec(ctx, sql); err != nil {
			conn.Exec(ctx, "ROLLBACK") //nolint:errcheck // leave no transaction open
			return fmt.Errorf("%s: %s: %w\n%s", s.Phase, s.What, err, strings.Join(s.SQL, "\n"))
		}
	}
	return nil
}

// notRepeated are the statements of the steps that fail when the
// script runs again after they committed (README: "Running again"):
// renames and moves to another schema, new enum types and domains,
// keys over the indexes built, generation changes, DROP EXPRESSION and
// partition bounds.
var notRepeated = []string{" RENAME ", " SET SCHEMA ", "CREATE TYPE ", "CREATE DOMAIN ", " USING INDEX ", " GENERATED ", " IDENTITY",
	" OWNED BY ", " DROP EXPRESSION", " ATTACH PARTITION ", " DETACH PARTITION "}

// repeatable reports whether every step of plan runs again.
func repeatable(plan *migrate.Plan) bool {
	for _, s := range plan.Steps {
		for _, sql := range s.SQL {
			for _, n := range notRepeated {
				if strings.Contains(sql, n) {
					return false
				}
			}
		}
	}
	return true
}

// sameAsNew checks that conn's catalog is the one NEW's DDL gives an
// empty database, fresh, every constraint validated and every index
// valid. fresh gets NEW's DDL the first time.
func sameAsNew(t *testing.T, conn, fresh *pgx.Conn, newSrc string) {
	t.Helper()
	new := load(t, "new.er", newSrc)
	var n int
	if err := fresh.QueryRow(ctx, "SELECT count(*) FROM pg_class WHERE relname = $1", new.Tables[0].Name).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		if _, err := fresh.Exec(ctx, ddl(t, new)); err != nil {
			t.Fatal(err)
		}
	}
	if d := cmp.Diff(catalog(t, fresh, new.Name), catalog(t, conn, new.Name)); d != "" {
		t.Fatalf("catalog differs from NEW's DDL (-want +got):\n%s", d)
	}
	if bad := invalid(t, conn, new.Name); len(bad) > 0 {
		t.Fatalf("left invalid: %v", bad)
	}
}

// A script stopped by a duplicate in a new key's build runs again: the
// build leaves its index behind invalid, and the DROP INDEX CONCURRENTLY
// IF EXISTS before the build drops it, since no key took it yet (keys are
// added once every index is built). Here each build fails once, until the
// rows are fixed; the script then completes. Once a key took its index,
// the script does not run again (README: "Running again").
func TestRerunNewKeyBuilds(t *testing.T) {
	v1 := `entity Account {
  id    serial pk
  email text
}
entity Event {
  id  bigint
  day date
  ref text
  pk (id, day)
  partition by range (day)
  partition events_old from ('2000-01-01') to ('2050-01-01')
}
`
	v2 := strings.NewReplacer("email text", "email text unique", "ref text", "ref text\n  unique (ref, day)").Replace(v1)
	conn, fresh := pgtest.Conn(t), pgtest.Conn(t)
	plan, diags := diff(t, v1, v2, migrate.Options{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if _, err := conn.Exec(ctx, ddl(t, load(t, "old.er", v1))+`
INSERT INTO accounts (email) VALUES ('a'), ('a'), ('b');
INSERT INTO events VALUES (1, '2020-01-01', 'x'), (2, '2020-01-01', 'x');`); err != nil {
		t.Fatal(err)
	}
	fixes := map[string]string{"ON accounts": "DELETE FROM accounts WHERE id = 2", "ON events_old": "DELETE FROM events WHERE id = 2"}
	run := apply // the first run takes the locks the plan claims
	for len(fixes) > 0 {
		err := run(conn, plan)
		run = rerun
		if err == nil || !strings.Contains(err.Error(), "23505") {
			t.Fatalf("got %v, want a build to fail on a duplicate", err)
		}
		var invalid int
		if err := conn.QueryRow(ctx, "SELECT count(*) FROM pg_index WHERE NOT indisvalid").Scan(&invalid); err != nil || invalid != 1 {
			t.Fatalf("%d invalid indexes (%v), want the failed build's", invalid, err)
		}
		for on, fix := range fixes {
			if strings.Contains(err.Error(), on) {
				if _, err := conn.Exec(ctx, fix); err != nil {
					t.Fatal(err)
				}
				delete(fixes, on)
			}
		}
	}
	if err := rerun(conn, plan); err != nil {
		t.Fatalf("run once the rows are fixed: %v\n%s", err, plan.Script())
	}
	sameAsNew(t, conn, fresh, v2)
}

// A new table's foreign key added after the table (here `not valid`) is
// added in a DO block only where an earlier run has not, as an existing
// table's: a DROP of what that run added would take ACCESS EXCLUSIVE on
// the table, which by then has readers. The step claims SHARE ROW
// EXCLUSIVE, which apply checks; run again, the script changes nothing.
func TestRerunNewTableForeignKey(t *testing.T) {
	v1 := "entity Customer { id serial pk }\n"
	v2 := v1 + "entity Order { id serial pk }\nrelationship Customer 1:N Order {\n  optional\n  not valid\n}\n"
	conn, fresh := pgtest.Conn(t), pgtest.Conn(t)
	plan, diags := diff(t, v1, v2, migrate.Options{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	i := slices.IndexFunc(plan.Steps, func(s *migrate.Step) bool { return s.What == "add foreign key fk_orders_customer" })
	if i < 0 {
		t.Fatalf("no step adds fk_orders_customer:\n%s", plan.Script())
	}
	s := plan.Steps[i]
	if !strings.HasPrefix(s.SQL[0], "DO $ergen$") || len(s.SQL) != 1 {
		t.Errorf("the foreign key is not added in a DO block alone:\n%s", strings.Join(s.SQL, "\n"))
	}
	if want := (migrate.Lock{Table: "orders", Mode: migrate.ShareRowExclusive}); !slices.Contains(s.Locks, want) {
		t.Errorf("locks %v, want %v", s.Locks, want)
	}
	if _, err := conn.Exec(ctx, ddl(t, load(t, "old.er", v1))); err != nil {
		t.Fatal(err)
	}
	if err := apply(conn, plan); err != nil {
		t.Fatal(err)
	}
	if err := rerun(conn, plan); err != nil {
		t.Fatalf("run again once complete: %v", err)
	}
	// NEW's key stays NOT VALID, which sameAsNew refuses: the catalog
	// alone is compared.
	new := load(t, "new.er", v2)
	if _, err := fresh.Exec(ctx, ddl(t, new)); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(catalog(t, fresh, new.Name), catalog(t, conn, new.Name)); d != "" {
		t.Fatalf("catalog differs from NEW's DDL (-want +got):\n%s", d)
	}
}
