package shopflow_test

// The same operations through the code sqlc generates for the same SQL
// (examples/shopflow/sqlcdb), side by side with ergen's:
//
//	go test -run '^$' -bench VsSQLC -benchmem ./examples/shopflow/
//
// The ratio of the paired sub-benchmark is ergen's time over sqlc's.

import (
	"testing"

	"github.com/ergen-dev/ergen/examples/shopflow/shopflowdb"
	"github.com/ergen-dev/ergen/examples/shopflow/sqlcdb"
)

func BenchmarkVsSQLC(b *testing.B) {
	conn, db, ctx := benchDB(b)
	ids, order := seed(b, db, ctx, 1, 100, 100)
	sq := sqlcdb.New(conn)
	b.Run("Get", func(b *testing.B) {
		compareWith(b, "sqlc", func(b *testing.B) {
			_, err := sq.GetUser(ctx, ids[0])
			check(b, err)
		}, func(b *testing.B) {
			_, err := shopflowdb.Get(ctx, db, shopflowdb.UserByID, ids[0])
			check(b, err)
		})
	})
	b.Run("Children", func(b *testing.B) {
		compareWith(b, "sqlc", func(b *testing.B) {
			out, err := sq.OrdersByUser(ctx, ids[0])
			check(b, err)
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
	})
	b.Run("ManyToMany", func(b *testing.B) {
		compareWith(b, "sqlc", func(b *testing.B) {
			out, err := sq.ProductsOfOrder(ctx, order)
			check(b, err)
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
	})
}
