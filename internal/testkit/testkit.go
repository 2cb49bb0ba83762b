// Package testkit is the one place tests load .er models from and find
// their corpus (see the corpus subpackage, re-exported here): a test never
// globs another package's testdata or re-implements loading.
//
// Nothing outside _test.go files and test tooling may import it;
// TestImportDirection (layout_test.go) holds production packages to that,
// and to the pipeline's import direction.
package testkit

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/internal/testkit/corpus"
)

// The corpora, as in package corpus.
const (
	Examples      = corpus.Examples
	DeleteModels  = corpus.DeleteModels
	DiagramModels = corpus.DiagramModels
	LintModels    = corpus.LintModels
	Constructs    = corpus.Constructs
	ShopflowModel = corpus.ShopflowModel
)

// Glob is corpus.Glob: the files the patterns match, failing t when one
// matches nothing.
func Glob(t testing.TB, patterns ...string) []string {
	t.Helper()
	return corpus.Glob(t, patterns...)
}

// Path is corpus.Path: one file of the corpus.
func Path(t testing.TB, path string) string {
	t.Helper()
	return corpus.Path(t, path)
}

// Read is corpus.Read: the contents of the files the patterns match.
func Read(t testing.TB, patterns ...string) [][]byte {
	t.Helper()
	return corpus.Read(t, patterns...)
}

// Resolve parses and resolves src as the file name, failing t on a syntax
// error (a test of the model wants the resolver's diagnostics, not the
// parser's). It returns every diagnostic of Resolve.
func Resolve(t testing.TB, name string, src []byte) (*model.Schema, dsl.Diagnostics) {
	t.Helper()
	f, diags := dsl.Parse(name, src)
	if len(diags) > 0 {
		t.Fatalf("syntax error in test input %s:\n%s", name, Printed(diags, src))
	}
	return model.Resolve(f)
}

// LoadSource parses and resolves src as generator.Load does, with the
// diagnostics of both stages, syntax errors included. It is for the tests
// of the packages generator runs (lint, format), which cannot import it.
func LoadSource(name string, src []byte) (*model.Schema, dsl.Diagnostics) {
	f, diags := dsl.Parse(name, src)
	if diags.HasErrors() {
		return nil, diags
	}
	return model.Resolve(f)
}

// MustResolve is Resolve for a model that must have no error; warnings
// are allowed.
func MustResolve(t testing.TB, name string, src []byte) *model.Schema {
	t.Helper()
	s, diags := Resolve(t, name, src)
	if diags.HasErrors() {
		t.Fatalf("%s does not resolve:\n%s", name, Printed(diags, src))
	}
	return s
}

// Load reads the file at path and resolves it under its base name, so
// that positions in output do not depend on where the test runs; it fails
// t on any error.
func Load(t testing.TB, path string) *model.Schema {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return MustResolve(t, filepath.Base(path), src)
}

// Printed is diagnostics as ergen check prints them, against src.
func Printed(diags dsl.Diagnostics, src []byte) string {
	var b strings.Builder
	dsl.Print(&b, diags, func(string) []byte { return src })
	return b.String()
}

// ParseGoFiles parses the Go files of dir but its tests, for tests that
// read a package's own source (what it imports, which cases it names); it
// fails t when dir has none, so that such a test never reads nothing.
func ParseGoFiles(t testing.TB, dir string) (*token.FileSet, []*ast.File) {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var files []*ast.File
	for _, path := range paths {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	if len(files) == 0 {
		t.Fatalf("no Go files in %s", dir)
	}
	return fset, files
}
