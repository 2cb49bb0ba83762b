package postgres_test

import (
	"context"
	"errors"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
)

// TestExclusions runs the exclusions model on PostgreSQL: an overlapping
// booking of one room is refused by its named constraint (23P01), one of
// another room, a cancelled one or an adjacent one is not, and an
// expression and an operator class work as keys.
func TestExclusions(t *testing.T) {
	_, conn := applied(t, "exclusions")
	ctx := context.Background()
	mustExec(t, conn, "INSERT INTO rooms (code) VALUES ('A1'), ('B2')")
	mustExec(t, conn, "INSERT INTO bookings (room_id, during) VALUES (1, '[2026-01-01 10:00, 2026-01-01 12:00)')")
	mustExec(t, conn, "INSERT INTO bookings (room_id, during) VALUES (2, '[2026-01-01 10:00, 2026-01-01 12:00)')")
	mustExec(t, conn, "INSERT INTO bookings (room_id, during) VALUES (1, '[2026-01-01 12:00, 2026-01-01 13:00)')")
	mustExec(t, conn, "INSERT INTO bookings (room_id, during, cancelled) VALUES (1, '[2026-01-01 11:00, 2026-01-01 12:00)', true)")
	mustExec(t, conn, "INSERT INTO shifts (nurse, hours) VALUES (7, '[8, 12)'), (7, '[14, 16)'), (8, '[12, 14)')")
	mustExec(t, conn, "INSERT INTO subnets (net) VALUES ('10.1.0.0/16'), ('10.2.0.0/16')")
	for _, tc := range []struct{ stmt, constraint string }{
		{"INSERT INTO bookings (room_id, during) VALUES (1, '[2026-01-01 11:00, 2026-01-01 11:30)')", "no_double_booking"},
		{"UPDATE bookings SET cancelled = false WHERE cancelled", "no_double_booking"},
		{"INSERT INTO rooms (code) VALUES ('a1')", "ex_rooms_lower_code"},
		{"INSERT INTO shifts (nurse, hours) VALUES (7, '[12, 14)')", "ex_shifts_nurse_hours"},
		{"INSERT INTO subnets (net) VALUES ('10.1.2.0/24')", "ex_subnets_net"},
	} {
		_, err := conn.Exec(ctx, tc.stmt)
		var pe *pgconn.PgError
		if !errors.As(err, &pe) || pe.Code != "23P01" || pe.ConstraintName != tc.constraint {
			t.Errorf("%s: %v, want exclusion violation 23P01 of %s", tc.stmt, err, tc.constraint)
		}
	}
}
