package main

import (
	"fmt"
	"os/exec"
	"strings"

	"github.com/spf13/pflag"

	"github.com/ergen-dev/ergen/generator"
	"github.com/ergen-dev/ergen/generator/migrate"
	"github.com/ergen-dev/ergen/generator/model"
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
				for _, a := range *allow {
					if a != "drop" && a != "rewrite" {
						return e.usageError("diff", "unknown --allow %q: want drop or rewrite", a)
					}
				}
				plan, code := e.plan(args[0], args[1], migrate.Options{Allow: *allow, LockTimeout: *timeout})
				if plan == nil {
					return code
				}
				return e.emit("", plan.Script())
			}
		},
	})
}

// plan loads both models and plans the migration between them; it prints
// the diagnostics and returns nil and the exit code when there is none.
func (e *env) plan(oldPath, newPath string, opts migrate.Options) (*migrate.Plan, int) {
	old := e.loadVersion(oldPath)
	new := e.loadVersion(newPath)
	if old == nil || new == nil {
		return nil, exitInvalid
	}
	plan, diags := migrate.New(old, new, opts)
	if diags.HasErrors() {
		e.print(diags)
		return nil, exitInvalid
	}
	return plan, exitOK
}

// loadVersion loads a model from a file, or from git when the path is
// git:REV:PATH (read with git show, so CI can diff against a branch).
func (e *env) loadVersion(path string) *model.Schema {
	spec, ok := strings.CutPrefix(path, "git:")
	if !ok {
		return e.load(path)
	}
	if !strings.Contains(spec, ":") {
		fmt.Fprintf(e.stderr, "ergen: %s: want git:REV:PATH\n", path)
		return nil
	}
	src, err := exec.Command("git", "show", spec).Output()
	if err != nil {
		msg := err.Error()
		if ee, ok := err.(*exec.ExitError); ok && len(ee.Stderr) > 0 {
			msg = strings.TrimSpace(string(ee.Stderr))
		}
		fmt.Fprintf(e.stderr, "ergen: %s: %s\n", path, msg)
		return nil
	}
	e.sources[path] = src
	s, diags := generator.Load(path, src)
	e.print(diags)
	if diags.HasErrors() {
		return nil
	}
	return s
}
