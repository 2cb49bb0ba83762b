package model_test

import (
	"testing"

	"github.com/ergen-dev/ergen/generator/model"
)

// externalCases: types ergen knows by name only, taken or told apart from
// misspellings, and their declarations and Go types.
var externalCases = []checkCase{
	{
		name: "types by name",
		src: `extension citext
type ltree go "string"
entity A {
  id    bigint pk
  email citext
  path  ltree[]?
  body  tsvector
  price money
  at    point?
  bits  bit(8)
  vec   public.vector(3)
  days  daterange go "github.com/x/y.Days"
}
`,
	},
	{
		name: "a misspelling is no type, unless declared",
		src: `type integr
entity A {
  a integr
  b bolean
}
`,
		want: []string{
			"t.er:4:5: error: unknown type \"bolean\"",
			"= hint: did you mean \"boolean\"? If bolean is a PostgreSQL type, declare it with `type bolean`",
		},
	},
	{
		name: "other languages' types",
		src: `entity A {
  a string
  b datetime
}
`,
		want: []string{
			"t.er:2:5: error: unknown type \"string\"",
			"= hint: PostgreSQL has no type string; use text",
			"t.er:3:5: error: unknown type \"datetime\"",
			"= hint: PostgreSQL has no type datetime; use timestamptz",
		},
	},
	{
		name: "type written first",
		src: `entity A {
  text label
}
`,
		want: []string{
			"t.er:2:8: error: unknown type \"label\"",
			"= hint: an attribute is written name first: `label text`; if label is a PostgreSQL type, declare it with `type label`",
		},
	},
	{
		name: "type declarations",
		src: `enum Mood { a b }
type text
type Mood
type ltree
type ltree
type cube go "x y"
entity A {
  a cube go "[]"
}
`,
		want: []string{
			"t.er:2:6: error: type \"text\" is one ergen knows",
			"= hint: use it without a declaration",
			"t.er:3:6: error: type \"Mood\" is declared as an enum too",
			"t.er:5:6: error: type \"ltree\" declared twice",
			"= hint: it is already declared at 4:6",
			"t.er:6:14: error: \"x y\" does not name a Go type",
			"= hint: write a predeclared type (\"string\", \"[]byte\") or an import path and a name (\"github.com/x/y.Type\")",
			"t.er:8:13: error: \"[]\" does not name a Go type",
			"= hint: write a predeclared type (\"string\", \"[]byte\") or an import path and a name (\"github.com/x/y.Type\")",
		},
	},
	{
		name: "a Go type of cgo or unsafe",
		src: `type point go "C.int"
entity A {
  a point
  b ltree go "unsafe.Pointer"
}
`,
		want: []string{
			"t.er:1:15: error: \"C.int\" would import \"C\" into the generated package",
			"= hint: name a type of an ordinary package: one of your own can wrap the one you need",
			"t.er:4:14: error: \"unsafe.Pointer\" would import \"unsafe\" into the generated package",
			"= hint: name a type of an ordinary package: one of your own can wrap the one you need",
		},
	},
	{
		name: "domains",
		src: `enum Mood { a b }
domain Year integer check (value > 0) check (value < 3000) as before_3000
domain Feeling Mood = 'a' not null
domain Late Year check (value > 1950)
domain Tags as tag_list text[]
entity A {
  id   Year pk
  f    Feeling
  l    Late[]?
  t    Tags?
}
`,
	},
	{
		name: "domain errors",
		src: `domain Id bigserial
domain Y integer?
domain Z text = 'a' = 'b'
domain W Year
domain Year integer
entity Yr {
  table "year"
  id integer pk
  a  Year(4)
}
`,
		want: []string{
			"t.er:1:11: error: domain \"Id\" cannot be based on bigserial",
			"= hint: use bigint, the type a serial column has",
			"t.er:2:10: error: a domain's type takes no ?",
			"= hint: each column of the domain says whether it may be NULL; write `not null` for a domain that never is",
			"t.er:3:21: error: domain \"Z\" has two defaults",
			"t.er:4:10: error: domain \"W\" is based on domain \"Year\", declared after it",
			"= hint: declare Year before W",
			"t.er:6:8: error: name \"year\" of table of Yr is already used by domain Year",
			"= hint: give one of them another name",
			"t.er:9:6: error: domain Year takes no parameters",
		},
	},
	{
		name: "generated columns",
		src: `entity Line {
  id    bigint generated always as identity pk
  price numeric
  qty   integer
  total numeric generated (price * qty)
  label text generated (upper(extract(year from now())::text))
  seq   serial generated (qty)
}
`,
		want: []string{
			"t.er:7:3: error: generated column \"seq\" cannot be an identity or serial column",
		},
	},
	{
		name: "external type parameters",
		src: `entity A {
  a public.vector(1.5)
}
`,
		want: []string{
			"t.er:2:5: error: type parameter \"1.5\" is not a whole number",
		},
	},
}

// TestExternalTypes checks the SQL and Go types of types by name.
func TestExternalTypes(t *testing.T) {
	s := mustLoad(t, `extension citext
type public.ltree go "github.com/x/y.Path"
entity A {
  id    bigint pk
  email citext unique
  path  public.ltree[]?
  vec   public.vector(3)
  span  tstzrange go "[]byte"
  tree  bit varying(4)
}
entity B {
  id bigint pk
}
relationship A 1:N B {
  references (email)
}
`)
	a := tableNamed(t, s, "as")
	for col, want := range map[string]string{"email": "citext", "path": "public.ltree[]", "vec": "public.vector(3)", "span": "tstzrange", "tree": "bit varying(4)"} {
		if got := s.TypeSQL(a.Column(col).Type); got != want {
			t.Errorf("column %s: type %s, want %s", col, got, want)
		}
	}
	if len(s.Types) != 1 || s.Types[0].Go != "github.com/x/y.Path" || a.Column("path").Type.External != s.Types[0] {
		t.Errorf("declared types %+v, path's %+v", s.Types, a.Column("path").Type.External)
	}
	if got := a.Column("span").Type.Go; got != "[]byte" {
		t.Errorf("span's Go type %q", got)
	}
	if fk := tableNamed(t, s, "bs").Column("a_email"); fk == nil || !fk.Type.Equal(a.Column("email").Type) {
		t.Errorf("FK column to a citext key: %+v", fk)
	}
	for _, c := range []struct {
		in         string
		path, name string
		ok         bool
	}{
		{"string", "", "string", true},
		{"[]byte", "", "[]byte", true},
		{"*github.com/x/y.T", "github.com/x/y", "*T", true},
		{"net.HardwareAddr", "net", "HardwareAddr", true},
		{".T", "", "", false},
		{"x/y.", "", "", false},
		{"a b", "", "", false},
	} {
		path, name, ok := model.SplitGoType(c.in)
		if path != c.path || name != c.name || ok != c.ok {
			t.Errorf("SplitGoType(%q) = %q, %q, %v; want %q, %q, %v", c.in, path, name, ok, c.path, c.name, c.ok)
		}
	}
}
