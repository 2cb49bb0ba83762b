// Package corpus finds the .er files that tests run over: the examples and
// the shared test models under internal/testkit/models. Every pattern must
// match at least one file, so a test driven by a corpus fails, instead of
// passing over nothing, when its corpus is moved or deleted.
//
// It depends on the standard library alone, so that the tests inside
// package dsl can use it too (internal/testkit, which also loads models,
// imports dsl).
package corpus

import (
	"os"
	"path/filepath"
	"testing"
)

// The corpora every test names, as patterns relative to the repository
// root.
const (
	// Examples are the seed schemas with their DDL and Go packages.
	Examples = "examples/*/*.er"
	// DeleteModels have delete and key-update trees worth pinning:
	// cycles, self-references, roles, shared keys, several paths.
	DeleteModels = "internal/testkit/models/delete/*.er"
	// DiagramModels have diagram shapes worth pinning.
	DiagramModels = "internal/testkit/models/diagram/*.er"
	// LintModels carry one instance of each lint warning.
	LintModels = "internal/testkit/models/lint/*.er"
	// Constructs is the model that uses every construct of the language.
	Constructs = "internal/testkit/models/constructs.er"
	// ShopflowModel is the example most tests of one model use.
	ShopflowModel = "examples/shopflow/shopflow.er"
)

// Root returns the repository root: the nearest directory above the
// test's working directory that holds go.mod.
func Root(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("corpus: no go.mod above the test's directory")
		}
		dir = parent
	}
}

// Glob returns the files each pattern (relative to the repository root)
// matches, in pattern order, each sorted, as paths relative to the test's
// working directory: output that names a file reads the same as before
// the corpus moved behind this function. It fails t when a pattern
// matches nothing.
func Glob(t testing.TB, patterns ...string) []string {
	t.Helper()
	root := Root(t)
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, p := range patterns {
		matches, err := filepath.Glob(filepath.Join(root, p))
		if err != nil {
			t.Fatalf("corpus: %s: %v", p, err)
		}
		if len(matches) == 0 {
			t.Fatalf("corpus: %s matches no file: the test would check nothing", p)
		}
		for _, m := range matches {
			rel, err := filepath.Rel(wd, m)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, rel)
		}
	}
	return out
}

// Path is Glob for one file named exactly.
func Path(t testing.TB, path string) string {
	t.Helper()
	return Glob(t, path)[0]
}

// Read returns the contents of every file the patterns match, in Glob's
// order.
func Read(t testing.TB, patterns ...string) [][]byte {
	t.Helper()
	var out [][]byte
	for _, p := range Glob(t, patterns...) {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}
