package dsl_test

import (
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"testing"

	"github.com/ergen-dev/ergen/dsl"
)

// Every word of the grammar, and a plain name, as a role of an M:N named
// in each sided clause: it reads back as that side exactly when
// IsSideName says so.
func TestIsSideNameAgreesWithTheGrammar(t *testing.T) {
	for _, w := range append(dsl.AllKeywords(), "author", "Order") {
		src := fmt.Sprintf("relationship A M:N B as %[1]s, other {\n  on delete %[1]s cascade\n  constraint %[1]s fk_x\n  column %[1]s x_id\n  no index %[1]s\n}\n", w)
		f, diags := dsl.Parse("side.er", []byte(src))
		got := !diags.HasErrors()
		if got {
			items := f.Decls[0].Relationship.Items
			got = len(items) == 4 && items[0].On.Side != nil && items[0].On.Side.Value == w &&
				items[1].Constraint.Side != nil && items[1].Constraint.Side.Value == w &&
				items[2].Column.Side != nil && items[2].Column.Side.Value == w &&
				items[3].NoIndex.Side != nil && items[3].NoIndex.Side.Value == w
		}
		if got != dsl.IsSideName(w) {
			t.Errorf("%q: reads back as a side: %v, IsSideName: %v", w, got, dsl.IsSideName(w))
		}
	}
}

// The words IsSideName refuses are the ones the grammar's lookaheads
// refuse, so that a clause added to the grammar cannot be missed.
func TestIsSideNameListsTheLookahead(t *testing.T) {
	tag := reflect.TypeOf(dsl.NoIndex{}).Field(3).Tag.Get("parser")
	look := regexp.MustCompile(`\(\?! \((.*?)\) \)`).FindStringSubmatch(tag)
	if look == nil {
		t.Fatalf("no negative lookahead in NoIndex.Side's tag %q", tag)
	}
	var refused []string
	for _, m := range regexp.MustCompile(`"([a-z]+)"`).FindAllStringSubmatch(look[1], -1) {
		refused = append(refused, m[1])
	}
	for _, w := range dsl.AllKeywords() {
		if dsl.IsSideName(w) == slices.Contains(refused, w) {
			t.Errorf("%q: refused by the lookahead: %v, IsSideName: %v", w, slices.Contains(refused, w), dsl.IsSideName(w))
		}
	}
}

// Every word of the grammar as the name of a junction's attribute, with
// a few types (PostgreSQL's line among them): it reads back as that
// attribute exactly when IsRelAttribute says so.
func TestIsRelAttributeAgreesWithTheGrammar(t *testing.T) {
	for _, w := range append(dsl.AllKeywords(), "quantity") {
		for _, typ := range []string{"text", "line", "integer?", "composite", "timestamp with time zone"} {
			src := fmt.Sprintf("relationship A M:N B {\n  %s %s\n}\n", w, typ)
			f, diags := dsl.Parse("attr.er", []byte(src))
			got := !diags.HasErrors()
			if got {
				items := f.Decls[0].Relationship.Items
				got = len(items) == 1 && items[0].Attribute != nil && items[0].Attribute.Name.Value == w
			}
			if got != dsl.IsRelAttribute(w, typ) {
				t.Errorf("%s %s: reads back as an attribute: %v, IsRelAttribute: %v", w, typ, got, dsl.IsRelAttribute(w, typ))
			}
		}
	}
}
