package model_test

import (
	"testing"

	"github.com/ergen-dev/ergen/generator/model"
)

func init() { checkCases = append(checkCases, fkTypeCases...) }

// fkTypeCases: FK columns declared with another type than the key they
// reference, accepted where PostgreSQL compares the two (with ER109 when
// some keys cannot fit) and refused elsewhere.
var fkTypeCases = []checkCase{
	{
		name: "integer toward bigint is accepted with a warning",
		src: `entity Artist { id bigserial pk }
entity Album {
  id        serial pk
  artist_id integer
}
relationship Artist 1:N Album
`,
		want: []string{
			"t.er:4:3: warning ER109: column \"artist_id\" of \"Album\" is integer but references artists.id of type bigint: keys above 2147483647 (2^31-1) cannot be referenced",
			"= hint: declare it as bigint, unless the keys are known to stay within integer",
		},
	},
	{
		name: "smallint toward integer and varchar toward text",
		src: `entity Label {
  id   integer pk
  code text unique
}
entity Album {
  id    serial pk
  lab   smallint?
  code  varchar(4)
}
relationship Label 1:N Album { column lab }
relationship Label 1:N Album as coded { column code; references (code) }
`,
		want: []string{
			"t.er:7:3: warning ER109: column \"lab\" of \"Album\" is smallint but references labels.id of type integer: keys above 32767 (2^15-1) cannot be referenced",
			"= hint: declare it as integer, unless the keys are known to stay within smallint",
			"t.er:8:3: warning ER109: column \"code\" of \"Album\" is varchar(4) but references labels.code of type text: keys longer than 4 characters cannot be referenced",
			"= hint: declare it as text, unless the keys are known to stay within varchar(4)",
		},
	},
	{
		name: "wider columns hold every key",
		src: `entity Label {
  id   smallint pk
  code varchar(4) unique
}
entity Album {
  id    serial pk
  label_id bigint
  code  text
}
relationship Label 1:N Album
relationship Label 1:N Album as coded { column code; references (code) }
`,
	},
	{
		name: "types PostgreSQL cannot compare are refused",
		src: `entity Label { id integer pk }
entity Album {
  id       serial pk
  label_id numeric
}
entity Single {
  id       serial pk
  label_id integer[]
}
relationship Label 1:N Album
relationship Label 1:N Single
`,
		want: []string{
			"t.er:4:3: error: column \"label_id\" of \"Album\" is numeric but references labels.id of type integer",
			"= hint: declare it as integer, or remove the attribute and let ergen add it",
			"t.er:8:3: error: column \"label_id\" of \"Single\" is integer[] but references labels.id of type integer",
			"= hint: declare it as integer, or remove the attribute and let ergen add it",
		},
	},
}

// TestCanReference pins the pairs of types a foreign key accepts, with
// the serial types referenced as their integers.
func TestCanReference(t *testing.T) {
	ty := func(b model.BaseType, params ...int) model.Type { return model.Type{Base: b, Params: params} }
	dom := func(base model.Type) model.Type {
		return model.Type{Base: model.DomainType, Domain: &model.Domain{Name: "D", SQLName: "d", Type: base}}
	}
	for _, tc := range []struct {
		fk, ref model.Type
		want    bool
	}{
		{ty(model.Integer), ty(model.Bigserial), true},
		{ty(model.Bigint), ty(model.Serial), true},
		{ty(model.Smallint), ty(model.Bigint), true},
		{ty(model.Varchar, 3), ty(model.Text), true},
		{ty(model.Text), ty(model.Varchar, 10), true},
		{ty(model.Char, 3), ty(model.Text), false},
		{ty(model.Numeric), ty(model.Integer), false},
		{ty(model.Text), ty(model.Integer), false},
		{ty(model.UUID), ty(model.UUID), true},
		{model.Type{Base: model.Integer, Array: 1}, ty(model.Integer), false},
		{dom(ty(model.Integer)), ty(model.Serial), true},
		{ty(model.Bigint), dom(ty(model.Integer)), true},
		{dom(dom(ty(model.Text))), ty(model.Varchar, 8), true},
		{dom(ty(model.Text)), ty(model.Integer), false},
		{model.Type{Base: model.DomainType, Domain: &model.Domain{Name: "D", SQLName: "d", Type: model.Type{Base: model.Integer, Go: "example.com/x.ID"}}}, ty(model.Integer), false},
		{dom(model.Type{Base: model.EnumType, Enum: &model.Enum{Name: "E", SQLName: "e"}}), model.Type{Base: model.EnumType, Enum: &model.Enum{Name: "E", SQLName: "e"}}, false},
	} {
		if got := tc.fk.CanReference(tc.ref); got != tc.want {
			t.Errorf("%s.CanReference(%s) = %v, want %v", tc.fk, tc.ref, got, tc.want)
		}
	}
}

// TestCatalogType pins which format_type spellings read as types, so
// that the importer applies CanReference to a database's columns.
func TestCatalogType(t *testing.T) {
	for _, tc := range []struct {
		spelling string
		dims     int
		want     string // SQL of the type, "" when not read
	}{
		{"integer", 0, "integer"},
		{"bigint", 1, "bigint[]"},
		{"character varying", 0, "varchar"},
		{"character varying(20)", 0, "varchar(20)"},
		{"numeric(10,2)", 0, "numeric(10,2)"},
		{"text", 0, "text"},
		{"integer[]", 0, ""},
		{"serial", 0, ""},
		{"int4", 0, ""},
		{"timestamp with time zone", 0, ""},
		{"public.citext", 0, ""},
		{"text(3)", 0, ""},
		{"character varying(20", 0, ""},
	} {
		ty, ok := model.CatalogType(tc.spelling, tc.dims)
		got := ""
		if ok {
			got = ty.SQL()
		}
		if got != tc.want {
			t.Errorf("CatalogType(%q, %d) = %q, want %q", tc.spelling, tc.dims, got, tc.want)
		}
	}
	fk, _ := model.CatalogType("integer", 0)
	ref, _ := model.CatalogType("bigint", 0)
	if !fk.CanReference(ref) {
		t.Errorf("integer cannot reference bigint")
	}
}
