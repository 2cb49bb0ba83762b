package dsl

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/dsl/internal/readergen"
)

// TestReaderIsGenerated checks that reader_gen.go is what the generator
// makes of the grammar in ast.go today: a grammar changed without `go
// generate ./dsl/...` fails here.
func TestReaderIsGenerated(t *testing.T) {
	want, err := readergen.Generate(parser())
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("reader_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(got, want) {
		return
	}
	gotLines, wantLines := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	line := 0
	for line < min(len(gotLines), len(wantLines)) && gotLines[line] == wantLines[line] {
		line++
	}
	t.Fatalf("reader_gen.go is not generated from the grammar in ast.go: run go generate ./dsl/...\n"+
		"first difference, line %d:\n  have %q\n  want %q", line+1, at(gotLines, line), at(wantLines, line))
}

// at is lines[i], or "" past the end.
func at(lines []string, i int) string {
	if i < len(lines) {
		return lines[i]
	}
	return ""
}
