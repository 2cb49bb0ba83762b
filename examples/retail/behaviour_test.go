package retail_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgtype"

	"github.com/ergen-dev/ergen/examples/retail/retaildb"
	"github.com/ergen-dev/ergen/generator/golang/golangtest"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

// calls fails the run when a test leaves a method of retaildb.DB
// uncalled.
var calls = golangtest.NewCalls(&retaildb.DB{})

func TestMain(m *testing.M) { os.Exit(calls.Check(pgtest.Main(m))) }

func TestGeneratedPackageIsFresh(t *testing.T) {
	golangtest.CheckFresh(t, "retail.er", "retaildb", "retaildb")
}

// open returns the generated package on a fresh database with schema.sql,
// recording the methods the test calls. Each test has its own database, so
// tests run in parallel.
func open(t *testing.T) (*retaildb.DB, context.Context) {
	t.Helper()
	t.Parallel()
	pool := pgtest.Pool(t)
	golangtest.ApplySchema(t, pool, "schema.sql", "retail.er")
	return retaildb.New(calls.Wrap(pool)), context.Background()
}

func must[T any](t testing.TB) func(T, error) T { return golangtest.Must[T](t) }

func num(t testing.TB, s string) pgtype.Numeric {
	t.Helper()
	var n pgtype.Numeric
	if err := n.Scan(s); err != nil {
		t.Fatal(err)
	}
	return n
}

func numString(t testing.TB, n pgtype.Numeric) string {
	t.Helper()
	v, err := n.Value()
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprint(v)
}

