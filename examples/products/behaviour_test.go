package products_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgtype"

	"github.com/ergen-dev/ergen/examples/products/productsdb"
	"github.com/ergen-dev/ergen/generator/golang/golangtest"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

// calls fails the run when a test leaves a method of productsdb.DB
// uncalled.
var calls = golangtest.NewCalls(&productsdb.DB{})

func TestMain(m *testing.M) { os.Exit(calls.Check(pgtest.Main(m))) }

func TestGeneratedPackageIsFresh(t *testing.T) {
	golangtest.CheckFresh(t, "products.er", "productsdb", "productsdb")
}

// open returns the generated package on a fresh database with schema.sql,
// recording the methods the test calls. Each test has its own database, so
// tests run in parallel.
func open(t *testing.T) (*productsdb.DB, context.Context) {
	t.Helper()
	t.Parallel()
	pool := pgtest.Pool(t)
	golangtest.ApplySchema(t, pool, "schema.sql", "products.er")
	return productsdb.New(calls.Wrap(pool)), context.Background()
}

func ptr[T any](v T) *T { return &v }

// eq compares rows by value: their nullable columns are pointers.
func eq(a, b any) bool { return reflect.DeepEqual(a, b) }

func must[T any](t testing.TB) func(T, error) T { return golangtest.Must[T](t) }

func num(t testing.TB, s string) *pgtype.Numeric {
	t.Helper()
	var n pgtype.Numeric
	if err := n.Scan(s); err != nil {
		t.Fatal(err)
	}
	return &n
}

func numString(t testing.TB, n *pgtype.Numeric) string {
	t.Helper()
	if n == nil {
		return "NULL"
	}
	v, err := n.Value()
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprint(v)
}

