package dsl

import (
	"bytes"
	"os"
	"testing"

	"github.com/ergen-dev/ergen/dsl/internal/readergen"
)

// TestReaderIsGenerated checks that reader_gen.go is what the generator
// makes of the grammar in ast.go today: a grammar changed without `go
// generate ./dsl/...` fails here.
func TestReaderIsGenerated(t *testing.T) {
	want, err := readergen.Generate(parser)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("reader_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("reader_gen.go is not generated from the grammar in ast.go: run go generate ./dsl/...")
	}
}
