package shopflow_test

// Benchmarks of the generated code against the same operations written by
// hand directly on pgx (the floor), on one connection over a unix socket:
//
//	go test -run '^$' -bench . -benchmem ./examples/shopflow/
//
// Each benchmark has a pgx and an ergen sub-benchmark running the same SQL
// on the same data; generator/golang/BENCHMARKS.md records the results.

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/ergen-dev/ergen/examples/shopflow/shopflowdb"
	"github.com/ergen-dev/ergen/generator/golang/golangtest"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

// compare runs the hand-written and the generated operation as separate
// sub-benchmarks (for allocs/op), then as "paired": the two alternate
// iteration by iteration, so that load from other processes on the machine
// falls on both alike, and the metrics pgx-ns/op, ergen-ns/op and ratio
// compare them.
func compare(b *testing.B, hand, generated func(b *testing.B)) {
	compareWith(b, "pgx", hand, generated)
}

// compareWith is compare against another implementation, named base.
func compareWith(b *testing.B, base string, other, generated func(b *testing.B)) {
	b.Run(base, func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			other(b)
		}
	})
	b.Run("ergen", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			generated(b)
		}
	})
	b.Run("paired", func(b *testing.B) {
		var th, tg time.Duration
		i := 0
		for b.Loop() {
			i++
			if i%2 == 0 {
				t0 := time.Now()
				other(b)
				t1 := time.Now()
				generated(b)
				th, tg = th+t1.Sub(t0), tg+time.Since(t1)
			} else {
				t0 := time.Now()
				generated(b)
				t1 := time.Now()
				other(b)
				tg, th = tg+t1.Sub(t0), th+time.Since(t1)
			}
		}
		b.ReportMetric(float64(th.Nanoseconds())/float64(i), base+"-ns/op")
		b.ReportMetric(float64(tg.Nanoseconds())/float64(i), "ergen-ns/op")
		b.ReportMetric(float64(tg)/float64(th), "ratio")
	})
}

// benchDB is a fresh database with shopflow's schema, on one connection.
func benchDB(b *testing.B) (*pgx.Conn, *shopflowdb.DB, context.Context) {
	b.Helper()
	conn := pgtest.Conn(b)
	ctx := context.Background()
	if _, err := conn.Exec(ctx, string(golangtest.DDL(b, "schema.sql", "shopflow.er"))); err != nil {
		b.Fatal(err)
	}
	return conn, shopflowdb.New(conn), ctx
}

func check(b *testing.B, err error) {
	if err != nil {
		b.Fatal(err)
	}
}

// seed creates users with orders each, products, and links order 1 of
// the first user to every product.
func seed(b *testing.B, db *shopflowdb.DB, ctx context.Context, users, ordersEach, products int) ([]int32, int32) {
	b.Helper()
	var ids []int32
	for i := range users {
		u, err := shopflowdb.Create(ctx, db, shopflowdb.Users, shopflowdb.CreateUserParams{Name: "u", Email: "seed" + strconv.Itoa(i)})
		check(b, err)
		ids = append(ids, u.ID)
		for range ordersEach {
			_, err := shopflowdb.Create(ctx, db, shopflowdb.Orders, shopflowdb.CreateOrderParams{UserID: u.ID})
			check(b, err)
		}
	}
	if products == 0 {
		return ids, 0
	}
	var price pgtype.Numeric
	check(b, price.Scan("9.99"))
	first, err := shopflowdb.ChildrenOf(ctx, db, shopflowdb.OrderUser, ids[0])
	check(b, err)
	for i := range products {
		p, err := shopflowdb.Create(ctx, db, shopflowdb.Products, shopflowdb.CreateProductParams{Name: "p" + strconv.Itoa(i), Price: price})
		check(b, err)
		_, err = shopflowdb.Link(ctx, db, shopflowdb.OrderItems, shopflowdb.LinkOrderProductParams{OrderID: first[0].ID, ProductID: p.ID, Quantity: 1, PriceAtPurchase: price})
		check(b, err)
	}
	return ids, first[0].ID
}

func BenchmarkCreate(b *testing.B) {
	conn, db, ctx := benchDB(b)
	n := 0
	name := strconv.Itoa(n) // not a constant, as in real use
	compare(b, func(b *testing.B) {
		n++
		var u shopflowdb.User
		err := conn.QueryRow(ctx, "INSERT INTO users (name, email) VALUES ($1, $2) RETURNING id, name, email", name, "a"+strconv.Itoa(n)).
			Scan(&u.ID, &u.Name, &u.Email)
		check(b, err)
	}, func(b *testing.B) {
		n++
		_, err := shopflowdb.Create(ctx, db, shopflowdb.Users, shopflowdb.CreateUserParams{Name: name, Email: "a" + strconv.Itoa(n)})
		check(b, err)
	})
}

func BenchmarkGet(b *testing.B) {
	conn, db, ctx := benchDB(b)
	ids, _ := seed(b, db, ctx, 1, 0, 0)
	compare(b, func(b *testing.B) {
		var u shopflowdb.User
		check(b, conn.QueryRow(ctx, "SELECT id, name, email FROM users WHERE id = $1", ids[0]).Scan(&u.ID, &u.Name, &u.Email))
	}, func(b *testing.B) {
		_, err := shopflowdb.Get(ctx, db, shopflowdb.UserByID, ids[0])
		check(b, err)
	})
}

