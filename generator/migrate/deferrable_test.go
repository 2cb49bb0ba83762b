package migrate_test

import (
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/generator/migrate"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

const deferrableOld = `
entity User { id serial pk }
entity Order { id serial pk }
entity Region {
  code text
  pk (code)
  partition by list (code)
  partition regions_eu in ('de', 'fr')
  partition regions_other default
}
entity Payment {
  id      bigserial
  paid_on date
  pk (id, paid_on)
  partition by range (paid_on)
  partition payments_old from ('2000-01-01') to ('2024-01-01')
  partition payments_new from ('2024-01-01') to ('2100-01-01')
}
relationship User 1:N Order as buyer {
  optional
}
relationship User 1:N Order as seller {
  optional
  deferrable initially deferred
}
relationship User 1:N Payment { optional }
relationship Region 1:N Order { optional }
`

// A foreign key whose deferrability alone changes is altered in place,
// ALTER CONSTRAINT changing the catalog only: not dropped and added again,
// not validated, no row read; on a partitioned table (its partitions'
// foreign keys with it) and to one too. Back, alike.
func TestForeignKeyDeferrabilityAltered(t *testing.T) {
	newSrc := strings.NewReplacer("as buyer {\n", "as buyer {\n  deferrable initially deferred\n",
		"as seller {\n  optional\n  deferrable initially deferred\n", "as seller {\n  optional\n",
		"relationship User 1:N Payment { optional }", "relationship User 1:N Payment {\n  optional\n  deferrable\n}",
		"relationship Region 1:N Order { optional }", "relationship Region 1:N Order {\n  optional\n  deferrable initially immediate\n}").Replace(deferrableOld)
	conn, fresh := pgtest.Conn(t), pgtest.Conn(t)
	for _, c := range []struct{ from, to string }{{deferrableOld, newSrc}, {newSrc, deferrableOld}} {
		plan := converge(t, conn, fresh, c.from, c.to, migrate.Options{})
		script := string(plan.Script())
		if len(plan.Steps) != 4 || strings.Contains(script, "DROP CONSTRAINT") || strings.Contains(script, "VALIDATE") {
			t.Errorf("want four ALTER CONSTRAINT steps:\n%s", script)
		}
		for _, s := range plan.Steps {
			if s.Scans || s.Rewrites {
				t.Errorf("step %q reads the table", s.What)
			}
		}
		if _, err := conn.Exec(ctx, "DROP SCHEMA public CASCADE; CREATE SCHEMA public"); err != nil {
			t.Fatal(err)
		}
		if _, err := fresh.Exec(ctx, "DROP SCHEMA public CASCADE; CREATE SCHEMA public"); err != nil {
			t.Fatal(err)
		}
	}
	plan := converge(t, conn, fresh, deferrableOld, newSrc, migrate.Options{})
	contains(t, string(plan.Script()),
		"ALTER TABLE orders ALTER CONSTRAINT fk_orders_buyer DEFERRABLE INITIALLY DEFERRED;",
		"ALTER TABLE orders ALTER CONSTRAINT fk_orders_seller NOT DEFERRABLE;",
		"ALTER TABLE payments ALTER CONSTRAINT fk_payments_user DEFERRABLE INITIALLY IMMEDIATE;",
		"ALTER TABLE orders ALTER CONSTRAINT fk_orders_region DEFERRABLE INITIALLY IMMEDIATE;")
	// A buyer of no user: checked at COMMIT, now that the key is deferred.
	if _, err := conn.Exec(ctx, "BEGIN; INSERT INTO orders (buyer_id) VALUES (-1); DELETE FROM orders WHERE buyer_id = -1; COMMIT"); err != nil {
		t.Errorf("a deferred foreign key checked at once: %v", err)
	}
}
