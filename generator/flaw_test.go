package generator_test

import (
	"context"
	"errors"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/ergen-dev/ergen/internal/pgtest"
)

// Resolve rejects SET NULL on a required FK and SET DEFAULT on a column
// without a default (TestPropertyFlawsRejected). PostgreSQL accepts both
// in DDL; these tests show, with hand-written SQL, what happens instead
// at the first delete, which is why ergen refuses them up front.

// inTx runs f in a transaction that is rolled back.
func inTx(t *testing.T, conn *pgx.Conn, f func(ctx context.Context, tx pgx.Tx)) {
	t.Helper()
	ctx := context.Background()
	tx, err := conn.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx) //nolint:errcheck // the test's rows go away
	f(ctx, tx)
}

func mustExec(t *testing.T, ctx context.Context, tx pgx.Tx, sql string) {
	t.Helper()
	if _, err := tx.Exec(ctx, sql); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

// wantCode checks that err is a PostgreSQL error with SQLSTATE code.
func wantCode(t *testing.T, err error, code, what string) {
	t.Helper()
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) || pgErr.Code != code {
		t.Fatalf("%s: got error %v, want SQLSTATE %s", what, err, code)
	}
}

func TestFlawSetNullOnRequiredFailsAtDelete(t *testing.T) {
	conn := pgtest.Conn(t)
	inTx(t, conn, func(ctx context.Context, tx pgx.Tx) {
		// The DDL of `relationship Parent 1:N Child { required; on delete set null }`.
		mustExec(t, ctx, tx, `CREATE TABLE parents (id integer PRIMARY KEY);
			CREATE TABLE children (id integer PRIMARY KEY,
				parent_id integer NOT NULL REFERENCES parents (id) ON DELETE SET NULL);
			INSERT INTO parents VALUES (1), (2);
			INSERT INTO children VALUES (10, 1)`)
		// A parent without children deletes fine, so the flaw hides
		// until a parent with children is deleted.
		mustExec(t, ctx, tx, `DELETE FROM parents WHERE id = 2`)
		_, err := tx.Exec(ctx, `DELETE FROM parents WHERE id = 1`)
		wantCode(t, err, "23502", "deleting a referenced parent") // not_null_violation
	})
}

func TestFlawSetDefaultWithoutDefault(t *testing.T) {
	conn := pgtest.Conn(t)
	t.Run("nullable column: SET DEFAULT silently sets NULL", func(t *testing.T) {
		inTx(t, conn, func(ctx context.Context, tx pgx.Tx) {
			mustExec(t, ctx, tx, `CREATE TABLE parents (id integer PRIMARY KEY);
				CREATE TABLE children (id integer PRIMARY KEY,
					parent_id integer REFERENCES parents (id) ON DELETE SET DEFAULT);
				INSERT INTO parents VALUES (1);
				INSERT INTO children VALUES (10, 1);
				DELETE FROM parents WHERE id = 1`)
			var parent *int32
			if err := tx.QueryRow(ctx, `SELECT parent_id FROM children WHERE id = 10`).Scan(&parent); err != nil {
				t.Fatal(err)
			}
			if parent != nil {
				t.Fatalf("parent_id = %d, want NULL: without a default, SET DEFAULT acts as SET NULL", *parent)
			}
		})
	})
	t.Run("NOT NULL column: the delete fails", func(t *testing.T) {
		inTx(t, conn, func(ctx context.Context, tx pgx.Tx) {
			mustExec(t, ctx, tx, `CREATE TABLE parents (id integer PRIMARY KEY);
				CREATE TABLE children (id integer PRIMARY KEY,
					parent_id integer NOT NULL REFERENCES parents (id) ON DELETE SET DEFAULT);
				INSERT INTO parents VALUES (1);
				INSERT INTO children VALUES (10, 1)`)
			_, err := tx.Exec(ctx, `DELETE FROM parents WHERE id = 1`)
			wantCode(t, err, "23502", "deleting a referenced parent") // not_null_violation
		})
	})
	t.Run("default without a parent row: the delete fails", func(t *testing.T) {
		// What ergen's hint warns about: the default must be an existing key.
		inTx(t, conn, func(ctx context.Context, tx pgx.Tx) {
			mustExec(t, ctx, tx, `CREATE TABLE parents (id integer PRIMARY KEY);
				CREATE TABLE children (id integer PRIMARY KEY,
					parent_id integer NOT NULL DEFAULT 0 REFERENCES parents (id) ON DELETE SET DEFAULT);
				INSERT INTO parents VALUES (1);
				INSERT INTO children VALUES (10, 1)`)
			_, err := tx.Exec(ctx, `DELETE FROM parents WHERE id = 1`)
			wantCode(t, err, "23503", "deleting a referenced parent") // foreign_key_violation
		})
	})
}
