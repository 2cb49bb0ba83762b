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
