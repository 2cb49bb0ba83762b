package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator/migrate"
	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/internal/output"
)

func init() {
	register(&command{
		name: "diff", args: "OLD.er NEW.er [--allow drop,rewrite] [--lock-timeout 5s]",
		summary: "Print the SQL that migrates a database from OLD's schema to NEW's, for psql.",
		flags: func(fs *pflag.FlagSet) func(*env, []string) int {
			allow := fs.StringSlice("allow", nil, "accept these hazards: drop (tables, columns, enum types), rewrite (a table rewritten under lock)")
			timeout := fs.String("lock-timeout", "5s", "lock_timeout set before every step")
			return func(e *env, args []string) int {
				if len(args) != 2 {
					return e.usageError("diff", "want OLD and NEW, got %d file(s)", len(args))
				}
				if err := checkAllow(*allow); err != nil {
					return e.usageError("diff", "%v", err)
				}
				plan, code := e.plan(args[0], args[1], migrate.Options{Allow: *allow, LockTimeout: *timeout}, false)
				if plan == nil {
					return code
				}
				return e.emit("", plan.Script())
			}
		},
	})
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

// loadVersion reads and checks a model from a file, or from git when the
// path is git:REV:PATH (read with git show, so CI can diff against a
// branch), and returns its parsed file; it prints the diagnostics and
// returns nil when the model is invalid.
func (e *env) loadVersion(path string) *dsl.File {
	name, src := path, []byte(nil)
	if spec, ok := strings.CutPrefix(path, "git:"); ok {
		if !strings.Contains(spec, ":") {
			fmt.Fprintf(e.stderr, "ergen: %s: want git:REV:PATH\n", path)
			return nil
		}
		out, err := exec.Command("git", "show", spec).Output()
		if err != nil {
			msg := err.Error()
			if ee, ok := err.(*exec.ExitError); ok && len(ee.Stderr) > 0 {
				msg = strings.TrimSpace(string(ee.Stderr))
			}
			fmt.Fprintf(e.stderr, "ergen: %s: %s\n", path, msg)
			return nil
		}
		src = out
		e.sources[path] = src
	} else {
		var err error
		if src, name, err = e.read(path); err != nil {
			fmt.Fprintf(e.stderr, "ergen: %v\n", err)
			return nil
		}
	}
	f, diags := dsl.Parse(name, src)
	if !diags.HasErrors() {
		_, diags = model.Resolve(f)
	}
	e.print(diags)
	if diags.HasErrors() {
		return nil
	}
	return f
}

func init() {
	register(&command{
		name: "migrate", args: "OLD.er NEW.er --dir DIR --name NAME [--format plain|goose|golang-migrate] [--plan FILE] [--allow drop,rewrite]",
		summary: "Write the migration from OLD to NEW as versioned files for a migration runner.",
		flags: func(fs *pflag.FlagSet) func(*env, []string) int {
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
		},
	})
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
