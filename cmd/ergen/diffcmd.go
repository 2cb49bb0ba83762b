package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator"
	"github.com/ergen-dev/ergen/generator/importer"
	"github.com/ergen-dev/ergen/generator/migrate"
	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/internal/output"
)

// cmdDiff declares the flags of ergen diff on fs and returns the
// function that runs it.
func cmdDiff(fs *pflag.FlagSet) func(*env, []string) int {
	allow := fs.StringSlice("allow", nil, "accept these hazards: drop (tables, columns, enum types), rewrite (a table rewritten under lock)")
	timeout := fs.String("lock-timeout", "5s", "lock_timeout set before every step")
	fromDB := fs.String("from-db", "", "plan from this database's schema (NEW's) instead of OLD: a postgres:// URL or a key=value string")
	return func(e *env, args []string) int {
		want := 2
		if *fromDB != "" {
			want = 1
		}
		if len(args) != want {
			if want == 1 {
				return e.usageError("diff", "with --from-db, want NEW only, got %d file(s)", len(args))
			}
			return e.usageError("diff", "want OLD and NEW, got %d file(s)", len(args))
		}
		if err := checkAllow(*allow); err != nil {
			return e.usageError("diff", "%v", err)
		}
		opts := migrate.Options{Allow: *allow, LockTimeout: *timeout}
		var plan *migrate.Plan
		var code int
		if *fromDB != "" {
			plan, code = e.planFromDB(*fromDB, args[0], opts)
		} else {
			plan, code = e.plan(args[0], args[1], opts, false)
		}
		if plan == nil {
			return code
		}
		return e.emit("", plan.Script())
	}
}

func checkAllow(allow []string) error {
	for _, a := range allow {
		if a != "drop" && a != "rewrite" {
			return fmt.Errorf("unknown --allow %q: want drop or rewrite", a)
		}
	}
	return nil
}

// plan loads both models and plans the migration between them, with the
// renames NEW declares, and with down, the way back too when it loses no
// data (a note says why not otherwise); it prints the diagnostics and
// returns nil and the exit code when there is no plan.
func (e *env) plan(oldPath, newPath string, opts migrate.Options, down bool) (*migrate.Plan, int) {
	oldFile := e.loadVersion(oldPath)
	newFile := e.loadVersion(newPath)
	if oldFile == nil || newFile == nil {
		return nil, exitInvalid
	}
	plan, diags := migrate.Diff(oldFile, newFile, opts)
	if diags.HasErrors() {
		e.print(diags)
		return nil, exitInvalid
	}
	if down && !plan.Empty() {
		back, notes := migrate.Down(oldFile, newFile, plan, opts)
		e.print(notes)
		plan.Down = back
	}
	return plan, exitOK
}

// planFromDB plans the migration from the schema of a live database to
// NEW's: the database is imported into a model in memory, named after
// NEW's entities so that NEW's renames read against it, and planned from
// as from OLD. What the import cannot reproduce is listed on standard
// error: the plan leaves it as the database has it.
func (e *env) planFromDB(url, newPath string, opts migrate.Options) (*migrate.Plan, int) {
	newFile := e.loadVersion(newPath)
	if newFile == nil {
		return nil, exitInvalid
	}
	s, _ := model.Resolve(newFile)
	schema := s.Name
	if schema == "" {
		schema = "public"
	}
	cat, code := e.readCatalog(url, schema)
	if cat == nil {
		return nil, code
	}
	res, err := importer.ForMigration(cat, newFile)
	if err != nil {
		fmt.Fprintf(e.stderr, "ergen: %v\n", err)
		return nil, exitInvalid
	}
	e.notes("text", res.Notes)
	e.sources[importer.FileName] = res.Source
	oldFile, diags := dsl.Parse(importer.FileName, res.Source)
	if !diags.HasErrors() {
		var plan *migrate.Plan
		if plan, diags = migrate.Diff(oldFile, newFile, opts); !diags.HasErrors() {
			return plan, exitOK
		}
	}
	e.print(diags)
	return nil, exitInvalid
}

