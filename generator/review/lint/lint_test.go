package lint

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/internal/golden"
	"github.com/ergen-dev/ergen/internal/testkit"
)

var update = flag.Bool("update", false, "rewrite golden files")

// models are the examples, the shared delete models (cycles, self
// references, roles, several paths) and the lint models.
func models(t *testing.T) []string {
	t.Helper()
	return testkit.Glob(t, testkit.Examples, testkit.DeleteModels, testkit.LintModels)
}

func lintFile(t *testing.T, path string) (dsl.Diagnostics, []byte) {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ds := Check(testkit.MustResolve(t, filepath.Base(path), src))
	var b bytes.Buffer
	dsl.Print(&b, ds, func(string) []byte { return src })
	return ds, b.Bytes()
}

func TestGolden(t *testing.T) {
	seen := map[string]bool{}
	for _, path := range models(t) {
		name := strings.TrimSuffix(filepath.Base(path), ".er")
		ds, out := lintFile(t, path)
		for _, d := range ds {
			seen[d.Code] = true
			if d.Severity != dsl.Warning || d.Hint == "" || d.Pos.Line == 0 {
				t.Errorf("%s: %v: want a warning with a position and a hint", path, d)
			}
		}
		golden.Check(t, filepath.Join("testdata", "golden", name+".golden"), out, *update)
	}
	// Every rule must fire somewhere, or its golden proves nothing.
	for _, r := range Rules {
		if !seen[r.Code] {
			t.Errorf("rule %s (%s) fires on no test model", r.Code, r.Name)
		}
	}
}

// TestQuiet: a model written with every decision explicit and plain names
// draws no warning.
func TestQuiet(t *testing.T) {
	src := `entity Author { id integer pk; name text }
entity Book { id integer pk; title text }
relationship Author 1:N Book { required; on delete restrict; on update cascade }
`
	s := testkit.MustResolve(t, "quiet.er", []byte(src))
	if ds := Check(s); len(ds) != 0 {
		t.Errorf("want no warnings, got %v", ds)
	}
}

// TestREADME: the table in README.md documents exactly the rules, in order.
func TestREADME(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	var documented []string
	for _, m := range regexp.MustCompile(`(?m)^\| (ER\d{3}) \| ([a-z-]+) \|`).FindAllStringSubmatch(string(readme), -1) {
		documented = append(documented, m[1]+" "+m[2])
	}
	var codes []string
	for _, r := range Rules {
		codes = append(codes, r.Code+" "+r.Name)
	}
	if !slices.Equal(documented, codes) {
		t.Errorf("README.md documents %v, rules are %v", documented, codes)
	}
}
