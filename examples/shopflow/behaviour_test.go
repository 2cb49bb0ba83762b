package shopflow_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/ergen-dev/ergen/examples/shopflow/shopflowdb"
	"github.com/ergen-dev/ergen/generator/golang/golangtest"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

// calls fails the run when a test leaves a method of shopflowdb.DB
// uncalled.
var calls = golangtest.NewCalls(&shopflowdb.DB{})

func TestMain(m *testing.M) { os.Exit(calls.Check(pgtest.Main(m))) }

// TestGeneratedPackageIsFresh keeps shopflowdb what ergen generates today.
func TestGeneratedPackageIsFresh(t *testing.T) {
	golangtest.CheckFresh(t, "shopflow.er", "shopflowdb", "shopflowdb")
}

// open returns the generated package on a fresh database with schema.sql,
// recording the methods the test calls. Each test has its own database, so
// tests run in parallel.
func open(t *testing.T) (*shopflowdb.DB, context.Context) {
	t.Helper()
	t.Parallel()
	pool := pgtest.Pool(t)
	golangtest.ApplySchema(t, pool, "schema.sql", "shopflow.er")
	return shopflowdb.New(calls.Wrap(pool)), context.Background()
}

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

func must[T any](t testing.TB) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func TestCRUD(t *testing.T) {
	db, ctx := open(t)
	ann := must[shopflowdb.User](t)(shopflowdb.Create(ctx, db, shopflowdb.Users, shopflowdb.CreateUserParams{Name: "Ann", Email: "ann@example.com"}))
	if ann.ID == 0 || ann.Name != "Ann" {
		t.Fatalf("Create(Users) returned %+v, want the stored row with its serial id", ann)
	}
	got := must[shopflowdb.User](t)(shopflowdb.Get(ctx, db, shopflowdb.UserByID, ann.ID))
	if got != ann {
		t.Errorf("Get(UserByID) = %+v, want %+v", got, ann)
	}
	byEmail := must[shopflowdb.User](t)(shopflowdb.Get(ctx, db, shopflowdb.UserByEmail, "ann@example.com"))
	if byEmail != ann {
		t.Errorf("Get(UserByEmail) = %+v, want %+v", byEmail, ann)
	}

	ann.Name = "Ann Lee"
	if err := shopflowdb.Update(ctx, db, shopflowdb.Users, &ann); err != nil {
		t.Fatal(err)
	}
	if got := must[shopflowdb.User](t)(shopflowdb.Get(ctx, db, shopflowdb.UserByID, ann.ID)); got.Name != "Ann Lee" {
		t.Errorf("after Update(Users), name = %q", got.Name)
	}
	missing := shopflowdb.User{ID: 999, Name: "x", Email: "x"}
	if err := shopflowdb.Update(ctx, db, shopflowdb.Users, &missing); !errors.Is(err, shopflowdb.ErrNotFound) {
		t.Errorf("Update(Users) of a missing row: %v, want ErrNotFound", err)
	}

	// A column default applies when its parameter is nil, and Create
	// returns the value the database chose.
	o := must[shopflowdb.Order](t)(shopflowdb.Create(ctx, db, shopflowdb.Orders, shopflowdb.CreateOrderParams{UserID: ann.ID}))
	if o.Status != "pending" {
		t.Errorf("order status = %q, want the default 'pending'", o.Status)
	}
	paid := "paid"
	o2 := must[shopflowdb.Order](t)(shopflowdb.Create(ctx, db, shopflowdb.Orders, shopflowdb.CreateOrderParams{UserID: ann.ID, Status: &paid}))
	if o2.Status != "paid" {
		t.Errorf("order status = %q, want paid", o2.Status)
	}

	// Nullable columns are pointers; numeric round-trips exactly.
	p := must[shopflowdb.Product](t)(shopflowdb.Create(ctx, db, shopflowdb.Products, shopflowdb.CreateProductParams{Name: "Pen", Price: num(t, "0.10")}))
	if p.CategoryID != nil || numString(t, p.Price) != "0.10" {
		t.Errorf("product = %+v (price %s), want no category and price 0.10", p, numString(t, p.Price))
	}

	if err := shopflowdb.Delete(ctx, db, shopflowdb.Orders, o2.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := shopflowdb.Get(ctx, db, shopflowdb.OrderByID, o2.ID); !errors.Is(err, shopflowdb.ErrNotFound) || !errors.Is(err, pgx.ErrNoRows) {
		t.Errorf("Get(OrderByID) after delete: %v, want ErrNotFound wrapping pgx.ErrNoRows", err)
	}
	if err := shopflowdb.Delete(ctx, db, shopflowdb.Orders, o2.ID); !errors.Is(err, shopflowdb.ErrNotFound) {
		t.Errorf("second Delete(Orders): %v, want ErrNotFound", err)
	}

	// Unique keys report a *UniqueError naming the key.
	_, err := shopflowdb.Create(ctx, db, shopflowdb.Users, shopflowdb.CreateUserParams{Name: "Other", Email: "ann@example.com"})
	var ue *shopflowdb.UniqueError
	if !errors.As(err, &ue) || ue.Constraint != "uq_users_email" || ue.Columns != "email" {
		t.Fatalf("duplicate email: %v, want *UniqueError for uq_users_email", err)
	}
	if !strings.Contains(ue.Error(), "a user with this email already exists") {
		t.Errorf("message %q", ue.Error())
	}

	// CHECK constraints report a *CheckError with the condition.
	_, err = shopflowdb.Create(ctx, db, shopflowdb.Products, shopflowdb.CreateProductParams{Name: "Bad", Price: num(t, "-1")})
	var ce *shopflowdb.CheckError
	if !errors.As(err, &ce) || ce.Constraint != "ck_products_price" || ce.Expr != "(price >= 0)" {
		t.Fatalf("negative price: %v, want *CheckError for ck_products_price", err)
	}

	// A row referring to a missing parent reports the relationship.
	_, err = shopflowdb.Create(ctx, db, shopflowdb.Orders, shopflowdb.CreateOrderParams{UserID: 4242})
	var fe *shopflowdb.ForeignKeyError
	if !errors.As(err, &fe) || fe.Referenced || fe.Constraint != "fk_orders_user" || fe.Relationship != "User 1:N Order" {
		t.Fatalf("order of a missing user: %v, want *ForeignKeyError (not Referenced) for fk_orders_user", err)
	}
	if want := "an order refers to a user that does not exist"; !strings.Contains(fe.Error(), want) {
		t.Errorf("message %q lacks %q", fe.Error(), want)
	}
}

func TestListPaginateCount(t *testing.T) {
	db, ctx := open(t)
	for i := range 25 {
		must[shopflowdb.User](t)(shopflowdb.Create(ctx, db, shopflowdb.Users, shopflowdb.CreateUserParams{Name: fmt.Sprint("u", i), Email: fmt.Sprintf("u%d@example.com", i)}))
	}
	if n := must[int64](t)(shopflowdb.Count(ctx, db, shopflowdb.Users)); n != 25 {
		t.Errorf("Count(Users) = %d, want 25", n)
	}
	var all []shopflowdb.User
	var after *shopflowdb.User
	pages := 0
	for {
		page := must[[]shopflowdb.User](t)(shopflowdb.List(ctx, db, shopflowdb.Users, after, 10))
		if len(page) == 0 {
			break
		}
		pages++
		all = append(all, page...)
		after = &page[len(page)-1]
	}
	if pages != 3 || len(all) != 25 {
		t.Fatalf("paginated %d rows in %d pages, want 25 in 3", len(all), pages)
	}
	for i := 1; i < len(all); i++ {
		if all[i].ID <= all[i-1].ID {
			t.Fatalf("rows not in key order at %d: %d after %d", i, all[i].ID, all[i-1].ID)
		}
	}
}

func TestCopy(t *testing.T) {
	db, ctx := open(t)
	cat := must[shopflowdb.Category](t)(shopflowdb.Create(ctx, db, shopflowdb.Categories, shopflowdb.CreateCategoryParams{Name: "Pens", Slug: "pens"}))
	rows := make([]shopflowdb.CreateProductParams, 1000)
	for i := range rows {
		rows[i] = shopflowdb.CreateProductParams{Name: fmt.Sprint("p", i), Price: num(t, "1.25"), CategoryID: &cat.ID}
	}
	if n := must[int64](t)(shopflowdb.Copy(ctx, db, shopflowdb.Products, rows)); n != 1000 {
		t.Fatalf("Copy(Products) = %d, want 1000", n)
	}
	if n := must[int64](t)(shopflowdb.Count(ctx, db, shopflowdb.Products)); n != 1000 {
		t.Fatalf("Count(Products) = %d, want 1000", n)
	}
	got := must[[]shopflowdb.Product](t)(shopflowdb.ChildrenOf(ctx, db, shopflowdb.ProductCategory, cat.ID))
	if len(got) != 1000 || numString(t, got[999].Price) != "1.25" || got[999].ID == 0 {
		t.Errorf("copied rows read back wrong: %d rows, last %+v", len(got), got[len(got)-1])
	}
	// COPY runs into the same constraints.
	_, err := shopflowdb.Copy(ctx, db, shopflowdb.Products, []shopflowdb.CreateProductParams{{Name: "x", Price: num(t, "-5")}})
	var ce *shopflowdb.CheckError
	if !errors.As(err, &ce) {
		t.Errorf("COPY of a negative price: %v, want *CheckError", err)
	}
}

func TestNavigation(t *testing.T) {
	db, ctx := open(t)
	ann := must[shopflowdb.User](t)(shopflowdb.Create(ctx, db, shopflowdb.Users, shopflowdb.CreateUserParams{Name: "Ann", Email: "ann@x"}))
	bob := must[shopflowdb.User](t)(shopflowdb.Create(ctx, db, shopflowdb.Users, shopflowdb.CreateUserParams{Name: "Bob", Email: "bob@x"}))
	eve := must[shopflowdb.User](t)(shopflowdb.Create(ctx, db, shopflowdb.Users, shopflowdb.CreateUserParams{Name: "Eve", Email: "eve@x"}))
	var annOrders []shopflowdb.Order
	for range 3 {
		annOrders = append(annOrders, must[shopflowdb.Order](t)(shopflowdb.Create(ctx, db, shopflowdb.Orders, shopflowdb.CreateOrderParams{UserID: ann.ID})))
	}
	bobOrder := must[shopflowdb.Order](t)(shopflowdb.Create(ctx, db, shopflowdb.Orders, shopflowdb.CreateOrderParams{UserID: bob.ID}))

	// 1:N, parent to children and back.
	got := must[[]shopflowdb.Order](t)(shopflowdb.ChildrenOf(ctx, db, shopflowdb.OrderUser, ann.ID))
	if len(got) != 3 || got[0] != annOrders[0] || got[2] != annOrders[2] {
		t.Errorf("ChildrenOf(OrderUser, ann) = %+v, want %+v", got, annOrders)
	}
	if u := must[shopflowdb.User](t)(shopflowdb.ParentOf(ctx, db, shopflowdb.OrderUser, &bobOrder)); u != bob {
		t.Errorf("OrderUser(bob's order) = %+v, want %+v", u, bob)
	}
	if got := must[[]shopflowdb.Order](t)(shopflowdb.ChildrenOf(ctx, db, shopflowdb.OrderUser, eve.ID)); len(got) != 0 {
		t.Errorf("ChildrenOf(OrderUser, eve) = %+v, want none", got)
	}

	// Batch loading: one query for many parents.
	batch := must[map[int32][]shopflowdb.Order](t)(shopflowdb.ChildrenOfMany(ctx, db, shopflowdb.OrderUser, []int32{ann.ID, bob.ID, eve.ID}))
	if len(batch[ann.ID]) != 3 || len(batch[bob.ID]) != 1 || batch[bob.ID][0] != bobOrder {
		t.Errorf("ChildrenOfMany(OrderUser) = %+v", batch)
	}
	if _, ok := batch[eve.ID]; ok {
		t.Errorf("ChildrenOfMany(OrderUser) has an entry for a user without orders")
	}
	// Counts per parent in one query; no entry means no children.
	counts := must[map[int32]int64](t)(shopflowdb.CountChildrenOf(ctx, db, shopflowdb.OrderUser, []int32{ann.ID, bob.ID, eve.ID}))
	if len(counts) != 2 || counts[ann.ID] != 3 || counts[bob.ID] != 1 || counts[eve.ID] != 0 {
		t.Errorf("CountChildrenOf(OrderUser) = %v, want ann 3, bob 1, eve no entry", counts)
	}

	// Optional 1:N: a product without a category has no parent.
	cat := must[shopflowdb.Category](t)(shopflowdb.Create(ctx, db, shopflowdb.Categories, shopflowdb.CreateCategoryParams{Name: "Ink", Slug: "ink"}))
	p1 := must[shopflowdb.Product](t)(shopflowdb.Create(ctx, db, shopflowdb.Products, shopflowdb.CreateProductParams{Name: "Blue", Price: num(t, "2"), CategoryID: &cat.ID}))
	loose := must[shopflowdb.Product](t)(shopflowdb.Create(ctx, db, shopflowdb.Products, shopflowdb.CreateProductParams{Name: "Loose", Price: num(t, "2")}))
	if c := must[shopflowdb.Category](t)(shopflowdb.ParentOf(ctx, db, shopflowdb.ProductCategory, &p1)); c != cat {
		t.Errorf("ProductCategory = %+v, want %+v", c, cat)
	}
	if _, err := shopflowdb.ParentOf(ctx, db, shopflowdb.ProductCategory, &loose); !errors.Is(err, shopflowdb.ErrNotFound) {
		t.Errorf("ProductCategory of an uncategorised product: %v, want ErrNotFound", err)
	}
	byCat := must[map[int32][]shopflowdb.Product](t)(shopflowdb.ChildrenOfMany(ctx, db, shopflowdb.ProductCategory, []int32{cat.ID}))
	if len(byCat[cat.ID]) != 1 || byCat[cat.ID][0].ID != p1.ID {
		t.Errorf("ChildrenOfMany(ProductCategory) = %+v", byCat)
	}
	if n := must[map[int32]int64](t)(shopflowdb.CountChildrenOf(ctx, db, shopflowdb.ProductCategory, []int32{cat.ID, cat.ID + 1})); len(n) != 1 || n[cat.ID] != 1 {
		t.Errorf("CountChildrenOf(ProductCategory) = %v, want one product in the category and no uncategorised count", n)
	}

	// 1:1 with a shared key, both ways and batched.
	bio := "writes"
	prof := must[shopflowdb.UserProfile](t)(shopflowdb.Create(ctx, db, shopflowdb.UserProfiles, shopflowdb.CreateUserProfileParams{UserID: ann.ID, Bio: &bio}))
	if got := must[shopflowdb.UserProfile](t)(shopflowdb.ChildrenOf(ctx, db, shopflowdb.UserProfileUser, ann.ID)); got.UserID != ann.ID || *got.Bio != "writes" || got.Location != nil {
		t.Errorf("ChildrenOf(UserProfileUser) = %+v", got)
	}
	if _, err := shopflowdb.ChildrenOf(ctx, db, shopflowdb.UserProfileUser, bob.ID); !errors.Is(err, shopflowdb.ErrNotFound) {
		t.Errorf("ChildrenOf(UserProfileUser, bob): %v, want ErrNotFound", err)
	}
	if u := must[shopflowdb.User](t)(shopflowdb.ParentOf(ctx, db, shopflowdb.UserProfileUser, &prof)); u != ann {
		t.Errorf("UserProfileUser = %+v", u)
	}
	profs := must[map[int32]shopflowdb.UserProfile](t)(shopflowdb.ChildrenOfMany(ctx, db, shopflowdb.UserProfileUser, []int32{ann.ID, bob.ID}))
	if len(profs) != 1 || profs[ann.ID].UserID != ann.ID {
		t.Errorf("ChildrenOfMany(UserProfileUser) = %+v", profs)
	}
	// A second profile for the same user violates the shared primary key.
	_, err := shopflowdb.Create(ctx, db, shopflowdb.UserProfiles, shopflowdb.CreateUserProfileParams{UserID: ann.ID})
	var ue *shopflowdb.UniqueError
	if !errors.As(err, &ue) || ue.Constraint != "pk_user_profiles" {
		t.Errorf("second profile: %v, want *UniqueError for pk_user_profiles", err)
	}
}

func TestManyToMany(t *testing.T) {
	db, ctx := open(t)
	u := must[shopflowdb.User](t)(shopflowdb.Create(ctx, db, shopflowdb.Users, shopflowdb.CreateUserParams{Name: "Ann", Email: "ann@x"}))
	o := must[shopflowdb.Order](t)(shopflowdb.Create(ctx, db, shopflowdb.Orders, shopflowdb.CreateOrderParams{UserID: u.ID}))
	o2 := must[shopflowdb.Order](t)(shopflowdb.Create(ctx, db, shopflowdb.Orders, shopflowdb.CreateOrderParams{UserID: u.ID}))
	pen := must[shopflowdb.Product](t)(shopflowdb.Create(ctx, db, shopflowdb.Products, shopflowdb.CreateProductParams{Name: "Pen", Price: num(t, "1.50")}))
	ink := must[shopflowdb.Product](t)(shopflowdb.Create(ctx, db, shopflowdb.Products, shopflowdb.CreateProductParams{Name: "Ink", Price: num(t, "3.00")}))

	link := func(o shopflowdb.Order, p shopflowdb.Product, qty int32) bool {
		return must[bool](t)(shopflowdb.Link(ctx, db, shopflowdb.OrderItems, shopflowdb.LinkOrderProductParams{OrderID: o.ID, ProductID: p.ID, Quantity: qty, PriceAtPurchase: p.Price}))
	}
	if !link(o, pen, 2) || !link(o, ink, 1) || !link(o2, pen, 5) {
		t.Fatal("Link(OrderItems) reported no new link")
	}
	// Linking a linked pair writes the new attributes: it never keeps the
	// old ones silently.
	if link(o, pen, 9) {
		t.Error("linking a linked pair again reported a new link")
	}
	if it := must[shopflowdb.OrderItem](t)(shopflowdb.GetLink(ctx, db, shopflowdb.OrderItems, shopflowdb.OrderItemPair{OrderID: o.ID, ProductID: pen.ID})); it.Quantity != 9 {
		t.Errorf("GetLink(OrderItems) after re-linking with quantity 9 = %+v", it)
	}
	if _, err := shopflowdb.GetLink(ctx, db, shopflowdb.OrderItems, shopflowdb.OrderItemPair{OrderID: o2.ID, ProductID: ink.ID}); !errors.Is(err, shopflowdb.ErrNotFound) {
		t.Errorf("GetLink(OrderItems) of an unlinked pair: %v, want ErrNotFound", err)
	}

	items := must[[]shopflowdb.OrderItemProduct](t)(shopflowdb.Linked(ctx, db, shopflowdb.ProductsOfOrder, o.ID))
	if len(items) != 2 || items[0].Product.ID != pen.ID || items[0].OrderItem.Quantity != 9 || items[1].Product.Name != "Ink" ||
		numString(t, items[1].OrderItem.PriceAtPurchase) != "3.00" {
		t.Fatalf("Linked(ProductsOfOrder) = %+v", items)
	}
	orders := must[[]shopflowdb.OrderItemOrder](t)(shopflowdb.Linked(ctx, db, shopflowdb.OrdersOfProduct, pen.ID))
	if len(orders) != 2 || orders[0].Order != o || orders[1].Order != o2 || orders[1].OrderItem.Quantity != 5 {
		t.Fatalf("Linked(OrdersOfProduct) = %+v", orders)
	}
	// Both sides for many rows in one query each.
	byOrder := must[map[int32][]shopflowdb.OrderItemProduct](t)(shopflowdb.LinkedOfMany(ctx, db, shopflowdb.ProductsOfOrder, []int32{o.ID, o2.ID, 4242}))
	if len(byOrder) != 2 || len(byOrder[o.ID]) != 2 || byOrder[o.ID][1].Product.ID != ink.ID || len(byOrder[o2.ID]) != 1 || byOrder[o2.ID][0].OrderItem.Quantity != 5 {
		t.Errorf("LinkedOfMany(Linked(ProductsOfOrder)) = %+v", byOrder)
	}
	byProduct := must[map[int32][]shopflowdb.OrderItemOrder](t)(shopflowdb.LinkedOfMany(ctx, db, shopflowdb.OrdersOfProduct, []int32{pen.ID, ink.ID}))
	if len(byProduct[pen.ID]) != 2 || byProduct[pen.ID][1].Order != o2 || len(byProduct[ink.ID]) != 1 || byProduct[ink.ID][0].Order != o {
		t.Errorf("LinkedOfMany(Linked(OrdersOfProduct)) = %+v", byProduct)
	}

	// The junction's own checks are typed errors too.
	_, err := shopflowdb.Link(ctx, db, shopflowdb.OrderItems, shopflowdb.LinkOrderProductParams{OrderID: o2.ID, ProductID: ink.ID, Quantity: 0, PriceAtPurchase: ink.Price})
	var ce *shopflowdb.CheckError
	if !errors.As(err, &ce) || ce.Constraint != "ck_order_items_quantity" {
		t.Errorf("quantity 0: %v, want *CheckError for ck_order_items_quantity", err)
	}

	if !must[bool](t)(shopflowdb.Unlink(ctx, db, shopflowdb.OrderItems, shopflowdb.OrderItemPair{OrderID: o.ID, ProductID: ink.ID})) {
		t.Error("Unlink(OrderItems) reported no link")
	}
	if must[bool](t)(shopflowdb.Unlink(ctx, db, shopflowdb.OrderItems, shopflowdb.OrderItemPair{OrderID: o.ID, ProductID: ink.ID})) {
		t.Error("second Unlink(OrderItems) reported a link")
	}
	if items := must[[]shopflowdb.OrderItemProduct](t)(shopflowdb.Linked(ctx, db, shopflowdb.ProductsOfOrder, o.ID)); len(items) != 1 {
		t.Errorf("after unlink, Linked(ProductsOfOrder) = %+v", items)
	}
}

// TestPolicies checks every policy of shopflow.er as seen from Go.
func TestPolicies(t *testing.T) {
	db, ctx := open(t)
	u := must[shopflowdb.User](t)(shopflowdb.Create(ctx, db, shopflowdb.Users, shopflowdb.CreateUserParams{Name: "Ann", Email: "ann@x"}))
	o := must[shopflowdb.Order](t)(shopflowdb.Create(ctx, db, shopflowdb.Orders, shopflowdb.CreateOrderParams{UserID: u.ID}))
	cat := must[shopflowdb.Category](t)(shopflowdb.Create(ctx, db, shopflowdb.Categories, shopflowdb.CreateCategoryParams{Name: "Ink", Slug: "ink"}))
	pen := must[shopflowdb.Product](t)(shopflowdb.Create(ctx, db, shopflowdb.Products, shopflowdb.CreateProductParams{Name: "Pen", Price: num(t, "1"), CategoryID: &cat.ID}))
	must[bool](t)(shopflowdb.Link(ctx, db, shopflowdb.OrderItems, shopflowdb.LinkOrderProductParams{OrderID: o.ID, ProductID: pen.ID, Quantity: 1, PriceAtPurchase: pen.Price}))

	// User 1:N Order, ON DELETE RESTRICT: a user with orders stays.
	err := shopflowdb.Delete(ctx, db, shopflowdb.Users, u.ID)
	var fe *shopflowdb.ForeignKeyError
	if !errors.As(err, &fe) {
		t.Fatalf("deleting a user with orders: %v, want *ForeignKeyError", err)
	}
	if !fe.Referenced || !fe.Deleting || fe.OnDelete != "RESTRICT" || fe.Constraint != "fk_orders_user" || fe.Relationship != "User 1:N Order" {
		t.Errorf("ForeignKeyError = %+v", fe)
	}
	if want := "cannot delete a user that orders still refer to: User 1:N Order forbids it (ON DELETE RESTRICT"; !strings.Contains(fe.Error(), want) {
		t.Errorf("message %q lacks %q", fe.Error(), want)
	}
	if _, err := shopflowdb.Get(ctx, db, shopflowdb.UserByID, u.ID); err != nil {
		t.Errorf("the user is gone after a refused delete: %v", err)
	}

	// Order M:N Product, ON DELETE Product RESTRICT: an ordered product stays.
	err = shopflowdb.Delete(ctx, db, shopflowdb.Products, pen.ID)
	if !errors.As(err, &fe) || fe.Constraint != "fk_order_items_product" || fe.OnDelete != "RESTRICT" || !fe.Referenced {
		t.Fatalf("deleting an ordered product: %v, want the RESTRICT of fk_order_items_product", err)
	}
	if !strings.Contains(fe.Error(), "cannot delete a product that order items still refer to") || !strings.Contains(fe.Error(), "RESTRICT") {
		t.Errorf("message %q", fe.Error())
	}

	// ON DELETE Order CASCADE: deleting an order removes its items.
	if err := shopflowdb.Delete(ctx, db, shopflowdb.Orders, o.ID); err != nil {
		t.Fatal(err)
	}
	if got := must[[]shopflowdb.OrderItemOrder](t)(shopflowdb.Linked(ctx, db, shopflowdb.OrdersOfProduct, pen.ID)); len(got) != 0 {
		t.Errorf("order items survived their order: %+v", got)
	}

	// Category 1:N Product, ON DELETE SET NULL: products lose their category.
	if err := shopflowdb.Delete(ctx, db, shopflowdb.Categories, cat.ID); err != nil {
		t.Fatal(err)
	}
	if p := must[shopflowdb.Product](t)(shopflowdb.Get(ctx, db, shopflowdb.ProductByID, pen.ID)); p.CategoryID != nil {
		t.Errorf("product category = %d after its category was deleted, want nil", *p.CategoryID)
	}

	// User 1:1 UserProfile, ON DELETE CASCADE: a user's profile goes with it,
	// now that the user has no orders.
	must[shopflowdb.UserProfile](t)(shopflowdb.Create(ctx, db, shopflowdb.UserProfiles, shopflowdb.CreateUserProfileParams{UserID: u.ID}))
	if err := shopflowdb.Delete(ctx, db, shopflowdb.Users, u.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := shopflowdb.Get(ctx, db, shopflowdb.UserProfileByUserID, u.ID); !errors.Is(err, shopflowdb.ErrNotFound) {
		t.Errorf("profile after its user was deleted: %v, want ErrNotFound", err)
	}
}

// TestOwnSQLInTx: SQL of one's own runs on DB.DBTX in the same transaction
// as the generated methods, and rolls back with them.
func TestOwnSQLInTx(t *testing.T) {
	db, ctx := open(t)
	boom := errors.New("boom")
	err := db.InTx(ctx, func(tx *shopflowdb.DB) error {
		u, err := shopflowdb.Create(ctx, tx, shopflowdb.Users, shopflowdb.CreateUserParams{Name: "A", Email: "a@x"})
		if err != nil {
			return err
		}
		if _, err := tx.DBTX().Exec(ctx, "UPDATE users SET name = 'B' WHERE id = $1", u.ID); err != nil {
			return err
		}
		if got := must[shopflowdb.User](t)(shopflowdb.Get(ctx, tx, shopflowdb.UserByID, u.ID)); got.Name != "B" {
			t.Errorf("inside the transaction the generated Get sees name %q, want B", got.Name)
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("InTx = %v, want boom", err)
	}
	var n int
	if err := db.DBTX().QueryRow(ctx, "SELECT count(*) FROM users").Scan(&n); err != nil || n != 0 {
		t.Errorf("after rollback: %d users (err %v), want 0", n, err)
	}
}

func TestInTx(t *testing.T) {
	db, ctx := open(t)
	boom := errors.New("boom")
	err := db.InTx(ctx, func(tx *shopflowdb.DB) error {
		if _, err := shopflowdb.Create(ctx, tx, shopflowdb.Users, shopflowdb.CreateUserParams{Name: "A", Email: "a@x"}); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("InTx = %v, want boom", err)
	}
	if n := must[int64](t)(shopflowdb.Count(ctx, db, shopflowdb.Users)); n != 0 {
		t.Errorf("rolled-back insert is visible: %d users", n)
	}
	err = db.InTx(ctx, func(tx *shopflowdb.DB) error {
		_, err := shopflowdb.Create(ctx, tx, shopflowdb.Users, shopflowdb.CreateUserParams{Name: "A", Email: "a@x"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if n := must[int64](t)(shopflowdb.Count(ctx, db, shopflowdb.Users)); n != 1 {
		t.Errorf("committed insert: %d users, want 1", n)
	}
}

// TestOtherTables runs the methods of categories, orders and user profiles
// the tests above leave out: lookups by each unique key, Update, List
// pages, Count and Copy.
func TestOtherTables(t *testing.T) {
	db, ctx := open(t)
	pens := must[shopflowdb.Category](t)(shopflowdb.Create(ctx, db, shopflowdb.Categories, shopflowdb.CreateCategoryParams{Name: "Pens", Slug: "pens"}))
	if got := must[shopflowdb.Category](t)(shopflowdb.Get(ctx, db, shopflowdb.CategoryByID, pens.ID)); got != pens {
		t.Errorf("Get(CategoryByID) = %+v, want %+v", got, pens)
	}
	if got := must[shopflowdb.Category](t)(shopflowdb.Get(ctx, db, shopflowdb.CategoryByName, "Pens")); got != pens {
		t.Errorf("Get(CategoryByName) = %+v, want %+v", got, pens)
	}
	if got := must[shopflowdb.Category](t)(shopflowdb.Get(ctx, db, shopflowdb.CategoryBySlug, "pens")); got != pens {
		t.Errorf("Get(CategoryBySlug) = %+v, want %+v", got, pens)
	}
	pens.Slug = "writing"
	if err := shopflowdb.Update(ctx, db, shopflowdb.Categories, &pens); err != nil {
		t.Fatal(err)
	}
	if _, err := shopflowdb.Get(ctx, db, shopflowdb.CategoryBySlug, "pens"); !errors.Is(err, shopflowdb.ErrNotFound) {
		t.Errorf("Get(CategoryBySlug) of the old slug: %v, want ErrNotFound", err)
	}
	if got := must[shopflowdb.Category](t)(shopflowdb.Get(ctx, db, shopflowdb.CategoryBySlug, "writing")); got.ID != pens.ID {
		t.Errorf("Get(CategoryBySlug) of the new slug = %+v", got)
	}
	if n := must[int64](t)(shopflowdb.Copy(ctx, db, shopflowdb.Categories, []shopflowdb.CreateCategoryParams{{Name: "Ink", Slug: "ink"}, {Name: "Paper", Slug: "paper"}})); n != 2 {
		t.Fatalf("Copy(Categories) = %d, want 2", n)
	}
	if n := must[int64](t)(shopflowdb.Count(ctx, db, shopflowdb.Categories)); n != 3 {
		t.Errorf("Count(Categories) = %d, want 3", n)
	}
	cats := must[[]shopflowdb.Category](t)(shopflowdb.List(ctx, db, shopflowdb.Categories, nil, 2))
	if len(cats) != 2 || cats[0] != pens || cats[1].Name != "Ink" {
		t.Fatalf("first page of List(Categories) = %+v", cats)
	}
	ck := cats[1]
	if rest := must[[]shopflowdb.Category](t)(shopflowdb.List(ctx, db, shopflowdb.Categories, &ck, 2)); len(rest) != 1 || rest[0].Slug != "paper" {
		t.Errorf("second page of List(Categories) = %+v", rest)
	}
	var ue *shopflowdb.UniqueError
	pens.Name = "Ink"
	if err := shopflowdb.Update(ctx, db, shopflowdb.Categories, &pens); !errors.As(err, &ue) || ue.Constraint != "uq_categories_name" {
		t.Errorf("Update(Categories) to a taken name: %v, want *UniqueError for uq_categories_name", err)
	}

	pen := must[shopflowdb.Product](t)(shopflowdb.Create(ctx, db, shopflowdb.Products, shopflowdb.CreateProductParams{Name: "Pen", Price: num(t, "1.00")}))
	pen.CategoryID, pen.Price = &pens.ID, num(t, "1.20")
	if err := shopflowdb.Update(ctx, db, shopflowdb.Products, &pen); err != nil {
		t.Fatal(err)
	}
	if got := must[shopflowdb.Product](t)(shopflowdb.Get(ctx, db, shopflowdb.ProductByID, pen.ID)); *got.CategoryID != pens.ID || numString(t, got.Price) != "1.20" {
		t.Errorf("after Update(Products) = %+v", got)
	}
	pen.Price = num(t, "-1")
	var ce *shopflowdb.CheckError
	if err := shopflowdb.Update(ctx, db, shopflowdb.Products, &pen); !errors.As(err, &ce) || ce.Constraint != "ck_products_price" {
		t.Errorf("Update(Products) to a negative price: %v, want *CheckError", err)
	}
	must[shopflowdb.Product](t)(shopflowdb.Create(ctx, db, shopflowdb.Products, shopflowdb.CreateProductParams{Name: "Nib", Price: num(t, "0.50")}))
	ps := must[[]shopflowdb.Product](t)(shopflowdb.List(ctx, db, shopflowdb.Products, nil, 1))
	if len(ps) != 1 || ps[0].ID != pen.ID {
		t.Fatalf("first page of List(Products) = %+v", ps)
	}
	pk := ps[0]
	if rest := must[[]shopflowdb.Product](t)(shopflowdb.List(ctx, db, shopflowdb.Products, &pk, 5)); len(rest) != 1 || rest[0].Name != "Nib" {
		t.Errorf("second page of List(Products) = %+v", rest)
	}

	users := []shopflowdb.CreateUserParams{{Name: "Ann", Email: "ann@x"}, {Name: "Bob", Email: "bob@x"}}
	if n := must[int64](t)(shopflowdb.Copy(ctx, db, shopflowdb.Users, users)); n != 2 {
		t.Fatalf("Copy(Users) = %d, want 2", n)
	}
	ann := must[shopflowdb.User](t)(shopflowdb.Get(ctx, db, shopflowdb.UserByEmail, "ann@x"))
	bob := must[shopflowdb.User](t)(shopflowdb.Get(ctx, db, shopflowdb.UserByEmail, "bob@x"))
	if ann.ID == 0 || bob.ID <= ann.ID {
		t.Fatalf("copied users %+v, %+v: want serial ids", ann, bob)
	}
	if _, err := shopflowdb.Copy(ctx, db, shopflowdb.Users, []shopflowdb.CreateUserParams{{Name: "Again", Email: "ann@x"}}); !errors.As(err, &ue) || ue.Constraint != "uq_users_email" {
		t.Errorf("COPY of a taken email: %v, want *UniqueError", err)
	}

	// COPY takes what Create takes: a nil status is the column's default,
	// as in an INSERT.
	paid := "paid"
	if n := must[int64](t)(shopflowdb.Copy(ctx, db, shopflowdb.Orders, []shopflowdb.CreateOrderParams{{UserID: ann.ID, Status: &paid}, {UserID: bob.ID}})); n != 2 {
		t.Fatalf("Copy(Orders) = %d, want 2", n)
	}
	if n := must[int64](t)(shopflowdb.Count(ctx, db, shopflowdb.Orders)); n != 2 {
		t.Errorf("Count(Orders) = %d, want 2", n)
	}
	orders := must[[]shopflowdb.Order](t)(shopflowdb.List(ctx, db, shopflowdb.Orders, nil, 1))
	if len(orders) != 1 || orders[0].UserID != ann.ID || orders[0].Status != "paid" {
		t.Fatalf("first page of List(Orders) = %+v", orders)
	}
	ok := orders[0]
	rest := must[[]shopflowdb.Order](t)(shopflowdb.List(ctx, db, shopflowdb.Orders, &ok, 5))
	if len(rest) != 1 || rest[0].UserID != bob.ID || rest[0].Status != "pending" {
		t.Fatalf("second page of List(Orders) = %+v", rest)
	}
	moved := rest[0]
	moved.UserID, moved.Status = ann.ID, "cancelled"
	if err := shopflowdb.Update(ctx, db, shopflowdb.Orders, &moved); err != nil {
		t.Fatal(err)
	}
	if got := must[[]shopflowdb.Order](t)(shopflowdb.ChildrenOf(ctx, db, shopflowdb.OrderUser, ann.ID)); len(got) != 2 || got[1] != moved {
		t.Errorf("after Update(Orders), ChildrenOf(OrderUser, ann) = %+v", got)
	}
	moved.UserID = 4242
	var fe *shopflowdb.ForeignKeyError
	if err := shopflowdb.Update(ctx, db, shopflowdb.Orders, &moved); !errors.As(err, &fe) || fe.Referenced || fe.Constraint != "fk_orders_user" {
		t.Errorf("Update(Orders) to a missing user: %v, want *ForeignKeyError", err)
	}
	if err := shopflowdb.Update(ctx, db, shopflowdb.Orders, &shopflowdb.Order{ID: 999, UserID: ann.ID, Status: "x"}); !errors.Is(err, shopflowdb.ErrNotFound) {
		t.Errorf("Update(Orders) of a missing row: %v, want ErrNotFound", err)
	}

	bio, city := "reads", "Oslo"
	if n := must[int64](t)(shopflowdb.Copy(ctx, db, shopflowdb.UserProfiles, []shopflowdb.CreateUserProfileParams{{UserID: bob.ID, Bio: &bio}, {UserID: ann.ID, Location: &city}})); n != 2 {
		t.Fatalf("Copy(UserProfiles) = %d, want 2", n)
	}
	if n := must[int64](t)(shopflowdb.Count(ctx, db, shopflowdb.UserProfiles)); n != 2 {
		t.Errorf("Count(UserProfiles) = %d, want 2", n)
	}
	profs := must[[]shopflowdb.UserProfile](t)(shopflowdb.List(ctx, db, shopflowdb.UserProfiles, nil, 1))
	if len(profs) != 1 || profs[0].UserID != ann.ID || *profs[0].Location != "Oslo" || profs[0].Bio != nil {
		t.Fatalf("first page of List(UserProfiles) = %+v", profs)
	}
	upk := profs[0]
	if rest := must[[]shopflowdb.UserProfile](t)(shopflowdb.List(ctx, db, shopflowdb.UserProfiles, &upk, 5)); len(rest) != 1 || rest[0].UserID != bob.ID || *rest[0].Bio != "reads" {
		t.Errorf("second page of List(UserProfiles) = %+v", rest)
	}
	prof := profs[0]
	prof.Bio, prof.Location = &bio, nil
	if err := shopflowdb.Update(ctx, db, shopflowdb.UserProfiles, &prof); err != nil {
		t.Fatal(err)
	}
	if got := must[shopflowdb.UserProfile](t)(shopflowdb.Get(ctx, db, shopflowdb.UserProfileByUserID, ann.ID)); *got.Bio != "reads" || got.Location != nil {
		t.Errorf("after Update(UserProfiles) = %+v", got)
	}
	if err := shopflowdb.Delete(ctx, db, shopflowdb.UserProfiles, ann.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := shopflowdb.ChildrenOf(ctx, db, shopflowdb.UserProfileUser, ann.ID); !errors.Is(err, shopflowdb.ErrNotFound) {
		t.Errorf("ChildrenOf(UserProfileUser) after Delete(UserProfiles): %v, want ErrNotFound", err)
	}
	if err := shopflowdb.Delete(ctx, db, shopflowdb.UserProfiles, ann.ID); !errors.Is(err, shopflowdb.ErrNotFound) {
		t.Errorf("second Delete(UserProfiles): %v, want ErrNotFound", err)
	}
}

// TestPatchAndUpsert: a patch writes only the fields set, Set[*T](nil)
// writes NULL; an upsert on a unique key inserts, then updates the row
// with that key and keeps its id.
func TestPatchAndUpsert(t *testing.T) {
	db, ctx := open(t)
	ann := must[shopflowdb.User](t)(shopflowdb.Upsert(ctx, db, shopflowdb.UserByEmail, shopflowdb.CreateUserParams{Name: "Ann", Email: "ann@example.com"}))
	again := must[shopflowdb.User](t)(shopflowdb.Upsert(ctx, db, shopflowdb.UserByEmail, shopflowdb.CreateUserParams{Name: "Ann Lee", Email: "ann@example.com"}))
	if again.ID != ann.ID || again.Name != "Ann Lee" || must[int64](t)(shopflowdb.Count(ctx, db, shopflowdb.Users)) != 1 {
		t.Errorf("Upsert(UserByEmail) of a known email = %+v, want user %d renamed", again, ann.ID)
	}
	if u := must[shopflowdb.User](t)(shopflowdb.Patch(ctx, db, shopflowdb.Users, ann.ID, shopflowdb.UserPatch{Email: shopflowdb.Set("ann@shop.example")})); u.Name != "Ann Lee" || u.Email != "ann@shop.example" {
		t.Errorf("Patch(Users) = %+v, want the name kept", u)
	}

	cat := must[shopflowdb.Category](t)(shopflowdb.Upsert(ctx, db, shopflowdb.CategoryByName, shopflowdb.CreateCategoryParams{Name: "Pens", Slug: "pens"}))
	if c := must[shopflowdb.Category](t)(shopflowdb.Upsert(ctx, db, shopflowdb.CategoryByName, shopflowdb.CreateCategoryParams{Name: "Pens", Slug: "pens-and-ink"})); c.ID != cat.ID || c.Slug != "pens-and-ink" {
		t.Errorf("Upsert(CategoryByName) = %+v, want the slug updated", c)
	}
	if c := must[shopflowdb.Category](t)(shopflowdb.Upsert(ctx, db, shopflowdb.CategoryBySlug, shopflowdb.CreateCategoryParams{Name: "Pens & Ink", Slug: "pens-and-ink"})); c.ID != cat.ID || c.Name != "Pens & Ink" {
		t.Errorf("Upsert(CategoryBySlug) = %+v, want the name updated", c)
	}
	// The upsert's conflict target is its key only: a clash on the other
	// unique key is still an error.
	must[shopflowdb.Category](t)(shopflowdb.Create(ctx, db, shopflowdb.Categories, shopflowdb.CreateCategoryParams{Name: "Paper", Slug: "paper"}))
	var ue *shopflowdb.UniqueError
	if _, err := shopflowdb.Upsert(ctx, db, shopflowdb.CategoryBySlug, shopflowdb.CreateCategoryParams{Name: "Paper", Slug: "pens-and-ink"}); !errors.As(err, &ue) || ue.Constraint != "uq_categories_name" {
		t.Errorf("Upsert(CategoryBySlug) onto a taken name: %v, want *UniqueError for uq_categories_name", err)
	}
	if c := must[shopflowdb.Category](t)(shopflowdb.Patch(ctx, db, shopflowdb.Categories, cat.ID, shopflowdb.CategoryPatch{Name: shopflowdb.Set("Writing")})); c.Name != "Writing" || c.Slug != "pens-and-ink" {
		t.Errorf("Patch(Categories) = %+v", c)
	}

	p := must[shopflowdb.Product](t)(shopflowdb.Create(ctx, db, shopflowdb.Products, shopflowdb.CreateProductParams{Name: "Pen", Price: num(t, "1.50"), CategoryID: &cat.ID}))
	p = must[shopflowdb.Product](t)(shopflowdb.Patch(ctx, db, shopflowdb.Products, p.ID, shopflowdb.ProductPatch{CategoryID: shopflowdb.Set[*int32](nil), Price: shopflowdb.Set(num(t, "1.75"))}))
	if p.CategoryID != nil || numString(t, p.Price) != "1.75" || p.Name != "Pen" {
		t.Errorf("Patch(Products) = %+v, want no category, price 1.75", p)
	}

	o := must[shopflowdb.Order](t)(shopflowdb.Create(ctx, db, shopflowdb.Orders, shopflowdb.CreateOrderParams{UserID: ann.ID}))
	if got := must[shopflowdb.Order](t)(shopflowdb.Patch(ctx, db, shopflowdb.Orders, o.ID, shopflowdb.OrderPatch{Status: shopflowdb.Set("paid")})); got.Status != "paid" || got.UserID != ann.ID {
		t.Errorf("Patch(Orders) = %+v", got)
	}
	var fe *shopflowdb.ForeignKeyError
	if _, err := shopflowdb.Patch(ctx, db, shopflowdb.Orders, o.ID, shopflowdb.OrderPatch{UserID: shopflowdb.Set(int32(4242))}); !errors.As(err, &fe) || fe.Constraint != "fk_orders_user" {
		t.Errorf("patching in a missing user: %v, want *ForeignKeyError", err)
	}

	bio := "writes"
	must[shopflowdb.UserProfile](t)(shopflowdb.Upsert(ctx, db, shopflowdb.UserProfileByUserID, shopflowdb.CreateUserProfileParams{UserID: ann.ID, Bio: &bio}))
	city := "Lyon"
	prof := must[shopflowdb.UserProfile](t)(shopflowdb.Upsert(ctx, db, shopflowdb.UserProfileByUserID, shopflowdb.CreateUserProfileParams{UserID: ann.ID, Location: &city}))
	if prof.Bio != nil || prof.Location == nil || *prof.Location != "Lyon" {
		t.Errorf("Upsert(UserProfileByUserID) over Ann's = %+v, want the given columns written, bio NULL", prof)
	}
	prof = must[shopflowdb.UserProfile](t)(shopflowdb.Patch(ctx, db, shopflowdb.UserProfiles, ann.ID, shopflowdb.UserProfilePatch{Bio: shopflowdb.Set(&bio)}))
	if prof.Bio == nil || *prof.Bio != "writes" || prof.Location == nil {
		t.Errorf("Patch(UserProfiles) = %+v, want bio set and location kept", prof)
	}
}

// TestFind: typed filters (equality, ranges, NULL, IN) and keyset pages in
// the order of any key or index, ascending or descending; the last row of
// a page starts the next, also when the index is not unique.
func TestFind(t *testing.T) {
	db, ctx := open(t)
	ann := must[shopflowdb.User](t)(shopflowdb.Create(ctx, db, shopflowdb.Users, shopflowdb.CreateUserParams{Name: "Ann", Email: "b@x"}))
	bob := must[shopflowdb.User](t)(shopflowdb.Create(ctx, db, shopflowdb.Users, shopflowdb.CreateUserParams{Name: "Bob", Email: "a@x"}))
	must[shopflowdb.User](t)(shopflowdb.Create(ctx, db, shopflowdb.Users, shopflowdb.CreateUserParams{Name: "Cy", Email: "c@x"}))
	byEmail := must[[]shopflowdb.User](t)(shopflowdb.Find(ctx, db, shopflowdb.Users, shopflowdb.UserFilter{}, shopflowdb.UsersByEmail, nil, 2))
	if len(byEmail) != 2 || byEmail[0] != bob || byEmail[1] != ann {
		t.Fatalf("Find(Users) by email = %+v, want Bob, Ann", byEmail)
	}
	if rest := must[[]shopflowdb.User](t)(shopflowdb.Find(ctx, db, shopflowdb.Users, shopflowdb.UserFilter{}, shopflowdb.UsersByEmail, &byEmail[1], 2)); len(rest) != 1 || rest[0].Name != "Cy" {
		t.Errorf("second page by email = %+v, want Cy", rest)
	}
	if got := must[[]shopflowdb.User](t)(shopflowdb.Find(ctx, db, shopflowdb.Users, shopflowdb.UserFilter{Name: shopflowdb.In("Ann", "Cy"), Email: shopflowdb.Ne("c@x")}, shopflowdb.UsersByIDDesc, nil, 10)); len(got) != 1 || got[0] != ann {
		t.Errorf("Find(Users) name IN (Ann, Cy) AND email <> c@x = %+v, want Ann", got)
	}
	if got := must[[]shopflowdb.User](t)(shopflowdb.Find(ctx, db, shopflowdb.Users, shopflowdb.UserFilter{Name: shopflowdb.In[string]()}, shopflowdb.UsersByID, nil, 10)); len(got) != 0 {
		t.Errorf("Find(Users) with an empty IN = %+v, want none", got)
	}

	// A non-unique index (orders by user_id) pages with the key as the
	// tie-breaker: five orders of Ann in pages of two, newest first.
	var ids []int32
	for range 5 {
		ids = append(ids, must[shopflowdb.Order](t)(shopflowdb.Create(ctx, db, shopflowdb.Orders, shopflowdb.CreateOrderParams{UserID: ann.ID})).ID)
	}
	must[shopflowdb.Order](t)(shopflowdb.Create(ctx, db, shopflowdb.Orders, shopflowdb.CreateOrderParams{UserID: bob.ID}))
	var paged []int32
	var after *shopflowdb.Order
	for {
		page := must[[]shopflowdb.Order](t)(shopflowdb.Find(ctx, db, shopflowdb.Orders, shopflowdb.OrderFilter{UserID: shopflowdb.Eq(ann.ID)}, shopflowdb.OrdersByUserIDDesc, after, 2))
		if len(page) == 0 {
			break
		}
		for _, o := range page {
			paged = append(paged, o.ID)
		}
		after = &page[len(page)-1]
	}
	if want := []int32{ids[4], ids[3], ids[2], ids[1], ids[0]}; fmt.Sprint(paged) != fmt.Sprint(want) {
		t.Errorf("Ann's orders by user_id DESC, in pages of 2 = %v, want %v", paged, want)
	}
	if got := must[[]shopflowdb.Order](t)(shopflowdb.Find(ctx, db, shopflowdb.Orders, shopflowdb.OrderFilter{ID: shopflowdb.Between(ids[1], ids[3]), Status: shopflowdb.Eq("pending")}, shopflowdb.OrdersByID, nil, 10)); len(got) != 3 || got[0].ID != ids[1] {
		t.Errorf("Find(Orders) id BETWEEN = %+v, want 3 orders from %d", got, ids[1])
	}

	pens := must[shopflowdb.Category](t)(shopflowdb.Create(ctx, db, shopflowdb.Categories, shopflowdb.CreateCategoryParams{Name: "Pens", Slug: "pens"}))
	must[shopflowdb.Category](t)(shopflowdb.Create(ctx, db, shopflowdb.Categories, shopflowdb.CreateCategoryParams{Name: "Ink", Slug: "zink"}))
	if got := must[[]shopflowdb.Category](t)(shopflowdb.Find(ctx, db, shopflowdb.Categories, shopflowdb.CategoryFilter{}, shopflowdb.CategoriesBySlugDesc, nil, 1)); len(got) != 1 || got[0].Name != "Ink" {
		t.Errorf("Find(Categories) by slug DESC = %+v, want Ink", got)
	}
	if got := must[[]shopflowdb.Category](t)(shopflowdb.Find(ctx, db, shopflowdb.Categories, shopflowdb.CategoryFilter{Name: shopflowdb.Lt("Q")}, shopflowdb.CategoriesByName, nil, 5)); len(got) != 2 || got[0].Name != "Ink" {
		t.Errorf("Find(Categories) name < Q = %+v", got)
	}
	must[shopflowdb.Product](t)(shopflowdb.Create(ctx, db, shopflowdb.Products, shopflowdb.CreateProductParams{Name: "Pen", Price: num(t, "2"), CategoryID: &pens.ID}))
	loose := must[shopflowdb.Product](t)(shopflowdb.Create(ctx, db, shopflowdb.Products, shopflowdb.CreateProductParams{Name: "Misc", Price: num(t, "5")}))
	// The soft-delete style condition: a nullable column IS NULL.
	if got := must[[]shopflowdb.Product](t)(shopflowdb.Find(ctx, db, shopflowdb.Products, shopflowdb.ProductFilter{CategoryID: shopflowdb.IsNull[int32](), Price: shopflowdb.Ge(num(t, "4.99"))}, shopflowdb.ProductsByID, nil, 5)); len(got) != 1 || got[0].ID != loose.ID {
		t.Errorf("Find(Products) without a category, price >= 4.99 = %+v, want Misc", got)
	}
	if got := must[[]shopflowdb.Product](t)(shopflowdb.Find(ctx, db, shopflowdb.Products, shopflowdb.ProductFilter{CategoryID: shopflowdb.NotNull[int32]()}, shopflowdb.ProductsByID, nil, 5)); len(got) != 1 || got[0].Name != "Pen" {
		t.Errorf("Find(Products) with a category = %+v, want Pen", got)
	}
	city := "Oslo"
	must[shopflowdb.UserProfile](t)(shopflowdb.Create(ctx, db, shopflowdb.UserProfiles, shopflowdb.CreateUserProfileParams{UserID: ann.ID, Location: &city}))
	must[shopflowdb.UserProfile](t)(shopflowdb.Create(ctx, db, shopflowdb.UserProfiles, shopflowdb.CreateUserProfileParams{UserID: bob.ID}))
	if got := must[[]shopflowdb.UserProfile](t)(shopflowdb.Find(ctx, db, shopflowdb.UserProfiles, shopflowdb.UserProfileFilter{Location: shopflowdb.Eq(city), UserID: shopflowdb.Gt(int32(0))}, shopflowdb.UserProfilesByUserID, nil, 5)); len(got) != 1 || got[0].UserID != ann.ID {
		t.Errorf("Find(UserProfiles) in Oslo = %+v, want Ann's", got)
	}
}
