package model_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ergen-dev/ergen/generator/model"
)

// manyRelationships is entities P and C, C with attributes after its key,
// and n relationships P 1:N C, each with a role of its own, then extra.
func manyRelationships(n int, extra ...string) string {
	var b strings.Builder
	b.WriteString("entity P {\n  id serial pk\n}\nentity C {\n  id serial pk\n  name text\n  x_id integer\n}\n")
	for i := range n {
		fmt.Fprintf(&b, "relationship P 1:N C as r%d\n", i)
	}
	for _, e := range extra {
		b.WriteString(e + "\n")
	}
	return b.String()
}

// TestManyRelationshipsToOneTable: a table that takes many foreign keys
// finds where the next FK column goes, its columns by name and its keys
// by role as with few: FK columns after the key in relationship order,
// before the declared attributes; a duplicate role told against the key
// that took it first; a named column used, not added.
func TestManyRelationshipsToOneTable(t *testing.T) {
	const n = 40
	s, diags := load(t, manyRelationships(n,
		"relationship P 1:N C as r3 {\n  column other_id\n}",
		"relationship P 1:N C as x",
		"relationship P 1:N C as r3 {\n  column third_id\n}",
	))
	role := "= hint: tell them apart with role names, as in `P 1:N C as author` and `... as reviewer`"
	want := []string{
		`t.er:49:1: error: duplicate role "r3" on "C": P 1:N C as r3 already uses it`, role,
		`t.er:49:1: error: name "fk_cs_r3" of foreign key of P 1:N C as r3 is already used by foreign key of P 1:N C as r3`,
		"= hint: give one of them another name",
		`t.er:53:1: error: duplicate role "r3" on "C": P 1:N C as r3 already uses it`, role,
		`t.er:53:1: error: name "fk_cs_r3" of foreign key of P 1:N C as r3 is already used by foreign key of P 1:N C as r3`,
		"= hint: give one of them another name",
	}
	if diff := cmp.Diff(want, render(diags)); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
	var got []string
	for _, c := range s.Tables[1].Columns {
		got = append(got, c.Name)
	}
	wantCols := []string{"id"}
	for i := range n {
		wantCols = append(wantCols, fmt.Sprintf("r%d_id", i))
	}
	wantCols = append(wantCols, "other_id", "third_id", "name", "x_id")
	if diff := cmp.Diff(wantCols, got); diff != "" {
		t.Errorf("columns of C (-want +got):\n%s", diff)
	}
	if !model.CoverIndexed(s.Tables[1]) {
		t.Errorf("CoveredBy scans the keys and indexes of C, which has %d foreign keys", len(s.Tables[1].ForeignKeys))
	}
}

// TestManyDuplicateRoles: relationships of many parents that give their
// child one role are each told once, against the first that took the role,
// not against every earlier one.
func TestManyDuplicateRoles(t *testing.T) {
	const n = 200
	var b strings.Builder
	b.WriteString("entity C { id serial pk }\n")
	for i := range n {
		fmt.Fprintf(&b, "entity P%d { id serial pk }\nrelationship P%d 1:N C as x { column c%d }\n", i, i, i)
	}
	_, diags := load(t, b.String())
	var roles []string
	for _, d := range diags {
		if strings.HasPrefix(d.Msg, "duplicate role") {
			roles = append(roles, d.Msg)
		}
	}
	if len(roles) != n-1 {
		t.Fatalf("%d duplicate role errors, want %d", len(roles), n-1)
	}
	for i, msg := range roles {
		if want := `duplicate role "x" on "C": P0 1:N C as x already uses it`; msg != want {
			t.Fatalf("error %d: %s, want %s", i, msg, want)
		}
	}
}

// BenchmarkResolveManyRelationships resolves 20,000 relationships between
// two entities: time linear in the relationships, not quadratic.
func BenchmarkResolveManyRelationships(b *testing.B) {
	src := manyRelationships(20000)
	b.ReportAllocs()
	for b.Loop() {
		load(b, src)
	}
}

// TestLookalikesOfManyRelationships: the attributes named like the FK
// columns of many relationships to one table are found as with few, in
// FK order (diagnostics sort by place, then text: the roles are numbered
// from s00 so that text order is FK order): the first name of each key's
// that an attribute has.
func TestLookalikesOfManyRelationships(t *testing.T) {
	const n = 40
	var b strings.Builder
	b.WriteString("entity Q {\n  code text pk\n}\nentity D {\n  id serial pk\n  s03_id text\n  code text\n}\n")
	for i := range n {
		fmt.Fprintf(&b, "relationship Q 1:N D as s%02d\n", i)
	}
	_, diags := load(t, b.String())
	// Sorted by place: s03_id's first, then code's, in FK order.
	want := lookalike(6, "s03_id", 3)
	for i := range n {
		if i != 3 {
			want = append(want, lookalike(7, "code", i)...)
		}
	}
	if diff := cmp.Diff(want, render(diags)); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
}

// lookalike is the warning that the attribute at line is like the FK
// column of Q 1:N D as s<i>.
func lookalike(line int, attr string, i int) []string {
	return []string{
		fmt.Sprintf(`t.er:%d:3: warning ER108: attribute %q of "D" is not the foreign key column of Q 1:N D as s%02d, which adds "s%02d_code"`, line, attr, i, i),
		"= hint: to use the attribute as the FK column, write `column " + attr + "` in the relationship; otherwise rename it",
	}
}
