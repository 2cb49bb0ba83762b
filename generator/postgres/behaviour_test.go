package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/ergen-dev/ergen/generator/model"
)

// TestActions runs the testdata/actions model on PostgreSQL and checks
// that every foreign key does, on delete and on key update of its parent,
// what its declared action says: NO ACTION and RESTRICT refuse with SQLSTATE
// 23503 naming the model's constraint, CASCADE deletes or follows, SET NULL
// clears, SET DEFAULT rewrites to the column default. A deferred NO ACTION
// refuses at COMMIT instead; a RESTRICT refuses at once even when deferred.
func TestActions(t *testing.T) {
	s, conn := applied(t, "actions")
	parents := s.Entities[0].Table
	if parents.Name != "parents" {
		t.Fatalf("first entity of the actions model is %s, want parents", parents.Name)
	}

	events := []struct {
		name string
		sql  string
		// newID is the parent key children are left pointing at when the
		// action follows the parent (CASCADE on update); 0 means the row
		// is gone (CASCADE on delete).
		newID  int
		action func(fk *model.ForeignKey) model.RefAction
	}{
		{"delete", "DELETE FROM " + s.Qualify(parents.Name) + " WHERE id = 1", 0, func(fk *model.ForeignKey) model.RefAction { return fk.OnDelete.Action }},
		{"update", "UPDATE " + s.Qualify(parents.Name) + " SET id = 10 WHERE id = 1", 10, func(fk *model.ForeignKey) model.RefAction { return fk.OnUpdate.Action }},
	}
	seen := map[string]bool{}
	for _, fk := range parents.Referenced {
		for _, ev := range events {
			act := ev.action(fk)
			deferred := fk.Deferrable == model.DeferrableDeferred
			seen[fmt.Sprintf("%s %s deferred=%v", ev.name, act, deferred)] = true
			t.Run(fk.Table.Name+"/"+ev.name, func(t *testing.T) {
				ctx := context.Background()
				tx, err := conn.Begin(ctx)
				if err != nil {
					t.Fatal(err)
				}
				defer tx.Rollback(ctx)
				child := s.Qualify(fk.Table.Name)
				col := model.QuoteIdent(fk.Columns[0].Name)
				mustExec(t, tx, "INSERT INTO "+s.Qualify(parents.Name)+" (id) VALUES (0), (1), (2)")
				mustExec(t, tx, fmt.Sprintf("INSERT INTO %s (id, %s) VALUES (1, 1), (2, 2)", child, col))
				_, err = tx.Exec(ctx, ev.sql)

				switch {
				case act == model.NoAction && deferred:
					if err != nil {
						t.Fatalf("%s with a deferred NO ACTION key refused at once: %v", ev.name, describe(err))
					}
					wantFKError(t, tx.Commit(ctx), fk.Name)
					return
				case act.Blocks():
					wantFKError(t, err, fk.Name)
					return
				case err != nil:
					t.Fatalf("%s with ON %s %s: %v", ev.name, ev.name, act, describe(err))
				}
				var want *int
				switch act {
				case model.Cascade:
					if ev.newID != 0 {
						want = &ev.newID
					}
				case model.SetNull:
					want = new(int) // replaced below by a NULL check
				case model.SetDefault:
					def, err := strconv.Atoi(fk.Columns[0].Default)
					if err != nil {
						t.Fatalf("default of %s is %q, want a number", col, fk.Columns[0].Default)
					}
					want = &def
				}
				var n int
				var ref *int
				err = tx.QueryRow(ctx, fmt.Sprintf("SELECT count(*) OVER (), %s FROM %s WHERE id = 1", col, child)).Scan(&n, &ref)
				switch {
				case act == model.Cascade && want == nil:
					if err != pgx.ErrNoRows {
						t.Fatalf("ON DELETE CASCADE left the child row (err %v, ref %v)", err, ref)
					}
				case err != nil:
					t.Fatalf("reading the child row: %v", err)
				case act == model.SetNull:
					if ref != nil {
						t.Errorf("ON %s SET NULL left %s = %d", ev.name, col, *ref)
					}
				case ref == nil || *ref != *want:
					t.Errorf("ON %s %s: %s = %v, want %d", ev.name, act, col, deref(ref), *want)
				}
				// The row of the other parent is untouched.
				var other int
				if err := tx.QueryRow(ctx, fmt.Sprintf("SELECT %s FROM %s WHERE id = 2", col, child)).Scan(&other); err != nil || other != 2 {
					t.Errorf("the child of parent 2 changed: %v, %v", other, err)
				}
			})
		}
	}
	// The model must exercise every action on both events, and both
	// deferred cases.
	for _, ev := range []string{"delete", "update"} {
		for _, act := range []model.RefAction{model.NoAction, model.Restrict, model.Cascade, model.SetNull, model.SetDefault} {
			if !seen[fmt.Sprintf("%s %s deferred=false", ev, act)] {
				t.Errorf("testdata/actions has no foreign key with ON %s %s", ev, act)
			}
		}
	}
	for _, act := range []model.RefAction{model.NoAction, model.Restrict} {
		if !seen[fmt.Sprintf("delete %s deferred=true", act)] {
			t.Errorf("testdata/actions has no deferred foreign key with ON DELETE %s", act)
		}
	}

	t.Run("deferred NO ACTION checks at COMMIT", func(t *testing.T) { deferredChecksAtCommit(t, conn) })
}

