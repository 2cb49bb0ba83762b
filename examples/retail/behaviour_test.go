package retail_test

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgtype"

	"github.com/ergen-dev/ergen/examples/retail/retaildb"
	"github.com/ergen-dev/ergen/generator/golang/golangtest"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

func TestGeneratedPackageIsFresh(t *testing.T) {
	golangtest.CheckFresh(t, "retail.er", "retaildb", "retaildb")
}

// TestPolicies: a customer with orders stays (RESTRICT), a loyalty card
// goes with its customer (1:1 CASCADE) and there is at most one per
// customer, and the reserved table name "order" works throughout.
func TestPolicies(t *testing.T) {
	pool := pgtest.Pool(t)
	golangtest.ApplySchema(t, pool, "schema.sql", "retail.er")
	db, ctx := retaildb.New(pool), context.Background()
	ann, err := db.CreateCustomer(ctx, retaildb.CreateCustomerParams{FullName: "Ann", Email: "ann@x"})
	if err != nil {
		t.Fatal(err)
	}
	ord, err := db.CreateOrder(ctx, retaildb.CreateOrderParams{CustomerID: ann.CustomerID})
	if err != nil {
		t.Fatal(err)
	}
	if y, m, d := ord.OrderDate.Date(); y < 2000 || m == 0 || d == 0 {
		t.Errorf("order_date default not applied: %v", ord.OrderDate)
	}
	var price pgtype.Numeric
	if err := price.Scan("9.99"); err != nil {
		t.Fatal(err)
	}
	ink, err := db.CreateProduct(ctx, retaildb.CreateProductParams{Sku: "INK", Name: "Ink", UnitPrice: price})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.LinkOrderProduct(ctx, retaildb.LinkOrderProductParams{OrderID: ord.OrderID, ProductID: ink.ProductID, Quantity: 2}); err != nil {
		t.Fatal(err)
	}
	if got, err := db.OrdersOfProduct(ctx, ink.ProductID); err != nil || len(got) != 1 || got[0].Order.OrderID != ord.OrderID {
		t.Fatalf("OrdersOfProduct = %+v, %v", got, err)
	}

	card, err := db.CreateLoyaltyCard(ctx, retaildb.CreateLoyaltyCardParams{CardNo: "C-1", CustomerID: ann.CustomerID})
	if err != nil {
		t.Fatal(err)
	}
	if got, err := db.LoyaltyCardByCustomer(ctx, ann.CustomerID); err != nil || got.CardNo != "C-1" {
		t.Fatalf("LoyaltyCardByCustomer = %+v, %v", got, err)
	}
	if got, err := db.LoyaltyCardCustomer(ctx, &card); err != nil || got != ann {
		t.Fatalf("LoyaltyCardCustomer = %+v, %v", got, err)
	}
	day := time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)
	_, err = db.CreateLoyaltyCard(ctx, retaildb.CreateLoyaltyCardParams{CardNo: "C-2", CustomerID: ann.CustomerID, IssuedDate: &day})
	var ue *retaildb.UniqueError
	if !errors.As(err, &ue) || ue.Constraint != "uq_loyalty_card_customer_id" {
		t.Fatalf("second card: %v, want *UniqueError for uq_loyalty_card_customer_id", err)
	}

	err = db.DeleteCustomer(ctx, ann.CustomerID)
	var fe *retaildb.ForeignKeyError
	if !errors.As(err, &fe) || fe.OnDelete != "RESTRICT" || fe.Constraint != "fk_order_customer" || !fe.Deleting {
		t.Fatalf("deleting a customer with orders: %v, want the RESTRICT of Customer 1:N Order", err)
	}
	err = db.DeleteProduct(ctx, ink.ProductID)
	if !errors.As(err, &fe) || fe.Constraint != "fk_order_item_product" {
		t.Fatalf("deleting an ordered product: %v, want the RESTRICT of fk_order_item_product", err)
	}
	if err := db.DeleteOrder(ctx, ord.OrderID); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteCustomer(ctx, ann.CustomerID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.GetLoyaltyCard(ctx, "C-1"); !errors.Is(err, retaildb.ErrNotFound) {
		t.Fatalf("card after its customer was deleted: %v, want ErrNotFound", err)
	}
}
