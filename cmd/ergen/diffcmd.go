package main

import (
	"bytes"
	"context"
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
	"github.com/ergen-dev/ergen/generator/migrate"
	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/internal/output"
)

// cmdDiff declares the flags of ergen diff on fs and returns the
// function that runs it.
func cmdDiff(fs *pflag.FlagSet) func(*env, []string) int {
	allow := fs.StringSlice("allow", nil, "accept these hazards: drop (tables, columns, enum types), rewrite (a table rewritten under lock)")
	timeout := lockTimeoutFlag(fs)
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
		if code, ok := e.checkInputs("diff", args, false); !ok {
			return code
		}
		if err := checkAllow(*allow); err != nil {
			return e.usageError("diff", "%v", err)
		}
		req := generator.Request{Output: generator.Migrate,
			Migrate: generator.MigrateOptions{Options: migrate.Options{Allow: *allow, LockTimeout: string(*timeout)}}}
		if *fromDB != "" {
			return e.diffFromDB(*fromDB, args[0], req)
		}
		if req.Old, req.New = e.loadVersion(args[0]), e.loadVersion(args[1]); req.Old == nil || req.New == nil {
			return exitInvalid
		}
		res, err := e.generate(req)
		if err != nil {
			return e.fail(err)
		}
		return e.emit("", res.Files[0].Data)
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

// diffFromDB prints the migration from the schema of a live database to
// NEW's: the database is imported into a model in memory, named after
// NEW's entities so that NEW's renames read against it, and planned from
// as from OLD. What the import cannot reproduce is listed on standard
// error: the plan leaves it as the database has it.
func (e *env) diffFromDB(url, newPath string, req generator.Request) int {
	if req.New = e.loadVersion(newPath); req.New == nil {
		return exitInvalid
	}
	conn := e.connect(url)
	if conn == nil {
		return exitInvalid
	}
	defer conn.Close(context.Background())
	req.DB = conn
	res, err := e.generate(req)
	e.notes("text", res.Notes)
	if err != nil {
		return e.fail(err)
	}
	return e.emit("", res.Files[0].Data)
}

// loadVersion reads and checks a model from its files or directory, or
// from git when the path is git:REV:PATH (PATH a file or a directory in
// revision REV, read with git, so CI can diff against a branch), and
// returns its parsed file; it prints the diagnostics and returns nil when
// the model is invalid.
func (e *env) loadVersion(path string) *dsl.File {
	var srcs []generator.Source
	if spec, ok := strings.CutPrefix(path, "git:"); ok {
		rev, file, ok := strings.Cut(spec, ":")
		if !ok {
			fmt.Fprintf(e.stderr, "ergen: %s: want git:REV:PATH\n", path)
			return nil
		}
		var err error
		if srcs, err = e.gitModel(rev, file); err != nil {
			fmt.Fprintf(e.stderr, "ergen: %s: %v\n", path, err)
			return nil
		}
	} else {
		var err error
		if srcs, err = e.readModel([]string{path}); err != nil {
			fmt.Fprintf(e.stderr, "ergen: %v\n", err)
			return nil
		}
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
	timeout := lockTimeoutFlag(fs)
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
		case *dir == "-":
			return e.usageError("migrate", "--dir -: the migration is files in a directory; ergen diff prints it to standard output")
		case *planFile == "-":
			return e.usageError("migrate", "--plan -: standard output lists the files written; give the plan a file")
		}
		if code, ok := e.checkInputs("migrate", args, false); !ok {
			return code
		}
		if err := checkAllow(*allow); err != nil {
			return e.usageError("migrate", "%v", err)
		}
		req := generator.Request{Output: generator.Migrate, Old: e.loadVersion(args[0]), New: e.loadVersion(args[1])}
		if req.Old == nil || req.New == nil {
			return exitInvalid
		}
		version, err := nextVersion(*dir)
		if err != nil {
			fmt.Fprintf(e.stderr, "ergen: %v\n", err)
			return exitInvalid
		}
		req.Migrate = generator.MigrateOptions{Options: migrate.Options{Allow: *allow, LockTimeout: string(*timeout)},
			Format: *format, Version: version, Name: *name, Plan: *planFile != ""}
		res, err := e.generate(req)
		e.print(res.Diagnostics) // why there are no down files
		if err != nil {
			return e.fail(err)
		}
		var out []output.File
		for _, f := range res.Files {
			path := filepath.Join(*dir, f.Name)
			if f.Name == generator.PlanFile {
				path = *planFile
			}
			out = append(out, output.File{Path: path, Data: f.Data})
		}
		if err := output.WriteAll(out); err != nil {
			fmt.Fprintf(e.stderr, "ergen: %v\n", err)
			return exitInvalid
		}
		var list bytes.Buffer
		for _, f := range out {
			fmt.Fprintln(&list, f.Path)
		}
		return e.emit("", list.Bytes())
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
