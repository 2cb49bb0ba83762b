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
	ann := must[retaildb.Customer](t)(retaildb.Create(ctx, db, retaildb.Customers, retaildb.CreateCustomerParams{FullName: "Ann", Email: "ann@x"}))
	bob := must[retaildb.Customer](t)(retaildb.Create(ctx, db, retaildb.Customers, retaildb.CreateCustomerParams{FullName: "Bob", Email: "bob@x"}))
	if ann.CustomerID == 0 || bob.CustomerID <= ann.CustomerID || ann.Email != "ann@x" {
		t.Fatalf("Create(Customers) returned %+v and %+v, want increasing serial keys", ann, bob)
	}
	if got := must[retaildb.Customer](t)(retaildb.Get(ctx, db, retaildb.CustomerByCustomerID, ann.CustomerID)); got != ann {
		t.Errorf("Get(CustomerByCustomerID) = %+v, want %+v", got, ann)
	}
	if got := must[retaildb.Customer](t)(retaildb.Get(ctx, db, retaildb.CustomerByEmail, "bob@x")); got != bob {
		t.Errorf("Get(CustomerByEmail) = %+v, want %+v", got, bob)
	}
	if _, err := retaildb.Get(ctx, db, retaildb.CustomerByEmail, "nobody@x"); !errors.Is(err, retaildb.ErrNotFound) {
		t.Errorf("Get(CustomerByEmail) of a missing email: %v, want ErrNotFound", err)
	}
	ann.FullName = "Ann Lee"
	if err := retaildb.Update(ctx, db, retaildb.Customers, &ann); err != nil {
		t.Fatal(err)
	}
	if got := must[retaildb.Customer](t)(retaildb.Get(ctx, db, retaildb.CustomerByCustomerID, ann.CustomerID)); got.FullName != "Ann Lee" {
		t.Errorf("after Update(Customers) = %+v", got)
	}
	if err := retaildb.Update(ctx, db, retaildb.Customers, &retaildb.Customer{CustomerID: 999, FullName: "x", Email: "x"}); !errors.Is(err, retaildb.ErrNotFound) {
		t.Errorf("Update(Customers) of a missing row: %v, want ErrNotFound", err)
	}
	// Taking another customer's email is a *UniqueError, on update too.
	bob.Email = "ann@x"
	err := retaildb.Update(ctx, db, retaildb.Customers, &bob)
	var ue *retaildb.UniqueError
	if !errors.As(err, &ue) || ue.Constraint != "uq_customer_email" || ue.Columns != "email" || ue.Table != "customer" {
		t.Fatalf("Update(Customers) to a taken email: %v, want *UniqueError for uq_customer_email", err)
	}
	if want := "a customer with this email already exists (constraint uq_customer_email)"; !strings.Contains(ue.Error(), want) {
		t.Errorf("message %q lacks %q", ue.Error(), want)
	}

	// Order: the date defaults to today; "order" is a reserved word.
	ord := must[retaildb.Order](t)(retaildb.Create(ctx, db, retaildb.Orders, retaildb.CreateOrderParams{CustomerID: ann.CustomerID}))
	if ord.OrderID == 0 || ord.CustomerID != ann.CustomerID || time.Since(ord.OrderDate) > 48*time.Hour || time.Since(ord.OrderDate) < -48*time.Hour {
		t.Fatalf("Create(Orders) = %+v, want a serial key and today's date", ord)
	}
	placed := day(2024, 1, 2)
	old := must[retaildb.Order](t)(retaildb.Create(ctx, db, retaildb.Orders, retaildb.CreateOrderParams{CustomerID: ann.CustomerID, OrderDate: &placed}))
	if got := must[retaildb.Order](t)(retaildb.Get(ctx, db, retaildb.OrderByOrderID, old.OrderID)); !got.OrderDate.Equal(placed) || got.CustomerID != ann.CustomerID {
		t.Errorf("Get(OrderByOrderID) = %+v, want the date %v", got, placed)
	}
	old.CustomerID, old.OrderDate = bob.CustomerID, day(2024, 2, 3)
	if err := retaildb.Update(ctx, db, retaildb.Orders, &old); err != nil {
		t.Fatal(err)
	}
	if got := must[retaildb.Order](t)(retaildb.Get(ctx, db, retaildb.OrderByOrderID, old.OrderID)); got.CustomerID != bob.CustomerID || !got.OrderDate.Equal(day(2024, 2, 3)) {
		t.Errorf("after Update(Orders) = %+v", got)
	}
	if err := retaildb.Update(ctx, db, retaildb.Orders, &retaildb.Order{OrderID: 999, CustomerID: ann.CustomerID}); !errors.Is(err, retaildb.ErrNotFound) {
		t.Errorf("Update(Orders) of a missing row: %v, want ErrNotFound", err)
	}
	if err := retaildb.Delete(ctx, db, retaildb.Orders, old.OrderID); err != nil {
		t.Fatal(err)
	}
	if _, err := retaildb.Get(ctx, db, retaildb.OrderByOrderID, old.OrderID); !errors.Is(err, retaildb.ErrNotFound) {
		t.Errorf("Get(OrderByOrderID) after Delete(Orders): %v, want ErrNotFound", err)
	}
	if err := retaildb.Delete(ctx, db, retaildb.Orders, old.OrderID); !errors.Is(err, retaildb.ErrNotFound) {
		t.Errorf("second Delete(Orders): %v, want ErrNotFound", err)
	}

	// Product: numeric(10, 2) is exact, sku is a unique key, the price has a CHECK.
	ink := must[retaildb.Product](t)(retaildb.Create(ctx, db, retaildb.Products, retaildb.CreateProductParams{Sku: "INK", Name: "Ink", UnitPrice: num(t, "9.99")}))
	if ink.ProductID == 0 || numString(t, ink.UnitPrice) != "9.99" {
		t.Fatalf("Create(Products) = %+v", ink)
	}
	if got := must[retaildb.Product](t)(retaildb.Get(ctx, db, retaildb.ProductByProductID, ink.ProductID)); got.Sku != "INK" || numString(t, got.UnitPrice) != "9.99" {
		t.Errorf("Get(ProductByProductID) = %+v", got)
	}
	if got := must[retaildb.Product](t)(retaildb.Get(ctx, db, retaildb.ProductBySku, "INK")); got.ProductID != ink.ProductID {
		t.Errorf("Get(ProductBySku) = %+v", got)
	}
	ink.UnitPrice, ink.Name = num(t, "10.50"), "Blue ink"
	if err := retaildb.Update(ctx, db, retaildb.Products, &ink); err != nil {
		t.Fatal(err)
	}
	if got := must[retaildb.Product](t)(retaildb.Get(ctx, db, retaildb.ProductByProductID, ink.ProductID)); got.Name != "Blue ink" || numString(t, got.UnitPrice) != "10.50" {
		t.Errorf("after Update(Products) = %+v", got)
	}
	if err := retaildb.Update(ctx, db, retaildb.Products, &retaildb.Product{ProductID: 999, Sku: "x", Name: "x", UnitPrice: num(t, "1")}); !errors.Is(err, retaildb.ErrNotFound) {
		t.Errorf("Update(Products) of a missing row: %v, want ErrNotFound", err)
	}
	if _, err := retaildb.Create(ctx, db, retaildb.Products, retaildb.CreateProductParams{Sku: "INK", Name: "Again", UnitPrice: num(t, "1")}); !errors.As(err, &ue) || ue.Constraint != "uq_product_sku" {
		t.Errorf("duplicate sku: %v, want *UniqueError for uq_product_sku", err)
	}
	_, err = retaildb.Create(ctx, db, retaildb.Products, retaildb.CreateProductParams{Sku: "NEG", Name: "Neg", UnitPrice: num(t, "-0.01")})
	var ce *retaildb.CheckError
	if !errors.As(err, &ce) || ce.Constraint != "ck_product_unit_price" || ce.Expr != "(unit_price >= 0)" || ce.Table != "product" {
		t.Fatalf("negative price: %v, want *CheckError for ck_product_unit_price", err)
	}
	if want := "a product violates (unit_price >= 0) (constraint ck_product_unit_price)"; !strings.Contains(ce.Error(), want) {
		t.Errorf("message %q lacks %q", ce.Error(), want)
	}
	if err := retaildb.Delete(ctx, db, retaildb.Products, ink.ProductID); err != nil {
		t.Fatal(err)
	}
	if _, err := retaildb.Get(ctx, db, retaildb.ProductBySku, "INK"); !errors.Is(err, retaildb.ErrNotFound) {
		t.Errorf("Get(ProductBySku) after Delete(Products): %v, want ErrNotFound", err)
	}

	// LoyaltyCard: a natural varchar key, its issue date defaults to today.
	card := must[retaildb.LoyaltyCard](t)(retaildb.Create(ctx, db, retaildb.LoyaltyCards, retaildb.CreateLoyaltyCardParams{CardNo: "C-1", CustomerID: ann.CustomerID}))
	if card.CardNo != "C-1" || time.Since(card.IssuedDate) > 48*time.Hour {
		t.Fatalf("Create(LoyaltyCards) = %+v", card)
	}
	if got := must[retaildb.LoyaltyCard](t)(retaildb.Get(ctx, db, retaildb.LoyaltyCardByCardNo, "C-1")); got.CustomerID != ann.CustomerID || !got.IssuedDate.Equal(card.IssuedDate) {
		t.Errorf("Get(LoyaltyCardByCardNo) = %+v", got)
	}
	if got := must[retaildb.LoyaltyCard](t)(retaildb.Get(ctx, db, retaildb.LoyaltyCardByCustomerID, ann.CustomerID)); got.CardNo != "C-1" {
		t.Errorf("Get(LoyaltyCardByCustomerID) = %+v", got)
	}
	card.IssuedDate, card.CustomerID = day(2023, 5, 6), bob.CustomerID
	if err := retaildb.Update(ctx, db, retaildb.LoyaltyCards, &card); err != nil {
		t.Fatal(err)
	}
	if got := must[retaildb.LoyaltyCard](t)(retaildb.Get(ctx, db, retaildb.LoyaltyCardByCardNo, "C-1")); got.CustomerID != bob.CustomerID || !got.IssuedDate.Equal(day(2023, 5, 6)) {
		t.Errorf("after Update(LoyaltyCards) = %+v", got)
	}
	if err := retaildb.Update(ctx, db, retaildb.LoyaltyCards, &retaildb.LoyaltyCard{CardNo: "none", CustomerID: ann.CustomerID}); !errors.Is(err, retaildb.ErrNotFound) {
		t.Errorf("Update(LoyaltyCards) of a missing row: %v, want ErrNotFound", err)
	}
	if err := retaildb.Delete(ctx, db, retaildb.LoyaltyCards, "C-1"); err != nil {
		t.Fatal(err)
	}
	if _, err := retaildb.Get(ctx, db, retaildb.LoyaltyCardByCardNo, "C-1"); !errors.Is(err, retaildb.ErrNotFound) {
		t.Errorf("Get(LoyaltyCardByCardNo) after Delete(LoyaltyCards): %v, want ErrNotFound", err)
	}
	if err := retaildb.Delete(ctx, db, retaildb.LoyaltyCards, "C-1"); !errors.Is(err, retaildb.ErrNotFound) {
		t.Errorf("second Delete(LoyaltyCards): %v, want ErrNotFound", err)
	}

	if err := retaildb.Delete(ctx, db, retaildb.Customers, bob.CustomerID); err != nil {
		t.Fatal(err)
	}
	if _, err := retaildb.Get(ctx, db, retaildb.CustomerByCustomerID, bob.CustomerID); !errors.Is(err, retaildb.ErrNotFound) {
		t.Errorf("Get(CustomerByCustomerID) after Delete(Customers): %v, want ErrNotFound", err)
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
	if n := must[int64](t)(retaildb.Copy(ctx, db, retaildb.Customers, customers)); n != 5 {
		t.Fatalf("Copy(Customers) = %d, want 5", n)
	}
	if n := must[int64](t)(retaildb.Count(ctx, db, retaildb.Customers)); n != 5 {
		t.Errorf("Count(Customers) = %d, want 5", n)
	}
	var all []retaildb.Customer
	var after *retaildb.Customer
	for {
		page := must[[]retaildb.Customer](t)(retaildb.List(ctx, db, retaildb.Customers, after, 2))
		if len(page) == 0 {
			break
		}
		all = append(all, page...)
		after = &page[len(page)-1]
	}
	if len(all) != 5 || all[0].Email != "c0@x" || all[4].Email != "c4@x" || all[0].CustomerID == 0 {
		t.Fatalf("List(Customers) over all pages = %+v", all)
	}
	owner := all[0].CustomerID

	// An order without a date takes the column's default (current_date),
	// as in an INSERT: the two runs of rows are two COPYs, in order.
	d1, d2 := day(2024, 1, 1), day(2024, 1, 2)
	orders := []retaildb.CreateOrderParams{{CustomerID: owner, OrderDate: &d1}, {CustomerID: owner, OrderDate: &d2}, {CustomerID: all[1].CustomerID}}
	if n := must[int64](t)(retaildb.Copy(ctx, db, retaildb.Orders, orders)); n != 3 {
		t.Fatalf("Copy(Orders) = %d, want 3", n)
	}
	if n := must[int64](t)(retaildb.Count(ctx, db, retaildb.Orders)); n != 3 {
		t.Errorf("Count(Orders) = %d, want 3", n)
	}
	first := must[[]retaildb.Order](t)(retaildb.List(ctx, db, retaildb.Orders, nil, 2))
	if len(first) != 2 || !first[0].OrderDate.Equal(day(2024, 1, 1)) || !first[1].OrderDate.Equal(day(2024, 1, 2)) {
		t.Fatalf("first page of List(Orders) = %+v", first)
	}
	ok := first[1]
	var today time.Time
	if err := db.DBTX().QueryRow(ctx, `SELECT current_date`).Scan(&today); err != nil {
		t.Fatal(err)
	}
	if rest := must[[]retaildb.Order](t)(retaildb.List(ctx, db, retaildb.Orders, &ok, 2)); len(rest) != 1 || rest[0].CustomerID != all[1].CustomerID || !rest[0].OrderDate.Equal(today) {
		t.Errorf("second page of List(Orders) = %+v", rest)
	}

	products := []retaildb.CreateProductParams{{Sku: "B", Name: "b", UnitPrice: num(t, "2.50")}, {Sku: "A", Name: "a", UnitPrice: num(t, "1")}}
	if n := must[int64](t)(retaildb.Copy(ctx, db, retaildb.Products, products)); n != 2 {
		t.Fatalf("Copy(Products) = %d, want 2", n)
	}
	if n := must[int64](t)(retaildb.Count(ctx, db, retaildb.Products)); n != 2 {
		t.Errorf("Count(Products) = %d, want 2", n)
	}
	ps := must[[]retaildb.Product](t)(retaildb.List(ctx, db, retaildb.Products, nil, 1))
	if len(ps) != 1 || ps[0].Sku != "B" || numString(t, ps[0].UnitPrice) != "2.50" {
		t.Fatalf("first page of List(Products) = %+v", ps)
	}
	pk := ps[0]
	if rest := must[[]retaildb.Product](t)(retaildb.List(ctx, db, retaildb.Products, &pk, 5)); len(rest) != 1 || rest[0].Sku != "A" {
		t.Errorf("second page of List(Products) = %+v", rest)
	}
	// COPY checks the CHECK constraint as INSERT does.
	_, err := retaildb.Copy(ctx, db, retaildb.Products, []retaildb.CreateProductParams{{Sku: "N", Name: "n", UnitPrice: num(t, "-1")}})
	var ce *retaildb.CheckError
	if !errors.As(err, &ce) || ce.Constraint != "ck_product_unit_price" {
		t.Errorf("COPY of a negative price: %v, want *CheckError", err)
	}

	cards := []retaildb.CreateLoyaltyCardParams{{CardNo: "Z-9", CustomerID: all[2].CustomerID, IssuedDate: ptr(day(2022, 1, 1))}, {CardNo: "A-1", CustomerID: all[3].CustomerID, IssuedDate: ptr(day(2022, 2, 2))}}
	if n := must[int64](t)(retaildb.Copy(ctx, db, retaildb.LoyaltyCards, cards)); n != 2 {
		t.Fatalf("Copy(LoyaltyCards) = %d, want 2", n)
	}
	if n := must[int64](t)(retaildb.Count(ctx, db, retaildb.LoyaltyCards)); n != 2 {
		t.Errorf("Count(LoyaltyCards) = %d, want 2", n)
	}
	cs := must[[]retaildb.LoyaltyCard](t)(retaildb.List(ctx, db, retaildb.LoyaltyCards, nil, 1))
	if len(cs) != 1 || cs[0].CardNo != "A-1" || !cs[0].IssuedDate.Equal(day(2022, 2, 2)) {
		t.Fatalf("first page of List(LoyaltyCards) = %+v", cs)
	}
	ck := cs[0]
	if rest := must[[]retaildb.LoyaltyCard](t)(retaildb.List(ctx, db, retaildb.LoyaltyCards, &ck, 1)); len(rest) != 1 || rest[0].CardNo != "Z-9" {
		t.Errorf("second page of List(LoyaltyCards) = %+v", rest)
	}
}