// TestCRUD: natural keys are the caller's, nullable columns are pointers,
// and a duplicate key is a *UniqueError.
func TestCRUD(t *testing.T) {
	db, ctx := open(t)
	pen := must[productsdb.Product](t)(productsdb.Create(ctx, db, productsdb.Products, productsdb.CreateProductParams{ProductNo: 1, Name: ptr("pen"), Price: num(t, "1.50")}))
	if pen.ProductNo != 1 || *pen.Name != "pen" || numString(t, pen.Price) != "1.50" {
		t.Fatalf("Create(Products) = %+v (price %s)", pen, numString(t, pen.Price))
	}
	got := must[productsdb.Product](t)(productsdb.Get(ctx, db, productsdb.ProductByProductNo, 1))
	if *got.Name != "pen" || numString(t, got.Price) != "1.50" {
		t.Errorf("Get(ProductByProductNo) = %+v", got)
	}
	got.Name, got.Price = ptr("fountain pen"), nil
	if err := productsdb.Update(ctx, db, productsdb.Products, &got); err != nil {
		t.Fatal(err)
	}
	if got := must[productsdb.Product](t)(productsdb.Get(ctx, db, productsdb.ProductByProductNo, 1)); *got.Name != "fountain pen" || got.Price != nil {
		t.Errorf("after Update(Products) = %+v", got)
	}
	if err := productsdb.Update(ctx, db, productsdb.Products, &productsdb.Product{ProductNo: 99}); !errors.Is(err, productsdb.ErrNotFound) {
		t.Errorf("Update(Products) of a missing row: %v, want ErrNotFound", err)
	}
	_, err := productsdb.Create(ctx, db, productsdb.Products, productsdb.CreateProductParams{ProductNo: 1})
	var ue *productsdb.UniqueError
	if !errors.As(err, &ue) || ue.Constraint != "pk_products" || ue.Table != "products" || ue.Columns != "product_no" {
		t.Fatalf("duplicate product_no: %v, want *UniqueError for pk_products", err)
	}
	if want := "a product with this product_no already exists (constraint pk_products)"; !strings.Contains(ue.Error(), want) {
		t.Errorf("message %q lacks %q", ue.Error(), want)
	}
	if err := productsdb.Delete(ctx, db, productsdb.Products, 1); err != nil {
		t.Fatal(err)
	}
	if _, err := productsdb.Get(ctx, db, productsdb.ProductByProductNo, 1); !errors.Is(err, productsdb.ErrNotFound) {
		t.Errorf("Get(ProductByProductNo) after Delete(Products): %v, want ErrNotFound", err)
	}
	if err := productsdb.Delete(ctx, db, productsdb.Products, 1); !errors.Is(err, productsdb.ErrNotFound) {
		t.Errorf("second Delete(Products): %v, want ErrNotFound", err)
	}

	ord := must[productsdb.Order](t)(productsdb.Create(ctx, db, productsdb.Orders, productsdb.CreateOrderParams{OrderID: 7, ShippingAddress: ptr("1 Main St")}))
	if got := must[productsdb.Order](t)(productsdb.Get(ctx, db, productsdb.OrderByOrderID, 7)); got.OrderID != 7 || *got.ShippingAddress != "1 Main St" {
		t.Errorf("Get(OrderByOrderID) = %+v", got)
	}
	ord.ShippingAddress = ptr("2 High St")
	if err := productsdb.Update(ctx, db, productsdb.Orders, &ord); err != nil {
		t.Fatal(err)
	}
	if got := must[productsdb.Order](t)(productsdb.Get(ctx, db, productsdb.OrderByOrderID, 7)); *got.ShippingAddress != "2 High St" {
		t.Errorf("after Update(Orders) = %+v", got)
	}
	if err := productsdb.Update(ctx, db, productsdb.Orders, &productsdb.Order{OrderID: 99}); !errors.Is(err, productsdb.ErrNotFound) {
		t.Errorf("Update(Orders) of a missing row: %v, want ErrNotFound", err)
	}
	if err := productsdb.Delete(ctx, db, productsdb.Orders, 7); err != nil {
		t.Fatal(err)
	}
	if _, err := productsdb.Get(ctx, db, productsdb.OrderByOrderID, 7); !errors.Is(err, productsdb.ErrNotFound) {
		t.Errorf("Get(OrderByOrderID) after Delete(Orders): %v, want ErrNotFound", err)
	}

	// other_table has no primary key: it is found by its unique key, and a
	// second row with the same pair is a *UniqueError.
	ot := must[productsdb.OtherTable](t)(productsdb.Create(ctx, db, productsdb.OtherTables, productsdb.CreateOtherTableParams{C1: 1, C2: 2}))
	if got := must[productsdb.OtherTable](t)(productsdb.Get(ctx, db, productsdb.OtherTableByC1AndC2, productsdb.OtherTableKey{C1: 1, C2: 2})); got != ot {
		t.Errorf("Get(OtherTableByC1AndC2) = %+v, want %+v", got, ot)
	}
	if _, err := productsdb.Get(ctx, db, productsdb.OtherTableByC1AndC2, productsdb.OtherTableKey{C1: 2, C2: 1}); !errors.Is(err, productsdb.ErrNotFound) {
		t.Errorf("Get(OtherTableByC1AndC2, 2, 1): %v, want ErrNotFound", err)
	}
	if _, err := productsdb.Create(ctx, db, productsdb.OtherTables, productsdb.CreateOtherTableParams{C1: 1, C2: 2}); !errors.As(err, &ue) || ue.Constraint != "uq_other_table_c1_c2" || ue.Columns != "c1, c2" {
		t.Errorf("duplicate (c1, c2): %v, want *UniqueError for uq_other_table_c1_c2", err)
	}

	row := must[productsdb.T1](t)(productsdb.Create(ctx, db, productsdb.T1Table, productsdb.CreateT1Params{A: 1, B: ptr(int32(1)), C: ptr(int32(2))}))
	if got := must[productsdb.T1](t)(productsdb.Get(ctx, db, productsdb.T1ByAKey, 1)); *got.B != 1 || *got.C != 2 {
		t.Errorf("Get(T1ByAKey) = %+v", got)
	}
	row.B, row.C = nil, nil
	if err := productsdb.Update(ctx, db, productsdb.T1Table, &row); err != nil {
		t.Fatal(err)
	}
	if got := must[productsdb.T1](t)(productsdb.Get(ctx, db, productsdb.T1ByAKey, 1)); got.B != nil || got.C != nil {
		t.Errorf("after Update(T1Table) = %+v, want b and c NULL", got)
	}
	if err := productsdb.Update(ctx, db, productsdb.T1Table, &productsdb.T1{A: 99}); !errors.Is(err, productsdb.ErrNotFound) {
		t.Errorf("Update(T1Table) of a missing row: %v, want ErrNotFound", err)
	}
	if err := productsdb.Delete(ctx, db, productsdb.T1Table, 1); err != nil {
		t.Fatal(err)
	}
	if _, err := productsdb.Get(ctx, db, productsdb.T1ByAKey, 1); !errors.Is(err, productsdb.ErrNotFound) {
		t.Errorf("Get(T1ByAKey) after Delete(T1Table): %v, want ErrNotFound", err)
	}
}

