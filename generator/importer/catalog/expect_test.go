package catalog

import (
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/generator/model"
)

func TestFormatType(t *testing.T) {
	mood := &model.Enum{Name: "Mood", SQLName: "mood"}
	upper := &model.Enum{Name: "Check", SQLName: "check"}
	public := &model.Schema{}
	shop := &model.Schema{Name: "Shop"}
	for _, c := range []struct {
		s    *model.Schema
		t    model.Type
		want string
	}{
		{public, model.Type{Base: model.Smallserial}, "smallint"},
		{public, model.Type{Base: model.Serial}, "integer"},
		{public, model.Type{Base: model.Bigserial}, "bigint"},
		{public, model.Type{Base: model.Numeric}, "numeric"},
		{public, model.Type{Base: model.Numeric, Params: []int{10}}, "numeric(10,0)"},
		{public, model.Type{Base: model.Numeric, Params: []int{10, 2}}, "numeric(10,2)"},
		{public, model.Type{Base: model.Varchar}, "character varying"},
		{public, model.Type{Base: model.Varchar, Params: []int{50}}, "character varying(50)"},
		{public, model.Type{Base: model.Char}, "character(1)"},
		{public, model.Type{Base: model.Char, Params: []int{3}, Array: 1}, "character(3)[]"},
		{public, model.Type{Base: model.Time}, "time without time zone"},
		{public, model.Type{Base: model.Time, Params: []int{3}}, "time(3) without time zone"},
		{public, model.Type{Base: model.TimeTZ}, "time with time zone"},
		{public, model.Type{Base: model.Timestamp, Params: []int{0}}, "timestamp(0) without time zone"},
		{public, model.Type{Base: model.TimestampTZ}, "timestamp with time zone"},
		{public, model.Type{Base: model.DoublePrecision}, "double precision"},
		{public, model.Type{Base: model.Integer, Array: 3}, "integer[]"},
		{public, model.Type{Base: model.JSONB}, "jsonb"},
		{public, model.Type{Base: model.EnumType, Enum: mood}, "public.mood"},
		{shop, model.Type{Base: model.EnumType, Enum: mood, Array: 1}, `"Shop".mood[]`},
		{shop, model.Type{Base: model.EnumType, Enum: upper}, `"Shop"."check"`},
	} {
		if got := FormatType(c.s, c.t); got != c.want {
			t.Errorf("FormatType(%v in %q) = %q, want %q", c.t, c.s.Name, got, c.want)
		}
	}
}

func TestSequenceName(t *testing.T) {
	none := func(string) bool { return false }
	long := strings.Repeat("t", 70)
	for _, c := range []struct {
		table, column string
		taken         func(string) bool
		want          string
	}{
		{"users", "id", none, "users_id_seq"},
		{"a_b", "c", func(n string) bool { return n == "a_b_c_seq" }, "a_b_c_seq1"},
		{"a_b", "c", func(n string) bool { return n == "a_b_c_seq" || n == "a_b_c_seq1" }, "a_b_c_seq2"},
		// The longer name is cut first, until both fit in 63 - 5 bytes.
		{long, "id", none, strings.Repeat("t", 56) + "_id_seq"},
		{"t", strings.Repeat("c", 70), none, "t_" + strings.Repeat("c", 57) + "_seq"},
		{strings.Repeat("a", 40), strings.Repeat("b", 40), none, strings.Repeat("a", 29) + "_" + strings.Repeat("b", 29) + "_seq"},
		// A cut never splits a character: é is two bytes.
		{strings.Repeat("é", 35), "id", none, strings.Repeat("é", 28) + "_id_seq"},
		{strings.Repeat("x", 3) + strings.Repeat("é", 34), "id", none, "xxx" + strings.Repeat("é", 26) + "_id_seq"},
	} {
		got := model.SequenceName(c.table, c.column, c.taken)
		if got != c.want {
			t.Errorf("SequenceName(%q, %q) = %q, want %q", c.table, c.column, got, c.want)
		}
		if len(got) > 63 {
			t.Errorf("SequenceName(%q, %q) = %q is %d bytes", c.table, c.column, got, len(got))
		}
	}
}

func TestUnindexedForeignKeys(t *testing.T) {
	c := &Catalog{Tables: []Table{{
		Name: "t",
		ForeignKeys: []ForeignKey{
			{Name: "fk_ab", Columns: []string{"a", "b"}},
			{Name: "fk_ba", Columns: []string{"b", "a"}}, // same columns, any order
			{Name: "fk_c", Columns: []string{"c"}},       // only the second column of an index
			{Name: "fk_d", Columns: []string{"d"}},       // only under a partial index
			{Name: "fk_e", Columns: []string{"e"}},
			{Name: "fk_f", Columns: []string{"f"}}, // only under a hash index
		},
		Indexes: []Index{
			{Name: "ix_abc", Columns: []string{"a", "b", "c"}, Method: "btree"},
			{Name: "ix_d", Columns: []string{"d"}, Predicate: "d IS NOT NULL", Method: "btree"},
			{Name: "uq_e", Columns: []string{"e"}, Unique: true, Method: "btree"},
			{Name: "ix_f", Columns: []string{"f"}, Method: "hash"},
		},
	}}}
	got := c.UnindexedForeignKeys()
	want := []string{"t.fk_c", "t.fk_d", "t.fk_f"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("UnindexedForeignKeys() = %v, want %v", got, want)
	}
}