// TestNavigation: Customer 1:N Order and Customer 1:1 LoyaltyCard, both
// ways and for many customers at once.
func TestNavigation(t *testing.T) {
	db, ctx := open(t)
	ann := must[retaildb.Customer](t)(retaildb.Create(ctx, db, retaildb.Customers, retaildb.CreateCustomerParams{FullName: "Ann", Email: "ann@x"}))
	bob := must[retaildb.Customer](t)(retaildb.Create(ctx, db, retaildb.Customers, retaildb.CreateCustomerParams{FullName: "Bob", Email: "bob@x"}))
	eve := must[retaildb.Customer](t)(retaildb.Create(ctx, db, retaildb.Customers, retaildb.CreateCustomerParams{FullName: "Eve", Email: "eve@x"}))
	a1 := must[retaildb.Order](t)(retaildb.Create(ctx, db, retaildb.Orders, retaildb.CreateOrderParams{CustomerID: ann.CustomerID}))
	a2 := must[retaildb.Order](t)(retaildb.Create(ctx, db, retaildb.Orders, retaildb.CreateOrderParams{CustomerID: ann.CustomerID}))
	b1 := must[retaildb.Order](t)(retaildb.Create(ctx, db, retaildb.Orders, retaildb.CreateOrderParams{CustomerID: bob.CustomerID}))

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

	annCard := must[retaildb.LoyaltyCard](t)(retaildb.Create(ctx, db, retaildb.LoyaltyCards, retaildb.CreateLoyaltyCardParams{CardNo: "C-1", CustomerID: ann.CustomerID}))
	bobCard := must[retaildb.LoyaltyCard](t)(retaildb.Create(ctx, db, retaildb.LoyaltyCards, retaildb.CreateLoyaltyCardParams{CardNo: "C-2", CustomerID: bob.CustomerID}))
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
	_, err := retaildb.Create(ctx, db, retaildb.LoyaltyCards, retaildb.CreateLoyaltyCardParams{CardNo: "C-3", CustomerID: ann.CustomerID})
	var ue *retaildb.UniqueError
	if !errors.As(err, &ue) || ue.Constraint != "uq_loyalty_card_customer_id" {
		t.Errorf("second card: %v, want *UniqueError for uq_loyalty_card_customer_id", err)
	}
}

