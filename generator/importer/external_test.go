package importer_test

import (
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/generator/importer"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

// externalModel uses types the language knows by name only, PostgreSQL's
// own and extensions', with modifiers and as arrays, and domains.
const externalModel = `schema shop
extension citext
extension ltree
domain Year integer check (value >= 1901 and value <= 2155)
domain Release Year = 2000 not null check (value > 1950) as late_enough
domain Emails citext[] check (cardinality(value) < 5)
entity Item {
  id     integer pk
  email  citext unique
  tags   citext[]?
  tree   public.ltree?
  body   tsvector
  price  money?
  during tstzrange
  mac    macaddr
  at     point[]?
  flags  bit(4)
  more   varbit(16)?
  lsn    pg_lsn?
  name   pg_catalog.name?
  year   Year?
  rel    Release
  mails  Emails?
  total  integer generated (id * 2)
}
`

// TestRoundTripTypesByName: a database with such types and domains imports to a model
// that makes the same database, with nothing noted, and the model names
// each type as PostgreSQL's catalog does.
func TestRoundTripTypesByName(t *testing.T) {
	res := roundTripModel(t, externalModel, "shop")
	for _, want := range []string{"extension citext", "extension ltree", "public.citext", "public.citext[]?", "public.ltree?",
		"tsvector", "money?", "bit(4)", "varbit(16)?", "pg_lsn?", "pg_catalog.name?", "point[]?",
		"domain Year integer check (value >= 1901 and value <= 2155) as year_check", "domain Release Year = 2000 not null",
		"domain Emails public.citext[]", "rel    Release", "total  integer generated (id * 2)"} {
		if !strings.Contains(string(res.Source), want) {
			t.Errorf("imported model lacks %q:\n%s", want, res.Source)
		}
	}
}

// TestImportNotesExtensionSchema: an extension installed in a schema of
// its own is noted with that schema, which a model cannot say: the
// model's CREATE EXTENSION puts it in public, so its DDL, naming the
// extension's types by their schema, fails where that schema is missing.
func TestImportNotesExtensionSchema(t *testing.T) {
	conn := pgtest.Conn(t)
	before, err := applyRead(t, conn, `CREATE SCHEMA ext; CREATE EXTENSION citext SCHEMA ext;
		CREATE TABLE t (id int PRIMARY KEY, e ext.citext);`, "public")
	if err != nil {
		t.Fatal(err)
	}
	res, err := importer.Import(before)
	if err != nil {
		t.Fatal(err)
	}
	noted(t, res, "extension citext WITH SCHEMA ext is in the database; a model cannot describe it")
	contains(t, res, "extension citext", "e ext.citext?")
}
