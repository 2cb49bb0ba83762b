package postgres_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
)

// TestPartitions runs the partitions model on PostgreSQL: rows inserted
// into a partitioned table land in the partition their key selects (the
// default one when none does), a row no partition takes is refused, and
// foreign keys to and from partitioned tables hold and act.
func TestPartitions(t *testing.T) {
	_, conn := applied(t, "partitions")
	ctx := context.Background()
	mustExec(t, conn, "INSERT INTO customers (region) VALUES ('de')")
	mustExec(t, conn, "INSERT INTO payments (paid_on, customer_id, amount) VALUES ('2025-03-01', 1, 10), ('2026-12-31', 1, 20), ('2031-01-01', 1, 30)")
	mustExec(t, conn, "INSERT INTO visits (region) VALUES ('fr'), ('us')")
	mustExec(t, conn, "INSERT INTO events (kind) SELECT 'k' FROM generate_series(1, 20)")

	for _, tc := range []struct{ query, want string }{
		{"SELECT string_agg(tableoid::regclass::text || ':' || amount, ' ' ORDER BY id) FROM payments", "payments_2025:10.00 payments_2026:20.00 payments_later:30.00"},
		{"SELECT string_agg(tableoid::regclass::text, ' ' ORDER BY id) FROM visits", "visits_eu visits_us"},
		{"SELECT count(DISTINCT tableoid)::text FROM events", "2"},
	} {
		var got string
		if err := conn.QueryRow(ctx, tc.query).Scan(&got); err != nil {
			t.Fatalf("%s: %v", tc.query, err)
		}
		if got != tc.want {
			t.Errorf("%s = %q, want %q", tc.query, got, tc.want)
		}
	}

	// No partition of visits takes 'jp', and visits has no default one.
	_, err := conn.Exec(ctx, "INSERT INTO visits (region) VALUES ('jp')")
	var pe *pgconn.PgError
	if !errors.As(err, &pe) || pe.Code != "23514" {
		t.Errorf("a visit no partition takes: %v, want check violation 23514 (no partition of relation found)", err)
	}

	// A partitioned table's foreign key restricts the delete of its parent.
	_, err = conn.Exec(ctx, "DELETE FROM customers")
	wantFKError(t, err, "fk_payments_customer")
	// A foreign key to a partitioned table refuses an unknown key, and its
	// CASCADE follows a delete through the parent.
	_, err = conn.Exec(ctx, "INSERT INTO refunds (payment_id, payment_paid_on) VALUES (1, '2026-01-01')")
	wantFKError(t, err, "fk_refunds_payment")
	mustExec(t, conn, "INSERT INTO refunds (payment_id, payment_paid_on) VALUES (2, '2026-12-31')")
	mustExec(t, conn, "DELETE FROM payments WHERE id = 2")
	var refunds int
	if err := conn.QueryRow(ctx, "SELECT count(*) FROM refunds").Scan(&refunds); err != nil || refunds != 0 {
		t.Errorf("refunds left after their payment was deleted: %d (%v), want 0", refunds, err)
	}
}

// TestPartitionKeyExpressions runs the partitionkeys model on
// PostgreSQL: a row lands in the partition its key expression selects.
func TestPartitionKeyExpressions(t *testing.T) {
	_, conn := applied(t, "partitionkeys")
	ctx := context.Background()
	mustExec(t, conn, "INSERT INTO names (name) VALUES ('Ada'), ('alan'), ('Bob')")
	mustExec(t, conn, "INSERT INTO readings (at, code) VALUES ('2026-03-01 10:00', 'x')")
	var got string
	q := "SELECT string_agg(tableoid::regclass::text || ':' || name, ' ' ORDER BY name) FROM names"
	if err := conn.QueryRow(ctx, q).Scan(&got); err != nil {
		t.Fatal(err)
	}
	if want := "names_a:Ada names_other:Bob names_a:alan"; got != want {
		t.Errorf("%s = %q, want %q", q, got, want)
	}
	_, err := conn.Exec(ctx, "INSERT INTO readings (at, code) VALUES ('2025-12-31 23:00', 'x')")
	var pe *pgconn.PgError
	if !errors.As(err, &pe) || pe.Code != "23514" {
		t.Errorf("a reading no partition takes: %v, want 23514 (no partition of relation found)", err)
	}
}

// TestSubpartitions runs the subpartitions model on PostgreSQL: a row
// lands in the leaf its keys select at each level, and a foreign key to
// the partitioned table holds.
func TestSubpartitions(t *testing.T) {
	_, conn := applied(t, "subpartitions")
	ctx := context.Background()
	mustExec(t, conn, "INSERT INTO sales (id, region, sold_on) VALUES (1, 'de', '2025-06-01'), (2, 'fr', '2027-01-01'), (3, 'us', '2025-01-01'), (4, 'us', '2025-01-01'), (5, 'jp', '2025-01-01')")
	var got string
	q := "SELECT string_agg(id || ':' || tableoid::regclass::text, ' ' ORDER BY id) FROM sales"
	if err := conn.QueryRow(ctx, q).Scan(&got); err != nil {
		t.Fatal(err)
	}
	// Which hash partition takes an id is PostgreSQL's to say; the two ids
	// of the US land in sales_us_0 or sales_us_1.
	for _, want := range []string{"1:sales_eu_2025", "2:sales_eu_other", "3:sales_us_", "4:sales_us_", "5:sales_other"} {
		if !strings.Contains(got, want) {
			t.Errorf("%s = %q, want it to hold %q", q, got, want)
		}
	}
	_, err := conn.Exec(ctx, "INSERT INTO refunds (sale_id, sale_region, sale_sold_on) VALUES (1, 'de', '2025-06-02')")
	wantFKError(t, err, "fk_refunds_sale")
	mustExec(t, conn, "INSERT INTO refunds (sale_id, sale_region, sale_sold_on) VALUES (1, 'de', '2025-06-01')")
}
