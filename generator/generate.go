// Package generator runs ergen's pipeline: Load parses (dsl) and resolves
// and checks (model) an .er file; Generate runs one emitter on the model.
package generator

import (
	"fmt"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator/golang"
	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/generator/postgres"
	"github.com/ergen-dev/ergen/generator/review/diagram"
	"github.com/ergen-dev/ergen/generator/review/doc"
	"github.com/ergen-dev/ergen/generator/review/explain"
)

// Load parses and resolves one .er file. It returns every diagnostic of
// the file; the schema is nil when the file does not parse, and must not
// be emitted when the diagnostics hold an error.
func Load(filename string, src []byte) (*model.Schema, dsl.Diagnostics) {
	return LoadFiles(Source{filename, src})
}

// Source is one .er file of a model: its name, for positions, and its
// content.
type Source struct {
	Name string
	Src  []byte
}

// LoadFiles parses several .er files and resolves them as one model, in
// which a declaration of one file may refer to those of the others. The
// syntax errors of every file are returned at once; the schema is nil when
// any file does not parse, since names it would have declared are missing.
func LoadFiles(files ...Source) (*model.Schema, dsl.Diagnostics) {
	f, diags := Parse(files...)
	if diags.HasErrors() {
		return nil, diags
	}
	return model.Resolve(f)
}

// Output names an emitter that Generate runs.
type Output string

// The outputs of one model. Lint, fmt, migrate and import have other
// shapes, on purpose: lint reports diagnostics (lint.Check), which the
// commands print alongside check's; fmt rewrites the source text, comments
// included, and never builds a model (format.Source); migrate compares
// two models (migrate.Diff); import reads a database into a model
// (importer.Import).
const (
	SQL     Output = "sql"     // the DDL: generator/postgres
	Go      Output = "go"      // the Go package for pgx/v5: generator/golang
	Explain Output = "explain" // a delete or key-update tree: generator/review/explain
	Diagram Output = "diagram" // Mermaid or DOT: generator/review/diagram
	Doc     Output = "doc"     // the review document: generator/review/doc
)

// Request says which output to generate and how. Only the options of
// Output are read.
type Request struct {
	Output  Output
	SQL     postgres.Options
	Go      golang.Options
	Explain explain.Options
	Diagram diagram.Options
	Doc     doc.Options
}

// Generate runs the emitter req.Output names on s, which must have
// resolved without errors. Every emitter has the same entry,
// Emit(*model.Schema, Options) ([]model.File, error), so adding one is a
// constant and a case here.
func Generate(s *model.Schema, req Request) ([]model.File, error) {
	switch req.Output {
	case SQL:
		return postgres.Emit(s, req.SQL)
	case Go:
		return golang.Emit(s, req.Go)
	case Explain:
		return explain.Emit(s, req.Explain)
	case Diagram:
		return diagram.Emit(s, req.Diagram)
	case Doc:
		return doc.Emit(s, req.Doc)
	}
	return nil, fmt.Errorf("generator: unknown output %q", req.Output)
}

// Parse parses several .er files into one, as dsl.Join does, with the
// syntax errors of all of them.
func Parse(files ...Source) (*dsl.File, dsl.Diagnostics) {
	parts := make([]*dsl.File, 0, len(files))
	var diags dsl.Diagnostics
	for _, src := range files {
		f, ds := dsl.Parse(src.Name, src.Src)
		parts, diags = append(parts, f), append(diags, ds...)
	}
	return dsl.Join(parts...), diags
}