// TestListCopyCount: COPY bulk inserts, and List pages through every
// table in key order, the composite unique key of other_table included.
func TestListCopyCount(t *testing.T) {
	db, ctx := open(t)
	var products []productsdb.CreateProductParams
	for i := 5; i >= 1; i-- { // inserted out of order: List sorts
		products = append(products, productsdb.CreateProductParams{ProductNo: int32(i), Name: ptr(fmt.Sprint("p", i)), Price: num(t, fmt.Sprint(i, ".25"))})
	}
	if n := must[int64](t)(productsdb.Copy(ctx, db, productsdb.Products, products)); n != 5 {
		t.Fatalf("Copy(Products) = %d, want 5", n)
	}
	if n := must[int64](t)(productsdb.Count(ctx, db, productsdb.Products)); n != 5 {
		t.Errorf("Count(Products) = %d, want 5", n)
	}
	var all []productsdb.Product
	var after *productsdb.Product
	for {
		page := must[[]productsdb.Product](t)(productsdb.List(ctx, db, productsdb.Products, after, 2))
		if len(page) == 0 {
			break
		}
		all = append(all, page...)
		after = &page[len(page)-1]
	}
	if len(all) != 5 || all[0].ProductNo != 1 || all[4].ProductNo != 5 || numString(t, all[2].Price) != "3.25" {
		t.Fatalf("List(Products) over all pages = %+v", all)
	}

	if n := must[int64](t)(productsdb.Copy(ctx, db, productsdb.Orders, []productsdb.CreateOrderParams{{OrderID: 2}, {OrderID: 1, ShippingAddress: ptr("x")}})); n != 2 {
		t.Fatalf("Copy(Orders) = %d, want 2", n)
	}
	if n := must[int64](t)(productsdb.Count(ctx, db, productsdb.Orders)); n != 2 {
		t.Errorf("Count(Orders) = %d, want 2", n)
	}
	orders := must[[]productsdb.Order](t)(productsdb.List(ctx, db, productsdb.Orders, nil, 10))
	if len(orders) != 2 || orders[0].OrderID != 1 || *orders[0].ShippingAddress != "x" || orders[1].ShippingAddress != nil {
		t.Errorf("List(Orders) = %+v", orders)
	}
	k := orders[0]
	if rest := must[[]productsdb.Order](t)(productsdb.List(ctx, db, productsdb.Orders, &k, 10)); len(rest) != 1 || rest[0].OrderID != 2 {
		t.Errorf("List(Orders) after order 1 = %+v", rest)
	}

	// (1, 9) < (2, 1) < (2, 3): the composite key orders as a row value.
	pairs := []productsdb.CreateOtherTableParams{{C1: 2, C2: 3}, {C1: 1, C2: 9}, {C1: 2, C2: 1}}
	if n := must[int64](t)(productsdb.Copy(ctx, db, productsdb.OtherTables, pairs)); n != 3 {
		t.Fatalf("Copy(OtherTables) = %d, want 3", n)
	}
	if n := must[int64](t)(productsdb.Count(ctx, db, productsdb.OtherTables)); n != 3 {
		t.Errorf("Count(OtherTables) = %d, want 3", n)
	}
	first := must[[]productsdb.OtherTable](t)(productsdb.List(ctx, db, productsdb.OtherTables, nil, 2))
	if len(first) != 2 || first[0] != (productsdb.OtherTable{C1: 1, C2: 9}) || first[1] != (productsdb.OtherTable{C1: 2, C2: 1}) {
		t.Fatalf("first page of List(OtherTables) = %+v", first)
	}
	ok := first[1]
	if rest := must[[]productsdb.OtherTable](t)(productsdb.List(ctx, db, productsdb.OtherTables, &ok, 2)); len(rest) != 1 || rest[0] != (productsdb.OtherTable{C1: 2, C2: 3}) {
		t.Errorf("second page of List(OtherTables) = %+v", rest)
	}

	rows := []productsdb.CreateT1Params{{A: 3, B: ptr(int32(2)), C: ptr(int32(3))}, {A: 1}, {A: 2, B: ptr(int32(1)), C: ptr(int32(9))}}
	if n := must[int64](t)(productsdb.Copy(ctx, db, productsdb.T1Table, rows)); n != 3 {
		t.Fatalf("Copy(T1Table) = %d, want 3", n)
	}
	if n := must[int64](t)(productsdb.Count(ctx, db, productsdb.T1Table)); n != 3 {
		t.Errorf("Count(T1Table) = %d, want 3", n)
	}
	t1s := must[[]productsdb.T1](t)(productsdb.List(ctx, db, productsdb.T1Table, nil, 2))
	if len(t1s) != 2 || t1s[0].A != 1 || t1s[0].B != nil || t1s[1].A != 2 || *t1s[1].C != 9 {
		t.Fatalf("first page of List(T1Table) = %+v", t1s)
	}
	tk := t1s[1]
	if rest := must[[]productsdb.T1](t)(productsdb.List(ctx, db, productsdb.T1Table, &tk, 2)); len(rest) != 1 || rest[0].A != 3 {
		t.Errorf("second page of List(T1Table) = %+v", rest)
	}

	// COPY runs into the composite foreign key like an INSERT.
	_, err := productsdb.Copy(ctx, db, productsdb.T1Table, []productsdb.CreateT1Params{{A: 4, B: ptr(int32(9)), C: ptr(int32(9))}})
	var fe *productsdb.ForeignKeyError
	if !errors.As(err, &fe) || fe.Constraint != "fk_t1_other_table" || fe.Referenced {
		t.Errorf("COPY of a t1 row naming a missing pair: %v, want *ForeignKeyError for fk_t1_other_table", err)
	}
}

