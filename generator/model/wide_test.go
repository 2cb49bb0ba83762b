package model_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ergen-dev/ergen/generator/model"
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

// TestClausesOfWideEntity: the clauses of an entity of many columns
// (indexes, keys, a relationship's column) find them by the resolver's
// map as by the table's list: the right column, unknown names told with
// a suggestion.
func TestClausesOfWideEntity(t *testing.T) {
	const n = 100
	src := wideEntity("P", 1) + wideEntity("Wide", n, "index (a7, a99)", "unique (a50)", "index (a77x)", "p_id integer?") +
		"relationship P 1:N Wide {\n  optional\n  column p_id\n}\n"
	s, diags := load(t, src)
	want := []string{
		`t.er:109:10: error: unknown column "a77x" in index of "Wide"`,
		`= hint: did you mean "a77"?`,
	}
	if diff := cmp.Diff(want, render(diags)); diff != "" {
		t.Fatalf("diagnostics (-want +got):\n%s", diff)
	}
	wide := s.Tables[1]
	var got []string
	for _, ix := range wide.Indexes {
		got = append(got, ix.Name+": "+model.ColumnNames(ix.Columns))
	}
	for _, k := range wide.Uniques {
		got = append(got, k.Name+": "+model.ColumnNames(k.Columns))
	}
	for _, fk := range wide.ForeignKeys {
		got = append(got, "fk: "+model.ColumnNames(fk.Columns))
	}
	if diff := cmp.Diff([]string{"idx_wides_a7_a99: a7, a99", "idx_wides_p_id: p_id", "uq_wides_a50: a50", "fk: p_id"}, got); diff != "" {
		t.Errorf("columns of Wide's clauses (-want +got):\n%s", diff)
	}
}

// BenchmarkResolveWideEntity resolves one entity of 20,000 attributes,
// each with an index of its own, which an .er file may declare though
// PostgreSQL would refuse it: time linear in the attributes, not
// quadratic.
func BenchmarkResolveWideEntity(b *testing.B) {
	var idx []string
	for i := range 20000 {
		idx = append(idx, fmt.Sprintf("index (a%d)", i))
	}
	src := wideEntity("Wide", 20000, idx...)
	b.ReportAllocs()
	for b.Loop() {
		// Resolved whole, then refused: more than MaxColumns columns.
		if _, diags := load(b, src); len(diags) != 1 {
			b.Fatalf("diagnostics: %v", diags)
		}
	}
}

// TestLimits: a table of more than MaxColumns columns (attributes, or
// the FK columns of its relationships), and a key or index of more than
// MaxIndexKeys columns, INCLUDE columns counted, are refused, as
// PostgreSQL refuses them; at the limits they are not.
func TestLimits(t *testing.T) {
	cols := func(from, to int) string {
		var names []string
		for i := from; i < to; i++ {
			names = append(names, fmt.Sprintf("a%d", i))
		}
		return strings.Join(names, ", ")
	}
	atLimit := wideEntity("Wide", model.MaxColumns-1, "index ("+cols(0, 32)+")", "unique ("+cols(0, 8)+") include ("+cols(8, 32)+")")
	if _, diags := load(t, atLimit); len(diags) != 0 {
		t.Errorf("at the limits: %v", render(diags))
	}
	over := wideEntity("Wide", model.MaxColumns, "index ("+cols(0, 33)+")", "unique ("+cols(0, 8)+") include ("+cols(8, 33)+")")
	want := []string{
		`t.er:1:8: error: "Wide" has 1601 columns; PostgreSQL allows at most 1600 in a table`,
		"= hint: move some attributes, or the foreign keys of some relationships, to a table of their own",
		`t.er:1603:9: error: an index of "Wide" has 33 columns; PostgreSQL allows at most 32 in a key or index`,
		"= hint: index fewer columns (INCLUDE columns count too)",
		`t.er:1604:10: error: a unique key of "Wide" has 33 columns; PostgreSQL allows at most 32 in a key or index`,
		"= hint: index fewer columns (INCLUDE columns count too)",
	}
	_, diags := load(t, over)
	if diff := cmp.Diff(want, render(diags)); diff != "" {
		t.Errorf("over the limits (-want +got):\n%s", diff)
	}
	// A primary key and an exclusion constraint are indexes, and a
	// partition key has the same limit (PostgreSQL: "cannot use more than 32 columns in an
	// index", "cannot partition using more than 32 columns").
	with := func(from, to int) string {
		return strings.ReplaceAll(cols(from, to), ",", " with =,") + " with ="
	}
	for n, wantErr := range map[int]bool{32: false, 33: true} {
		src := wideEntity("X", n, "exclude using btree ("+with(0, n)+")")
		_, diags := load(t, src)
		if got := strings.Contains(strings.Join(render(diags), "\n"), fmt.Sprintf("an exclusion constraint of \"X\" has %d columns", n)); got != wantErr {
			t.Errorf("exclusion constraint of %d columns: %v", n, render(diags))
		}
		src = strings.Replace(wideEntity("K", n, "pk ("+cols(0, n)+")"), "  id serial pk\n", "", 1)
		_, diags = load(t, src)
		if got := strings.Contains(strings.Join(render(diags), "\n"), fmt.Sprintf("the primary key of \"K\" has %d columns", n)); got != wantErr {
			t.Errorf("primary key of %d columns: %v", n, render(diags))
		}
		src = wideEntity("R", n, "partition by range ("+cols(0, n)+")")
		_, diags = load(t, src)
		if got := strings.Contains(strings.Join(render(diags), "\n"), fmt.Sprintf("the partition key of \"R\" has %d columns", n)); got != wantErr {
			t.Errorf("partition key of %d columns: %v", n, render(diags))
		}
	}
	// Relationships bring FK columns: 1,600 of them make 1,601 columns.
	src := wideEntity("P", 0) + wideEntity("C", 0)
	for i := range model.MaxColumns {
		src += fmt.Sprintf("relationship P 1:N C as r%d\n", i)
	}
	if _, diags := load(t, src); len(diags) != 1 || !strings.Contains(diags[0].Error(), `"C" has 1601 columns`) {
		t.Errorf("1,600 relationships: %v", render(diags))
	}
}
