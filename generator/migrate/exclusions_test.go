package migrate_test

import (
	"fmt"
	"strings"
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
		"ALTER TABLE bookings DROP CONSTRAINT IF EXISTS no_overlap;",
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

// A key whose collation changes changes its exclusion constraint, as any
// other change of its definition does: dropped and added again under the
// same derived name, with --allow rewrite (ER213 without it), rows kept.
func TestExclusionKeyCollationChanged(t *testing.T) {
	v1 := `extension btree_gist
entity Desk {
  id     serial pk
  room   text
  during tstzrange
  exclude using gist (room with =, during with &&)
}
`
	v2 := strings.Replace(v1, "(room with =", `(room collate "C" with =`, 1)
	if _, diags := diff(t, v1, v2, migrate.Options{}); !strings.Contains(fmt.Sprint(diags), "error ER213: new exclusion constraint ex_desks_room_during") {
		t.Errorf("without --allow rewrite: %v; want ER213", diags)
	}
	allow := migrate.Options{Allow: []string{"rewrite"}}
	plan := converge(t, pgtest.Conn(t), pgtest.Conn(t), v1, v2, allow)
	contains(t, string(plan.Script()), "ALTER TABLE desks DROP CONSTRAINT IF EXISTS ex_desks_room_during;",
		`ALTER TABLE desks ADD CONSTRAINT ex_desks_room_during EXCLUDE USING gist (room COLLATE "C" WITH =, during WITH &&);`)
	// And back: the key returns to its column's collation.
	plan = converge(t, pgtest.Conn(t), pgtest.Conn(t), v2, v1, allow)
	contains(t, string(plan.Script()), "ALTER TABLE desks ADD CONSTRAINT ex_desks_room_during EXCLUDE USING gist (room WITH =, during WITH &&);")
}
