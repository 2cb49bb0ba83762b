package postgres_test

import (
	"context"
	"errors"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	pgcatalog "github.com/ergen-dev/ergen/generator/importer/catalog"
	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

// applied loads testdata/NAME/input.er and applies its DDL to a database
// of its own: where a behaviour test starts.
func applied(t *testing.T, name string) (*model.Schema, *pgx.Conn) {
	t.Helper()
	s := load(t, filepath.Join("testdata", name, "input.er"))
	conn := pgtest.Conn(t)
	applyDDL(t, conn, emit(t, s))
	return s, conn
}

// applyDDL runs ddl in one transaction and commits it, so that a script
// that only works statement by statement (or leaves anything half done)
// fails here.
func applyDDL(t *testing.T, conn *pgx.Conn, ddl []byte) {
	t.Helper()
	ctx := context.Background()
	tx, err := conn.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, string(ddl)); err != nil {
		tx.Rollback(ctx)
		t.Fatalf("applying DDL: %v\n%s", describe(err), ddl)
	}
	if err := tx.Commit(ctx); err != nil {
		t.Fatalf("committing DDL: %v", describe(err))
	}
}

// describe adds the details of a PostgreSQL error to its message.
func describe(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Error() + " (detail: " + pe.Detail + "; constraint: " + pe.ConstraintName + "; position " + strconv.Itoa(int(pe.Position)) + ")"
	}
	return err.Error()
}

// checkFKIndexes checks on the catalog that every foreign key is led by
// some index (its own, the primary key, a UNIQUE key or another index),
// except those the model leaves uncovered after `no index`.
func checkFKIndexes(t *testing.T, s *model.Schema, got *pgcatalog.Catalog) {
	t.Helper()
	if diff := cmp.Diff(pgcatalog.ExpectUnindexed(s), got.UnindexedForeignKeys()); diff != "" {
		t.Errorf("foreign keys without an index leading with their columns (-expected +found):\n%s", diff)
	}
}

// wantFKError checks that err is PostgreSQL's foreign key violation
// (SQLSTATE 23503) raised by the named constraint.
func wantFKError(t *testing.T, err error, constraint string) {
	t.Helper()
	var pe *pgconn.PgError
	switch {
	case err == nil:
		t.Errorf("no error; want foreign key violation 23503 of %s", constraint)
	case !errors.As(err, &pe):
		t.Errorf("error %v; want foreign key violation 23503 of %s", err, constraint)
	case pe.Code != "23503" || pe.ConstraintName != constraint:
		t.Errorf("error %s (SQLSTATE %s, constraint %q); want 23503 of %s", pe.Message, pe.Code, pe.ConstraintName, constraint)
	}
}