// TestCompositeForeignKey: t1 (b, c) -> other_table (c1, c2), a foreign
// key over two columns to a unique key, navigated both ways and for many
// pairs at once.
func TestCompositeForeignKey(t *testing.T) {
	db, ctx := open(t)
	p12 := must[productsdb.OtherTable](t)(productsdb.Create(ctx, db, productsdb.OtherTables, productsdb.CreateOtherTableParams{C1: 1, C2: 2}))
	p21 := must[productsdb.OtherTable](t)(productsdb.Create(ctx, db, productsdb.OtherTables, productsdb.CreateOtherTableParams{C1: 2, C2: 1}))
	p33 := must[productsdb.OtherTable](t)(productsdb.Create(ctx, db, productsdb.OtherTables, productsdb.CreateOtherTableParams{C1: 3, C2: 3}))
	r1 := must[productsdb.T1](t)(productsdb.Create(ctx, db, productsdb.T1Table, productsdb.CreateT1Params{A: 1, B: ptr(int32(1)), C: ptr(int32(2))}))
	r2 := must[productsdb.T1](t)(productsdb.Create(ctx, db, productsdb.T1Table, productsdb.CreateT1Params{A: 2, B: ptr(int32(1)), C: ptr(int32(2))}))
	r3 := must[productsdb.T1](t)(productsdb.Create(ctx, db, productsdb.T1Table, productsdb.CreateT1Params{A: 3, B: ptr(int32(2)), C: ptr(int32(1))}))
	// MATCH SIMPLE: a row with one column NULL refers to nothing.
	half := must[productsdb.T1](t)(productsdb.Create(ctx, db, productsdb.T1Table, productsdb.CreateT1Params{A: 4, B: ptr(int32(1))}))

	if got := must[productsdb.OtherTable](t)(productsdb.ParentOf(ctx, db, productsdb.T1OtherTable, &r3)); got != p21 {
		t.Errorf("T1OtherTable(r3) = %+v, want %+v", got, p21)
	}
	if _, err := productsdb.ParentOf(ctx, db, productsdb.T1OtherTable, &half); !errors.Is(err, productsdb.ErrNotFound) {
		t.Errorf("T1OtherTable of a row with c NULL: %v, want ErrNotFound", err)
	}
	if got := must[[]productsdb.T1](t)(productsdb.ChildrenOf(ctx, db, productsdb.T1OtherTable, productsdb.OtherTableKey{C1: 1, C2: 2})); len(got) != 2 || !eq(got[0], r1) || !eq(got[1], r2) {
		t.Errorf("ChildrenOf(T1OtherTable, 1, 2) = %+v", got)
	}
	if got := must[[]productsdb.T1](t)(productsdb.ChildrenOf(ctx, db, productsdb.T1OtherTable, productsdb.OtherTableKey{C1: 3, C2: 3})); len(got) != 0 {
		t.Errorf("ChildrenOf(T1OtherTable, 3, 3) = %+v, want none", got)
	}

	k12, k21 := productsdb.OtherTableKey{C1: p12.C1, C2: p12.C2}, productsdb.OtherTableKey{C1: p21.C1, C2: p21.C2}
	// One query for many pairs, keyed by the parent's key. (1, 1) and
	// (2, 2) cross the columns of real pairs and must find nothing.
	batch := must[map[productsdb.OtherTableKey][]productsdb.T1](t)(productsdb.ChildrenOfMany(ctx, db, productsdb.T1OtherTable,
		[]productsdb.OtherTableKey{k12, k21, {C1: p33.C1, C2: p33.C2}, {C1: 1, C2: 1}, {C1: 2, C2: 2}}))
	if len(batch) != 2 || len(batch[k12]) != 2 || !eq(batch[k12][0], r1) || !eq(batch[k12][1], r2) ||
		len(batch[k21]) != 1 || !eq(batch[k21][0], r3) {
		t.Errorf("ChildrenOfMany(T1OtherTable) = %+v", batch)
	}
	if got := must[map[productsdb.OtherTableKey][]productsdb.T1](t)(productsdb.ChildrenOfMany(ctx, db, productsdb.T1OtherTable, nil)); len(got) != 0 {
		t.Errorf("ChildrenOfMany(T1OtherTable, nil) = %+v, want none", got)
	}
	// Counts per pair, the half-NULL row counting for none; crossed pairs
	// count nothing.
	counts := must[map[productsdb.OtherTableKey]int64](t)(productsdb.CountChildrenOf(ctx, db, productsdb.T1OtherTable,
		[]productsdb.OtherTableKey{k12, k21, {C1: p33.C1, C2: p33.C2}, {C1: 1, C2: 1}, {C1: 2, C2: 2}}))
	if len(counts) != 2 || counts[k12] != 2 || counts[k21] != 1 {
		t.Errorf("CountChildrenOf(T1OtherTable) = %v", counts)
	}

	_, err := productsdb.Create(ctx, db, productsdb.T1Table, productsdb.CreateT1Params{A: 5, B: ptr(int32(9)), C: ptr(int32(9))})
	var fe *productsdb.ForeignKeyError
	if !errors.As(err, &fe) || fe.Referenced || fe.Constraint != "fk_t1_other_table" || fe.Relationship != "OtherTable 1:N T1" || fe.OnDelete != "NO ACTION" {
		t.Fatalf("t1 row naming a missing pair: %v, want *ForeignKeyError for fk_t1_other_table", err)
	}
	if want := "a t1 refers to an other table that does not exist"; !strings.Contains(fe.Error(), want) {
		t.Errorf("message %q lacks %q", fe.Error(), want)
	}
}

