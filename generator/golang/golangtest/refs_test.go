package golangtest

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// TestReadRefs: the queries of a package's Refs are read from its source
// with their SQL, a field of "" (no batch query) and the package's other
// variables left out; Missing lists those whose SQL never ran.
func TestReadRefs(t *testing.T) {
	dir := t.TempDir()
	src := "package shopdb\n\n" +
		"const orderUserParentSQL = `SELECT id FROM users WHERE id = $1`\n" +
		"const orderUserChildrenSQL = \"SELECT id FROM orders WHERE user_id = $1\"\n" +
		"const profileUserParentSQL = `SELECT id, name FROM users WHERE id = $1`\n" +
		"const profileUserChildrenSQL = `SELECT id FROM profiles WHERE user_id = $1`\n" +
		"const profileUserBatchSQL = `SELECT id FROM profiles WHERE user_id = ANY($1)`\n" +
		"var OrderUser = &Ref[Order, User, int32, []Order, struct{}, struct{}]{orderUserParentSQL, []int{1}, orderUserChildrenSQL, nil, \"\", nil, \"\"}\n" +
		"var ProfileUser = &Ref[Profile, User, int32, Profile, map[int32]Profile, struct{}]{profileUserParentSQL, []int{0}, profileUserChildrenSQL, nil, profileUserBatchSQL, []int{0}, \"\"}\n" +
		"var OrdersByID = Ordering[Order]{}\n"
	if err := os.WriteFile(filepath.Join(dir, "db.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	refs, err := readRefs(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []refQuery{
		{"ParentOf(OrderUser)", "SELECT id FROM users WHERE id = $1"},
		{"ChildrenOf(OrderUser)", "SELECT id FROM orders WHERE user_id = $1"},
		{"ParentOf(ProfileUser)", "SELECT id, name FROM users WHERE id = $1"},
		{"ChildrenOf(ProfileUser)", "SELECT id FROM profiles WHERE user_id = $1"},
		{"ChildrenOfMany(ProfileUser)", "SELECT id FROM profiles WHERE user_id = ANY($1)"},
	}
	if !reflect.DeepEqual(refs, want) {
		t.Fatalf("readRefs = %q\nwant %q", refs, want)
	}
	c := &Calls{typ: reflect.TypeFor[*struct{}](), refs: refs, seen: map[string]bool{}, ran: map[string]bool{}}
	c.record("SELECT id FROM orders WHERE user_id = $1")
	c.record("SELECT id FROM profiles WHERE user_id = ANY($1)")
	if got, want := c.Missing(), []string{"ParentOf(OrderUser)", "ParentOf(ProfileUser)", "ChildrenOf(ProfileUser)"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Missing = %v, want %v", got, want)
	}

	bad := "package shopdb\n\nvar X = &Ref[A, B, C, D, E, F]{a, b}\n"
	if err := os.WriteFile(filepath.Join(dir, "db.go"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := readRefs(dir); err == nil {
		t.Error("readRefs took a Ref with 2 fields")
	}
}
