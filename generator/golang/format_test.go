package golang_test

import (
	"bytes"
	"fmt"
	"go/format"
	"os"
	"strconv"
	"testing"

	"github.com/ergen-dev/ergen/generator"
	"github.com/ergen-dev/ergen/generator/golang"
	"github.com/ergen-dev/ergen/internal/randmodel"
)

// TestRandomModelsFormatted: every file of the packages of random models
// (with comments, defaults, enums, composite keys and clashing names) must
// be exactly what gofmt makes of it: jen formats what it builds, but the
// import block and the verbatim runtime file are ergen's own. ERGEN_LARGE_TESTS=1 draws twenty times
// as many models.
func TestRandomModelsFormatted(t *testing.T) {
	n := 100
	if os.Getenv("ERGEN_LARGE_TESTS") == "1" {
		n = 2000
	}
	checked := 0
	for seed := int64(1); seed <= int64(n); seed++ {
		opts := randmodel.Options{Entities: 2 + int(seed%13)}
		if seed%3 == 0 {
			opts.Schema = "s" + strconv.FormatInt(seed, 10)
		}
		src := randmodel.Generate(seed, opts)
		s, diags := generator.Load("model.er", []byte(src))
		if diags.HasErrors() {
			continue
		}
		files, err := golang.Emit(s, golang.Options{Package: fmt.Sprintf("seed%d", seed), Source: "model.er"})
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		for _, f := range files {
			formatted, err := format.Source(f.Data)
			if err != nil {
				t.Fatalf("seed %d: %s does not parse: %v\n%s", seed, f.Name, err, f.Data)
			}
			if !bytes.Equal(formatted, f.Data) {
				t.Fatalf("seed %d: %s is not gofmt-clean:\n%s", seed, f.Name, lineDiff(f.Data, formatted))
			}
		}
		checked++
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
