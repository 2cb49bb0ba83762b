package shopflow_test

// Benchmarks of the query surface beyond CRUD (partial update, upsert,
// filtered keyset page, counts per parent, an M:N side for many rows,
// re-linking), each against the SQL a careful developer would write by
// hand on pgx for the same task.

import (
	"strconv"
	"testing"

	"github.com/jackc/pgx/v5/pgtype"

	"github.com/ergen-dev/ergen/examples/shopflow/shopflowdb"
)

// BenchmarkPatch changes one column of a user; by hand, the UPDATE names
// that column alone.
func BenchmarkPatch(b *testing.B) {
	conn, db, ctx := benchDB(b)
	ids, _ := seed(b, db, ctx, 1, 0, 0)
	name := "renamed" + strconv.Itoa(len(ids)) // not a constant, as in real use
	compare(b, func(b *testing.B) {
		var u shopflowdb.User
		check(b, conn.QueryRow(ctx, "UPDATE users SET name = $2 WHERE id = $1 RETURNING id, name, email", ids[0], name).Scan(&u.ID, &u.Name, &u.Email))
	}, func(b *testing.B) {
		_, err := shopflowdb.Patch(ctx, db, shopflowdb.Users, ids[0], shopflowdb.UserPatch{Name: shopflowdb.Set(name)})
		check(b, err)
	})
}

// BenchmarkUpsert writes a user by email, which exists: the update path.
func BenchmarkUpsert(b *testing.B) {
	conn, db, ctx := benchDB(b)
	ids, _ := seed(b, db, ctx, 1, 0, 0)
	name, email := "again"+strconv.Itoa(len(ids)), "seed"+strconv.Itoa(len(ids)-1) // not constants, as in real use
	compare(b, func(b *testing.B) {
		var u shopflowdb.User
		check(b, conn.QueryRow(ctx, "INSERT INTO users AS t (name, email) VALUES ($1, $2) ON CONFLICT (email) DO UPDATE SET name = EXCLUDED.name RETURNING t.id, t.name, t.email", name, email).
			Scan(&u.ID, &u.Name, &u.Email))
	}, func(b *testing.B) {
		_, err := shopflowdb.Upsert(ctx, db, shopflowdb.UserByEmail, shopflowdb.CreateUserParams{Name: name, Email: email})
		check(b, err)
	})
}

// BenchmarkFindPage reads the second page of 50 of a user's 200 orders,
// newest first, with a filter on status: a keyset on the foreign key's
// index.
func BenchmarkFindPage(b *testing.B) {
	conn, db, ctx := benchDB(b)
	ids, _ := seed(b, db, ctx, 1, 200, 0)
	f := shopflowdb.OrderFilter{UserID: shopflowdb.Eq(ids[0]), Status: shopflowdb.Eq("pending")}
	first, err := shopflowdb.Find(ctx, db, shopflowdb.Orders, f, shopflowdb.OrdersByUserIDDesc, nil, 50)
	check(b, err)
	after := &first[49]
	compare(b, func(b *testing.B) {
		rows, err := conn.Query(ctx, "SELECT id, user_id, status FROM orders WHERE user_id = $1 AND status = $2 AND (user_id, id) < ($3, $4) ORDER BY user_id DESC, id DESC LIMIT $5",
			ids[0], "pending", after.UserID, after.ID, 50)
		check(b, err)
		var out []shopflowdb.Order
		for rows.Next() {
			var o shopflowdb.Order
			check(b, rows.Scan(&o.ID, &o.UserID, &o.Status))
			out = append(out, o)
		}
		check(b, rows.Err())
		if len(out) != 50 {
			b.Fatal(len(out))
		}
	}, func(b *testing.B) {
		out, err := shopflowdb.Find(ctx, db, shopflowdb.Orders, f, shopflowdb.OrdersByUserIDDesc, after, 50)
		check(b, err)
		if len(out) != 50 {
			b.Fatal(len(out))
		}
	})
}

