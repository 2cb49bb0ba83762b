package golang_test

import (
	"bytes"
	"fmt"
	"go/format"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/ergen-dev/ergen/generator"
	"github.com/ergen-dev/ergen/generator/golang"
	"github.com/ergen-dev/ergen/internal/randmodel"
)

// The generated files are laid out by ergen's own pass, not go/format
// (see layout.go). The tests below hold it to go/format's output on every
// model at hand: each file must be exactly what gofmt makes of it, and
// none may have needed go/format as a fallback.

// checkLaidOut emits the model of src, when it has no errors, and
// compares every file with go/format's output. It reports whether the
// model had no errors.
func checkLaidOut(t *testing.T, name string, src []byte, pkg, source string) bool {
	t.Helper()
	s, diags := generator.Load(filepath.Base(name), src)
	if diags.HasErrors() {
		return false
	}
	before := golang.FormatFallbacks()
	files, err := golang.Emit(s, golang.Options{Package: pkg, Source: source})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if n := golang.FormatFallbacks() - before; n > 0 {
		t.Errorf("%s: %d files needed go/format", name, n)
	}
	for _, f := range files {
		formatted, err := format.Source(f.Data)
		if err != nil {
			t.Fatalf("%s: %s does not parse: %v\n%s", name, f.Name, err, f.Data)
		}
		if !bytes.Equal(formatted, f.Data) {
			t.Fatalf("%s: %s is not gofmt-clean:\n%s", name, f.Name, lineDiff(f.Data, formatted))
		}
	}
	return true
}

// TestCorpusFormatted: the golden cases, the examples and the hostile
// corpus (whose models carry comment text and names meant to break out of
// generated code; the file name goes into every header).
func TestCorpusFormatted(t *testing.T) {
	var paths []string
	for _, glob := range []string{"testdata/*/input.er", "../../examples/*/*.er", "../../examples/*/testdata/*/*.er", "../testdata/hostile/*.er"} {
		m, err := filepath.Glob(glob)
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, m...)
	}
	if len(paths) < 30 {
		t.Fatalf("only %d models found", len(paths))
	}
	loaded := 0
	for i, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if checkLaidOut(t, p, src, fmt.Sprintf("m%d", i), "evil\n-- */ %0A.er") {
			loaded++
		}
	}
	if loaded < 15 {
		t.Fatalf("only %d of %d models loaded", loaded, len(paths))
	}
}

// TestRandomModelsFormatted: the packages of random models (with
// comments, defaults, enums, composite keys and clashing names).
// ERGEN_LARGE_TESTS=1 draws ten times as many models.
func TestRandomModelsFormatted(t *testing.T) {
	n := 300
	if os.Getenv("ERGEN_LARGE_TESTS") == "1" {
		n = 3000
	}
	checked := 0
	for seed := int64(1); seed <= int64(n); seed++ {
		opts := randmodel.Options{Entities: 2 + int(seed%13)}
		if seed%3 == 0 {
			opts.Schema = "s" + strconv.FormatInt(seed, 10)
		}
		src := randmodel.Generate(seed, opts)
		if checkLaidOut(t, fmt.Sprintf("seed %d", seed), []byte(src), fmt.Sprintf("seed%d", seed), "model.er") {
			checked++
		}
	}
	if checked < n/2 {
		t.Fatalf("only %d of %d random models resolved", checked, n)
	}
}

// lineDiff shows the first lines where got and want differ.
func lineDiff(got, want []byte) string {
	g, w := bytes.Split(got, []byte("\n")), bytes.Split(want, []byte("\n"))
	for i := range min(len(g), len(w)) {
		if !bytes.Equal(g[i], w[i]) {
			return fmt.Sprintf("line %d:\n  ergen: %q\n  gofmt: %q", i+1, g[i], w[i])
		}
	}
	return fmt.Sprintf("%d lines, gofmt makes %d", len(g), len(w))
}
