package explain

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/generator/postgres"
	"github.com/ergen-dev/ergen/internal/golden"
	"github.com/ergen-dev/ergen/internal/pgtest"
	"github.com/ergen-dev/ergen/internal/testkit"
)

// refusalsModel has one constraint of every kind that refuses a row.
const refusalsModel = "testdata/refusals.er"

// TestRefusalsGolden pins explain --insert of every table of the model.
func TestRefusalsGolden(t *testing.T) {
	s := load(t, refusalsModel)
	var b bytes.Buffer
	for _, tb := range s.Tables {
		b.WriteString("== explain --insert " + tb.Label() + "\n")
		WriteRefusals(&b, tb, "")
		b.WriteString("\n")
	}
	golden.Check(t, filepath.Join("testdata", "golden", "refusals.golden"), b.Bytes(), *update)
}

// refusalCase is a statement that breaks one constraint, or none.
type refusalCase struct {
	table string // the table written to
	sql   string
	// constraint is refusalKey of the error PostgreSQL refuses it with;
	// "" with code set for a refusal that names nothing (a domain's NOT
	// NULL); both "" for a statement that must succeed.
	constraint, code string
	// proves is the refusal explain lists for it when PostgreSQL names
	// another constraint: a partition's own index, for a key of a
	// partitioned table.
	proves string
}

// refusalKey is how PostgreSQL names a refusal: by its constraint, else
// by the partitioned table that found no partition for the row.
func refusalKey(constraint, table string) string {
	if constraint == "" && table != "" {
		return "no partition of " + table
	}
	return constraint
}

