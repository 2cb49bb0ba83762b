package importer_test

import (
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/generator"
	"github.com/ergen-dev/ergen/generator/importer"
	"github.com/ergen-dev/ergen/generator/importer/catalog"
)

// TestImportNamedModifiers imports the catalog a model with PostGIS
// columns implies, as format_type prints them (public.geometry(Point,4326)):
// no server here has PostGIS, so the catalog is Expect's. The model
// written back spells the types as the original did, and notes nothing.
func TestImportNamedModifiers(t *testing.T) {
	const src = `extension postgis
entity Site {
  id    bigint pk
  at    public.geometry(Point, 4326)
  route public.geography(LineString, 4326)[]?
}
`
	s, diags := generator.Load("x.er", []byte(src))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	c := catalog.Expect(s)
	if got := c.Table("sites").Column("at").Type; got != "public.geometry(Point,4326)" {
		t.Errorf("Expect spells the column's type %q", got)
	}
	res, err := importer.Import(c)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Notes) > 0 {
		t.Errorf("notes: %v", res.Notes)
	}
	for _, want := range []string{"at    public.geometry(Point, 4326)", "route public.geography(LineString, 4326)[]?"} {
		if !strings.Contains(string(res.Source), want) {
			t.Errorf("imported model lacks %q:\n%s", want, res.Source)
		}
	}
}
