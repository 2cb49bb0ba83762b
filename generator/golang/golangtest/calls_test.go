package golangtest_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/ergen-dev/ergen/generator/golang/golangtest"
)

// DB stands for a generated package's DB: each method runs a statement,
// InTx from inside a function literal, as the generated one does.
type DB struct{ db golangtest.DBTX }

func (q *DB) GetUser(ctx context.Context) { q.db.QueryRow(ctx, "SELECT 1") }
func (q *DB) DeleteUser(ctx context.Context) {
	q.db.Exec(ctx, "DELETE") //nolint:errcheck
}
func (q *DB) InTx(ctx context.Context) {
	func() { q.db.Begin(ctx) }() //nolint:errcheck
}

// DBTX is an accessor: it runs no statement, so Missing never lists it.
func (q *DB) DBTX() golangtest.DBTX { return q.db }

// discard is the database under the recorder: what it returns does not
// matter, only that the statement reached it.
type discard struct{ golangtest.DBTX }

func (discard) QueryRow(context.Context, string, ...any) pgx.Row { return nil }
func (discard) Exec(context.Context, string, ...any) (pgconn.CommandTag, error) {
	return pgconn.CommandTag{}, nil
}
func (discard) Begin(context.Context) (pgx.Tx, error) { return nil, nil }

func TestCallsRecordsTheMethodThatRan(t *testing.T) {
	calls := golangtest.NewCalls(&DB{})
	db := &DB{db: calls.Wrap(discard{})}
	ctx := context.Background()
	if got, want := calls.Missing(), []string{"DeleteUser", "GetUser", "InTx"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("before any call, Missing = %v, want %v", got, want)
	}
	db.GetUser(ctx)
	db.InTx(ctx)
	if got, want := calls.Missing(), []string{"DeleteUser"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("Missing = %v, want %v", got, want)
	}
	db.DeleteUser(ctx)
	if got := calls.Missing(); len(got) != 0 {
		t.Fatalf("Missing = %v after every method ran", got)
	}
}
