package importer_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ergen-dev/ergen/generator"
	"github.com/ergen-dev/ergen/generator/postgres"
	"github.com/ergen-dev/ergen/generator/review/format"
	"github.com/ergen-dev/ergen/internal/pgtest"
	"github.com/ergen-dev/ergen/internal/testkit"
)

// declarations splits a formatted model into its declarations, comments
// dropped, in name order: the model as `ergen fmt` writes it, up to the
// order of declarations and comments. A declaration's own lines stay in
// their order and layout.
func declarations(t *testing.T, src []byte) []string {
	t.Helper()
	out, diags := format.Source("x.er", src)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	var decls []string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			decls = append(decls, strings.Join(cur, "\n"))
			cur = nil
		}
	}
	for _, line := range strings.Split(string(out), "\n") {
		switch trimmed := strings.TrimSpace(line); {
		case trimmed == "":
			flush()
		case strings.HasPrefix(trimmed, "//"):
		default:
			if i := strings.Index(line, " //"); i >= 0 {
				line = strings.TrimRight(line[:i], " ")
			}
			cur = append(cur, line)
		}
	}
	flush()
	slices.Sort(decls)
	return decls
}

// The five examples, and testdata/models: the database ergen makes of each
// imports to a model that makes the same database, with nothing noted,
// and reads as the model did.
func TestRoundTripExamples(t *testing.T) {
	conn := pgtest.Conn(t)
	files := testkit.Glob(t, testkit.Examples)
	if len(files) < 5 {
		t.Fatalf("found %d example models, want 5", len(files))
	}
	// And models of what the examples do not show, as ergen writes them.
	models, _ := filepath.Glob("testdata/models/*.er")
	files = append(files, models...)
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			s, diags := generator.Load(path, src)
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			ddl, err := postgres.DDL(s, path)
			if err != nil {
				t.Fatal(err)
			}
			schema := s.Name
			if schema == "" {
				schema = "public"
			}
			before, after, res, err := roundTrip(t, conn, string(ddl), schema)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Notes) > 0 {
				t.Errorf("notes on a model ergen wrote: %v", res.Notes)
			}
			if diff := cmp.Diff(before, after); diff != "" {
				t.Errorf("catalogs differ (-before +after):\n%s\n--- imported:\n%s", diff, res.Source)
			}
			// A model ergen wrote comes back as it was written: every
			// declaration, as `ergen fmt` lays it out, text for text.
			if diff := cmp.Diff(declarations(t, src), declarations(t, res.Source)); diff != "" {
				t.Errorf("the imported model differs from the example (-example +imported):\n%s", diff)
			}
		})
	}
}
