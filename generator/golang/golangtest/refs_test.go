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
		"var OrdersByID = Ordering[Order]{}\n" +
		"const findOrdersSQL = `SELECT id FROM orders`\n" +
		"const countOrdersSQL = `SELECT count(*) FROM orders`\n" +
		"const createOrderOverridingSQL = `INSERT INTO orders (id) OVERRIDING USER VALUE VALUES ($1)`\n" +
		"var Orders = &Table[Order, int32, P, PA, F]{\n\tfalse,\n\t\"\",\n\tcreateOrderOverridingSQL,\n\t[]int{0},\n\t\"\",\n\tnil,\n\t\"\",\n\t\"\",\n\t\"\",\n\t\"\",\n\tnil,\n\tcountOrdersSQL,\n\tfindOrdersSQL,\n\tcols,\n\t[]string{\"shop\", \"orders\"},\n\tnil,\n\tnil,\n}\n"
	if err := os.WriteFile(filepath.Join(dir, "db.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	refs, err := readRefs(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []refQuery{
		{"ParentOf(OrderUser)", "ParentOf", "SELECT id FROM users WHERE id = $1", false},
		{"ChildrenOf(OrderUser)", "ChildrenOf", "SELECT id FROM orders WHERE user_id = $1", false},
		{"ParentOf(ProfileUser)", "ParentOf", "SELECT id, name FROM users WHERE id = $1", false},
		{"ChildrenOf(ProfileUser)", "ChildrenOf", "SELECT id FROM profiles WHERE user_id = $1", false},
		{"ChildrenOfMany(ProfileUser)", "ChildrenOfMany", "SELECT id FROM profiles WHERE user_id = ANY($1)", false},
		{"Create(Orders, identities nil)", "Create", "INSERT INTO orders (id) OVERRIDING USER VALUE VALUES ($1)", false},
		{"Count(Orders)", "Count", "SELECT count(*) FROM orders", false},
		{"Find(Orders)", "Find", "SELECT id FROM orders", true},
		{"Copy(Orders)", "Copy", `COPY "shop"."orders"`, false},
	}
	if !reflect.DeepEqual(refs, want) {
		t.Fatalf("readRefs = %+v\nwant %+v", refs, want)
	}
	c := &Calls{typ: reflect.TypeFor[*struct{}](), refs: refs, seen: map[string]bool{}, ran: map[ranBy]bool{}}
	c.ran[ranBy{"ChildrenOf", "SELECT id FROM orders WHERE user_id = $1"}] = true
	c.ran[ranBy{"ChildrenOfMany", "SELECT id FROM profiles WHERE user_id = ANY($1)"}] = true
	c.ran[ranBy{"Get", "SELECT id FROM users WHERE id = $1"}] = true                  // not ParentOf(OrderUser)
	c.ran[ranBy{"Find", "SELECT id FROM orders_audit WHERE id = $1 LIMIT $2"}] = true // another table
	if c.ranQuery(refs[7]) {
		t.Error("Find(Orders) taken as run by a Find of orders_audit")
	}
	c.ran[ranBy{"Find", "SELECT id FROM orders WHERE id = $1 LIMIT $2"}] = true
	c.ran[ranBy{"Copy", `COPY "shop"."orders"`}] = true
	c.ran[ranBy{"", "SELECT count(*) FROM orders"}] = true // by hand, not by Count
	if got, want := c.Missing(), []string{"ParentOf(OrderUser)", "ParentOf(ProfileUser)", "ChildrenOf(ProfileUser)", "Create(Orders, identities nil)", "Count(Orders)"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Missing = %v, want %v", got, want)
	}

	if _, err := readRefs(filepath.Join(dir, "nowhere")); err == nil {
		t.Error("readRefs found nothing to check in a directory without Go files, and said nothing")
	}

	bad := "package shopdb\n\nvar X = &Ref[A, B, C, D, E, F]{a, b}\n"
	if err := os.WriteFile(filepath.Join(dir, "db.go"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := readRefs(dir); err == nil {
		t.Error("readRefs took a Ref with 2 fields")
	}
}

// TestFieldFuncs: the statements of a descriptor are found by the names of
// the runtime type's fields, and a name the type lacks is a panic, not a
// statement left unchecked.
func TestFieldFuncs(t *testing.T) {
	if got, want := descriptorFields["Key"], []string{"Get", "Upsert", "", "Upsert overriding", ""}; !reflect.DeepEqual(got, want) {
		t.Errorf("the fields of a Key: %q, want %q", got, want)
	}
	defer func() {
		if recover() == nil {
			t.Error("fieldFuncs took a field the type lacks")
		}
	}()
	fieldFuncs[struct{ getSQL string }](map[string]string{"gotSQL": "Get"})
}
