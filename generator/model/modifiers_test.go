package model_test

import (
	"slices"
	"testing"
)

// modifierCases: names as the modifiers of a type by name, and only there.
var modifierCases = []checkCase{
	{
		name: "names as modifiers of types by name",
		src: `extension postgis
type geometry
entity A {
  id  bigint pk
  at  geometry(Point, 4326)
  way public.geography(LineString,4326)[]?
  mix public.thing(a, 1)
}
`,
	},
	{
		name: "names as modifiers of types ergen knows and of domains",
		src: `domain Year integer
entity A {
  id   bigint pk
  name varchar(n)
  cost numeric(p, 2)
  year Year(Point)
}
`,
		want: []string{
			"t.er:4:8: error: type parameter \"n\" is not a whole number",
			"t.er:5:8: error: type parameter \"p\" is not a whole number",
			"t.er:6:8: error: domain Year takes no parameters",
		},
	},
}

// TestNamedModifiers checks the SQL of types with names as modifiers:
// kept as written, joined by commas, and part of the type's identity.
func TestNamedModifiers(t *testing.T) {
	s := mustLoad(t, `entity A {
  id    bigint pk
  at    public.geometry(Point, 4326)
  other public.geometry(Point,4326)?
  line  public.geometry(LineString, 4326)?
  many  geography(Point, 4326)[]?
}
`)
	a := tableNamed(t, s, "as")
	for col, want := range map[string]string{"at": "public.geometry(Point,4326)", "line": "public.geometry(LineString,4326)", "many": "geography(Point,4326)[]"} {
		if got := s.TypeSQL(a.Column(col).Type); got != want {
			t.Errorf("column %s: type %s, want %s", col, got, want)
		}
	}
	at := a.Column("at").Type
	if !slices.Equal(at.Modifiers, []string{"Point", "4326"}) || at.Params != nil {
		t.Errorf("at's modifiers %q, params %v", at.Modifiers, at.Params)
	}
	if !at.Equal(a.Column("other").Type) || at.Equal(a.Column("line").Type) {
		t.Error("types with names as modifiers compare by their modifiers")
	}
}
