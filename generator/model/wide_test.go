package model_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// wideEntity is an entity of n attributes a0... after its key, then the
// attributes of extra, one a line.
func wideEntity(name string, n int, extra ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "entity %s {\n  id serial pk\n", name)
	for i := range n {
		fmt.Fprintf(&b, "  a%d text?\n", i)
	}
	for _, e := range extra {
		b.WriteString("  " + e + "\n")
	}
	b.WriteString("}\n")
	return b.String()
}

// TestDuplicateAttributeOfWideEntity: an entity of many attributes finds
// its columns by a map (see columnIndex); a duplicate of the first
// attribute, of one after the map was built, of one added after that,
// and of one of an earlier entity's names (which is no duplicate) are
// told as in a short entity, each at its line.
func TestDuplicateAttributeOfWideEntity(t *testing.T) {
	const n = 200
	src := wideEntity("Narrow", 3, "a150 text") + wideEntity("Wide", n, "a0 integer", "later text", "a150 integer", "later integer", "id bigint")
	_, diags := load(t, src)
	// Narrow takes lines 1-7; Wide's attributes a0... lines 10 to 9+n.
	want := []string{
		`t.er:210:3: error: duplicate attribute "a0" in "Wide"`,
		`t.er:212:3: error: duplicate attribute "a150" in "Wide"`,
		`t.er:213:3: error: duplicate attribute "later" in "Wide"`,
		`t.er:214:3: error: duplicate attribute "id" in "Wide"`,
	}
	if diff := cmp.Diff(want, render(diags)); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
}

// BenchmarkResolveWideEntity resolves one entity of 20,000 attributes:
// time linear in the attributes, not quadratic.
func BenchmarkResolveWideEntity(b *testing.B) {
	src := wideEntity("Wide", 20000)
	b.ReportAllocs()
	for b.Loop() {
		mustLoad(b, src)
	}
}