func ptr[T any](v T) *T { return &v }

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// TestCRUD: serial keys and date defaults come from the database, every
// unique key finds its row, and the typed errors name their constraints.
func TestCRUD(t *testing.T) {
	db, ctx := open(t)
	ann := must[retaildb.Customer](t)(db.CreateCustomer(ctx, retaildb.CreateCustomerParams{FullName: "Ann", Email: "ann@x"}))
	bob := must[retaildb.Customer](t)(db.CreateCustomer(ctx, retaildb.CreateCustomerParams{FullName: "Bob", Email: "bob@x"}))
	if ann.CustomerID == 0 || bob.CustomerID <= ann.CustomerID || ann.Email != "ann@x" {
		t.Fatalf("CreateCustomer returned %+v and %+v, want increasing serial keys", ann, bob)
	}
	if got := must[retaildb.Customer](t)(db.GetCustomer(ctx, ann.CustomerID)); got != ann {
		t.Errorf("GetCustomer = %+v, want %+v", got, ann)
	}
	if got := must[retaildb.Customer](t)(db.GetCustomerByEmail(ctx, "bob@x")); got != bob {
		t.Errorf("GetCustomerByEmail = %+v, want %+v", got, bob)
	}
	if _, err := db.GetCustomerByEmail(ctx, "nobody@x"); !errors.Is(err, retaildb.ErrNotFound) {
		t.Errorf("GetCustomerByEmail of a missing email: %v, want ErrNotFound", err)
	}
	ann.FullName = "Ann Lee"
	if err := db.UpdateCustomer(ctx, &ann); err != nil {
		t.Fatal(err)
	}
	if got := must[retaildb.Customer](t)(db.GetCustomer(ctx, ann.CustomerID)); got.FullName != "Ann Lee" {
		t.Errorf("after UpdateCustomer = %+v", got)
	}
	if err := db.UpdateCustomer(ctx, &retaildb.Customer{CustomerID: 999, FullName: "x", Email: "x"}); !errors.Is(err, retaildb.ErrNotFound) {
		t.Errorf("UpdateCustomer of a missing row: %v, want ErrNotFound", err)
	}
	// Taking another customer's email is a *UniqueError, on update too.
	bob.Email = "ann@x"
	err := db.UpdateCustomer(ctx, &bob)
	var ue *retaildb.UniqueError
	if !errors.As(err, &ue) || ue.Constraint != "uq_customer_email" || ue.Columns != "email" || ue.Table != "customer" {
		t.Fatalf("UpdateCustomer to a taken email: %v, want *UniqueError for uq_customer_email", err)
	}
	if want := "a customer with this email already exists (constraint uq_customer_email)"; !strings.Contains(ue.Error(), want) {
		t.Errorf("message %q lacks %q", ue.Error(), want)
	}

	// Order: the date defaults to today; "order" is a reserved word.
	ord := must[retaildb.Order](t)(db.CreateOrder(ctx, retaildb.CreateOrderParams{CustomerID: ann.CustomerID}))
	if ord.OrderID == 0 || ord.CustomerID != ann.CustomerID || time.Since(ord.OrderDate) > 48*time.Hour || time.Since(ord.OrderDate) < -48*time.Hour {
		t.Fatalf("CreateOrder = %+v, want a serial key and today's date", ord)
	}
	placed := day(2024, 1, 2)
	old := must[retaildb.Order](t)(db.CreateOrder(ctx, retaildb.CreateOrderParams{CustomerID: ann.CustomerID, OrderDate: &placed}))
	if got := must[retaildb.Order](t)(db.GetOrder(ctx, old.OrderID)); !got.OrderDate.Equal(placed) || got.CustomerID != ann.CustomerID {
		t.Errorf("GetOrder = %+v, want the date %v", got, placed)
	}
	old.CustomerID, old.OrderDate = bob.CustomerID, day(2024, 2, 3)
	if err := db.UpdateOrder(ctx, &old); err != nil {
		t.Fatal(err)
	}
	if got := must[retaildb.Order](t)(db.GetOrder(ctx, old.OrderID)); got.CustomerID != bob.CustomerID || !got.OrderDate.Equal(day(2024, 2, 3)) {
		t.Errorf("after UpdateOrder = %+v", got)
	}
	if err := db.UpdateOrder(ctx, &retaildb.Order{OrderID: 999, CustomerID: ann.CustomerID}); !errors.Is(err, retaildb.ErrNotFound) {
		t.Errorf("UpdateOrder of a missing row: %v, want ErrNotFound", err)
	}
	if err := db.DeleteOrder(ctx, old.OrderID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.GetOrder(ctx, old.OrderID); !errors.Is(err, retaildb.ErrNotFound) {
		t.Errorf("GetOrder after DeleteOrder: %v, want ErrNotFound", err)
	}
	if err := db.DeleteOrder(ctx, old.OrderID); !errors.Is(err, retaildb.ErrNotFound) {
		t.Errorf("second DeleteOrder: %v, want ErrNotFound", err)
	}

	// Product: numeric(10, 2) is exact, sku is a unique key, the price has a CHECK.
	ink := must[retaildb.Product](t)(db.CreateProduct(ctx, retaildb.CreateProductParams{Sku: "INK", Name: "Ink", UnitPrice: num(t, "9.99")}))
	if ink.ProductID == 0 || numString(t, ink.UnitPrice) != "9.99" {
		t.Fatalf("CreateProduct = %+v", ink)
	}
	if got := must[retaildb.Product](t)(db.GetProduct(ctx, ink.ProductID)); got.Sku != "INK" || numString(t, got.UnitPrice) != "9.99" {
		t.Errorf("GetProduct = %+v", got)
	}
	if got := must[retaildb.Product](t)(db.GetProductBySku(ctx, "INK")); got.ProductID != ink.ProductID {
		t.Errorf("GetProductBySku = %+v", got)
	}
	ink.UnitPrice, ink.Name = num(t, "10.50"), "Blue ink"
	if err := db.UpdateProduct(ctx, &ink); err != nil {
		t.Fatal(err)
	}
	if got := must[retaildb.Product](t)(db.GetProduct(ctx, ink.ProductID)); got.Name != "Blue ink" || numString(t, got.UnitPrice) != "10.50" {
		t.Errorf("after UpdateProduct = %+v", got)
	}
	if err := db.UpdateProduct(ctx, &retaildb.Product{ProductID: 999, Sku: "x", Name: "x", UnitPrice: num(t, "1")}); !errors.Is(err, retaildb.ErrNotFound) {
		t.Errorf("UpdateProduct of a missing row: %v, want ErrNotFound", err)
	}
	if _, err := db.CreateProduct(ctx, retaildb.CreateProductParams{Sku: "INK", Name: "Again", UnitPrice: num(t, "1")}); !errors.As(err, &ue) || ue.Constraint != "uq_product_sku" {
		t.Errorf("duplicate sku: %v, want *UniqueError for uq_product_sku", err)
	}
	_, err = db.CreateProduct(ctx, retaildb.CreateProductParams{Sku: "NEG", Name: "Neg", UnitPrice: num(t, "-0.01")})
	var ce *retaildb.CheckError
	if !errors.As(err, &ce) || ce.Constraint != "ck_product_unit_price" || ce.Expr != "(unit_price >= 0)" || ce.Table != "product" {
		t.Fatalf("negative price: %v, want *CheckError for ck_product_unit_price", err)
	}
	if want := "a product violates (unit_price >= 0) (constraint ck_product_unit_price)"; !strings.Contains(ce.Error(), want) {
		t.Errorf("message %q lacks %q", ce.Error(), want)
	}
	if err := db.DeleteProduct(ctx, ink.ProductID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.GetProductBySku(ctx, "INK"); !errors.Is(err, retaildb.ErrNotFound) {
		t.Errorf("GetProductBySku after DeleteProduct: %v, want ErrNotFound", err)
	}

	// LoyaltyCard: a natural varchar key, its issue date defaults to today.
	card := must[retaildb.LoyaltyCard](t)(db.CreateLoyaltyCard(ctx, retaildb.CreateLoyaltyCardParams{CardNo: "C-1", CustomerID: ann.CustomerID}))
	if card.CardNo != "C-1" || time.Since(card.IssuedDate) > 48*time.Hour {
		t.Fatalf("CreateLoyaltyCard = %+v", card)
	}
	if got := must[retaildb.LoyaltyCard](t)(db.GetLoyaltyCard(ctx, "C-1")); got.CustomerID != ann.CustomerID || !got.IssuedDate.Equal(card.IssuedDate) {
		t.Errorf("GetLoyaltyCard = %+v", got)
	}
	if got := must[retaildb.LoyaltyCard](t)(db.GetLoyaltyCardByCustomerID(ctx, ann.CustomerID)); got.CardNo != "C-1" {
		t.Errorf("GetLoyaltyCardByCustomerID = %+v", got)
	}
	card.IssuedDate, card.CustomerID = day(2023, 5, 6), bob.CustomerID
	if err := db.UpdateLoyaltyCard(ctx, &card); err != nil {
		t.Fatal(err)
	}
	if got := must[retaildb.LoyaltyCard](t)(db.GetLoyaltyCard(ctx, "C-1")); got.CustomerID != bob.CustomerID || !got.IssuedDate.Equal(day(2023, 5, 6)) {
		t.Errorf("after UpdateLoyaltyCard = %+v", got)
	}
	if err := db.UpdateLoyaltyCard(ctx, &retaildb.LoyaltyCard{CardNo: "none", CustomerID: ann.CustomerID}); !errors.Is(err, retaildb.ErrNotFound) {
		t.Errorf("UpdateLoyaltyCard of a missing row: %v, want ErrNotFound", err)
	}
	if err := db.DeleteLoyaltyCard(ctx, "C-1"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.GetLoyaltyCard(ctx, "C-1"); !errors.Is(err, retaildb.ErrNotFound) {
		t.Errorf("GetLoyaltyCard after DeleteLoyaltyCard: %v, want ErrNotFound", err)
	}
	if err := db.DeleteLoyaltyCard(ctx, "C-1"); !errors.Is(err, retaildb.ErrNotFound) {
		t.Errorf("second DeleteLoyaltyCard: %v, want ErrNotFound", err)
	}

	if err := db.DeleteCustomer(ctx, bob.CustomerID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.GetCustomer(ctx, bob.CustomerID); !errors.Is(err, retaildb.ErrNotFound) {
		t.Errorf("GetCustomer after DeleteCustomer: %v, want ErrNotFound", err)
	}
}

// TestListCopyCount: COPY leaves serial keys to the database and writes
// every other column as given; List pages in key order, by a varchar key
// for loyalty cards.
func TestListCopyCount(t *testing.T) {
	db, ctx := open(t)
	var customers []retaildb.CreateCustomerParams
	for i := range 5 {
		customers = append(customers, retaildb.CreateCustomerParams{FullName: fmt.Sprint("c", i), Email: fmt.Sprintf("c%d@x", i)})
	}
	if n := must[int64](t)(db.CopyCustomers(ctx, customers)); n != 5 {
		t.Fatalf("CopyCustomers = %d, want 5", n)
	}
	if n := must[int64](t)(db.CountCustomers(ctx)); n != 5 {
		t.Errorf("CountCustomers = %d, want 5", n)
	}
	var all []retaildb.Customer
	var after *retaildb.Customer
	for {
		page := must[[]retaildb.Customer](t)(db.ListCustomers(ctx, after, 2))
		if len(page) == 0 {
			break
		}
		all = append(all, page...)
		after = &page[len(page)-1]
	}
	if len(all) != 5 || all[0].Email != "c0@x" || all[4].Email != "c4@x" || all[0].CustomerID == 0 {
		t.Fatalf("ListCustomers over all pages = %+v", all)
	}
	owner := all[0].CustomerID

	// An order without a date takes the column's default (current_date),
	// as in an INSERT: the two runs of rows are two COPYs, in order.
	d1, d2 := day(2024, 1, 1), day(2024, 1, 2)
	orders := []retaildb.CreateOrderParams{{CustomerID: owner, OrderDate: &d1}, {CustomerID: owner, OrderDate: &d2}, {CustomerID: all[1].CustomerID}}
	if n := must[int64](t)(db.CopyOrders(ctx, orders)); n != 3 {
		t.Fatalf("CopyOrders = %d, want 3", n)
	}
	if n := must[int64](t)(db.CountOrders(ctx)); n != 3 {
		t.Errorf("CountOrders = %d, want 3", n)
	}
	first := must[[]retaildb.Order](t)(db.ListOrders(ctx, nil, 2))
	if len(first) != 2 || !first[0].OrderDate.Equal(day(2024, 1, 1)) || !first[1].OrderDate.Equal(day(2024, 1, 2)) {
		t.Fatalf("first page of ListOrders = %+v", first)
	}
	ok := first[1]
	var today time.Time
	if err := db.DBTX().QueryRow(ctx, `SELECT current_date`).Scan(&today); err != nil {
		t.Fatal(err)
	}
	if rest := must[[]retaildb.Order](t)(db.ListOrders(ctx, &ok, 2)); len(rest) != 1 || rest[0].CustomerID != all[1].CustomerID || !rest[0].OrderDate.Equal(today) {
		t.Errorf("second page of ListOrders = %+v", rest)
	}

	products := []retaildb.CreateProductParams{{Sku: "B", Name: "b", UnitPrice: num(t, "2.50")}, {Sku: "A", Name: "a", UnitPrice: num(t, "1")}}
	if n := must[int64](t)(db.CopyProducts(ctx, products)); n != 2 {
		t.Fatalf("CopyProducts = %d, want 2", n)
	}
	if n := must[int64](t)(db.CountProducts(ctx)); n != 2 {
		t.Errorf("CountProducts = %d, want 2", n)
	}
	ps := must[[]retaildb.Product](t)(db.ListProducts(ctx, nil, 1))
	if len(ps) != 1 || ps[0].Sku != "B" || numString(t, ps[0].UnitPrice) != "2.50" {
		t.Fatalf("first page of ListProducts = %+v", ps)
	}
	pk := ps[0]
	if rest := must[[]retaildb.Product](t)(db.ListProducts(ctx, &pk, 5)); len(rest) != 1 || rest[0].Sku != "A" {
		t.Errorf("second page of ListProducts = %+v", rest)
	}
	// COPY checks the CHECK constraint as INSERT does.
	_, err := db.CopyProducts(ctx, []retaildb.CreateProductParams{{Sku: "N", Name: "n", UnitPrice: num(t, "-1")}})
	var ce *retaildb.CheckError
	if !errors.As(err, &ce) || ce.Constraint != "ck_product_unit_price" {
		t.Errorf("COPY of a negative price: %v, want *CheckError", err)
	}

	cards := []retaildb.CreateLoyaltyCardParams{{CardNo: "Z-9", CustomerID: all[2].CustomerID, IssuedDate: ptr(day(2022, 1, 1))}, {CardNo: "A-1", CustomerID: all[3].CustomerID, IssuedDate: ptr(day(2022, 2, 2))}}
	if n := must[int64](t)(db.CopyLoyaltyCards(ctx, cards)); n != 2 {
		t.Fatalf("CopyLoyaltyCards = %d, want 2", n)
	}
	if n := must[int64](t)(db.CountLoyaltyCards(ctx)); n != 2 {
		t.Errorf("CountLoyaltyCards = %d, want 2", n)
	}
	cs := must[[]retaildb.LoyaltyCard](t)(db.ListLoyaltyCards(ctx, nil, 1))
	if len(cs) != 1 || cs[0].CardNo != "A-1" || !cs[0].IssuedDate.Equal(day(2022, 2, 2)) {
		t.Fatalf("first page of ListLoyaltyCards = %+v", cs)
	}
	ck := cs[0]
	if rest := must[[]retaildb.LoyaltyCard](t)(db.ListLoyaltyCards(ctx, &ck, 1)); len(rest) != 1 || rest[0].CardNo != "Z-9" {
		t.Errorf("second page of ListLoyaltyCards = %+v", rest)
	}
}

// TestNavigation: Customer 1:N Order and Customer 1:1 LoyaltyCard, both
// ways and for many customers at once.
func TestNavigation(t *testing.T) {
	db, ctx := open(t)
	ann := must[retaildb.Customer](t)(db.CreateCustomer(ctx, retaildb.CreateCustomerParams{FullName: "Ann", Email: "ann@x"}))
	bob := must[retaildb.Customer](t)(db.CreateCustomer(ctx, retaildb.CreateCustomerParams{FullName: "Bob", Email: "bob@x"}))
	eve := must[retaildb.Customer](t)(db.CreateCustomer(ctx, retaildb.CreateCustomerParams{FullName: "Eve", Email: "eve@x"}))
	a1 := must[retaildb.Order](t)(db.CreateOrder(ctx, retaildb.CreateOrderParams{CustomerID: ann.CustomerID}))
	a2 := must[retaildb.Order](t)(db.CreateOrder(ctx, retaildb.CreateOrderParams{CustomerID: ann.CustomerID}))
	b1 := must[retaildb.Order](t)(db.CreateOrder(ctx, retaildb.CreateOrderParams{CustomerID: bob.CustomerID}))

	if got := must[[]retaildb.Order](t)(retaildb.ChildrenOf(ctx, db, retaildb.OrderCustomer, ann.CustomerID)); len(got) != 2 || got[0] != a1 || got[1] != a2 {
		t.Errorf("ChildrenOf(OrderCustomer, ann) = %+v", got)
	}
	if got := must[[]retaildb.Order](t)(retaildb.ChildrenOf(ctx, db, retaildb.OrderCustomer, eve.CustomerID)); len(got) != 0 {
		t.Errorf("ChildrenOf(OrderCustomer, eve) = %+v, want none", got)
	}
	if got := must[retaildb.Customer](t)(retaildb.ParentOf(ctx, db, retaildb.OrderCustomer, &b1)); got != bob {
		t.Errorf("OrderCustomer(b1) = %+v, want %+v", got, bob)
	}
	byCustomer := must[map[int32][]retaildb.Order](t)(retaildb.ChildrenOfMany(ctx, db, retaildb.OrderCustomer, []int32{ann.CustomerID, bob.CustomerID, eve.CustomerID}))
	if len(byCustomer) != 2 || len(byCustomer[ann.CustomerID]) != 2 || byCustomer[ann.CustomerID][1] != a2 || len(byCustomer[bob.CustomerID]) != 1 || byCustomer[bob.CustomerID][0] != b1 {
		t.Errorf("ChildrenOfMany(OrderCustomer) = %+v", byCustomer)
	}

	annCard := must[retaildb.LoyaltyCard](t)(db.CreateLoyaltyCard(ctx, retaildb.CreateLoyaltyCardParams{CardNo: "C-1", CustomerID: ann.CustomerID}))
	bobCard := must[retaildb.LoyaltyCard](t)(db.CreateLoyaltyCard(ctx, retaildb.CreateLoyaltyCardParams{CardNo: "C-2", CustomerID: bob.CustomerID}))
	if got := must[retaildb.LoyaltyCard](t)(retaildb.ChildrenOf(ctx, db, retaildb.LoyaltyCardCustomer, ann.CustomerID)); got != annCard {
		t.Errorf("ChildrenOf(LoyaltyCardCustomer, ann) = %+v, want %+v", got, annCard)
	}
	if _, err := retaildb.ChildrenOf(ctx, db, retaildb.LoyaltyCardCustomer, eve.CustomerID); !errors.Is(err, retaildb.ErrNotFound) {
		t.Errorf("ChildrenOf(LoyaltyCardCustomer, eve): %v, want ErrNotFound", err)
	}
	if got := must[retaildb.Customer](t)(retaildb.ParentOf(ctx, db, retaildb.LoyaltyCardCustomer, &bobCard)); got != bob {
		t.Errorf("LoyaltyCardCustomer(C-2) = %+v, want %+v", got, bob)
	}
	cards := must[map[int32]retaildb.LoyaltyCard](t)(retaildb.ChildrenOfMany(ctx, db, retaildb.LoyaltyCardCustomer, []int32{ann.CustomerID, bob.CustomerID, eve.CustomerID}))
	if len(cards) != 2 || cards[ann.CustomerID] != annCard || cards[bob.CustomerID] != bobCard {
		t.Errorf("ChildrenOfMany(LoyaltyCardCustomer) = %+v", cards)
	}
	if _, ok := cards[eve.CustomerID]; ok {
		t.Error("ChildrenOfMany(LoyaltyCardCustomer) has an entry for a customer without a card")
	}
	// 1:1: a second card for the same customer violates the unique key.
	_, err := db.CreateLoyaltyCard(ctx, retaildb.CreateLoyaltyCardParams{CardNo: "C-3", CustomerID: ann.CustomerID})
	var ue *retaildb.UniqueError
	if !errors.As(err, &ue) || ue.Constraint != "uq_loyalty_card_customer_id" {
		t.Errorf("second card: %v, want *UniqueError for uq_loyalty_card_customer_id", err)
	}
}

// TestManyToMany: Order M:N Product via order_item, with its quantity and
// CHECK.
func TestManyToMany(t *testing.T) {
	db, ctx := open(t)
	ann := must[retaildb.Customer](t)(db.CreateCustomer(ctx, retaildb.CreateCustomerParams{FullName: "Ann", Email: "ann@x"}))
	o1 := must[retaildb.Order](t)(db.CreateOrder(ctx, retaildb.CreateOrderParams{CustomerID: ann.CustomerID}))
	o2 := must[retaildb.Order](t)(db.CreateOrder(ctx, retaildb.CreateOrderParams{CustomerID: ann.CustomerID}))
	ink := must[retaildb.Product](t)(db.CreateProduct(ctx, retaildb.CreateProductParams{Sku: "INK", Name: "Ink", UnitPrice: num(t, "9.99")}))
	pen := must[retaildb.Product](t)(db.CreateProduct(ctx, retaildb.CreateProductParams{Sku: "PEN", Name: "Pen", UnitPrice: num(t, "1.25")}))

	link := func(o retaildb.Order, p retaildb.Product, qty int32) bool {
		t.Helper()
		return must[bool](t)(db.LinkOrderProduct(ctx, retaildb.LinkOrderProductParams{OrderID: o.OrderID, ProductID: p.ProductID, Quantity: qty}))
	}
	if !link(o1, ink, 2) || !link(o1, pen, 5) || !link(o2, ink, 1) {
		t.Fatal("LinkOrderProduct reported no new link")
	}
	// Re-linking writes the new quantity; GetOrderItem reads the one link.
	if link(o1, ink, 7) {
		t.Error("linking a linked pair again reported a new link")
	}
	if it := must[retaildb.OrderItem](t)(db.GetOrderItem(ctx, o1.OrderID, ink.ProductID)); it.Quantity != 7 {
		t.Errorf("GetOrderItem after re-linking = %+v, want quantity 7", it)
	}
	link(o1, ink, 2)

	items := must[[]retaildb.OrderItemProduct](t)(db.ProductsOfOrder(ctx, o1.OrderID))
	if len(items) != 2 || items[0].Product.Sku != "INK" || items[0].OrderItem.Quantity != 2 || items[1].Product.Sku != "PEN" ||
		items[1].OrderItem.Quantity != 5 || numString(t, items[1].Product.UnitPrice) != "1.25" {
		t.Fatalf("ProductsOfOrder(o1) = %+v", items)
	}
	orders := must[[]retaildb.OrderItemOrder](t)(db.OrdersOfProduct(ctx, ink.ProductID))
	if len(orders) != 2 || orders[0].Order != o1 || orders[0].OrderItem.Quantity != 2 || orders[1].Order != o2 || orders[1].OrderItem.Quantity != 1 {
		t.Fatalf("OrdersOfProduct(ink) = %+v", orders)
	}
	byOrder := must[map[int32][]retaildb.OrderItemProduct](t)(db.ProductsOfOrders(ctx, []int32{o1.OrderID, o2.OrderID}))
	if len(byOrder[o1.OrderID]) != 2 || len(byOrder[o2.OrderID]) != 1 || byOrder[o2.OrderID][0].Product.Sku != "INK" {
		t.Errorf("ProductsOfOrders = %+v", byOrder)
	}
	byProduct := must[map[int32][]retaildb.OrderItemOrder](t)(db.OrdersOfProducts(ctx, []int32{ink.ProductID, pen.ProductID}))
	if len(byProduct[ink.ProductID]) != 2 || len(byProduct[pen.ProductID]) != 1 || byProduct[pen.ProductID][0].Order != o1 {
		t.Errorf("OrdersOfProducts = %+v", byProduct)
	}
	if n := must[map[int32]int64](t)(retaildb.CountChildrenOf(ctx, db, retaildb.OrderCustomer, []int32{ann.CustomerID, -1})); len(n) != 1 || n[ann.CustomerID] != 2 {
		t.Errorf("CountChildrenOf(OrderCustomer) = %v, want Ann's 2", n)
	}

	_, err := db.LinkOrderProduct(ctx, retaildb.LinkOrderProductParams{OrderID: o2.OrderID, ProductID: pen.ProductID, Quantity: 0})
	var ce *retaildb.CheckError
	if !errors.As(err, &ce) || ce.Constraint != "ck_order_item_quantity" || ce.Expr != "(quantity > 0)" {
		t.Errorf("quantity 0: %v, want *CheckError for ck_order_item_quantity", err)
	}
	_, err = db.LinkOrderProduct(ctx, retaildb.LinkOrderProductParams{OrderID: o2.OrderID, ProductID: 404, Quantity: 1})
	var fe *retaildb.ForeignKeyError
	if !errors.As(err, &fe) || fe.Referenced || fe.Constraint != "fk_order_item_product" || fe.Table != "order_item" {
		t.Errorf("linking a missing product: %v, want *ForeignKeyError for fk_order_item_product", err)
	}

	if !must[bool](t)(db.UnlinkOrderProduct(ctx, o1.OrderID, pen.ProductID)) {
		t.Error("UnlinkOrderProduct reported no link")
	}
	if must[bool](t)(db.UnlinkOrderProduct(ctx, o1.OrderID, pen.ProductID)) {
		t.Error("second UnlinkOrderProduct reported a link")
	}
	if got := must[[]retaildb.OrderItemProduct](t)(db.ProductsOfOrder(ctx, o1.OrderID)); len(got) != 1 || got[0].Product.ProductID != ink.ProductID {
		t.Errorf("after unlink, ProductsOfOrder(o1) = %+v", got)
	}
}

// TestPolicies: a customer with orders stays (RESTRICT), an ordered
// product stays (RESTRICT), an order takes its items along (CASCADE) and a
// customer its loyalty card (1:1 CASCADE).
func TestPolicies(t *testing.T) {
	db, ctx := open(t)
	ann := must[retaildb.Customer](t)(db.CreateCustomer(ctx, retaildb.CreateCustomerParams{FullName: "Ann", Email: "ann@x"}))
	ord := must[retaildb.Order](t)(db.CreateOrder(ctx, retaildb.CreateOrderParams{CustomerID: ann.CustomerID}))
	ink := must[retaildb.Product](t)(db.CreateProduct(ctx, retaildb.CreateProductParams{Sku: "INK", Name: "Ink", UnitPrice: num(t, "9.99")}))
	must[bool](t)(db.LinkOrderProduct(ctx, retaildb.LinkOrderProductParams{OrderID: ord.OrderID, ProductID: ink.ProductID, Quantity: 2}))
	must[retaildb.LoyaltyCard](t)(db.CreateLoyaltyCard(ctx, retaildb.CreateLoyaltyCardParams{CardNo: "C-1", CustomerID: ann.CustomerID}))

	err := db.DeleteCustomer(ctx, ann.CustomerID)
	var fe *retaildb.ForeignKeyError
	if !errors.As(err, &fe) || !fe.Referenced || !fe.Deleting || fe.OnDelete != "RESTRICT" || fe.Constraint != "fk_order_customer" || fe.Relationship != "Customer 1:N Order" {
		t.Fatalf("deleting a customer with orders: %v, want the RESTRICT of Customer 1:N Order", err)
	}
	if want := "cannot delete a customer that orders still refer to: Customer 1:N Order forbids it (ON DELETE RESTRICT, constraint fk_order_customer)"; !strings.Contains(fe.Error(), want) {
		t.Errorf("message %q lacks %q", fe.Error(), want)
	}
	err = db.DeleteProduct(ctx, ink.ProductID)
	if !errors.As(err, &fe) || fe.Constraint != "fk_order_item_product" || fe.OnDelete != "RESTRICT" || !fe.Deleting {
		t.Fatalf("deleting an ordered product: %v, want the RESTRICT of fk_order_item_product", err)
	}
	// An order of a missing customer.
	if _, err := db.CreateOrder(ctx, retaildb.CreateOrderParams{CustomerID: 404}); !errors.As(err, &fe) || fe.Referenced || fe.Constraint != "fk_order_customer" {
		t.Errorf("order of a missing customer: %v, want *ForeignKeyError", err)
	}

	if err := db.DeleteOrder(ctx, ord.OrderID); err != nil {
		t.Fatal(err)
	}
	if got := must[[]retaildb.OrderItemOrder](t)(db.OrdersOfProduct(ctx, ink.ProductID)); len(got) != 0 {
		t.Errorf("items survived their order: %+v", got)
	}
	if err := db.DeleteCustomer(ctx, ann.CustomerID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.GetLoyaltyCard(ctx, "C-1"); !errors.Is(err, retaildb.ErrNotFound) {
		t.Fatalf("card after its customer was deleted: %v, want ErrNotFound", err)
	}
}

// TestInTx: a failing function rolls back, a succeeding one commits.
func TestInTx(t *testing.T) {
	db, ctx := open(t)
	boom := errors.New("boom")
	err := db.InTx(ctx, func(tx *retaildb.DB) error {
		if _, err := tx.CreateCustomer(ctx, retaildb.CreateCustomerParams{FullName: "A", Email: "a@x"}); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("InTx = %v, want boom", err)
	}
	if n := must[int64](t)(db.CountCustomers(ctx)); n != 0 {
		t.Errorf("rolled-back insert is visible: %d customers", n)
	}
	if err := db.InTx(ctx, func(tx *retaildb.DB) error {
		_, err := tx.CreateCustomer(ctx, retaildb.CreateCustomerParams{FullName: "A", Email: "a@x"})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if n := must[int64](t)(db.CountCustomers(ctx)); n != 1 {
		t.Errorf("committed insert: %d customers, want 1", n)
	}
}

// TestPatchAndUpsert: a patch writes only the fields set; an upsert on a
// key inserts, then updates the row with that key, where a nil field with
// a default (issued_date) keeps the stored value instead of taking the
// default again.
func TestPatchAndUpsert(t *testing.T) {
	db, ctx := open(t)
	c := must[retaildb.Customer](t)(db.UpsertCustomerByEmail(ctx, retaildb.CreateCustomerParams{FullName: "Ann", Email: "ann@x"}))
	again := must[retaildb.Customer](t)(db.UpsertCustomerByEmail(ctx, retaildb.CreateCustomerParams{FullName: "Ann Lee", Email: "ann@x"}))
	if again.CustomerID != c.CustomerID || again.FullName != "Ann Lee" {
		t.Errorf("UpsertCustomerByEmail of a known email = %+v, want customer %d renamed", again, c.CustomerID)
	}
	if p := must[retaildb.Customer](t)(db.PatchCustomer(ctx, c.CustomerID, retaildb.CustomerPatch{Email: retaildb.Set("ann@y")})); p.Email != "ann@y" || p.FullName != "Ann Lee" {
		t.Errorf("PatchCustomer = %+v", p)
	}
	bob := must[retaildb.Customer](t)(db.CreateCustomer(ctx, retaildb.CreateCustomerParams{FullName: "Bob", Email: "bob@x"}))
	var ue *retaildb.UniqueError
	if _, err := db.PatchCustomer(ctx, bob.CustomerID, retaildb.CustomerPatch{Email: retaildb.Set("ann@y")}); !errors.As(err, &ue) || ue.Columns != "email" {
		t.Errorf("patching in a taken email: %v, want *UniqueError", err)
	}

	issued := day(2020, 5, 5)
	must[retaildb.LoyaltyCard](t)(db.UpsertLoyaltyCard(ctx, retaildb.CreateLoyaltyCardParams{CardNo: "C-1", CustomerID: c.CustomerID, IssuedDate: &issued}))
	card := must[retaildb.LoyaltyCard](t)(db.UpsertLoyaltyCard(ctx, retaildb.CreateLoyaltyCardParams{CardNo: "C-1", CustomerID: bob.CustomerID}))
	if card.CustomerID != bob.CustomerID || !card.IssuedDate.Equal(issued) {
		t.Errorf("UpsertLoyaltyCard over C-1 = %+v, want Bob's, issued date kept", card)
	}
	// By the 1:1's unique customer_id: Bob's card is replaced by a new number.
	card = must[retaildb.LoyaltyCard](t)(db.UpsertLoyaltyCardByCustomerID(ctx, retaildb.CreateLoyaltyCardParams{CardNo: "C-2", CustomerID: bob.CustomerID}))
	if card.CardNo != "C-2" || !card.IssuedDate.Equal(issued) || must[int64](t)(db.CountLoyaltyCards(ctx)) != 1 {
		t.Errorf("UpsertLoyaltyCardByCustomerID = %+v, want Bob's one card renumbered C-2", card)
	}
	if p := must[retaildb.LoyaltyCard](t)(db.PatchLoyaltyCard(ctx, "C-2", retaildb.LoyaltyCardPatch{IssuedDate: retaildb.Set(day(2021, 1, 1))})); !p.IssuedDate.Equal(day(2021, 1, 1)) || p.CustomerID != bob.CustomerID {
		t.Errorf("PatchLoyaltyCard = %+v", p)
	}

	o := must[retaildb.Order](t)(db.CreateOrder(ctx, retaildb.CreateOrderParams{CustomerID: c.CustomerID}))
	if p := must[retaildb.Order](t)(db.PatchOrder(ctx, o.OrderID, retaildb.OrderPatch{OrderDate: retaildb.Set(day(2024, 2, 29))})); !p.OrderDate.Equal(day(2024, 2, 29)) || p.CustomerID != c.CustomerID {
		t.Errorf("PatchOrder = %+v", p)
	}

	pr := must[retaildb.Product](t)(db.UpsertProductBySku(ctx, retaildb.CreateProductParams{Sku: "S", Name: "pen", UnitPrice: num(t, "1")}))
	if p := must[retaildb.Product](t)(db.UpsertProductBySku(ctx, retaildb.CreateProductParams{Sku: "S", Name: "pen", UnitPrice: num(t, "1.20")})); p.ProductID != pr.ProductID || numString(t, p.UnitPrice) != "1.20" {
		t.Errorf("UpsertProductBySku of a known sku = %+v", p)
	}
	var ce *retaildb.CheckError
	if _, err := db.PatchProduct(ctx, pr.ProductID, retaildb.ProductPatch{UnitPrice: retaildb.Set(num(t, "-1"))}); !errors.As(err, &ce) {
		t.Errorf("patching in a negative price: %v, want *CheckError", err)
	}
	if p := must[retaildb.Product](t)(db.PatchProduct(ctx, pr.ProductID, retaildb.ProductPatch{Name: retaildb.Set("fountain pen")})); p.Name != "fountain pen" || numString(t, p.UnitPrice) != "1.20" {
		t.Errorf("PatchProduct = %+v", p)
	}
}

// TestFind: filters on dates and text, keyset pages by a unique key and by
// a foreign key's index.
func TestFind(t *testing.T) {
	db, ctx := open(t)
	ann := must[retaildb.Customer](t)(db.CreateCustomer(ctx, retaildb.CreateCustomerParams{FullName: "Ann", Email: "z@x"}))
	bob := must[retaildb.Customer](t)(db.CreateCustomer(ctx, retaildb.CreateCustomerParams{FullName: "Bob", Email: "a@x"}))
	if got := must[[]retaildb.Customer](t)(db.FindCustomers(ctx, retaildb.CustomerFilter{}, retaildb.CustomersByEmail, nil, 1)); len(got) != 1 || got[0] != bob {
		t.Errorf("first customer by email = %+v, want Bob", got)
	}
	if got := must[[]retaildb.Customer](t)(db.FindCustomers(ctx, retaildb.CustomerFilter{FullName: retaildb.Eq("Ann")}, retaildb.CustomersByCustomerID, nil, 5)); len(got) != 1 || got[0] != ann {
		t.Errorf("customers named Ann = %+v", got)
	}
	for i, d := range []time.Time{day(2024, 1, 1), day(2024, 2, 1), day(2024, 3, 1)} {
		c := ann.CustomerID
		if i == 2 {
			c = bob.CustomerID
		}
		must[retaildb.Order](t)(db.CreateOrder(ctx, retaildb.CreateOrderParams{CustomerID: c, OrderDate: ptr(d)}))
	}
	got := must[[]retaildb.Order](t)(db.FindOrders(ctx, retaildb.OrderFilter{OrderDate: retaildb.Between(day(2024, 1, 15), day(2024, 12, 31))}, retaildb.OrdersByCustomerID, nil, 5))
	if len(got) != 2 || got[0].CustomerID != ann.CustomerID || got[1].CustomerID != bob.CustomerID {
		t.Errorf("orders from 15 January, by customer = %+v", got)
	}
	if got := must[[]retaildb.Order](t)(db.FindOrders(ctx, retaildb.OrderFilter{CustomerID: retaildb.Eq(ann.CustomerID)}, retaildb.OrdersByOrderIDDesc, nil, 1)); len(got) != 1 || !got[0].OrderDate.Equal(day(2024, 2, 1)) {
		t.Errorf("Ann's last order = %+v", got)
	}
	must[retaildb.Product](t)(db.CreateProduct(ctx, retaildb.CreateProductParams{Sku: "B", Name: "b", UnitPrice: num(t, "3")}))
	must[retaildb.Product](t)(db.CreateProduct(ctx, retaildb.CreateProductParams{Sku: "A", Name: "a", UnitPrice: num(t, "1")}))
	if got := must[[]retaildb.Product](t)(db.FindProducts(ctx, retaildb.ProductFilter{UnitPrice: retaildb.Lt(num(t, "2"))}, retaildb.ProductsBySku, nil, 5)); len(got) != 1 || got[0].Sku != "A" {
		t.Errorf("products under 2 = %+v", got)
	}
	must[retaildb.LoyaltyCard](t)(db.CreateLoyaltyCard(ctx, retaildb.CreateLoyaltyCardParams{CardNo: "K", CustomerID: ann.CustomerID}))
	if got := must[[]retaildb.LoyaltyCard](t)(db.FindLoyaltyCards(ctx, retaildb.LoyaltyCardFilter{CardNo: retaildb.Ne("X")}, retaildb.LoyaltyCardsByCustomerIDDesc, nil, 5)); len(got) != 1 || got[0].CustomerID != ann.CustomerID {
		t.Errorf("FindLoyaltyCards = %+v", got)
	}
}