// TestRefusalsMatchPostgres applies the model's DDL and, for each table,
// writes rows that break each constraint explain --insert lists: each is
// refused by PostgreSQL under that constraint's name, the rows the words
// say are let through (a partial key's other rows, a cancelled booking,
// a MATCH FULL key that is all NULL, a payment in a partition) are accepted, and every constraint
// listed is one some statement broke, so that the list is neither short
// nor padded.
func TestRefusalsMatchPostgres(t *testing.T) {
	s := load(t, refusalsModel)
	ctx, tx := applied(t, s,
		"INSERT INTO rooms (code, seats) VALUES ('ABC', 10)",
		"INSERT INTO guests (alias) VALUES ('ann')",
		"INSERT INTO sites VALUES (1, 1)",
		"INSERT INTO bookings (room_id, guest_id, during) VALUES (1, 1, '[2024-01-01,2024-01-05)')",
		"INSERT INTO payments VALUES (1, '2025-05-01', 5)",
	)
	cases := []refusalCase{
		{"rooms", "INSERT INTO rooms (id, code, seats) VALUES (1, 'XYZ', 5)", "pk_rooms", "", ""},
		{"rooms", "INSERT INTO rooms (code, seats) VALUES ('ABC', 5)", "uq_rooms_code_partial", "", ""},
		{"rooms", "INSERT INTO rooms (code, seats, retired) VALUES ('ABC', 5, true)", "", "", ""},
		{"rooms", "INSERT INTO rooms (code, seats) VALUES ('abc', 5)", "code_format", "", ""},
		{"rooms", "INSERT INTO rooms (code, seats) VALUES ('DEF', 0)", "capacity_check", "", ""},
		{"rooms", "INSERT INTO rooms (code, seats) VALUES ('DEF', 501)", "capacity_check1", "", ""},
		{"guests", "INSERT INTO guests (id, alias) VALUES (1, 'bob')", "pk_guests", "", ""},
		{"guests", "INSERT INTO guests (alias) VALUES ('bob')", "uq_guests_email", "", ""},
		{"guests", "INSERT INTO guests (email, alias) VALUES ('', 'bob')", "ck_guests_1", "", ""},
		{"guests", "INSERT INTO guests (email, alias) VALUES ('bob@example.com', NULL)", "", "23502", ""},
		{"sites", "INSERT INTO sites VALUES (1, 1)", "pk_sites", "", ""},
		{"bookings", "INSERT INTO bookings (id, room_id, guest_id, during) VALUES (1, 1, 1, '[2025-01-01,2025-01-02)')", "pk_bookings", "", ""},
		{"bookings", "INSERT INTO bookings (room_id, guest_id, during) VALUES (1, 1, '[2024-01-04,2024-01-06)')", "ex_bookings_room_id_during", "", ""},
		{"bookings", "INSERT INTO bookings (room_id, guest_id, during, cancelled) VALUES (1, 1, '[2024-01-04,2024-01-06)', true)", "", "", ""},
		{"bookings", "INSERT INTO bookings (room_id, guest_id, during) VALUES (99, 1, '[2026-01-01,2026-01-02)')", "fk_bookings_room", "", ""},
		{"bookings", "INSERT INTO bookings (room_id, guest_id, during) VALUES (1, 99, '[2026-01-01,2026-01-02)')", "fk_bookings_guest", "", ""},
		{"bookings", "INSERT INTO bookings (room_id, guest_id, site_region, during) VALUES (1, 1, 1, '[2026-01-01,2026-01-02)')", "fk_bookings_site", "", ""},
		{"bookings", "INSERT INTO bookings (room_id, guest_id, during) VALUES (1, 1, '[2027-01-01,2027-01-02)')", "", "", ""},
		{"payments", "INSERT INTO payments VALUES (1, '2024-05-01', 5)", "no partition of payments", "23514", ""},
		{"payments", "INSERT INTO payments VALUES (1, '2025-05-01', 2000000)", "no partition of payments_2025", "23514", ""},
		{"payments", "INSERT INTO payments VALUES (1, '2025-05-01', 5)", "payments_2025_small_pkey", "", "pk_payments"},
		{"payments", "INSERT INTO payments VALUES (2, '2025-05-01', 500)", "", "", ""},
		{"tickets", "INSERT INTO tickets SELECT generate_series(1, 50)", "no partition of tickets", "23514", ""},
		{"tickets", "INSERT INTO tickets SELECT id FROM generate_series(1, 50) id WHERE satisfies_hash_partition('tickets'::regclass, 2, 0, id)", "", "", ""},
		{"tickets", "INSERT INTO tickets VALUES (1), (1)", "tickets_0_pkey", "", "pk_tickets"},
	}
	broken := map[string]map[string]bool{} // table -> constraints broken, "" for a NOT NULL
	for _, c := range cases {
		err := inSavepoint(ctx, tx, c.sql)
		var pe *pgconn.PgError
		switch {
		case c.constraint == "" && c.code == "":
			if err != nil {
				t.Errorf("%s: %v; want it accepted", c.sql, err)
			}
			continue
		case !errors.As(err, &pe):
			t.Errorf("%s: %v; want it refused by %q", c.sql, err, c.constraint)
			continue
		case refusalKey(pe.ConstraintName, pe.TableName) != c.constraint || (c.code != "" && pe.Code != c.code):
			t.Errorf("%s: refused by %q (%s), want %q %s", c.sql, refusalKey(pe.ConstraintName, pe.TableName), pe.Code, c.constraint, c.code)
			continue
		}
		if broken[c.table] == nil {
			broken[c.table] = map[string]bool{}
		}
		if c.proves != "" {
			broken[c.table][c.proves] = true
		} else {
			broken[c.table][c.constraint] = true
		}
	}
	for _, tb := range s.Tables {
		listed := map[string]bool{}
		for _, r := range Refusals(tb) {
			key := refusalKey(r.Constraint, r.Table)
			listed[key] = true
			if !broken[tb.Name][key] {
				t.Errorf("%s: explain lists %q (%s), which no statement broke", tb.Name, key, r.When)
			}
		}
		for name := range broken[tb.Name] {
			if !listed[name] {
				t.Errorf("%s: PostgreSQL refused a row by %q, which explain does not list", tb.Name, name)
			}
		}
	}
	// NOT VALID is said of the foreign key and the check PostgreSQL has
	// not validated, and of no other: rows older than them are unchecked.
	var unvalidated []string
	rows, err := tx.Query(ctx, "SELECT conname FROM pg_constraint WHERE contype IN ('f', 'c') AND NOT convalidated ORDER BY conname")
	if err != nil {
		t.Fatal(err)
	}
	unvalidated, err = pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	var noted []string
	for _, tb := range s.Tables {
		for _, r := range Refusals(tb) {
			if r.Note == NotValidNote {
				noted = append(noted, r.Constraint)
			}
		}
	}
	slices.Sort(noted)
	if len(noted) != 2 || !slices.Equal(noted, unvalidated) {
		t.Errorf("constraints noted NOT VALID %q, not validated in PostgreSQL %q; want the same two", noted, unvalidated)
	}
}

// applied applies the DDL of s in a transaction of a new database's
// connection, rolled back when the test ends, then runs the statements
// rows, which insert the rows the test starts from.
func applied(t *testing.T, s *model.Schema, rows ...string) (context.Context, pgx.Tx) {
	t.Helper()
	ddl, err := postgres.DDL(s, filepath.Base(s.File))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	tx, err := pgtest.Conn(t).Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tx.Rollback(ctx) }) //nolint:errcheck // nothing to keep
	if _, err := tx.Exec(ctx, string(ddl)); err != nil {
		t.Fatalf("applying DDL: %v", err)
	}
	for _, q := range rows {
		if _, err := tx.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	return ctx, tx
}

// inSavepoint runs sql in a savepoint of tx, rolled back whatever
// happens, so that each statement meets the same rows.
func inSavepoint(ctx context.Context, tx pgx.Tx, sql string) error {
	sp, err := tx.Begin(ctx)
	if err != nil {
		return err
	}
	defer sp.Rollback(ctx) //nolint:errcheck // the savepoint is thrown away
	_, err = sp.Exec(ctx, sql)
	return err
}