// TestManyToMany: Product M:N Order via order_items, with its quantity.
func TestManyToMany(t *testing.T) {
	db, ctx := open(t)
	pen := must[productsdb.Product](t)(productsdb.Create(ctx, db, productsdb.Products, productsdb.CreateProductParams{ProductNo: 1, Name: ptr("pen")}))
	ink := must[productsdb.Product](t)(productsdb.Create(ctx, db, productsdb.Products, productsdb.CreateProductParams{ProductNo: 2, Name: ptr("ink")}))
	o7 := must[productsdb.Order](t)(productsdb.Create(ctx, db, productsdb.Orders, productsdb.CreateOrderParams{OrderID: 7}))
	o8 := must[productsdb.Order](t)(productsdb.Create(ctx, db, productsdb.Orders, productsdb.CreateOrderParams{OrderID: 8}))

	link := func(p productsdb.Product, o productsdb.Order, qty *int32) bool {
		t.Helper()
		return must[bool](t)(productsdb.Link(ctx, db, productsdb.OrderItems, productsdb.LinkProductOrderParams{ProductNo: p.ProductNo, OrderID: o.OrderID, Quantity: qty}))
	}
	if !link(pen, o7, ptr(int32(3))) || !link(ink, o7, nil) || !link(pen, o8, ptr(int32(1))) {
		t.Fatal("Link(OrderItems) reported no new link")
	}
	// Linking a linked pair adds nothing and writes its new quantity.
	if link(pen, o7, ptr(int32(99))) {
		t.Error("linking a linked pair again reported a new link")
	}
	if it := must[productsdb.OrderItem](t)(productsdb.GetLink(ctx, db, productsdb.OrderItems, productsdb.OrderItemKey{ProductNo: pen.ProductNo, OrderID: o7.OrderID})); *it.Quantity != 99 {
		t.Errorf("GetLink(OrderItems) after re-linking = %+v, want quantity 99", it)
	}
	link(pen, o7, ptr(int32(3)))

	items := must[[]productsdb.OrderItemProduct](t)(productsdb.Linked(ctx, db, productsdb.ProductsOfOrder, o7.OrderID))
	if len(items) != 2 || !eq(items[0].Product, pen) || *items[0].OrderItem.Quantity != 3 ||
		!eq(items[1].Product, ink) || items[1].OrderItem.Quantity != nil || items[1].OrderItem.OrderID != 7 {
		t.Fatalf("Linked(Linked(ProductsOfOrder), 7) = %+v", items)
	}
	orders := must[[]productsdb.OrderItemOrder](t)(productsdb.Linked(ctx, db, productsdb.OrdersOfProduct, pen.ProductNo))
	if len(orders) != 2 || !eq(orders[0].Order, o7) || *orders[0].OrderItem.Quantity != 3 || !eq(orders[1].Order, o8) || *orders[1].OrderItem.Quantity != 1 {
		t.Fatalf("Linked(Linked(OrdersOfProduct), pen) = %+v", orders)
	}
	byOrder := must[map[int32][]productsdb.OrderItemProduct](t)(productsdb.LinkedOfMany(ctx, db, productsdb.ProductsOfOrder, []int32{o7.OrderID, o8.OrderID}))
	if len(byOrder[7]) != 2 || !eq(byOrder[7][1].Product, ink) || len(byOrder[8]) != 1 || !eq(byOrder[8][0].Product, pen) {
		t.Errorf("LinkedOfMany(Linked(ProductsOfOrder)) = %+v", byOrder)
	}
	byProduct := must[map[int32][]productsdb.OrderItemOrder](t)(productsdb.LinkedOfMany(ctx, db, productsdb.OrdersOfProduct, []int32{pen.ProductNo, ink.ProductNo, 3}))
	if len(byProduct) != 2 || len(byProduct[1]) != 2 || !eq(byProduct[2][0].Order, o7) {
		t.Errorf("LinkedOfMany(Linked(OrdersOfProduct)) = %+v", byProduct)
	}

	// Linking a missing order is a *ForeignKeyError naming the junction's key.
	_, err := productsdb.Link(ctx, db, productsdb.OrderItems, productsdb.LinkProductOrderParams{ProductNo: pen.ProductNo, OrderID: 404})
	var fe *productsdb.ForeignKeyError
	if !errors.As(err, &fe) || fe.Referenced || fe.Constraint != "fk_order_items_order" || fe.Table != "order_items" || fe.OnDelete != "CASCADE" {
		t.Errorf("linking a missing order: %v, want *ForeignKeyError for fk_order_items_order", err)
	}

	if !must[bool](t)(productsdb.Unlink(ctx, db, productsdb.OrderItems, productsdb.OrderItemKey{ProductNo: ink.ProductNo, OrderID: o7.OrderID})) {
		t.Error("Unlink(OrderItems) reported no link")
	}
	if must[bool](t)(productsdb.Unlink(ctx, db, productsdb.OrderItems, productsdb.OrderItemKey{ProductNo: ink.ProductNo, OrderID: o7.OrderID})) {
		t.Error("second Unlink(OrderItems) reported a link")
	}
	if got := must[[]productsdb.OrderItemOrder](t)(productsdb.Linked(ctx, db, productsdb.OrdersOfProduct, ink.ProductNo)); len(got) != 0 {
		t.Errorf("after unlink, Linked(Linked(OrdersOfProduct), ink) = %+v", got)
	}
}

