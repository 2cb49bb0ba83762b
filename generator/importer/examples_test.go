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

// declarations splits a formatted model into its declarations, each with
// its lines sorted and comments dropped, sorted: the model up to the order
// of declarations and clauses, and comments.
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
			slices.Sort(cur)
			decls = append(decls, strings.Join(cur, "\n"))
			cur = nil
		}
	}
	for _, line := range strings.Split(string(out), "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "" || strings.HasPrefix(line, "//"):
			flush()
		default:
			if i := strings.Index(line, " //"); i >= 0 {
				line = strings.TrimSpace(line[:i])
			}
			cur = append(cur, strings.Join(strings.Fields(line), " "))
		}
	}
	flush()
	slices.Sort(decls)
	return decls
}

// sameAfterImport are the examples whose imported model has the same
// declarations as the example, up to order and comments.
var sameAfterImport = map[string]bool{"company.er": true}

// The five examples: the database ergen makes of each imports to a model
// that makes the same database, with nothing noted.
func TestRoundTripExamples(t *testing.T) {
	conn := pgtest.Conn(t)
	files := testkit.Glob(t, testkit.Examples)
	if len(files) < 5 {
		t.Fatalf("found %d example models, want 5", len(files))
	}
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
			// The others differ as the README's import section says
			// they must (CHECKs as PostgreSQL prints them, clauses that
			// repeat what ergen derives, the order of options).
			report := t.Logf
			if sameAfterImport[filepath.Base(path)] {
				report = t.Errorf
			}
			if diff := cmp.Diff(declarations(t, src), declarations(t, res.Source)); diff != "" {
				report("the imported model differs from the example beyond order and comments (-example +imported):\n%s", diff)
			}
		})
	}
}