// deferredChecksAtCommit shows what deferring buys: the parent row may be
// missing in the middle of a transaction as long as it is back by COMMIT.
func deferredChecksAtCommit(t *testing.T, conn *pgx.Conn) {
	ctx := context.Background()
	mustExec(t, conn, "INSERT INTO parents (id) VALUES (1)")
	mustExec(t, conn, "INSERT INTO deferred_no_actions (id, parent_id) VALUES (1, 1)")

	tx, err := conn.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	mustExec(t, tx, "DELETE FROM parents WHERE id = 1")
	mustExec(t, tx, "INSERT INTO parents (id) VALUES (1)")
	if err := tx.Commit(ctx); err != nil {
		t.Fatalf("COMMIT after putting the parent back: %v", describe(err))
	}

	// Checked immediately, the same transaction is refused at the DELETE.
	tx, err = conn.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	mustExec(t, tx, "SET CONSTRAINTS fk_deferred_no_actions_parent IMMEDIATE")
	_, err = tx.Exec(ctx, "DELETE FROM parents WHERE id = 1")
	wantFKError(t, err, "fk_deferred_no_actions_parent")
}

// execer is what *pgx.Conn and pgx.Tx have in common.
type execer interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
}

func mustExec(t *testing.T, db execer, sql string, args ...any) {
	t.Helper()
	if _, err := db.Exec(context.Background(), sql, args...); err != nil {
		t.Fatalf("%s: %v", sql, describe(err))
	}
}

func deref(p *int) any {
	if p == nil {
		return "NULL"
	}
	return *p
}

// TestMatchFull checks that a foreign key declared `match full` refuses a
// composite key with one column NULL, which MATCH SIMPLE would accept as
// referencing nothing, and still accepts all NULL or a real parent.
func TestMatchFull(t *testing.T) {
	_, conn := applied(t, "matchfull")
	ctx := context.Background()
	mustExec(t, conn, "INSERT INTO warehouses (region, code) VALUES ('eu', 3)")
	mustExec(t, conn, "INSERT INTO shipments (origin_region, origin_code) VALUES (NULL, NULL), ('eu', 3)")
	_, err := conn.Exec(ctx, "INSERT INTO shipments (origin_region, origin_code) VALUES (NULL, 3)")
	var pe *pgconn.PgError
	if !errors.As(err, &pe) || pe.Code != "23503" || pe.ConstraintName != "fk_shipments_origin" {
		t.Fatalf("inserting (NULL, 3): got %v, want a violation of fk_shipments_origin", err)
	}
}
