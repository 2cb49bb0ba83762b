package doc

import (
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/internal/testkit"
)

// TestCollationShown checks that a column's collation is part of its type
// in the document, as in the DDL.
func TestCollationShown(t *testing.T) {
	s := testkit.MustResolve(t, "c.er", []byte("entity Tag {\n  slug text collate \"C\" pk\n  at public.geometry(Point, 4326)\n}\n"))
	md, err := Render(s, Markdown, Options{Source: "c.er"})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"| `slug` | `text COLLATE \"C\"` |", "| `at` | `public.geometry(Point,4326)` |"} {
		if !strings.Contains(string(md), want) {
			t.Errorf("the document lacks %s:\n%s", want, md)
		}
	}
}
