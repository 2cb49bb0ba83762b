package shopflow_test

// The operations of bench_test.go and query_bench_test.go beyond Get and
// the two listings, through the code sqlc generates for the same SQL
// (examples/shopflow/sqlcdb/queries.sql), side by side with ergen's:
//
//	go test -run '^$' -bench VsSQLCQueries -benchmem ./examples/shopflow/
//
// Where sqlc returns rows that a caller wants by parent (batch loading,
// counts), the sqlc side groups them into the map ergen returns, as its
// user would.

import (
	"strconv"
	"testing"

	"github.com/jackc/pgx/v5/pgtype"

	"github.com/ergen-dev/ergen/examples/shopflow/shopflowdb"
	"github.com/ergen-dev/ergen/examples/shopflow/sqlcdb"
)

func BenchmarkVsSQLCQueries(b *testing.B) {
	b.Run("Create", benchSQLCCreate)
	b.Run("Patch", benchSQLCPatch)
	b.Run("Upsert", benchSQLCUpsert)
	b.Run("FindPage", benchSQLCFindPage)
	b.Run("CountChildren", benchSQLCCounts)
	b.Run("Batch", benchSQLCBatch)
	b.Run("ManyToManyBatch", benchSQLCManyToManyBatch)
	b.Run("Relink", benchSQLCRelink)
	b.Run("Copy10k", benchSQLCCopy)
}

func benchSQLCCreate(b *testing.B) {
	conn, db, ctx := benchDB(b)
	sq := sqlcdb.New(conn)
	n := 0
	name := strconv.Itoa(n) // not a constant, as in real use
	compareWith(b, "sqlc", func(b *testing.B) {
		n++
		_, err := sq.CreateUser(ctx, sqlcdb.CreateUserParams{Name: name, Email: "a" + strconv.Itoa(n)})
		check(b, err)
	}, func(b *testing.B) {
		n++
		_, err := shopflowdb.Create(ctx, db, shopflowdb.Users, shopflowdb.CreateUserParams{Name: name, Email: "a" + strconv.Itoa(n)})
		check(b, err)
	})
}

func benchSQLCPatch(b *testing.B) {
	conn, db, ctx := benchDB(b)
	sq := sqlcdb.New(conn)
	ids, _ := seed(b, db, ctx, 1, 0, 0)
	name := "renamed" + strconv.Itoa(len(ids))
	compareWith(b, "sqlc", func(b *testing.B) {
		_, err := sq.SetUserName(ctx, sqlcdb.SetUserNameParams{ID: ids[0], Name: name})
		check(b, err)
	}, func(b *testing.B) {
		_, err := shopflowdb.Patch(ctx, db, shopflowdb.Users, ids[0], shopflowdb.UserPatch{Name: shopflowdb.Set(name)})
		check(b, err)
	})
}

func benchSQLCUpsert(b *testing.B) {
	conn, db, ctx := benchDB(b)
	sq := sqlcdb.New(conn)
	ids, _ := seed(b, db, ctx, 1, 0, 0)
	name, email := "again"+strconv.Itoa(len(ids)), "seed"+strconv.Itoa(len(ids)-1)
	compareWith(b, "sqlc", func(b *testing.B) {
		_, err := sq.UpsertUserByEmail(ctx, sqlcdb.UpsertUserByEmailParams{Name: name, Email: email})
		check(b, err)
	}, func(b *testing.B) {
		_, err := shopflowdb.Upsert(ctx, db, shopflowdb.UserByEmail, shopflowdb.CreateUserParams{Name: name, Email: email})
		check(b, err)
	})
}