// TestSetDefaultClashMatchesPostgres checks the note on a SET DEFAULT or
// SET NULL that can break a key or an exclusion constraint: the delete
// tree names exactly the constraints that PostgreSQL refuses the delete
// by when the changed rows clash, and none on a SET NULL they cannot.
func TestSetDefaultClashMatchesPostgres(t *testing.T) {
	s := testkit.MustResolve(t, "clash.er", []byte(`extension btree_gist
entity Room { id integer pk }
entity Desk { id integer pk }
entity Booking {
  id      serial pk
  room_id integer = 0
  desk_id integer?
  during  tstzrange
  exclude using gist (room_id with =, during with &&)
  unique (desk_id, during)
}
relationship Room 1:N Booking { column room_id; on delete set default }
relationship Desk 1:N Booking { column desk_id; optional; on delete set null }
`))
	var notes []string
	for _, tb := range s.Tables {
		for _, c := range tb.DeleteEffects().Children {
			notes = append(notes, c.Table.Name+" "+c.Kind.String()+clashNote(c))
		}
	}
	want := []string{
		"bookings " + model.SetsDefault.String() + "; refused by ex_bookings_room_id_during if a changed row then equals or overlaps another",
		"bookings " + model.SetsNull.String(),
	}
	if d := cmp.Diff(want, notes); d != "" {
		t.Fatalf("notes (-want +got):\n%s", d)
	}
	ctx, tx := applied(t, s,
		"INSERT INTO rooms VALUES (0), (1)",
		"INSERT INTO desks VALUES (1), (2)",
		"INSERT INTO bookings (room_id, desk_id, during) VALUES (0, 1, '[2024-01-01,2024-01-05)'), (1, 2, '[2024-01-01,2024-01-05)')",
	)
	err := inSavepoint(ctx, tx, "DELETE FROM rooms WHERE id = 1")
	var pe *pgconn.PgError
	if !errors.As(err, &pe) || pe.ConstraintName != "ex_bookings_room_id_during" {
		t.Errorf("deleting room 1, whose booking then overlaps room 0's: %v; want it refused by ex_bookings_room_id_during", err)
	}
	// Two bookings set to a NULL desk over one period do not clash.
	if err := inSavepoint(ctx, tx, "DELETE FROM desks"); err != nil {
		t.Errorf("deleting the desks: %v; want both bookings' desk_id set to NULL", err)
	}
}

// TestHashCovers checks when hash partitions take every row.
func TestHashCovers(t *testing.T) {
	parts := func(bounds ...[2]int) []*model.Partition {
		var out []*model.Partition
		for _, b := range bounds {
			out = append(out, &model.Partition{Modulus: b[0], Remainder: b[1]})
		}
		return out
	}
	for _, c := range []struct {
		parts []*model.Partition
		want  bool
	}{
		{parts([2]int{2, 0}, [2]int{2, 1}), true},
		{parts([2]int{2, 0}), false},
		{parts([2]int{2, 0}, [2]int{4, 1}, [2]int{4, 3}), true},
		{parts([2]int{2, 1}, [2]int{4, 0}), false},
		{parts([2]int{0, 0}), false}, // not a hash partition
		{nil, false},
	} {
		if got := hashCovers(c.parts); got != c.want {
			t.Errorf("hashCovers(%v) = %v, want %v", c.parts, got, c.want)
		}
	}
}

// A SET NULL or SET DEFAULT that leaves a row breaking a check, a domain's
// NOT NULL or a key is named where it happens and in the summary, and
// PostgreSQL does refuse the delete for it.
func TestSetActionRefusedByConstraint(t *testing.T) {
	s := testkit.MustResolve(t, "acts.er", []byte(`
domain Owner integer not null
entity User { id serial pk }
entity Note {
  id      serial pk
  user_id integer?
  check (user_id is not null or id < 0)
}
entity Pin {
  id      serial pk
  user_id Owner?
}
relationship User 1:N Note { optional on delete set null }
relationship User 1:N Pin { optional column user_id on delete set null }
`))
	out := string(Render(s.Entities[0].Table.DeleteEffects(), ""))
	for _, want := range []string{
		"notes: user_id set to NULL via fk_notes_user (ON DELETE SET NULL, acts.er:13); refused by check ck_notes_1 if a changed row then fails it",
		"pins: user_id set to NULL via fk_pins_user (ON DELETE SET NULL, acts.er:14); refused by the NOT NULL of domain owner if a changed row then fails it",
		"nothing blocks the delete, but it fails if a row that SET NULL or SET DEFAULT changes then breaks: check ck_notes_1 (notes), the NOT NULL of domain owner (pins)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("explain lacks %q:\n%s", want, out)
		}
	}
	ctx, tx := applied(t, s, "INSERT INTO users DEFAULT VALUES", "INSERT INTO notes (user_id) VALUES (1)", "INSERT INTO pins (user_id) VALUES (1)")
	for _, c := range []struct{ clear, constraint string }{{"DELETE FROM pins", "ck_notes_1"}, {"DELETE FROM notes", "owner"}} {
		err := inSavepoint(ctx, tx, c.clear+"; DELETE FROM users")
		if err == nil || !strings.Contains(err.Error(), c.constraint) {
			t.Errorf("%s, then a delete of the user: %v, want a refusal naming %s", c.clear, err, c.constraint)
		}
	}
}
