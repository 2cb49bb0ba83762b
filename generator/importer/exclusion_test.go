package importer_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator"
	"github.com/ergen-dev/ergen/generator/importer"
	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/generator/postgres"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

// TestRoundTripExclusions: a database with exclusion constraints (over
// columns and expressions, partial, with INCLUDE, an operator class that
// is not the default, named as ergen would and otherwise) imports to a
// model that makes the same database, with nothing noted.
func TestRoundTripExclusions(t *testing.T) {
	s, diags := generator.Load("x.er", []byte(`extension btree_gist
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
`))
	res := roundTripModel(t, s, diags, "")
	for _, want := range []string{"extension btree_gist",
		"exclude using gist (room with =, during with &&) where (NOT cancelled) as no_double_booking",
		"exclude using gist (lower(during) with =, (room + 1) with <>) include (id)\n",
		"exclude using gist (net inet_ops with &&)\n"} {
		if !strings.Contains(string(res.Source), want) {
			t.Errorf("imported model lacks %q:\n%s", want, res.Source)
		}
	}
}

// roundTripModel round-trips the DDL of model s through a database and
// an import (see roundTrip): the import must note nothing and make the
// same catalog. It returns the import.
func roundTripModel(t *testing.T, s *model.Schema, diags dsl.Diagnostics, schema string) *importer.Result {
	t.Helper()
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	ddl, err := postgres.DDL(s, "x.er")
	if err != nil {
		t.Fatal(err)
	}
	before, after, res, err := roundTrip(t, pgtest.Conn(t), string(ddl), schema)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Notes) > 0 {
		t.Errorf("notes: %v", res.Notes)
	}
	if diff := cmp.Diff(before, after); diff != "" {
		t.Errorf("catalogs differ (-before +after):\n%s\n--- imported:\n%s", diff, res.Source)
	}
	return res
}
