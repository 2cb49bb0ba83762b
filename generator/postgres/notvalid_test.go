package postgres_test

import (
	"context"
	"errors"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// TestNotValidCheck runs testdata/notvalid: a check added NOT VALID is
// marked so in the catalog (and one CREATE TABLE holds is not), and it
// still refuses a new row that breaks it, on a plain table and through a
// partitioned one.
func TestNotValidCheck(t *testing.T) {
	conn := appliedTestdata(t, "notvalid")
	ctx := context.Background()
	for name, want := range map[string]bool{
		"ck_orders_qty": false, "order_price_positive": false, "ck_orders_1": false,
		"ck_readings_celsius": false, "reading_recent": false,
		"ck_orders_qty_2": true, "ck_orders_2": true,
	} {
		var validated bool
		if err := conn.QueryRow(ctx, `SELECT convalidated FROM pg_constraint WHERE conname = $1 AND conrelid IN ('orders'::regclass, 'readings'::regclass)`, name).Scan(&validated); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if validated != want {
			t.Errorf("%s: convalidated = %v, want %v", name, validated, want)
		}
	}
	for q, constraint := range map[string]string{
		"INSERT INTO orders (qty, price) VALUES (0, 1)":                     "ck_orders_qty",
		"INSERT INTO orders (qty, price) VALUES (1, -1)":                    "order_price_positive",
		"INSERT INTO readings (taken, celsius) VALUES ('2025-02-01', -100)": "ck_readings_celsius",
	} {
		_, err := conn.Exec(ctx, q)
		var pe *pgconn.PgError
		if !errors.As(err, &pe) || pe.Code != "23514" || pe.ConstraintName != constraint {
			t.Errorf("%s: error %v; want check violation 23514 of %s", q, err, constraint)
		}
	}
	if _, err := conn.Exec(ctx, "INSERT INTO orders (qty, price) VALUES (1, 1)"); err != nil {
		t.Errorf("a row that meets every check: %v", describe(err))
	}
}

// appliedTestdata is a connection to a database where the DDL of
// testdata/NAME/input.er is applied.
func appliedTestdata(t *testing.T, name string) *pgx.Conn {
	t.Helper()
	_, conn := applied(t, name)
	return conn
}
