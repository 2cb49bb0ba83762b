package partitions

// This file is copied next to the generated package by TestCompilesAndVets
// in generator/golang: the generated methods of a partitioned table work
// on the parent, and PostgreSQL routes each row to its partition.

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/ergen-dev/ergen/generator/golang/golangtest"
)

func day(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestPartitionedTable(t *testing.T) {
	ctx := context.Background()
	conn := golangtest.ConnectSchema(t, "ROUNDTRIP_DATABASE_URL_PARTITIONS")
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

	c := golangtest.Must[Customer](t)(Create(ctx, db, Customers, CreateCustomerParams{Name: "a"}))
	p25 := golangtest.Must[Payment](t)(Create(ctx, db, Payments, CreatePaymentParams{PaidOn: day("2025-06-01"), CustomerID: c.ID, Amount: 1}))
	p26 := golangtest.Must[Payment](t)(Create(ctx, db, Payments, CreatePaymentParams{PaidOn: day("2026-06-01"), CustomerID: c.ID, Amount: 2}))
	p99 := golangtest.Must[Payment](t)(Create(ctx, db, Payments, CreatePaymentParams{PaidOn: day("1999-06-01"), CustomerID: c.ID, Amount: 3}))
	for p, want := range map[Payment]string{p25: "payments_2025", p26: "payments_2026", p99: "payments_other"} {
		if got := partition(p); got != want {
			t.Errorf("payment of %s is in %s, want %s", p.PaidOn.Format(time.DateOnly), got, want)
		}
	}
	if got := golangtest.Must[Payment](t)(Get(ctx, db, PaymentByIDAndPaidOn, PaymentKey{p26.ID, p26.PaidOn})); got != p26 {
		t.Errorf("Get(PaymentByIDAndPaidOn) = %+v, want %+v", got, p26)
	}

	// An update through the parent finds the row in its partition.
	changed := p99
	changed.Amount = 30
	if err := Update(ctx, db, Payments, &changed); err != nil {
		t.Fatal(err)
	}
	if got := golangtest.Must[Payment](t)(Get(ctx, db, PaymentByIDAndPaidOn, PaymentKey{p99.ID, p99.PaidOn})); got.Amount != 30 {
		t.Errorf("updated payment has amount %d, want 30", got.Amount)
	}
	// A patch and a delete by the composite key, its fields in the key's
	// order, reach the one row.
	other, err := Create(ctx, db, Customers, CreateCustomerParams{Name: "b"})
	if err != nil {
		t.Fatal(err)
	}
	gone := golangtest.Must[Payment](t)(Create(ctx, db, Payments, CreatePaymentParams{PaidOn: day("2025-07-01"), CustomerID: other.ID, Amount: 5}))
	if got := golangtest.Must[Payment](t)(Patch(ctx, db, Payments, PaymentKey{gone.ID, gone.PaidOn}, PaymentPatch{Amount: Set(int32(25))})); got.Amount != 25 || got.CustomerID != other.ID {
		t.Errorf("Patch(Payments) = %+v, want amount 25 and the customer kept", got)
	}
	if _, err := Patch(ctx, db, Payments, PaymentKey{gone.ID, p26.PaidOn}, PaymentPatch{Amount: Set(int32(1))}); !errors.Is(err, ErrNotFound) {
		t.Errorf("Patch(Payments) of a key no row has: %v, want ErrNotFound", err)
	}
	if err := Delete(ctx, db, Payments, PaymentKey{gone.ID, gone.PaidOn}); err != nil {
		t.Errorf("Delete(Payments): %v", err)
	}
	if _, err := Get(ctx, db, PaymentByIDAndPaidOn, PaymentKey{gone.ID, gone.PaidOn}); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get(PaymentByIDAndPaidOn) after Delete: %v, want ErrNotFound", err)
	}

	// COPY into the parent routes rows too.
	copied := []CreatePaymentParams{{PaidOn: day("2026-02-02"), CustomerID: c.ID, Amount: 4}}
	if n := golangtest.Must[int64](t)(Copy(ctx, db, Payments, copied)); n != 1 {
		t.Fatalf("Copy(Payments) copied %d rows, want 1", n)
	}
	if got := partition(Payment{Amount: copied[0].Amount}); got != "payments_2026" {
		t.Errorf("copied payment is in %s, want payments_2026", got)
	}
	if n := len(golangtest.Must[[]Payment](t)(ChildrenOf(ctx, db, PaymentCustomer, c.ID))); n != 4 {
		t.Errorf("ChildrenOf(PaymentCustomer) found %d payments, want 4", n)
	}

	// The refunds of many payments, and how many each has, in one query.
	refund := golangtest.Must[Refund](t)(Create(ctx, db, Refunds, CreateRefundParams{PaymentID: &p25.ID, PaymentPaidOn: &p25.PaidOn, Amount: 1}))
	k25, k26 := PaymentKey{p25.ID, p25.PaidOn}, PaymentKey{p26.ID, p26.PaidOn}
	// A date key: PostgreSQL, not Go's ==, matches it, so they come by position.
	byPayment := golangtest.Must[[][]Refund](t)(ChildrenOfMany(ctx, db, RefundPayment, []PaymentKey{k25, k26}))
	if len(byPayment) != 2 || len(byPayment[0]) != 1 || byPayment[0][0].ID != refund.ID || len(byPayment[1]) != 0 {
		t.Errorf("ChildrenOfMany(RefundPayment) = %+v, want the refund under %+v alone", byPayment, k25)
	}
	counts := golangtest.Must[[]int64](t)(CountChildrenOf(ctx, db, RefundPayment, []PaymentKey{k25, k26}))
	if len(counts) != 2 || counts[0] != 1 || counts[1] != 0 {
		t.Errorf("CountChildrenOf(RefundPayment) = %v, want [1 0]", counts)
	}

	// Deleting the customer cascades into every partition.
	if err := Delete(ctx, db, Customers, c.ID); err != nil {
		t.Fatal(err)
	}
	if n := golangtest.Must[int64](t)(Count(ctx, db, Payments)); n != 0 {
		t.Errorf("%d payments left after their customer was deleted, want 0", n)
	}
}