// loadVersion reads and checks a model from its files or directory, or
// from git when the path is git:REV:PATH (PATH a file or a directory in
// revision REV, read with git, so CI can diff against a branch), and
// returns its parsed file; it prints the diagnostics and returns nil when
// the model is invalid.
func (e *env) loadVersion(path string) *dsl.File {
	var srcs []generator.Source
	if spec, ok := strings.CutPrefix(path, "git:"); ok {
		if !strings.Contains(spec, ":") {
			fmt.Fprintf(e.stderr, "ergen: %s: want git:REV:PATH\n", path)
			return nil
		}
		var err error
		if srcs, err = e.gitModel(spec); err != nil {
			fmt.Fprintf(e.stderr, "ergen: %s: %v\n", path, err)
			return nil
		}
	} else if srcs, ok = e.readModel([]string{path}); !ok {
		return nil
	}
	f, diags := generator.Parse(srcs...)
	if !diags.HasErrors() {
		_, diags = model.Resolve(f)
	}
	e.print(diags)
	if diags.HasErrors() {
		return nil
	}
	return f
}

// cmdMigrate declares the flags of ergen migrate on fs and returns the
// function that runs it.
func cmdMigrate(fs *pflag.FlagSet) func(*env, []string) int {
	dir := fs.String("dir", "", "directory of the migration files (created if missing)")
	name := fs.String("name", "", "name of the migration, in the file names")
	format := fs.String("format", "plain", "file conventions: plain (one psql script), goose or golang-migrate")
	planFile := fs.String("plan", "", "also write the plan as JSON to this file")
	allow := fs.StringSlice("allow", nil, "accept these hazards: drop (tables, columns, enum types), rewrite (a table rewritten under lock)")
	timeout := fs.String("lock-timeout", "5s", "lock_timeout set before every step")
	return func(e *env, args []string) int {
		switch {
		case len(args) != 2:
			return e.usageError("migrate", "want OLD and NEW, got %d file(s)", len(args))
		case *dir == "" || *name == "":
			return e.usageError("migrate", "--dir and --name are required")
		case !slices.Contains(migrate.Formats, *format):
			return e.usageError("migrate", "unknown --format %q: want plain, goose or golang-migrate", *format)
		case !validName.MatchString(*name):
			return e.usageError("migrate", "--name %q: use letters, digits and _ only", *name)
		}
		if err := checkAllow(*allow); err != nil {
			return e.usageError("migrate", "%v", err)
		}
		plan, code := e.plan(args[0], args[1], migrate.Options{Allow: *allow, LockTimeout: *timeout}, true)
		if plan == nil {
			return code
		}
		version, err := nextVersion(*dir)
		if err != nil {
			fmt.Fprintf(e.stderr, "ergen: %v\n", err)
			return exitInvalid
		}
		var out []output.File
		if !plan.Empty() {
			files, err := plan.Files(*format, version, *name)
			if err != nil {
				fmt.Fprintf(e.stderr, "ergen: %v\n", err)
				return exitInvalid
			}
			for _, f := range files {
				out = append(out, output.File{Path: filepath.Join(*dir, f.Name), Data: f.Data})
			}
		}
		if *planFile != "" {
			out = append(out, output.File{Path: *planFile, Data: plan.JSON()})
		}
		if err := output.WriteAll(out); err != nil {
			fmt.Fprintf(e.stderr, "ergen: %v\n", err)
			return exitInvalid
		}
		for _, f := range out {
			fmt.Fprintln(e.stdout, f.Path)
		}
		return exitOK
	}
}

var validName = regexp.MustCompile(`^[A-Za-z0-9_]+$`)

// nextVersion is one more than the highest number that starts a file name
// in dir, or 1.
func nextVersion(dir string) (int, error) {
	entries, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return 1, nil
	}
	if err != nil {
		return 0, err
	}
	last := 0
	for _, e := range entries {
		digits := e.Name()[:len(e.Name())-len(strings.TrimLeft(e.Name(), "0123456789"))]
		if n, err := strconv.Atoi(digits); err == nil && n > last {
			last = n
		}
	}
	return last + 1, nil
}