// TestPolicies: an ordered product cannot be deleted (RESTRICT), deleting
// an order removes its items (CASCADE), and a transaction is all or
// nothing.
func TestPolicies(t *testing.T) {
	db, ctx := open(t)
	pen := must[productsdb.Product](t)(productsdb.Create(ctx, db, productsdb.Products, productsdb.CreateProductParams{ProductNo: 1, Name: ptr("pen")}))
	ord := must[productsdb.Order](t)(productsdb.Create(ctx, db, productsdb.Orders, productsdb.CreateOrderParams{OrderID: 7}))
	must[bool](t)(productsdb.Link(ctx, db, productsdb.OrderItems, productsdb.LinkProductOrderParams{ProductNo: pen.ProductNo, OrderID: ord.OrderID, Quantity: ptr(int32(3))}))

	err := productsdb.Delete(ctx, db, productsdb.Products, pen.ProductNo)
	var fe *productsdb.ForeignKeyError
	if !errors.As(err, &fe) || !fe.Referenced || !fe.Deleting || fe.OnDelete != "RESTRICT" || fe.Constraint != "fk_order_items_product" || fe.Relationship != "Product M:N Order" {
		t.Fatalf("deleting an ordered product: %v, want the RESTRICT of Product M:N Order", err)
	}
	if want := "cannot delete a product that order items still refer to: Product M:N Order forbids it (ON DELETE RESTRICT"; !strings.Contains(fe.Error(), want) {
		t.Errorf("message %q lacks %q", fe.Error(), want)
	}
	if err := productsdb.Delete(ctx, db, productsdb.Orders, ord.OrderID); err != nil {
		t.Fatal(err)
	}
	if got := must[[]productsdb.OrderItemOrder](t)(productsdb.Linked(ctx, db, productsdb.OrdersOfProduct, pen.ProductNo)); len(got) != 0 {
		t.Fatalf("items survived their order: %+v", got)
	}
	if err := productsdb.Delete(ctx, db, productsdb.Products, pen.ProductNo); err != nil {
		t.Fatalf("deleting a product no longer ordered: %v", err)
	}

	// InTx: a row that breaks the composite foreign key rolls back the
	// whole transaction.
	must[productsdb.OtherTable](t)(productsdb.Create(ctx, db, productsdb.OtherTables, productsdb.CreateOtherTableParams{C1: 1, C2: 2}))
	must[productsdb.T1](t)(productsdb.Create(ctx, db, productsdb.T1Table, productsdb.CreateT1Params{A: 1, B: ptr(int32(1)), C: ptr(int32(2))}))
	if err := db.InTx(ctx, func(tx *productsdb.DB) error {
		if _, err := productsdb.Create(ctx, tx, productsdb.OtherTables, productsdb.CreateOtherTableParams{C1: 5, C2: 5}); err != nil {
			return err
		}
		_, err := productsdb.Create(ctx, tx, productsdb.T1Table, productsdb.CreateT1Params{A: 2, B: ptr(int32(5)), C: ptr(int32(6))})
		return err
	}); !errors.As(err, &fe) || fe.Constraint != "fk_t1_other_table" {
		t.Fatalf("InTx with a bad t1 row: %v, want *ForeignKeyError", err)
	}
	// The transaction rolled back: its other_table row is gone too.
	if _, err := productsdb.Get(ctx, db, productsdb.OtherTableByC1AndC2, productsdb.OtherTableKey{C1: 5, C2: 5}); !errors.Is(err, productsdb.ErrNotFound) {
		t.Errorf("row of a rolled-back transaction: %v, want ErrNotFound", err)
	}
	// products.er declares no CHECK constraint: productsdb has no
	// *CheckError to provoke.
}

