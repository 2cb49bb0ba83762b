package postgres_test

import (
	"context"
	"errors"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
)

// TestKeyCollation runs testdata/keycollation: each index key holds the
// collation written on it (read from pg_index, not from the definition
// ergen wrote), the columns keep theirs, and the UNIQUE index that
// `unique (email collate "POSIX")` makes refuses a second equal email;
// an exclusion constraint's index holds the collations of its keys too,
// and refuses two bookings of one room that overlap.
func TestKeyCollation(t *testing.T) {
	conn := appliedTestdata(t, "keycollation")
	ctx := context.Background()
	for index, want := range map[string]string{
		"idx_people_name_id": "C -", "uq_people_email": "POSIX", "person_name_pattern": "POSIX -",
		"idx_people_code": "POSIX", "idx_person_clubs_role": "C",
		"ex_bookings_room_during": "C -", "booking_code_once": "POSIX",
	} {
		var got string
		if err := conn.QueryRow(ctx, `SELECT string_agg(coalesce(c.collname, '-'), ' ' ORDER BY k.ord)
			FROM pg_index i, unnest(i.indcollation::oid[]) WITH ORDINALITY k(coll, ord)
			LEFT JOIN pg_collation c ON c.oid = k.coll
			WHERE i.indexrelid = $1::regclass`, index).Scan(&got); err != nil {
			t.Fatalf("%s: %v", index, err)
		}
		if got != want {
			t.Errorf("%s: key collations %q, want %q", index, got, want)
		}
	}
	if _, err := conn.Exec(ctx, "INSERT INTO people (name, email, code) VALUES ('a', 'x@y', 'c'), ('b', 'x@y', 'd')"); err != nil {
		var pe *pgconn.PgError
		if !errors.As(err, &pe) || pe.Code != "23505" || pe.ConstraintName != "uq_people_email" {
			t.Errorf("two equal emails: %v; want unique violation of uq_people_email", describe(err))
		}
	} else {
		t.Error("two equal emails were accepted")
	}
	if _, err := conn.Exec(ctx, `INSERT INTO bookings (room, code, during) VALUES
		('r1', 'a', '[2026-01-01,2026-01-03)'), ('r2', 'b', '[2026-01-01,2026-01-03)'), ('r1', 'c', '[2026-01-02,2026-01-04)')`); err != nil {
		var pe *pgconn.PgError
		if !errors.As(err, &pe) || pe.Code != "23P01" || pe.ConstraintName != "ex_bookings_room_during" {
			t.Errorf("overlapping bookings of one room: %v; want exclusion violation of ex_bookings_room_during", describe(err))
		}
	} else {
		t.Error("overlapping bookings of one room were accepted")
	}
}
