package importer_test

import (
	"strings"
	"testing"
)

// TestRoundTripExclusions: a database with exclusion constraints (over
// columns and expressions, partial, with INCLUDE, an operator class that
// is not the default, named as ergen would and otherwise) imports to a
// model that makes the same database, with nothing noted.
func TestRoundTripExclusions(t *testing.T) {
	res := roundTripModel(t, `extension btree_gist
entity Booking {
  id        serial pk
  room      integer
  during    tstzrange
  cancelled boolean
  exclude using gist (room with =, during with &&) where (not cancelled) as no_double_booking
  exclude using gist (lower(during) with =, (room + 1) with <>) include (id)
}
entity Subnet {
  id  serial pk
  net cidr
  exclude using gist (net inet_ops with &&)
}
`, "")
	for _, want := range []string{"extension btree_gist",
		"exclude using gist (room with =, during with &&) where (NOT cancelled) as no_double_booking",
		"exclude using gist (lower(during) with =, (room + 1) with <>) include (id)\n",
		"exclude using gist (net inet_ops with &&)\n"} {
		if !strings.Contains(string(res.Source), want) {
			t.Errorf("imported model lacks %q:\n%s", want, res.Source)
		}
	}
}
