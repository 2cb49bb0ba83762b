package catalog_test

import (
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/generator/importer/catalog"
)

// domainModel has domains over a built-in type, an extension's, an enum
// and another domain, with checks named and not, a default and NOT NULL;
// Cheap has no default of its own and PostgreSQL copies Price's.
const domainModel = `
schema dom
extension citext
enum Mood { happy sad }
domain Year integer check (value >= 1901 and value <= 2155)
domain Email citext not null check (length(value) > 3) as email_long_enough
domain Price numeric(10, 2) = 0 check (value >= 0) check (value < 1000000)
domain Feeling Mood default 'happy'
domain Release Year check (value > 1950)
domain Cheap Price check (value < 10)
entity Film {
  id      bigint pk
  year    Year?
  years   Year[]?
  email   Email
  price   Price
  mood    Feeling
  release Release?
  cheap   Cheap?
}
`

// TestExpectDomains applies a model of domains and reads its catalog back
// equal to Expect's; a domain whose check differs is told apart.
func TestExpectDomains(t *testing.T) {
	s := load(t, domainModel)
	conn, good, got := applyExpected(t, s)
	if d := got.Domain("price"); d == nil || d.Type != "numeric(10,2)" || len(d.Checks) != 2 || d.Checks[1].Name != "price_check1" {
		t.Errorf("domain price read as %+v", d)
	}
	if d := got.Domain("release"); d == nil || d.Type != "dom.year" {
		t.Errorf("domain release read as %+v", d)
	}
	if d := got.Domain("cheap"); d == nil || d.Default != "0" {
		t.Errorf("domain cheap read as %+v, want the default 0 of price", d)
	}
	if c := got.Table("films").Column("years"); c == nil || c.Type != "dom.year[]" {
		t.Errorf("column years read as %+v", c)
	}
	diffs := catalog.Diff(catalog.Expect(s), readChanged(t, conn, good, s.Name, "value >= 1901", "value >= 1900"))
	if len(diffs) != 1 || !strings.Contains(diffs[0].Msg, "domain year: the checks are") {
		t.Errorf("a changed domain check gives %v", diffs)
	}
}
