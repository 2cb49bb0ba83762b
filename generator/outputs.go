package generator

import (
	"bytes"
	"context"
	"fmt"
	"slices"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator/golang"
	"github.com/ergen-dev/ergen/generator/importer"
	"github.com/ergen-dev/ergen/generator/importer/catalog"
	"github.com/ergen-dev/ergen/generator/migrate"
	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/generator/postgres"
	"github.com/ergen-dev/ergen/generator/review/diagram"
	"github.com/ergen-dev/ergen/generator/review/doc"
	"github.com/ergen-dev/ergen/generator/review/explain"
	"github.com/ergen-dev/ergen/generator/review/format"
	"github.com/ergen-dev/ergen/generator/review/lint"
)

// output makes one output from a request: one row of outputs.
type output func(ctx context.Context, req *Request) (Result, error)

// outputs is every output of ergen. An output of one model is its
// package's Emit(*model.Schema, Options) ([]model.File, error) and the
// Request field of its Options; the others adapt their package's own
// entry to the same row: lint's findings are diagnostics, fmt reads
// sources, a migration two models, an import a database.
var outputs = map[Output]output{
	SQL:     emit(whole(postgres.Emit), func(r *Request) postgres.Options { return r.SQL }),
	Go:      emit(golang.EmitEach, func(r *Request) golang.Options { return r.Go }),
	Explain: emit(whole(explain.Emit), func(r *Request) explain.Options { return r.Explain }),
	Diagram: emit(whole(diagram.Emit), func(r *Request) diagram.Options { return r.Diagram }),
	Doc:     emit(whole(doc.Emit), func(r *Request) doc.Options { return r.Doc }),
	Lint:    lintSchema,
	Fmt:     formatSources,
	Migrate: migration,
	Import:  importDB,
	Drift:   drift,
}

// emitter makes the files of one model and passes each to write as it is
// made (golang.EmitEach).
type emitter[O any] func(*model.Schema, O, func(model.File) error) error

// emit makes the row of an emitter of one model: its files go to
// Request.Write when it is set, else to Result.Files.
func emit[O any](fn emitter[O], opts func(*Request) O) output {
	return func(_ context.Context, r *Request) (Result, error) {
		if r.Schema == nil {
			return Result{}, fmt.Errorf("generator: %s needs a model (Request.Schema)", r.Output)
		}
		var res Result
		write := r.Write
		if write == nil {
			write = func(f model.File) error {
				res.Files = append(res.Files, f)
				return nil
			}
		}
		if err := fn(r.Schema, opts(r), write); err != nil {
			return Result{}, err
		}
		return res, nil
	}
}

// whole adapts an emitter that returns its files at once.
func whole[O any](fn func(*model.Schema, O) ([]model.File, error)) emitter[O] {
	return func(s *model.Schema, opts O, write func(model.File) error) error {
		files, err := fn(s, opts)
		if err != nil {
			return err
		}
		for _, f := range files {
			if err := write(f); err != nil {
				return err
			}
		}
		return nil
	}
}

// lintSchema reports lint's warnings on the model (lint.Check), which
// the caller prints with the diagnostics of check, over several models at
// once.
func lintSchema(_ context.Context, r *Request) (Result, error) {
	if r.Schema == nil {
		return Result{}, fmt.Errorf("generator: lint needs a model (Request.Schema)")
	}
	return Result{Diagnostics: lint.Check(r.Schema)}, nil
}

// formatSources formats each source (format.Emit); the error carries the
// syntax errors of every source that does not parse.
func formatSources(_ context.Context, r *Request) (Result, error) {
	in := make([]model.File, len(r.Sources))
	for i, s := range r.Sources {
		in[i] = model.File{Name: s.Name, Data: s.Src}
	}
	files, err := format.Emit(nil, format.Options{Files: in})
	if err != nil {
		return Result{}, err
	}
	res := Result{Files: files}
	for i, f := range files {
		if !bytes.Equal(f.Data, in[i].Data) {
			res.Changed = append(res.Changed, f.Name)
		}
	}
	return res, nil
}

// ImportOptions are the choices of an import.
type ImportOptions struct {
	// Schema is the database schema to import ("" means public).
	Schema string
}

// importDB reads the catalog of one schema of req.DB and imports it
// (importer.Import) as one file, importer.FileName.
func importDB(ctx context.Context, r *Request) (Result, error) {
	if r.DB == nil {
		return Result{}, fmt.Errorf("generator: import needs a database (Request.DB)")
	}
	cat, err := catalog.Read(ctx, r.DB, r.Import.Schema)
	if err != nil {
		return Result{}, err
	}
	im, err := importer.Import(cat)
	if err != nil {
		return Result{}, err
	}
	return Result{Files: []model.File{{Name: importer.FileName, Data: im.Source}}, Notes: im.Notes}, nil
}

// drift compares the catalog of the model's schema in req.DB (or the
// schema ImportOptions names) with the catalog the model implies.
func drift(ctx context.Context, r *Request) (Result, error) {
	if r.Schema == nil || r.DB == nil {
		return Result{}, fmt.Errorf("generator: drift needs a model (Request.Schema) and a database (Request.DB)")
	}
	schema := r.Import.Schema
	if schema == "" {
		schema = r.Schema.Name
	}
	cat, err := catalog.ReadPreferring(ctx, r.DB, schema, checkSpellings(r.Schema))
	if err != nil {
		return Result{}, err
	}
	var diffs []catalog.Difference
	for _, d := range catalog.Diff(catalog.Expect(r.Schema), cat) {
		if !d.Order { // a migration adds columns last; the order is not drift
			diffs = append(diffs, d)
		}
	}
	return Result{Differences: diffs}, nil
}

