package postgres_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
)

// TestStandaloneSequence runs testdata/sequences: keys take their numbers
// from the declared sequences (two tables from one), the sequences are
// bigint and owned by no column, so dropping a table leaves its sequence;
// the UNIQUE index refuses a second row with the same name; the FK added
// NOT VALID is marked so and still refuses a new row without its parent.
func TestStandaloneSequence(t *testing.T) {
	_, conn := applied(t, "sequences")
	ctx := context.Background()
	var ids []int64
	for _, q := range []string{
		"INSERT INTO rental.payments (amount) VALUES (1) RETURNING payment_id",
		"INSERT INTO rental.refunds (amount) VALUES (1) RETURNING refund_id",
		"INSERT INTO rental.payments (amount) VALUES (2) RETURNING payment_id",
		"INSERT INTO rental.actors (name) VALUES ('a') RETURNING actor_id",
	} {
		var id int64
		if err := conn.QueryRow(ctx, q).Scan(&id); err != nil {
			t.Fatalf("%s: %v", q, describe(err))
		}
		ids = append(ids, id)
	}
	if want := []int64{1, 2, 3, 1}; !slices.Equal(ids, want) {
		t.Errorf("ids = %v, want %v: payments and refunds share one sequence, actors have their own", ids, want)
	}
	var typ string
	if err := conn.QueryRow(ctx, `SELECT format_type(seqtypid, NULL) FROM pg_sequence WHERE seqrelid = 'rental.actor_actor_id_seq'::regclass`).Scan(&typ); err != nil {
		t.Fatal(err)
	}
	if typ != "bigint" {
		t.Errorf("actor_actor_id_seq is %s, want bigint", typ)
	}
	_, err := conn.Exec(ctx, "INSERT INTO rental.actors (name) VALUES ('a')")
	var pe *pgconn.PgError
	if !errors.As(err, &pe) || pe.Code != "23505" || pe.ConstraintName != "idx_unq_actor_name" {
		t.Errorf("a second actor named a: error %v; want unique violation 23505 of idx_unq_actor_name", err)
	}
	// NOT VALID leaves older rows unchecked, never new ones.
	var validated bool
	if err := conn.QueryRow(ctx, `SELECT convalidated FROM pg_constraint WHERE conname = 'fk_refunds_payment'`).Scan(&validated); err != nil {
		t.Fatal(err)
	}
	if validated {
		t.Error("fk_refunds_payment is validated; `not valid` should leave it NOT VALID")
	}
	_, err = conn.Exec(ctx, "INSERT INTO rental.refunds (amount, payment_id) VALUES (1, 99)")
	wantFKError(t, err, "fk_refunds_payment")
	if _, err := conn.Exec(ctx, "DROP TABLE rental.actors"); err != nil {
		t.Fatal(err)
	}
	var left bool
	if err := conn.QueryRow(ctx, `SELECT to_regclass('rental.actor_actor_id_seq') IS NOT NULL`).Scan(&left); err != nil {
		t.Fatal(err)
	}
	if !left {
		t.Error("dropping actors dropped actor_actor_id_seq; a declared sequence is owned by no column")
	}
}
