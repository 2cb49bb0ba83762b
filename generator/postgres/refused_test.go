package postgres_test

import (
	"context"
	"errors"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// wantRefused runs sql and checks that PostgreSQL refuses it with SQLSTATE
// state, raised by constraint unless that is "".
func wantRefused(t *testing.T, conn *pgx.Conn, sql, state, constraint string) {
	t.Helper()
	_, err := conn.Exec(context.Background(), sql)
	var pe *pgconn.PgError
	if !errors.As(err, &pe) || pe.Code != state || constraint != "" && pe.ConstraintName != constraint {
		t.Errorf("%s: got %v; want SQLSTATE %s %s", sql, err, state, constraint)
	}
}