// TestManyToMany: Order M:N Product via order_item, with its quantity and
// CHECK.
func TestManyToMany(t *testing.T) {
	db, ctx := open(t)
	ann := must[retaildb.Customer](t)(retaildb.Create(ctx, db, retaildb.Customers, retaildb.CreateCustomerParams{FullName: "Ann", Email: "ann@x"}))
	o1 := must[retaildb.Order](t)(retaildb.Create(ctx, db, retaildb.Orders, retaildb.CreateOrderParams{CustomerID: ann.CustomerID}))
	o2 := must[retaildb.Order](t)(retaildb.Create(ctx, db, retaildb.Orders, retaildb.CreateOrderParams{CustomerID: ann.CustomerID}))
	ink := must[retaildb.Product](t)(retaildb.Create(ctx, db, retaildb.Products, retaildb.CreateProductParams{Sku: "INK", Name: "Ink", UnitPrice: num(t, "9.99")}))
	pen := must[retaildb.Product](t)(retaildb.Create(ctx, db, retaildb.Products, retaildb.CreateProductParams{Sku: "PEN", Name: "Pen", UnitPrice: num(t, "1.25")}))

	link := func(o retaildb.Order, p retaildb.Product, qty int32) bool {
		t.Helper()
		return must[bool](t)(retaildb.Link(ctx, db, retaildb.OrderItemTable, retaildb.LinkOrderProductParams{OrderID: o.OrderID, ProductID: p.ProductID, Quantity: qty}))
	}
	if !link(o1, ink, 2) || !link(o1, pen, 5) || !link(o2, ink, 1) {
		t.Fatal("Link(OrderItemTable) reported no new link")
	}
	// Re-linking writes the new quantity; GetOrderItem reads the one link.
	if link(o1, ink, 7) {
		t.Error("linking a linked pair again reported a new link")
	}
	if it := must[retaildb.OrderItem](t)(retaildb.GetLink(ctx, db, retaildb.OrderItemTable, retaildb.OrderItemKey{OrderID: o1.OrderID, ProductID: ink.ProductID})); it.Quantity != 7 {
		t.Errorf("GetLink(OrderItemTable) after re-linking = %+v, want quantity 7", it)
	}
	link(o1, ink, 2)

	items := must[[]retaildb.OrderItemProduct](t)(retaildb.Linked(ctx, db, retaildb.ProductsOfOrder, o1.OrderID))
	if len(items) != 2 || items[0].Product.Sku != "INK" || items[0].OrderItem.Quantity != 2 || items[1].Product.Sku != "PEN" ||
		items[1].OrderItem.Quantity != 5 || numString(t, items[1].Product.UnitPrice) != "1.25" {
		t.Fatalf("Linked(Linked(ProductsOfOrder), o1) = %+v", items)
	}
	orders := must[[]retaildb.OrderItemOrder](t)(retaildb.Linked(ctx, db, retaildb.OrdersOfProduct, ink.ProductID))
	if len(orders) != 2 || orders[0].Order != o1 || orders[0].OrderItem.Quantity != 2 || orders[1].Order != o2 || orders[1].OrderItem.Quantity != 1 {
		t.Fatalf("Linked(Linked(OrdersOfProduct), ink) = %+v", orders)
	}
	byOrder := must[map[int32][]retaildb.OrderItemProduct](t)(retaildb.LinkedOfMany(ctx, db, retaildb.ProductsOfOrder, []int32{o1.OrderID, o2.OrderID}))
	if len(byOrder[o1.OrderID]) != 2 || len(byOrder[o2.OrderID]) != 1 || byOrder[o2.OrderID][0].Product.Sku != "INK" {
		t.Errorf("LinkedOfMany(Linked(ProductsOfOrder)) = %+v", byOrder)
	}
	byProduct := must[map[int32][]retaildb.OrderItemOrder](t)(retaildb.LinkedOfMany(ctx, db, retaildb.OrdersOfProduct, []int32{ink.ProductID, pen.ProductID}))
	if len(byProduct[ink.ProductID]) != 2 || len(byProduct[pen.ProductID]) != 1 || byProduct[pen.ProductID][0].Order != o1 {
		t.Errorf("LinkedOfMany(Linked(OrdersOfProduct)) = %+v", byProduct)
	}
	if n := must[map[int32]int64](t)(retaildb.CountChildrenOf(ctx, db, retaildb.OrderCustomer, []int32{ann.CustomerID, -1})); len(n) != 1 || n[ann.CustomerID] != 2 {
		t.Errorf("CountChildrenOf(OrderCustomer) = %v, want Ann's 2", n)
	}

	_, err := retaildb.Link(ctx, db, retaildb.OrderItemTable, retaildb.LinkOrderProductParams{OrderID: o2.OrderID, ProductID: pen.ProductID, Quantity: 0})
	var ce *retaildb.CheckError
	if !errors.As(err, &ce) || ce.Constraint != "ck_order_item_quantity" || ce.Expr != "(quantity > 0)" {
		t.Errorf("quantity 0: %v, want *CheckError for ck_order_item_quantity", err)
	}
	_, err = retaildb.Link(ctx, db, retaildb.OrderItemTable, retaildb.LinkOrderProductParams{OrderID: o2.OrderID, ProductID: 404, Quantity: 1})
	var fe *retaildb.ForeignKeyError
	if !errors.As(err, &fe) || fe.Referenced || fe.Constraint != "fk_order_item_product" || fe.Table != "order_item" {
		t.Errorf("linking a missing product: %v, want *ForeignKeyError for fk_order_item_product", err)
	}

	if !must[bool](t)(retaildb.Unlink(ctx, db, retaildb.OrderItemTable, retaildb.OrderItemKey{OrderID: o1.OrderID, ProductID: pen.ProductID})) {
		t.Error("Unlink(OrderItemTable) reported no link")
	}
	if must[bool](t)(retaildb.Unlink(ctx, db, retaildb.OrderItemTable, retaildb.OrderItemKey{OrderID: o1.OrderID, ProductID: pen.ProductID})) {
		t.Error("second Unlink(OrderItemTable) reported a link")
	}
	if got := must[[]retaildb.OrderItemProduct](t)(retaildb.Linked(ctx, db, retaildb.ProductsOfOrder, o1.OrderID)); len(got) != 1 || got[0].Product.ProductID != ink.ProductID {
		t.Errorf("after unlink, Linked(Linked(ProductsOfOrder), o1) = %+v", got)
	}
}

