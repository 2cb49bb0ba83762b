package migrate_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ergen-dev/ergen/generator/migrate"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

const bookingsOld = `extension btree_gist
entity Booking {
  id     serial pk
  room   integer
  during tstzrange
  exclude using gist (room with =, during with &&) as no_overlap
}
`

// An exclusion constraint is dropped, and added to a table that exists
// once --allow rewrite accepts the lock, on PostgreSQL: the database ends
// as NEW's DDL makes it, rows kept.
func TestExclusionsMigrate(t *testing.T) {
	conn, fresh := pgtest.Conn(t), pgtest.Conn(t)
	newSrc := `extension btree_gist
entity Booking {
  id     serial pk
  room   integer
  during tstzrange
  exclude using gist (room with =, during with -|-)
}
entity Subnet {
  id  serial pk
  net cidr
  exclude using gist (net inet_ops with &&)
}
`
	plan := converge(t, conn, fresh, bookingsOld, newSrc, migrate.Options{Allow: []string{"rewrite"}})
	contains(t, string(plan.Script()),
		"ALTER TABLE bookings DROP CONSTRAINT no_overlap;",
		"ALTER TABLE bookings ADD CONSTRAINT ex_bookings_room_during EXCLUDE USING gist (room WITH =, during WITH -|-);",
		"CONSTRAINT ex_subnets_net EXCLUDE USING gist (net inet_ops WITH &&)\n);")
}

// Without --allow rewrite, adding an exclusion constraint to a table that
// exists is refused (ER213); dropping one is not.
func TestExclusionsRefused(t *testing.T) {
	newSrc := `extension btree_gist
entity Booking {
  id     serial pk
  room   integer
  during tstzrange
  exclude using gist (room with =, during with &&)
}
`
	_, diags := diff(t, bookingsOld, newSrc, migrate.Options{})
	var got []string
	for _, d := range diags {
		got = append(got, d.Error())
	}
	want := []string{"new.er:6:3: error ER213: new exclusion constraint ex_bookings_room_during on bookings: " +
		"PostgreSQL builds an exclusion constraint's index under an ACCESS EXCLUSIVE lock, and cannot add one NOT VALID"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("diagnostics (-want +got):\n%s", d)
	}
}
