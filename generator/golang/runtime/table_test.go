package runtime

import "testing"

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
