// Package generator runs ergen's pipeline: Load parses (dsl) and resolves
// and checks (model) an .er file; Generate makes any output of ergen, from
// a model, from sources, from two models or from a database, through one
// entry and one table of outputs (outputs.go).
package generator

import (
	"context"
	"fmt"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator/golang"
	"github.com/ergen-dev/ergen/generator/importer"
	"github.com/ergen-dev/ergen/generator/importer/catalog"
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
	// f is this function's own, and no use of it is left after
	// resolving: the resolver may take its attributes as it goes.
	return model.ResolveConsuming(f)
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

// Output names one of ergen's outputs, a row of the table in outputs.go.
type Output string

// Every output, with the inputs of Request it reads.
const (
	SQL     Output = "sql"     // Schema: the DDL (generator/postgres)
	Go      Output = "go"      // Schema: the Go package for pgx/v5 (generator/golang)
	Explain Output = "explain" // Schema: a delete or key-update tree (generator/review/explain)
	Lint    Output = "lint"    // Schema: design warnings, as Result.Diagnostics (generator/review/lint)
	Diagram Output = "diagram" // Schema: Mermaid or DOT (generator/review/diagram)
	Doc     Output = "doc"     // Schema: the review document (generator/review/doc)
	Fmt     Output = "fmt"     // Sources: each in the canonical layout (generator/review/format)
	Migrate Output = "migrate" // Old (or DB) and New: the migration between them (generator/migrate)
	Import  Output = "import"  // DB: the .er model of a database's schema (generator/importer)
	Drift   Output = "drift"   // Schema and DB: how the database differs from the model (generator/importer/catalog)
)

// Request says which output to make, from what, and how. An output reads
// only the inputs its constant lists and its own options.
type Request struct {
	Output Output

	// Schema is a model that resolved without errors.
	Schema *model.Schema
	// Sources are .er files to format; fmt never builds a model, so that
	// it keeps every comment and formats a file of an invalid model.
	Sources []Source
	// Old and New are the parsed files of two valid models, for a
	// migration from Old's schema to New's. New's renames (`was`) are
	// read from its declarations, which is why these are files and not
	// schemas.
	Old, New *dsl.File
	// DB is a database connection: import reads Import.Schema from it,
	// and a migration with no Old starts from its schema of New's name.
	DB catalog.Beginner

	// Write, when set, receives the files of an output of one model
	// (sql, go, explain, diagram, doc) one at a time as they are made,
	// instead of Result.Files: a caller writing them out holds one file
	// at a time, and the Go package of a large model, many times the
	// model's size, is never held whole. An error it returns stops the
	// output and is Generate's error. It may be called on a goroutine
	// other than Generate's, never on two at once, and every call has
	// returned when Generate does.
	Write func(model.File) error

	SQL     postgres.Options
	Go      golang.Options
	Explain explain.Options
	Diagram diagram.Options
	Doc     doc.Options
	Migrate MigrateOptions
	Import  ImportOptions
}

// Result is what an output made.
type Result struct {
	// Files are the output's files, named relative to where the caller
	// writes them. An output of one stream (the DDL, a diagram, a
	// document, an explanation, a migration script, an imported model) is
	// one file under a default name, which the caller may replace with
	// its own path or standard output.
	Files []model.File
	// Diagnostics are findings that do not stop the output: lint's
	// warnings, and why a migration has no down files.
	Diagnostics dsl.Diagnostics
	// Changed names the Sources of fmt whose layout is not canonical;
	// Files holds every source formatted.
	Changed []string
	// Notes list what a model imported from a database does not
	// reproduce (import, and a migration from a database).
	Notes []importer.Note
	// Differences list how a database differs from its model (drift).
	Differences []catalog.Difference
	// Sources are texts Generate made on the way that Diagnostics, or the
	// diagnostics of an error, may quote: the model imported for a
	// migration from a database. They are set even with an error.
	Sources []Source
}

// Generate makes the output req.Output names. Invalid input (a source that
// does not parse, a change a migration refuses) is an error that carries
// dsl.Diagnostics (dsl.AsDiagnostics reads them), which the caller prints
// with carets; any other error is a failure to report as is.
func Generate(ctx context.Context, req Request) (Result, error) {
	out, ok := outputs[req.Output]
	if !ok {
		return Result{}, fmt.Errorf("generator: unknown output %q", req.Output)
	}
	return out(ctx, &req)
}
