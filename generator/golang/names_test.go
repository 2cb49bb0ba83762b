package golang

import "testing"

// TestScopeDeclare: the first free candidate wins; when all are taken the
// first gets the lowest free numeric suffix, after "_" when it ends in a
// digit.
func TestScopeDeclare(t *testing.T) {
	s := newScope(nil)
	for _, c := range []struct {
		candidates []string
		want       string
	}{
		{[]string{"User", "UserRow"}, "User"},
		{[]string{"User", "UserRow"}, "UserRow"},
		{[]string{"User", "UserRow"}, "User2"},
		{[]string{"User"}, "User3"},
		{[]string{"Item2"}, "Item2"},
		{[]string{"Item2"}, "Item2_2"},
	} {
		if got := s.declare(c.candidates...); got != c.want {
			t.Errorf("declare(%q) = %q, want %q", c.candidates, got, c.want)
		}
	}
}

// TestParamsAvoidBodyNames: a function's parameter never shadows what its
// body uses: locals, predeclared identifiers, packages and the package's
// own declarations.
func TestParamsAvoidBodyNames(t *testing.T) {
	n := newNames()
	sql := n.sql("GetUserByName")
	params := n.params()
	for _, name := range []string{"err", "nil", "len", "pgx", "mapError", sql} {
		if got := params.declare(name); got == name {
			t.Errorf("parameter %s shadows a name the body uses", name)
		}
	}
	if got := params.declare("email"); got != "email" {
		t.Errorf("parameter email became %s", got)
	}
}

// TestPluralParam: the parameter of many values of a column is its plural,
// and an initialism takes a plain "s".
func TestPluralParam(t *testing.T) {
	for in, want := range map[string]string{
		"user_id":  "userIDs",
		"hash":     "hashes",
		"category": "categories",
		"item2_id": "item2IDs",
		"tier":     "tiers",
		"ip":       "ips",
	} {
		if got := pluralParam(in); got != want {
			t.Errorf("pluralParam(%q) = %q, want %q", in, got, want)
		}
	}
}