func benchSQLCFindPage(b *testing.B) {
	conn, db, ctx := benchDB(b)
	sq := sqlcdb.New(conn)
	ids, _ := seed(b, db, ctx, 1, 200, 0)
	f := shopflowdb.OrderFilter{UserID: shopflowdb.Eq(ids[0]), Status: shopflowdb.Eq("pending")}
	first, err := shopflowdb.Find(ctx, db, shopflowdb.Orders, f, shopflowdb.OrdersByUserIDDesc, nil, 50)
	check(b, err)
	after := &first[49]
	compareWith(b, "sqlc", func(b *testing.B) {
		out, err := sq.OrdersPageByStatus(ctx, sqlcdb.OrdersPageByStatusParams{UserID: ids[0], Status: "pending", AfterUserID: after.UserID, AfterID: after.ID, Limit: 50})
		check(b, err)
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

func benchSQLCCounts(b *testing.B) {
	conn, db, ctx := benchDB(b)
	sq := sqlcdb.New(conn)
	ids, _ := seed(b, db, ctx, 100, 3, 0)
	compareWith(b, "sqlc", func(b *testing.B) {
		rows, err := sq.CountOrdersByUsers(ctx, ids)
		check(b, err)
		out := make(map[int32]int64, len(rows))
		for _, r := range rows {
			out[r.UserID] = r.Count
		}
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

func benchSQLCBatch(b *testing.B) {
	conn, db, ctx := benchDB(b)
	sq := sqlcdb.New(conn)
	ids, _ := seed(b, db, ctx, 100, 3, 0)
	compareWith(b, "sqlc", func(b *testing.B) {
		rows, err := sq.OrdersByUsers(ctx, ids)
		check(b, err)
		out := make(map[int32][]sqlcdb.Order, len(ids))
		for _, r := range rows {
			out[r.UserID] = append(out[r.UserID], r)
		}
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

func benchSQLCManyToManyBatch(b *testing.B) {
	conn, db, ctx := benchDB(b)
	sq := sqlcdb.New(conn)
	ids, order := seed(b, db, ctx, 10, 1, 100)
	orders := []int32{order}
	for _, u := range ids[1:] {
		os, err := shopflowdb.ChildrenOf(ctx, db, shopflowdb.OrderUser, u)
		check(b, err)
		orders = append(orders, os[0].ID)
	}
	compareWith(b, "sqlc", func(b *testing.B) {
		rows, err := sq.ProductsOfOrders(ctx, orders)
		check(b, err)
		out := make(map[int32][]sqlcdb.ProductsOfOrdersRow, len(orders))
		for _, r := range rows {
			out[r.OrderItem.OrderID] = append(out[r.OrderItem.OrderID], r)
		}
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

func benchSQLCRelink(b *testing.B) {
	conn, db, ctx := benchDB(b)
	sq := sqlcdb.New(conn)
	_, order := seed(b, db, ctx, 1, 1, 1)
	items, err := shopflowdb.Linked(ctx, db, shopflowdb.ProductsOfOrder, order)
	check(b, err)
	product := items[0].Product.ID
	var price pgtype.Numeric
	check(b, price.Scan("9.99"))
	compareWith(b, "sqlc", func(b *testing.B) {
		_, err := sq.LinkOrderProduct(ctx, sqlcdb.LinkOrderProductParams{OrderID: order, ProductID: product, Quantity: 2, PriceAtPurchase: price})
		check(b, err)
	}, func(b *testing.B) {
		_, err := shopflowdb.Link(ctx, db, shopflowdb.OrderItems, shopflowdb.LinkOrderProductParams{OrderID: order, ProductID: product, Quantity: 2, PriceAtPurchase: price})
		check(b, err)
	})
}

func benchSQLCCopy(b *testing.B) {
	conn, db, ctx := benchDB(b)
	sq := sqlcdb.New(conn)
	var price pgtype.Numeric
	check(b, price.Scan("1.25"))
	rows := make([]shopflowdb.CreateProductParams, 10000)
	sqlcRows := make([]sqlcdb.CopyProductsParams, len(rows))
	for i := range rows {
		rows[i] = shopflowdb.CreateProductParams{Name: "p" + strconv.Itoa(i), Price: price}
		sqlcRows[i] = sqlcdb.CopyProductsParams{Name: rows[i].Name, Price: price}
	}
	compareWith(b, "sqlc", func(b *testing.B) {
		n, err := sq.CopyProducts(ctx, sqlcRows)
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
}
