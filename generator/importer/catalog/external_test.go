package catalog_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ergen-dev/ergen/generator/importer/catalog"
)

// externalModel uses types ergen knows by name only: PostgreSQL's own
// (unqualified in the catalog, some under another name), extensions'
// (in public, where CREATE EXTENSION puts them) and schema-qualified ones,
// with modifiers and as arrays, in a schema of its own.
const externalModel = `
schema shop
extension citext
extension ltree
type public.ltree
entity Item {
  id     integer pk
  email  citext
  emails citext[]?
  tree   public.ltree
  trees  public.ltree[]?
  body   tsvector
  price  money
  during tstzrange
  days   daterange[]?
  mac    macaddr
  at     point
  one    bit
  four   bit(4)
  any    varbit(8)?
  doc    xml?
  since  pg_catalog.pg_lsn?
}
`

// TestExpectExternalTypes applies a model of external types and reads its
// catalog back equal to Expect's, then checks that a column of another
// type is told apart.
func TestExpectExternalTypes(t *testing.T) {
	s := load(t, externalModel)
	conn, good, got := applyExpected(t, s)
	for col, want := range map[string]string{"email": "public.citext", "four": "bit(4)", "any": "bit varying(8)", "one": "bit(1)", "days": "daterange[]"} {
		if c := got.Table("items").Column(col); c == nil || c.Type != want {
			t.Errorf("column %s read as %+v, want type %s", col, c, want)
		}
	}
	if cmp.Equal(catalog.Expect(s), readChanged(t, conn, good, s.Name, "citext NOT NULL", "text NOT NULL")) {
		t.Error("a text column read back equal to the model's citext")
	}
}