// TestPolicies: a customer with orders stays (RESTRICT), an ordered
// product stays (RESTRICT), an order takes its items along (CASCADE) and a
// customer its loyalty card (1:1 CASCADE).
func TestPolicies(t *testing.T) {
	db, ctx := open(t)
	ann := must[retaildb.Customer](t)(retaildb.Create(ctx, db, retaildb.Customers, retaildb.CreateCustomerParams{FullName: "Ann", Email: "ann@x"}))
	ord := must[retaildb.Order](t)(retaildb.Create(ctx, db, retaildb.Orders, retaildb.CreateOrderParams{CustomerID: ann.CustomerID}))
	ink := must[retaildb.Product](t)(retaildb.Create(ctx, db, retaildb.Products, retaildb.CreateProductParams{Sku: "INK", Name: "Ink", UnitPrice: num(t, "9.99")}))
	must[bool](t)(retaildb.Link(ctx, db, retaildb.OrderItemTable, retaildb.LinkOrderProductParams{OrderID: ord.OrderID, ProductID: ink.ProductID, Quantity: 2}))
	must[retaildb.LoyaltyCard](t)(retaildb.Create(ctx, db, retaildb.LoyaltyCards, retaildb.CreateLoyaltyCardParams{CardNo: "C-1", CustomerID: ann.CustomerID}))

	err := retaildb.Delete(ctx, db, retaildb.Customers, ann.CustomerID)
	var fe *retaildb.ForeignKeyError
	if !errors.As(err, &fe) || !fe.Referenced || !fe.Deleting || fe.OnDelete != "RESTRICT" || fe.Constraint != "fk_order_customer" || fe.Relationship != "Customer 1:N Order" {
		t.Fatalf("deleting a customer with orders: %v, want the RESTRICT of Customer 1:N Order", err)
	}
	if want := "cannot delete a customer that orders still refer to: Customer 1:N Order forbids it (ON DELETE RESTRICT, constraint fk_order_customer)"; !strings.Contains(fe.Error(), want) {
		t.Errorf("message %q lacks %q", fe.Error(), want)
	}
	err = retaildb.Delete(ctx, db, retaildb.Products, ink.ProductID)
	if !errors.As(err, &fe) || fe.Constraint != "fk_order_item_product" || fe.OnDelete != "RESTRICT" || !fe.Deleting {
		t.Fatalf("deleting an ordered product: %v, want the RESTRICT of fk_order_item_product", err)
	}
	// An order of a missing customer.
	if _, err := retaildb.Create(ctx, db, retaildb.Orders, retaildb.CreateOrderParams{CustomerID: 404}); !errors.As(err, &fe) || fe.Referenced || fe.Constraint != "fk_order_customer" {
		t.Errorf("order of a missing customer: %v, want *ForeignKeyError", err)
	}

	if err := retaildb.Delete(ctx, db, retaildb.Orders, ord.OrderID); err != nil {
		t.Fatal(err)
	}
	if got := must[[]retaildb.OrderItemOrder](t)(retaildb.Linked(ctx, db, retaildb.OrdersOfProduct, ink.ProductID)); len(got) != 0 {
		t.Errorf("items survived their order: %+v", got)
	}
	if err := retaildb.Delete(ctx, db, retaildb.Customers, ann.CustomerID); err != nil {
		t.Fatal(err)
	}
	if _, err := retaildb.Get(ctx, db, retaildb.LoyaltyCardByCardNo, "C-1"); !errors.Is(err, retaildb.ErrNotFound) {
		t.Fatalf("card after its customer was deleted: %v, want ErrNotFound", err)
	}
}