// BenchmarkChildren reads the 100 orders of a user.
func BenchmarkChildren(b *testing.B) {
	conn, db, ctx := benchDB(b)
	ids, _ := seed(b, db, ctx, 1, 100, 0)
	compare(b, func(b *testing.B) {
		rows, err := conn.Query(ctx, "SELECT id, user_id, status FROM orders WHERE user_id = $1 ORDER BY id", ids[0])
		check(b, err)
		var out []shopflowdb.Order
		for rows.Next() {
			var o shopflowdb.Order
			check(b, rows.Scan(&o.ID, &o.UserID, &o.Status))
			out = append(out, o)
		}
		check(b, rows.Err())
		if len(out) != 100 {
			b.Fatal(len(out))
		}
	}, func(b *testing.B) {
		out, err := shopflowdb.ChildrenOf(ctx, db, shopflowdb.OrderUser, ids[0])
		check(b, err)
		if len(out) != 100 {
			b.Fatal(len(out))
		}
	})
}

// BenchmarkManyToMany lists the 100 products of an order with their lines.
func BenchmarkManyToMany(b *testing.B) {
	conn, db, ctx := benchDB(b)
	_, order := seed(b, db, ctx, 1, 1, 100)
	compare(b, func(b *testing.B) {
		rows, err := conn.Query(ctx, `SELECT x.id, x.category_id, x.name, x.price, j.id, j.order_id, j.product_id, j.quantity, j.price_at_purchase
			FROM order_items AS j JOIN products AS x ON x.id = j.product_id WHERE j.order_id = $1 ORDER BY j.id`, order)
		check(b, err)
		var out []shopflowdb.OrderItemProduct
		for rows.Next() {
			var r shopflowdb.OrderItemProduct
			check(b, rows.Scan(&r.Product.ID, &r.Product.CategoryID, &r.Product.Name, &r.Product.Price,
				&r.OrderItem.ID, &r.OrderItem.OrderID, &r.OrderItem.ProductID, &r.OrderItem.Quantity, &r.OrderItem.PriceAtPurchase))
			out = append(out, r)
		}
		check(b, rows.Err())
		if len(out) != 100 {
			b.Fatal(len(out))
		}
	}, func(b *testing.B) {
		out, err := shopflowdb.Linked(ctx, db, shopflowdb.ProductsOfOrder, order)
		check(b, err)
		if len(out) != 100 {
			b.Fatal(len(out))
		}
	})
}

// BenchmarkBatch loads the orders of 100 users (3 each) in one query.
func BenchmarkBatch(b *testing.B) {
	conn, db, ctx := benchDB(b)
	ids, _ := seed(b, db, ctx, 100, 3, 0)
	compare(b, func(b *testing.B) {
		rows, err := conn.Query(ctx, "SELECT id, user_id, status FROM orders WHERE user_id = ANY($1) ORDER BY user_id, id", ids)
		check(b, err)
		out := make(map[int32][]shopflowdb.Order, len(ids))
		for rows.Next() {
			var o shopflowdb.Order
			check(b, rows.Scan(&o.ID, &o.UserID, &o.Status))
			out[o.UserID] = append(out[o.UserID], o)
		}
		check(b, rows.Err())
		if len(out) != 100 {
			b.Fatal(len(out))
		}
	}, func(b *testing.B) {
		out, err := shopflowdb.ChildrenOfMany(ctx, db, shopflowdb.OrderUser, ids)
		check(b, err)
		if len(out) != 100 {
			b.Fatal(len(out))
		}
	})
}

// BenchmarkInsert10k inserts 10,000 products: by COPY by hand and
// generated, and row by row through the generated Create.
func BenchmarkInsert10k(b *testing.B) {
	conn, db, ctx := benchDB(b)
	var price pgtype.Numeric
	check(b, price.Scan("1.25"))
	rows := make([]shopflowdb.CreateProductParams, 10000)
	for i := range rows {
		rows[i] = shopflowdb.CreateProductParams{Name: "p" + strconv.Itoa(i), Price: price}
	}
	compare(b, func(b *testing.B) {
		n, err := conn.CopyFrom(ctx, pgx.Identifier{"products"}, []string{"category_id", "name", "price"},
			pgx.CopyFromSlice(len(rows), func(i int) ([]any, error) {
				r := &rows[i]
				return []any{r.CategoryID, r.Name, r.Price}, nil
			}))
		check(b, err)
		if n != 10000 {
			b.Fatal(n)
		}
	}, func(b *testing.B) {
		n, err := shopflowdb.Copy(ctx, db, shopflowdb.Products, rows)
		check(b, err)
		if n != 10000 {
			b.Fatal(n)
		}
	})
	b.Run("ergen-create", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for i := range rows {
				_, err := shopflowdb.Create(ctx, db, shopflowdb.Products, shopflowdb.CreateProductParams{CategoryID: rows[i].CategoryID, Name: rows[i].Name, Price: rows[i].Price})
				check(b, err)
			}
		}
	})
}
