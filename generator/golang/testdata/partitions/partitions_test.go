package partitions

// This file is copied next to the generated package by TestCompilesAndVets
// in generator/golang: the generated methods of a partitioned table work
// on the parent, and PostgreSQL routes each row to its partition.

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

func must[T any](t *testing.T) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func day(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestPartitionedTable(t *testing.T) {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, os.Getenv("ROUNDTRIP_DATABASE_URL_PARTITIONS"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	ddl, err := os.ReadFile("schema.sql")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, string(ddl)); err != nil {
		t.Fatal(err)
	}
	db := New(conn)
	partition := func(p Payment) string {
		t.Helper()
		var name string
		// Amounts tell the rows apart: CopyPayments leaves ids to the sequence.
		if err := conn.QueryRow(ctx, "SELECT tableoid::regclass::text FROM payments WHERE amount = $1", p.Amount).Scan(&name); err != nil {
			t.Fatal(err)
		}
		return name
	}

	c := must[Customer](t)(db.CreateCustomer(ctx, CreateCustomerParams{Name: "a"}))
	p25 := must[Payment](t)(db.CreatePayment(ctx, CreatePaymentParams{PaidOn: day("2025-06-01"), CustomerID: c.ID, Amount: 1}))
	p26 := must[Payment](t)(db.CreatePayment(ctx, CreatePaymentParams{PaidOn: day("2026-06-01"), CustomerID: c.ID, Amount: 2}))
	p99 := must[Payment](t)(db.CreatePayment(ctx, CreatePaymentParams{PaidOn: day("1999-06-01"), CustomerID: c.ID, Amount: 3}))
	for p, want := range map[Payment]string{p25: "payments_2025", p26: "payments_2026", p99: "payments_other"} {
		if got := partition(p); got != want {
			t.Errorf("payment of %s is in %s, want %s", p.PaidOn.Format(time.DateOnly), got, want)
		}
	}
	if got := must[Payment](t)(db.GetPayment(ctx, p26.ID, p26.PaidOn)); got != p26 {
		t.Errorf("GetPayment = %+v, want %+v", got, p26)
	}

	// An update through the parent finds the row in its partition.
	changed := p99
	changed.Amount = 30
	if err := db.UpdatePayment(ctx, &changed); err != nil {
		t.Fatal(err)
	}
	if got := must[Payment](t)(db.GetPayment(ctx, p99.ID, p99.PaidOn)); got.Amount != 30 {
		t.Errorf("updated payment has amount %d, want 30", got.Amount)
	}

	// COPY into the parent routes rows too.
	copied := []CreatePaymentParams{{PaidOn: day("2026-02-02"), CustomerID: c.ID, Amount: 4}}
	if n := must[int64](t)(db.CopyPayments(ctx, copied)); n != 1 {
		t.Fatalf("CopyPayments copied %d rows, want 1", n)
	}
	if got := partition(Payment{Amount: copied[0].Amount}); got != "payments_2026" {
		t.Errorf("copied payment is in %s, want payments_2026", got)
	}
	if n := len(must[[]Payment](t)(db.PaymentsByCustomer(ctx, c.ID))); n != 4 {
		t.Errorf("PaymentsByCustomer found %d payments, want 4", n)
	}

	// Deleting the customer cascades into every partition.
	if err := db.DeleteCustomer(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	if n := must[int64](t)(db.CountPayments(ctx)); n != 0 {
		t.Errorf("%d payments left after their customer was deleted, want 0", n)
	}
}
