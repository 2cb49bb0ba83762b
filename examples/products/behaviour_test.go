package products_test

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/examples/products/productsdb"
	"github.com/ergen-dev/ergen/generator/golang/golangtest"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

func TestGeneratedPackageIsFresh(t *testing.T) {
	golangtest.CheckFresh(t, "products.er", "productsdb", "productsdb")
}

func ptr[T any](v T) *T { return &v }

// TestPolicies: an ordered product cannot be deleted (RESTRICT), deleting
// an order removes its items (CASCADE), and a composite foreign key to a
// unique key navigates both ways.
func TestPolicies(t *testing.T) {
	pool := pgtest.Pool(t)
	golangtest.ApplySchema(t, pool, "schema.sql", "products.er")
	db, ctx := productsdb.New(pool), context.Background()
	pen, err := db.CreateProduct(ctx, productsdb.CreateProductParams{ProductNo: 1, Name: ptr("pen")})
	if err != nil {
		t.Fatal(err)
	}
	ord, err := db.CreateOrder(ctx, productsdb.CreateOrderParams{OrderID: 7})
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := db.LinkProductOrder(ctx, productsdb.LinkProductOrderParams{ProductNo: pen.ProductNo, OrderID: ord.OrderID, Quantity: ptr(int32(3))}); !ok || err != nil {
		t.Fatalf("LinkProductOrder = %v, %v", ok, err)
	}
	if ok, err := db.LinkProductOrder(ctx, productsdb.LinkProductOrderParams{ProductNo: pen.ProductNo, OrderID: ord.OrderID}); ok || err != nil {
		t.Fatalf("second LinkProductOrder = %v, %v; want no new link", ok, err)
	}
	items, err := db.ProductsOfOrder(ctx, ord.OrderID)
	if err != nil || len(items) != 1 || *items[0].OrderItem.Quantity != 3 || *items[0].Product.Name != "pen" {
		t.Fatalf("ProductsOfOrder = %+v, %v", items, err)
	}

	err = db.DeleteProduct(ctx, pen.ProductNo)
	var fe *productsdb.ForeignKeyError
	if !errors.As(err, &fe) || fe.OnDelete != "RESTRICT" || !fe.Referenced || !strings.Contains(err.Error(), "cannot delete a product that order items still refer to") {
		t.Fatalf("deleting an ordered product: %v, want the RESTRICT of Product M:N Order", err)
	}
	if err := db.DeleteOrder(ctx, ord.OrderID); err != nil {
		t.Fatal(err)
	}
	if got, err := db.OrdersOfProduct(ctx, pen.ProductNo); err != nil || len(got) != 0 {
		t.Fatalf("items survived their order: %+v, %v", got, err)
	}
	if err := db.DeleteProduct(ctx, pen.ProductNo); err != nil {
		t.Fatalf("deleting a product no longer ordered: %v", err)
	}

	// The composite foreign key t1 (b, c) -> other_table (c1, c2).
	if _, err := db.CreateOtherTable(ctx, productsdb.CreateOtherTableParams{C1: 1, C2: 2}); err != nil {
		t.Fatal(err)
	}
	row, err := db.CreateT1(ctx, productsdb.CreateT1Params{A: 1, B: ptr(int32(1)), C: ptr(int32(2))})
	if err != nil {
		t.Fatal(err)
	}
	if p, err := db.T1OtherTable(ctx, &row); err != nil || p.C1 != 1 || p.C2 != 2 {
		t.Fatalf("T1OtherTable = %+v, %v", p, err)
	}
	if got, err := db.T1ByOtherTable(ctx, 1, 2); err != nil || len(got) != 1 || got[0].A != 1 {
		t.Fatalf("T1ByOtherTable = %+v, %v", got, err)
	}
	if got, err := db.GetOtherTableByC1AndC2(ctx, 1, 2); err != nil || got.C1 != 1 {
		t.Fatalf("GetOtherTableByC1AndC2 = %+v, %v", got, err)
	}
	_, err = db.CreateT1(ctx, productsdb.CreateT1Params{A: 2, B: ptr(int32(9)), C: ptr(int32(9))})
	if !errors.As(err, &fe) || fe.Referenced || fe.Constraint != "fk_t1_other_table" {
		t.Fatalf("t1 row naming a missing other_table row: %v, want *ForeignKeyError", err)
	}
	// NO ACTION refuses deleting a referenced row too; other_table has no
	// primary key, so it has no Delete: it is refused through SQL here.
	if _, err := pool.Exec(ctx, "DELETE FROM other_table"); err == nil {
		t.Fatal("deleting a referenced other_table row succeeded")
	}
	if n, err := db.CountOtherTables(ctx); err != nil || n != 1 {
		t.Fatalf("CountOtherTables = %d, %v", n, err)
	}
}