// TestInTx: a failing function rolls back, a succeeding one commits.
func TestInTx(t *testing.T) {
	db, ctx := open(t)
	boom := errors.New("boom")
	err := db.InTx(ctx, func(tx *retaildb.DB) error {
		if _, err := retaildb.Create(ctx, tx, retaildb.Customers, retaildb.CreateCustomerParams{FullName: "A", Email: "a@x"}); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("InTx = %v, want boom", err)
	}
	if n := must[int64](t)(retaildb.Count(ctx, db, retaildb.Customers)); n != 0 {
		t.Errorf("rolled-back insert is visible: %d customers", n)
	}
	if err := db.InTx(ctx, func(tx *retaildb.DB) error {
		_, err := retaildb.Create(ctx, tx, retaildb.Customers, retaildb.CreateCustomerParams{FullName: "A", Email: "a@x"})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if n := must[int64](t)(retaildb.Count(ctx, db, retaildb.Customers)); n != 1 {
		t.Errorf("committed insert: %d customers, want 1", n)
	}
}

// TestPatchAndUpsert: a patch writes only the fields set; an upsert on a
// key inserts, then updates the row with that key, where a nil field with
// a default (issued_date) keeps the stored value instead of taking the
// default again.
func TestPatchAndUpsert(t *testing.T) {
	db, ctx := open(t)
	c := must[retaildb.Customer](t)(retaildb.Upsert(ctx, db, retaildb.CustomerByEmail, retaildb.CreateCustomerParams{FullName: "Ann", Email: "ann@x"}))
	again := must[retaildb.Customer](t)(retaildb.Upsert(ctx, db, retaildb.CustomerByEmail, retaildb.CreateCustomerParams{FullName: "Ann Lee", Email: "ann@x"}))
	if again.CustomerID != c.CustomerID || again.FullName != "Ann Lee" {
		t.Errorf("Upsert(CustomerByEmail) of a known email = %+v, want customer %d renamed", again, c.CustomerID)
	}
	if p := must[retaildb.Customer](t)(retaildb.Patch(ctx, db, retaildb.Customers, c.CustomerID, retaildb.CustomerPatch{Email: retaildb.Set("ann@y")})); p.Email != "ann@y" || p.FullName != "Ann Lee" {
		t.Errorf("Patch(Customers) = %+v", p)
	}
	bob := must[retaildb.Customer](t)(retaildb.Create(ctx, db, retaildb.Customers, retaildb.CreateCustomerParams{FullName: "Bob", Email: "bob@x"}))
	var ue *retaildb.UniqueError
	if _, err := retaildb.Patch(ctx, db, retaildb.Customers, bob.CustomerID, retaildb.CustomerPatch{Email: retaildb.Set("ann@y")}); !errors.As(err, &ue) || ue.Columns != "email" {
		t.Errorf("patching in a taken email: %v, want *UniqueError", err)
	}

	issued := day(2020, 5, 5)
	must[retaildb.LoyaltyCard](t)(retaildb.Upsert(ctx, db, retaildb.LoyaltyCardByCardNo, retaildb.CreateLoyaltyCardParams{CardNo: "C-1", CustomerID: c.CustomerID, IssuedDate: &issued}))
	card := must[retaildb.LoyaltyCard](t)(retaildb.Upsert(ctx, db, retaildb.LoyaltyCardByCardNo, retaildb.CreateLoyaltyCardParams{CardNo: "C-1", CustomerID: bob.CustomerID}))
	if card.CustomerID != bob.CustomerID || !card.IssuedDate.Equal(issued) {
		t.Errorf("Upsert(LoyaltyCardByCardNo) over C-1 = %+v, want Bob's, issued date kept", card)
	}
	// By the 1:1's unique customer_id: Bob's card is replaced by a new number.
	card = must[retaildb.LoyaltyCard](t)(retaildb.Upsert(ctx, db, retaildb.LoyaltyCardByCustomerID, retaildb.CreateLoyaltyCardParams{CardNo: "C-2", CustomerID: bob.CustomerID}))
	if card.CardNo != "C-2" || !card.IssuedDate.Equal(issued) || must[int64](t)(retaildb.Count(ctx, db, retaildb.LoyaltyCards)) != 1 {
		t.Errorf("Upsert(LoyaltyCardByCustomerID) = %+v, want Bob's one card renumbered C-2", card)
	}
	if p := must[retaildb.LoyaltyCard](t)(retaildb.Patch(ctx, db, retaildb.LoyaltyCards, "C-2", retaildb.LoyaltyCardPatch{IssuedDate: retaildb.Set(day(2021, 1, 1))})); !p.IssuedDate.Equal(day(2021, 1, 1)) || p.CustomerID != bob.CustomerID {
		t.Errorf("Patch(LoyaltyCards) = %+v", p)
	}

	o := must[retaildb.Order](t)(retaildb.Create(ctx, db, retaildb.Orders, retaildb.CreateOrderParams{CustomerID: c.CustomerID}))
	if p := must[retaildb.Order](t)(retaildb.Patch(ctx, db, retaildb.Orders, o.OrderID, retaildb.OrderPatch{OrderDate: retaildb.Set(day(2024, 2, 29))})); !p.OrderDate.Equal(day(2024, 2, 29)) || p.CustomerID != c.CustomerID {
		t.Errorf("Patch(Orders) = %+v", p)
	}

	pr := must[retaildb.Product](t)(retaildb.Upsert(ctx, db, retaildb.ProductBySku, retaildb.CreateProductParams{Sku: "S", Name: "pen", UnitPrice: num(t, "1")}))
	if p := must[retaildb.Product](t)(retaildb.Upsert(ctx, db, retaildb.ProductBySku, retaildb.CreateProductParams{Sku: "S", Name: "pen", UnitPrice: num(t, "1.20")})); p.ProductID != pr.ProductID || numString(t, p.UnitPrice) != "1.20" {
		t.Errorf("Upsert(ProductBySku) of a known sku = %+v", p)
	}
	var ce *retaildb.CheckError
	if _, err := retaildb.Patch(ctx, db, retaildb.Products, pr.ProductID, retaildb.ProductPatch{UnitPrice: retaildb.Set(num(t, "-1"))}); !errors.As(err, &ce) {
		t.Errorf("patching in a negative price: %v, want *CheckError", err)
	}
	if p := must[retaildb.Product](t)(retaildb.Patch(ctx, db, retaildb.Products, pr.ProductID, retaildb.ProductPatch{Name: retaildb.Set("fountain pen")})); p.Name != "fountain pen" || numString(t, p.UnitPrice) != "1.20" {
		t.Errorf("Patch(Products) = %+v", p)
	}
}

// TestFind: filters on dates and text, keyset pages by a unique key and by
// a foreign key's index.
func TestFind(t *testing.T) {
	db, ctx := open(t)
	ann := must[retaildb.Customer](t)(retaildb.Create(ctx, db, retaildb.Customers, retaildb.CreateCustomerParams{FullName: "Ann", Email: "z@x"}))
	bob := must[retaildb.Customer](t)(retaildb.Create(ctx, db, retaildb.Customers, retaildb.CreateCustomerParams{FullName: "Bob", Email: "a@x"}))
	if got := must[[]retaildb.Customer](t)(retaildb.Find(ctx, db, retaildb.Customers, retaildb.CustomerFilter{}, retaildb.CustomersByEmail, nil, 1)); len(got) != 1 || got[0] != bob {
		t.Errorf("first customer by email = %+v, want Bob", got)
	}
	if got := must[[]retaildb.Customer](t)(retaildb.Find(ctx, db, retaildb.Customers, retaildb.CustomerFilter{FullName: retaildb.Eq("Ann")}, retaildb.CustomersByCustomerID, nil, 5)); len(got) != 1 || got[0] != ann {
		t.Errorf("customers named Ann = %+v", got)
	}
	for i, d := range []time.Time{day(2024, 1, 1), day(2024, 2, 1), day(2024, 3, 1)} {
		c := ann.CustomerID
		if i == 2 {
			c = bob.CustomerID
		}
		must[retaildb.Order](t)(retaildb.Create(ctx, db, retaildb.Orders, retaildb.CreateOrderParams{CustomerID: c, OrderDate: ptr(d)}))
	}
	got := must[[]retaildb.Order](t)(retaildb.Find(ctx, db, retaildb.Orders, retaildb.OrderFilter{OrderDate: retaildb.Between(day(2024, 1, 15), day(2024, 12, 31))}, retaildb.OrdersByCustomerID, nil, 5))
	if len(got) != 2 || got[0].CustomerID != ann.CustomerID || got[1].CustomerID != bob.CustomerID {
		t.Errorf("orders from 15 January, by customer = %+v", got)
	}
	if got := must[[]retaildb.Order](t)(retaildb.Find(ctx, db, retaildb.Orders, retaildb.OrderFilter{CustomerID: retaildb.Eq(ann.CustomerID)}, retaildb.OrdersByOrderIDDesc, nil, 1)); len(got) != 1 || !got[0].OrderDate.Equal(day(2024, 2, 1)) {
		t.Errorf("Ann's last order = %+v", got)
	}
	must[retaildb.Product](t)(retaildb.Create(ctx, db, retaildb.Products, retaildb.CreateProductParams{Sku: "B", Name: "b", UnitPrice: num(t, "3")}))
	must[retaildb.Product](t)(retaildb.Create(ctx, db, retaildb.Products, retaildb.CreateProductParams{Sku: "A", Name: "a", UnitPrice: num(t, "1")}))
	if got := must[[]retaildb.Product](t)(retaildb.Find(ctx, db, retaildb.Products, retaildb.ProductFilter{UnitPrice: retaildb.Lt(num(t, "2"))}, retaildb.ProductsBySku, nil, 5)); len(got) != 1 || got[0].Sku != "A" {
		t.Errorf("products under 2 = %+v", got)
	}
	must[retaildb.LoyaltyCard](t)(retaildb.Create(ctx, db, retaildb.LoyaltyCards, retaildb.CreateLoyaltyCardParams{CardNo: "K", CustomerID: ann.CustomerID}))
	if got := must[[]retaildb.LoyaltyCard](t)(retaildb.Find(ctx, db, retaildb.LoyaltyCards, retaildb.LoyaltyCardFilter{CardNo: retaildb.Ne("X")}, retaildb.LoyaltyCardsByCustomerIDDesc, nil, 5)); len(got) != 1 || got[0].CustomerID != ann.CustomerID {
		t.Errorf("Find(LoyaltyCards) = %+v", got)
	}
}
