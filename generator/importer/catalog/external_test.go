package catalog_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ergen-dev/ergen/generator/importer/catalog"
	"github.com/ergen-dev/ergen/internal/pgtest"
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

// An extension installed in a schema of its own is noted only where the
// schema read uses it (a column of citext), since a model's CREATE
// EXTENSION would put it elsewhere; one it does not use (ltree) is not
// noted, so that drift can be clean beside a schema of extensions. A
// function of the schema is noted with what of the schema uses it, not
// with what another schema's tables do.
func TestReadExtensionsUsed(t *testing.T) {
	conn := pgtest.Conn(t)
	exec(t, conn, `CREATE SCHEMA extensions; CREATE SCHEMA other;
CREATE EXTENSION citext WITH SCHEMA extensions;
CREATE EXTENSION ltree WITH SCHEMA extensions;
CREATE FUNCTION norm(t text) RETURNS text LANGUAGE sql IMMUTABLE AS 'select lower(t)';
CREATE TABLE t (id int PRIMARY KEY, email extensions.citext);
CREATE TABLE other.u (v text CHECK (public.norm(v) <> ''));`)
	c := read(t, conn, "public")
	want := []string{"extension citext WITH SCHEMA extensions", "function norm(t text)"}
	if diff := cmp.Diff(want, c.Others); diff != "" {
		t.Errorf("others (-want +got):\n%s", diff)
	}
}

// An extension installed in pg_catalog, which the schema uses, is not
// noted: its types and functions are found without a schema, as they are
// where a model's CREATE EXTENSION puts it.
func TestReadExtensionInPgCatalog(t *testing.T) {
	conn := pgtest.Conn(t)
	exec(t, conn, `CREATE EXTENSION citext WITH SCHEMA pg_catalog;
CREATE TABLE t (id int PRIMARY KEY, email citext);`)
	if c := read(t, conn, "public"); len(c.Others) > 0 {
		t.Errorf("others %q, want none", c.Others)
	}
}
