package golangtest

import (
	"context"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"
)

// ConnectSchema connects to the database whose URL the environment
// variable env holds and runs schema.sql, in the current directory, there:
// what a test copied next to a generated package needs first. The
// connection closes when the test ends.
func ConnectSchema(t testing.TB, env string) *pgx.Conn {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, os.Getenv(env))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(ctx) })
	ddl, err := os.ReadFile("schema.sql")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, string(ddl)); err != nil {
		t.Fatal(err)
	}
	return conn
}