// TestPatchAndUpsert: a patch writes only the fields set, Set[*T](nil)
// writes NULL; an upsert inserts, then updates the row with its key. An
// upsert on a key of every column (other_table) returns the stored row.
func TestPatchAndUpsert(t *testing.T) {
	db, ctx := open(t)
	must[productsdb.Product](t)(productsdb.Create(ctx, db, productsdb.Products, productsdb.CreateProductParams{ProductNo: 1, Name: ptr("pen"), Price: num(t, "1.50")}))
	p := must[productsdb.Product](t)(productsdb.Patch(ctx, db, productsdb.Products, 1, productsdb.ProductPatch{Price: productsdb.Set(num(t, "2"))}))
	if *p.Name != "pen" || numString(t, p.Price) != "2" {
		t.Errorf("Patch(Products) = %+v (price %s), want the name kept and price 2", p, numString(t, p.Price))
	}
	if p := must[productsdb.Product](t)(productsdb.Upsert(ctx, db, productsdb.ProductByProductNo, productsdb.CreateProductParams{ProductNo: 1, Name: ptr("ink")})); *p.Name != "ink" || p.Price != nil {
		t.Errorf("Upsert(ProductByProductNo) over product 1 = %+v, want name ink and no price", p)
	}
	if p := must[productsdb.Product](t)(productsdb.Upsert(ctx, db, productsdb.ProductByProductNo, productsdb.CreateProductParams{ProductNo: 2, Name: ptr("pad")})); p.ProductNo != 2 || *p.Name != "pad" {
		t.Errorf("Upsert(ProductByProductNo) of a new product = %+v", p)
	}

	must[productsdb.Order](t)(productsdb.Upsert(ctx, db, productsdb.OrderByOrderID, productsdb.CreateOrderParams{OrderID: 7, ShippingAddress: ptr("Main St")}))
	if o := must[productsdb.Order](t)(productsdb.Upsert(ctx, db, productsdb.OrderByOrderID, productsdb.CreateOrderParams{OrderID: 7, ShippingAddress: ptr("High St")})); *o.ShippingAddress != "High St" {
		t.Errorf("second Upsert(OrderByOrderID) = %+v", o)
	}
	if o := must[productsdb.Order](t)(productsdb.Patch(ctx, db, productsdb.Orders, 7, productsdb.OrderPatch{ShippingAddress: productsdb.Set[*string](nil)})); o.ShippingAddress != nil {
		t.Errorf("Patch(Orders) to NULL = %+v", o)
	}
	if n := must[int64](t)(productsdb.Count(ctx, db, productsdb.Orders)); n != 1 {
		t.Errorf("Count(Orders) = %d, want 1", n)
	}

	a := must[productsdb.OtherTable](t)(productsdb.Upsert(ctx, db, productsdb.OtherTableByC1AndC2, productsdb.CreateOtherTableParams{C1: 1, C2: 2}))
	b := must[productsdb.OtherTable](t)(productsdb.Upsert(ctx, db, productsdb.OtherTableByC1AndC2, productsdb.CreateOtherTableParams{C1: 1, C2: 2}))
	if a != b || a.C1 != 1 || a.C2 != 2 || must[int64](t)(productsdb.Count(ctx, db, productsdb.OtherTables)) != 1 {
		t.Errorf("Upsert(OtherTableByC1AndC2) twice = %+v, %+v, want one row", a, b)
	}

	must[productsdb.T1](t)(productsdb.Upsert(ctx, db, productsdb.T1ByAKey, productsdb.CreateT1Params{A: 1}))
	r := must[productsdb.T1](t)(productsdb.Upsert(ctx, db, productsdb.T1ByAKey, productsdb.CreateT1Params{A: 1, B: ptr(int32(1)), C: ptr(int32(2))}))
	if *r.B != 1 || *r.C != 2 {
		t.Errorf("Upsert(T1ByAKey) = %+v, want b 1, c 2 (the pair of other_table (1, 2))", r)
	}
	// The patch writes b alone: (3, 2) is no other_table row.
	var fe *productsdb.ForeignKeyError
	if _, err := productsdb.Patch(ctx, db, productsdb.T1Table, 1, productsdb.T1Patch{B: productsdb.Set(ptr(int32(3)))}); !errors.As(err, &fe) || fe.Referenced {
		t.Errorf("Patch(T1Table) to a missing pair: %v, want *ForeignKeyError", err)
	}
	if r := must[productsdb.T1](t)(productsdb.Patch(ctx, db, productsdb.T1Table, 1, productsdb.T1Patch{C: productsdb.Set[*int32](nil)})); *r.B != 1 || r.C != nil {
		t.Errorf("Patch(T1Table) of c alone = %+v, want b kept and c NULL", r)
	}
}