// MigrateOptions are the choices of a migration.
type MigrateOptions struct {
	migrate.Options // the hazards allowed, the lock timeout
	// Format is "" for one psql script, the file ScriptFile (ergen diff),
	// or a runner's conventions (one of migrate.Formats) for versioned
	// files, with down files when the way back loses no data (ergen
	// migrate).
	Format string
	// Version numbers the first file, and Name names the migration in
	// the file names, of a runner's Format.
	Version int
	Name    string
	// Plan adds the plan as JSON, the file PlanFile.
	Plan bool
}

// The names of a migration's files besides a runner's.
const (
	ScriptFile = "migration.sql" // the psql script of a migration without Format
	PlanFile   = "plan.json"     // the plan as JSON, with MigrateOptions.Plan
)

// migration plans the migration from Old, or from DB's schema, to New
// (migrate.Diff) and writes it as the options say.
func migration(ctx context.Context, r *Request) (Result, error) {
	var res Result
	if r.New == nil || r.Old == nil && r.DB == nil {
		return res, fmt.Errorf("generator: a migration needs New, and Old or a database (Request.DB)")
	}
	old := r.Old
	if old == nil {
		var err error
		if old, err = importForMigration(ctx, r, &res); err != nil {
			return res, err
		}
	}
	opts := r.Migrate
	plan, diags := migrate.Diff(old, r.New, opts.Options)
	if diags.HasErrors() {
		return res, diags
	}
	if opts.Format == "" {
		res.Files = []model.File{{Name: ScriptFile, Data: plan.Script()}}
		return res, nil
	}
	if !plan.Empty() {
		plan.Down, res.Diagnostics = migrate.Down(old, r.New, plan, opts.Options)
		files, err := plan.Files(opts.Format, opts.Version, opts.Name)
		if err != nil {
			return res, err
		}
		for _, f := range files {
			res.Files = append(res.Files, model.File{Name: f.Name, Data: f.Data})
		}
	}
	if opts.Plan {
		res.Files = append(res.Files, model.File{Name: PlanFile, Data: plan.JSONFrom(r.New.Name)})
	}
	return res, nil
}

// importForMigration imports the schema of r.DB that New names (public by
// default) as the model a migration to New starts from
// (importer.ForMigration), named after New's entities so that New's
// renames read against it, and parses it. What the import cannot
// reproduce goes to res.Notes: the plan leaves it as the database has it.
func importForMigration(ctx context.Context, r *Request, res *Result) (*dsl.File, error) {
	s, diags := model.Resolve(r.New)
	if diags.HasErrors() {
		return nil, diags
	}
	schema := s.Name
	if schema == "" {
		schema = "public"
	}
	cat, err := catalog.ReadPreferring(ctx, r.DB, schema, checkSpellings(s))
	if err != nil {
		return nil, err
	}
	im, err := importer.ForMigration(cat, r.New)
	if err != nil {
		return nil, err
	}
	res.Notes = im.Notes
	res.Sources = []Source{{Name: importer.FileName, Src: im.Source}}
	old, diags := dsl.Parse(importer.FileName, im.Source)
	if diags.HasErrors() {
		return nil, diags
	}
	return old, nil
}

// checkSpellings are the CHECKs, partial indexes' predicates and index
// expression keys of s as s writes them, for the catalog to read a database's as s spells them
// where the server stores the two alike (catalog.ReadPreferring): a check
// or predicate written with BETWEEN or LIKE is then no change to plan each
// time, and no drift. An arc's check, which import reads back into the
// arc, is left as the server prints it.
func checkSpellings(s *model.Schema) catalog.Spellings {
	arcs := map[*model.Check]bool{}
	for _, r := range s.Relationships {
		if r.Arc != nil {
			arcs[r.Arc.Check] = true
		}
	}
	out := catalog.Spellings{Keys: map[string]map[string][]string{}}
	for _, t := range s.Tables {
		for _, ck := range t.Checks {
			if !arcs[ck] {
				catalog.PutSpelling(&out.Checks, t.Name, ck.Name, "CHECK "+ck.Expr)
			}
		}
		for _, ix := range t.Indexes {
			if ix.Where != "" {
				catalog.PutSpelling(&out.Predicates, t.Name, ix.Name, ix.Where)
			}
			keys := make([]string, len(ix.Keys))
			for k, key := range ix.Keys {
				keys[k] = key.Expr
			}
			if slices.ContainsFunc(keys, func(x string) bool { return x != "" }) {
				if out.Keys[t.Name] == nil {
					out.Keys[t.Name] = map[string][]string{}
				}
				out.Keys[t.Name][ix.Name] = keys
			}
		}
	}
	for _, d := range s.Domains {
		for _, ck := range d.Checks {
			catalog.PutSpelling(&out.Checks, d.SQLName, ck.Name, "CHECK "+ck.Expr)
		}
	}
	return out
}
