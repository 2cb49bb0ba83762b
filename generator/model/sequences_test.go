package model_test

import (
	"slices"
	"testing"

	"github.com/ergen-dev/ergen/internal/testkit"
)

// TestSequenceUsers checks which columns a standalone sequence is found
// used by: any default that calls nextval on it, however the name is
// qualified or quoted, and no other.
func TestSequenceUsers(t *testing.T) {
	s := testkit.MustResolve(t, "t.er", []byte(`schema shop
sequence room_no
sequence unused
entity Room {
  id   integer = nextval('shop.room_no'::regclass) pk
  alt  bigint = nextval('shop."room_no"')
  next bigint = 1 + NEXTVAL ( 'shop.room_no' )
  no   integer = 0
}
entity Desk {
  id integer = nextval('room_no_other'::regclass) pk
}
`))
	var got []string
	for _, sq := range s.Sequences {
		for _, c := range s.SequenceUsers(sq) {
			got = append(got, sq.Name+" "+c.Table.Name+"."+c.Name)
		}
	}
	want := []string{"room_no rooms.id", "room_no rooms.alt", "room_no rooms.next"}
	if !slices.Equal(got, want) {
		t.Errorf("sequence users %q, want %q", got, want)
	}
}