// BenchmarkCountChildren counts the orders of 100 users in one query.
func BenchmarkCountChildren(b *testing.B) {
	conn, db, ctx := benchDB(b)
	ids, _ := seed(b, db, ctx, 100, 3, 0)
	compare(b, func(b *testing.B) {
		rows, err := conn.Query(ctx, "SELECT user_id, count(*) FROM orders WHERE user_id = ANY($1) GROUP BY user_id", ids)
		check(b, err)
		out := make(map[int32]int64, len(ids))
		for rows.Next() {
			var k int32
			var n int64
			check(b, rows.Scan(&k, &n))
			out[k] = n
		}
		check(b, rows.Err())
		if len(out) != 100 {
			b.Fatal(len(out))
		}
	}, func(b *testing.B) {
		out, err := shopflowdb.CountChildrenOf(ctx, db, shopflowdb.OrderUser, ids)
		check(b, err)
		if len(out) != 100 {
			b.Fatal(len(out))
		}
	})
}

// BenchmarkManyToManyBatch loads the products of many orders (one of them
// with 100 links) in one query.
func BenchmarkManyToManyBatch(b *testing.B) {
	conn, db, ctx := benchDB(b)
	ids, order := seed(b, db, ctx, 10, 1, 100)
	orders := []int32{order}
	for _, u := range ids[1:] {
		os, err := shopflowdb.ChildrenOf(ctx, db, shopflowdb.OrderUser, u)
		check(b, err)
		orders = append(orders, os[0].ID)
	}
	compare(b, func(b *testing.B) {
		rows, err := conn.Query(ctx, `SELECT x.id, x.category_id, x.name, x.price, j.id, j.order_id, j.product_id, j.quantity, j.price_at_purchase
			FROM order_items AS j JOIN products AS x ON x.id = j.product_id WHERE j.order_id = ANY($1) ORDER BY j.order_id, j.id`, orders)
		check(b, err)
		out := make(map[int32][]shopflowdb.OrderItemProduct, len(orders))
		for rows.Next() {
			var r shopflowdb.OrderItemProduct
			check(b, rows.Scan(&r.Product.ID, &r.Product.CategoryID, &r.Product.Name, &r.Product.Price,
				&r.OrderItem.ID, &r.OrderItem.OrderID, &r.OrderItem.ProductID, &r.OrderItem.Quantity, &r.OrderItem.PriceAtPurchase))
			out[r.OrderItem.OrderID] = append(out[r.OrderItem.OrderID], r)
		}
		check(b, rows.Err())
		if len(out[order]) != 100 {
			b.Fatal(len(out[order]))
		}
	}, func(b *testing.B) {
		out, err := shopflowdb.LinkedOfMany(ctx, db, shopflowdb.ProductsOfOrder, orders)
		check(b, err)
		if len(out[order]) != 100 {
			b.Fatal(len(out[order]))
		}
	})
}

// BenchmarkRelink links a linked pair again with a new quantity: the
// update path of Link.
func BenchmarkRelink(b *testing.B) {
	conn, db, ctx := benchDB(b)
	_, order := seed(b, db, ctx, 1, 1, 1)
	items, err := shopflowdb.Linked(ctx, db, shopflowdb.ProductsOfOrder, order)
	check(b, err)
	product := items[0].Product.ID
	var price pgtype.Numeric
	check(b, price.Scan("9.99"))
	compare(b, func(b *testing.B) {
		var added bool
		check(b, conn.QueryRow(ctx, "INSERT INTO order_items AS t (order_id, product_id, quantity, price_at_purchase) VALUES ($1, $2, $3, $4) ON CONFLICT (order_id, product_id) DO UPDATE SET quantity = EXCLUDED.quantity, price_at_purchase = EXCLUDED.price_at_purchase RETURNING t.xmax = 0",
			order, product, int32(2), price).Scan(&added))
	}, func(b *testing.B) {
		_, err := shopflowdb.Link(ctx, db, shopflowdb.OrderItems, shopflowdb.LinkOrderProductParams{OrderID: order, ProductID: product, Quantity: 2, PriceAtPurchase: price})
		check(b, err)
	})
}
