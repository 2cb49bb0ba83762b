package importer_test

import (
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/generator"
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
	s, diags := generator.Load("x.er", []byte(externalModel))
	res := roundTripModel(t, s, diags, "shop")
	for _, want := range []string{"extension citext", "extension ltree", "public.citext", "public.citext[]?", "public.ltree?",
		"tsvector", "money?", "bit(4)", "varbit(16)?", "pg_lsn?", "pg_catalog.name?", "point[]?",
		"domain Year integer check ((VALUE >= 1901) AND (VALUE <= 2155)) as year_check", "domain Release Year = 2000 not null",
		"domain Emails public.citext[]", "rel    Release", "total  integer generated (id * 2)"} {
		if !strings.Contains(string(res.Source), want) {
			t.Errorf("imported model lacks %q:\n%s", want, res.Source)
		}
	}
}