// TestPartitionErrors: a violation in a partition, at any level, is the
// typed error a plain table gives, with the declared constraint's name,
// although PostgreSQL reports the partition and, for keys, a name of its
// own.
func TestPartitionErrors(t *testing.T) {
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
	// A schema of its own: TestPartitionedTable has the tables of public.
	if _, err := conn.Exec(ctx, "CREATE SCHEMA errs; SET search_path = errs; "+string(ddl)); err != nil {
		t.Fatal(err)
	}
	db := New(conn)
	create := func(code, region string) Product {
		t.Helper()
		return golangtest.Must[Product](t)(Create(ctx, db, Products, CreateProductParams{Code: code, Sku: code, Region: region, Stock: 1}))
	}
	// A code that reads as the primary key's columns must not make its
	// Detail match that key too.
	de, us := create("(id, region)=(", "de"), create("a", "us") // a sub-partition's, and a partition's

	unique := func(what string, err error, constraint string) {
		t.Helper()
		var ue *UniqueError
		if !errors.As(err, &ue) || ue.Constraint != constraint || ue.Table != "products" {
			t.Errorf("%s: %v (%T), want a UniqueError of %s on products", what, err, err, constraint)
		}
	}
	for _, p := range []Product{de, us} {
		_, err := Create(ctx, db, Products, CreateProductParams{Code: p.Code, Sku: "other", Region: p.Region, Stock: 1})
		unique("same code in "+p.Region, err, "uq_products_code_region")
		_, err = Create(ctx, db, Products, CreateProductParams{Code: "other", Sku: p.Sku, Region: p.Region, Stock: 1})
		unique("same sku in "+p.Region, err, "uq_products_sku_region")
		// The generated Create leaves the id to its sequence: a duplicate
		// primary key is written by hand and mapped as the methods do.
		_, err = conn.Exec(ctx, "INSERT INTO products (id, code, sku, region, stock) VALUES ($1, 'other', 'other', $2, 1)", p.ID, p.Region)
		unique("same id in "+p.Region, mapError(err, opInsert), "pk_products")
	}
	if _, err := Create(ctx, db, Products, CreateProductParams{Code: de.Code, Sku: de.Sku, Region: "fr", Stock: 1}); err != nil {
		t.Errorf("the same code in another region: %v", err)
	}

	for _, region := range []string{"fr", "us"} {
		_, err := Create(ctx, db, Products, CreateProductParams{Code: "neg", Sku: "neg", Region: region, Stock: -1})
		var ce *CheckError
		if !errors.As(err, &ce) || ce.Constraint != "ck_products_stock" || ce.Table != "products" {
			t.Errorf("negative stock in %s: %v (%T), want the CheckError ck_products_stock", region, err, err)
		}
	}
	_, err = conn.Exec(ctx, "INSERT INTO products (code, sku, region, stock) VALUES (NULL, 'null', 'de', 1)")
	var ne *NotNullError
	if err = mapError(err, opInsert); !errors.As(err, &ne) || ne.Table != "products" || ne.Column != "code" {
		t.Errorf("NULL code in de: %v (%T), want a NotNullError of products.code", err, err)
	}

	fk := func(what string, err error, constraint string, referenced bool) {
		t.Helper()
		var fe *ForeignKeyError
		if !errors.As(err, &fe) || fe.Constraint != constraint || fe.Referenced != referenced || fe.Deleting != referenced {
			t.Errorf("%s: %v (%T), want a ForeignKeyError of %s, Referenced and Deleting %v", what, err, err, constraint, referenced)
		}
	}
	_, err = Create(ctx, db, Payments, CreatePaymentParams{PaidOn: day("2025-03-01"), CustomerID: -1, Amount: 1})
	fk("a payment of no customer", err, "fk_payments_customer", false)
	_, err = Create(ctx, db, Reviews, CreateReviewParams{ProductID: de.ID, ProductRegion: "fr", Note: "x"})
	fk("a review of no product", err, "fk_reviews_product", false)
	for _, p := range []Product{de, us} {
		golangtest.Must[Review](t)(Create(ctx, db, Reviews, CreateReviewParams{ProductID: p.ID, ProductRegion: p.Region, Note: "x"}))
		fk("deleting a reviewed product of "+p.Region, Delete(ctx, db, Products, ProductKey{p.ID, p.Region}), "fk_reviews_product", true)
	}
}
