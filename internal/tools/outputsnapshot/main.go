// Command outputsnapshot writes everything ergen emits for every example
// and for a run of random models into one directory, so that a refactoring
// meant to leave output alone can be checked byte for byte:
//
//	go run ./internal/tools/outputsnapshot -o /tmp/before
//	# change the code
//	go run ./internal/tools/outputsnapshot -o /tmp/after
//	diff -r /tmp/before /tmp/after
//
// Flawed random models (a fifth as many) pin check's errors. For each
// model it writes the diagnostics of check and lint, the DDL, the
// Go package, the delete and key-update tree of every table, both
// diagrams, the Markdown review document and the fmt layout. The HTML
// document is left out: it is the Markdown document's content laid out by
// Graphviz, which would make a run of hundreds of models slow.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator"
	"github.com/ergen-dev/ergen/generator/golang"
	"github.com/ergen-dev/ergen/generator/postgres"
	"github.com/ergen-dev/ergen/generator/review/diagram"
	"github.com/ergen-dev/ergen/generator/review/doc"
	"github.com/ergen-dev/ergen/generator/review/explain"
	"github.com/ergen-dev/ergen/generator/review/format"
	"github.com/ergen-dev/ergen/generator/review/lint"
	"github.com/ergen-dev/ergen/internal/randmodel"
)

func main() {
	out := flag.String("o", "", "directory to write the snapshot to (created)")
	models := flag.Int("models", 500, "random models to include, seeds 0 to N-1")
	examples := flag.String("examples", "examples", "directory holding the example models")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "outputsnapshot: -o DIR is required")
		os.Exit(2)
	}
	ers, err := filepath.Glob(filepath.Join(*examples, "*", "*.er"))
	if err != nil || len(ers) == 0 {
		fmt.Fprintf(os.Stderr, "outputsnapshot: no example models under %s\n", *examples)
		os.Exit(1)
	}
	for _, path := range ers {
		src, err := os.ReadFile(path)
		if err != nil {
			fail(err)
		}
		name := strings.TrimSuffix(filepath.Base(path), ".er")
		snapshot(filepath.Join(*out, "examples", name), filepath.Base(path), src)
	}
	for seed := range *models {
		src := randmodel.Generate(int64(seed), randmodel.Options{})
		snapshot(filepath.Join(*out, "random", fmt.Sprint(seed)), "random.er", []byte(src))
	}
	// Flawed models pin the wording and positions of check's errors.
	for seed := range *models / 5 {
		src := randmodel.Generate(int64(seed), randmodel.Options{Flaws: true})
		snapshot(filepath.Join(*out, "flawed", fmt.Sprint(seed)), "flawed.er", []byte(src))
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "outputsnapshot:", err)
	os.Exit(1)
}

// snapshot writes one model's outputs under dir. An emitter's error is
// written as that output's content: a change in what fails is a change.
func snapshot(dir, name string, src []byte) {
	files := map[string][]byte{}
	s, diags := generator.Load(name, src)
	files["check.txt"] = printed(diags, name, src)
	if formatted, fd := format.Source(name, src); fd.HasErrors() {
		files["fmt.txt"] = printed(fd, name, src)
	} else {
		files["fmt.er"] = formatted
	}
	if s != nil && !diags.HasErrors() {
		files["lint.txt"] = printed(lint.Check(s), name, src)
		files["schema.sql"] = orError(postgres.DDL(s, name))
		goFiles, err := golang.Emit(s, golang.Options{Package: "snapdb", Source: name})
		if err != nil {
			files["go.error"] = []byte(err.Error())
		}
		for _, f := range goFiles {
			files["go/"+f.Name] = f.Data
		}
		var trees bytes.Buffer
		for _, t := range s.Tables {
			trees.Write(explain.Render(t.DeleteEffects(), ""))
			trees.Write(explain.Render(t.UpdateEffects(), ""))
		}
		files["explain.txt"] = trees.Bytes()
		files["diagram.mmd"] = orError(diagram.Render(s, diagram.Mermaid, name))
		files["diagram.dot"] = orError(diagram.Render(s, diagram.DOT, name))
		files["review.md"] = orError(doc.Render(s, doc.Markdown, doc.Options{Source: name}))
	}
	for f, data := range files {
		p := filepath.Join(dir, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			fail(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			fail(err)
		}
	}
}

func printed(ds dsl.Diagnostics, name string, src []byte) []byte {
	var b bytes.Buffer
	dsl.Print(&b, ds, func(string) []byte { return src })
	return b.Bytes()
}

func orError(data []byte, err error) []byte {
	if err != nil {
		return []byte("error: " + err.Error())
	}
	return data
}
