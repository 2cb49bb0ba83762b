package runtime

import (
	"database/sql/driver"
	"encoding/json"
	"net/netip"
	"reflect"
	"testing"

	"github.com/jackc/pgx/v5/pgtype"
)

// TestInsertSQL: Create and Upsert run the INSERT with OVERRIDING USER
// VALUE only when every field of a BY DEFAULT identity is nil, and
// telling costs no allocation.
func TestInsertSQL(t *testing.T) {
	type params struct {
		ID, Position *int32
		Name         string
	}
	seven := int32(7)
	for _, c := range []struct {
		what     string
		p        params
		identity []int
		want     string
	}{
		{"no identity", params{}, nil, "given"},
		{"its identity nil", params{Name: "a"}, []int{0}, "overriding"},
		{"its identity given", params{ID: &seven}, []int{0}, "given"},
		{"both identities nil", params{}, []int{0, 1}, "overriding"},
		{"one of two given", params{Position: &seven}, []int{0, 1}, "given"},
	} {
		args := inputArgs(c.p)
		if got := insertSQL(args, "given", "overriding", c.identity); got != c.want {
			t.Errorf("%s: %s, want %s", c.what, got, c.want)
		}
		if n := testing.AllocsPerRun(10, func() { insertSQL(args, "given", "overriding", c.identity) }); n != 0 {
			t.Errorf("%s: %v allocations", c.what, n)
		}
	}
}

// TestOptArgs: an Opt field gives its value when set and NULL when not,
// and the parameters end with whether each Opt is set; for Copy, an unset
// Opt is the default and no flag follows.
func TestOptArgs(t *testing.T) {
	type params struct {
		Name string
		Dept Opt[*int32]
		Note Opt[*string]
	}
	one := int32(1)
	args := inputArgs(params{Name: "a", Dept: Set(&one)})
	if len(args) != 5 || args[1] != &one || args[2] != nil || args[3] != true || args[4] != false {
		t.Errorf("inputArgs = %#v, want a, &1, nil, true, false", args)
	}
	p := params{Note: Set[*string](nil)}
	copied := fieldArgs(&p, []bool{false, true, true}, nil)
	if len(copied) != 3 || copied[1] != (useDefault{}) || copied[2] != (*string)(nil) {
		t.Errorf("fieldArgs for Copy = %#v, want \"\", the default, NULL", copied)
	}
}

// textValuer is a type of a `go "..."` column that pgx asks for its value
// as text, NULL when the text is not Valid.
type textValuer struct{ s string }

func (v textValuer) TextValue() (pgtype.Text, error) {
	return pgtype.Text{String: v.s, Valid: v.s != ""}, nil
}

// nilValuer is a driver.Valuer whose Value is NULL.
type nilValuer struct{}

func (nilValuer) Value() (driver.Value, error) { return nil, nil }

// TestNullArg: Copy takes the default for whatever pgx writes as NULL,
// as Create's COALESCE does: a nil pointer, slice or map, an invalid
// netip.Prefix, a value of one of pgx's valuer interfaces that is not
// Valid, a driver.Valuer whose Value is nil; and telling costs no
// allocation, a pgtype.Numeric's included.
func TestNullArg(t *testing.T) {
	var numeric pgtype.Numeric
	if err := numeric.Scan("12.50"); err != nil {
		t.Fatal(err)
	}
	prefix := netip.MustParsePrefix("10.0.0.0/8")
	for _, c := range []struct {
		what string
		v    any // a pointer, as a field of a column with a default
		want bool
	}{
		{"nil", (*string)(nil), true},
		{"a string", new(string), false},
		{"a nil slice", new([]string), true},
		{"an empty slice", &[]string{}, false},
		{"a nil json.RawMessage", new(json.RawMessage), true},
		{"an invalid netip.Prefix", new(netip.Prefix), true},
		{"a netip.Prefix", &prefix, false},
		{"an invalid pgtype.Int8", new(pgtype.Int8), true},
		{"a pgtype.Int8", &pgtype.Int8{Int64: 1, Valid: true}, false},
		{"an invalid pgtype.Text", new(pgtype.Text), true},
		{"an invalid pgtype.Numeric", new(pgtype.Numeric), true},
		{"a pgtype.Numeric", &numeric, false},
		{"an invalid pgtype.Point", new(pgtype.Point), true},
		{"a TextValuer that is NULL", &textValuer{}, true},
		{"a TextValuer", &textValuer{"x"}, false},
		{"a driver.Valuer that is NULL", &nilValuer{}, true},
	} {
		if got := nullArg(reflect.ValueOf(c.v)); got != c.want {
			t.Errorf("nullArg(%s) = %v, want %v", c.what, got, c.want)
		}
	}
	f := reflect.ValueOf(&numeric)
	if got := testing.AllocsPerRun(100, func() { nullArg(f) }); got != 0 {
		t.Errorf("nullArg of a pgtype.Numeric: %v allocations, want 0", got)
	}
}
