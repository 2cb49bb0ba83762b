package format

import (
	"slices"
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/internal/testkit"

	"github.com/google/go-cmp/cmp"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator/postgres"
)

// FuzzFormat formats every input that parses and checks that the result
// parses, formats to itself, keeps every comment, and describes the same
// model: the same DDL when the input resolves, the same error messages
// when it does not.
func FuzzFormat(f *testing.F) {
	for _, src := range testkit.Read(f, testkit.Examples, testkit.DeleteModels, testkit.Constructs, ownModels) {
		f.Add(src)
	}
	// Comments inside parentheses, which are printed with the expression
	// they are part of.
	f.Add([]byte("entity P {\n  price numeric(10, 2) check (price > 0 /* positive */)\n  qty integer = f(1 /* a */, 2) // b\n  check (qty > 0 // c\n  )\n}\n"))
	f.Add([]byte("entity Q { a integer = ( /* x */ 1) }\nrelationship Q M:N Q as l, r {\n  n integer check (n /* y */ > 0)\n}\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		if _, diags := dsl.Parse("in.er", src); diags.HasErrors() {
			return
		}
		once, diags := Source("in.er", src)
		if diags.HasErrors() {
			t.Fatalf("input parses but does not format: %v", diags)
		}
		if _, diags := dsl.Parse("in.er", once); diags.HasErrors() {
			t.Fatalf("formatted output does not parse: %v\n%s", diags, once)
		}
		twice, _ := Source("in.er", once)
		if diff := cmp.Diff(string(once), string(twice)); diff != "" {
			t.Fatalf("formatting is not idempotent (-once +twice):\n%s", diff)
		}
		// Trailing blanks are not part of a comment: fmt drops them, as
		// gofmt does.
		a, errA := dslTokens(src)
		b, errB := dslTokens(once)
		for i := range a {
			a[i] = strings.TrimRight(a[i], " \t\r\f")
		}
		if errA == nil && errB == nil && !cmp.Equal(a, b) {
			t.Fatalf("comments changed:\n%s", cmp.Diff(a, b))
		}
		if diff := cmp.Diff(modelOf(t, src), modelOf(t, once)); diff != "" {
			t.Fatalf("formatting changed the model (-before +after):\n%s\nformatted:\n%s", diff, once)
		}
	})
}

// modelOf is the DDL of src, or the sorted messages of its errors.
func modelOf(t *testing.T, src []byte) []string {
	s, diags := testkit.LoadSource("in.er", src)
	if diags.HasErrors() {
		var msgs []string
		for _, d := range diags.Errors() {
			msgs = append(msgs, d.Msg)
		}
		slices.Sort(msgs)
		return msgs
	}
	ddl, err := postgres.DDL(s, "in.er")
	if err != nil {
		t.Fatalf("emit: %v", err)
	}
	return []string{string(ddl)}
}
