//go:build ergen_readergen

// Command genreader writes the fast reader of the .er language,
// reader_gen.go, from participle's grammar in dsl/ast.go. It is run by
// `go generate ./dsl/...`, in the dsl directory, with the ergen_readergen
// build tag, under which package dsl leaves the old reader out.
package main

import (
	"fmt"
	"os"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/dsl/internal/readergen"
)

func main() {
	src, err := readergen.Generate(dsl.GrammarParser())
	if err != nil {
		fmt.Fprintln(os.Stderr, "genreader:", err)
		os.Exit(1)
	}
	if err := os.WriteFile("reader_gen.go", src, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "genreader:", err)
		os.Exit(1)
	}
}