// TestFind: filters and keyset pages on every table, a composite key
// included.
func TestFind(t *testing.T) {
	db, ctx := open(t)
	for i := range int32(3) {
		must[productsdb.Product](t)(productsdb.Create(ctx, db, productsdb.Products, productsdb.CreateProductParams{ProductNo: i + 1, Price: num(t, fmt.Sprint(i+1))}))
		must[productsdb.Order](t)(productsdb.Create(ctx, db, productsdb.Orders, productsdb.CreateOrderParams{OrderID: i + 1}))
		must[productsdb.T1](t)(productsdb.Create(ctx, db, productsdb.T1Table, productsdb.CreateT1Params{A: i + 1}))
	}
	if got := must[[]productsdb.Product](t)(productsdb.Find(ctx, db, productsdb.Products, productsdb.ProductFilter{Price: productsdb.Gt(*num(t, "1.5"))}, productsdb.ProductsByProductNoDesc, nil, 5)); len(got) != 2 || got[0].ProductNo != 3 {
		t.Errorf("products over 1.5, DESC = %+v", got)
	}
	if got := must[[]productsdb.Order](t)(productsdb.Find(ctx, db, productsdb.Orders, productsdb.OrderFilter{OrderID: productsdb.Le(int32(2))}, productsdb.OrdersByOrderID, nil, 5)); len(got) != 2 {
		t.Errorf("orders up to 2 = %+v", got)
	}
	if got := must[[]productsdb.T1](t)(productsdb.Find(ctx, db, productsdb.T1Table, productsdb.T1Filter{B: productsdb.IsNull[int32]()}, productsdb.T1ByA, &productsdb.T1{A: 1}, 5)); len(got) != 2 || got[0].A != 2 {
		t.Errorf("t1 after a = 1 = %+v", got)
	}
	for _, p := range [][2]int32{{1, 2}, {1, 1}, {2, 1}} {
		must[productsdb.OtherTable](t)(productsdb.Create(ctx, db, productsdb.OtherTables, productsdb.CreateOtherTableParams{C1: p[0], C2: p[1]}))
	}
	first := must[[]productsdb.OtherTable](t)(productsdb.Find(ctx, db, productsdb.OtherTables, productsdb.OtherTableFilter{}, productsdb.OtherTablesByC1AndC2, nil, 2))
	if len(first) != 2 || first[1] != (productsdb.OtherTable{C1: 1, C2: 2}) {
		t.Fatalf("first page by (c1, c2) = %+v", first)
	}
	if rest := must[[]productsdb.OtherTable](t)(productsdb.Find(ctx, db, productsdb.OtherTables, productsdb.OtherTableFilter{}, productsdb.OtherTablesByC1AndC2, &first[1], 2)); len(rest) != 1 || rest[0] != (productsdb.OtherTable{C1: 2, C2: 1}) {
		t.Errorf("after (1, 2) = %+v, want (2, 1): the pair compares as a row", rest)
	}
}
