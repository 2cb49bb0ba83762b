package main

import (
	"fmt"

	"github.com/spf13/pflag"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator"
	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/generator/review/explain"
	"github.com/ergen-dev/ergen/generator/review/lint"
)

func init() {
	register(&command{
		name: "explain", args: "FILE ENTITY [--update]",
		summary: "Show what deleting one row of ENTITY does, through every relationship.",
		flags: func(fs *pflag.FlagSet) func(*env, []string) int {
			update := fs.Bool("update", false, "explain a change of the row's key instead of its delete")
			return func(e *env, args []string) int {
				if len(args) != 2 {
					return e.usageError("explain", "want FILE and ENTITY, got %d argument(s)", len(args))
				}
				s := e.load(args[0])
				if s == nil {
					return exitInvalid
				}
				t := findTable(s, args[1])
				if t == nil {
					var names []string
					for _, tb := range s.Tables {
						names = append(names, tb.Label())
					}
					fmt.Fprintf(e.stderr, "ergen explain: no entity %q in %s\n", args[1], args[0])
					if sug := dsl.Suggest(args[1], names); sug != "" {
						fmt.Fprintf(e.stderr, "did you mean %q?\n", sug)
					}
					return exitUsage
				}
				tree := t.DeleteEffects()
				if *update {
					tree = t.UpdateEffects()
				}
				return e.emit("", explain.Render(tree))
			}
		},
	})
}

func init() {
	register(&command{
		name: "lint", args: "FILE... [--format text|json] [--strict]",
		summary: "Report design warnings (ER1xx) beyond the errors of check.",
		flags: func(fs *pflag.FlagSet) func(*env, []string) int {
			format := fs.String("format", "text", "output format: text or json")
			strict := fs.Bool("strict", false, "exit 1 when there is any warning")
			return func(e *env, args []string) int {
				if len(args) == 0 {
					return e.usageError("lint", "no file given")
				}
				if *format != "text" && *format != "json" {
					return e.usageError("lint", "unknown format %q: want text or json", *format)
				}
				code := exitOK
				var all dsl.Diagnostics
				for _, path := range args {
					src, name, err := e.read(path)
					if err != nil {
						fmt.Fprintf(e.stderr, "ergen: %v\n", err)
						code = exitInvalid
						continue
					}
					s, diags := generator.Load(name, src)
					if diags.HasErrors() {
						// A model that does not resolve cannot be linted;
						// its errors are what check prints.
						e.print(diags.Errors())
						code = exitInvalid
						continue
					}
					all = append(all, lint.Check(s)...)
				}
				if *format == "json" {
					data, err := lint.JSON(all)
					if err != nil {
						fmt.Fprintf(e.stderr, "ergen: %v\n", err)
						return exitInvalid
					}
					if _, err := e.stdout.Write(data); err != nil {
						return exitInvalid
					}
				} else {
					dsl.Print(e.stdout, all, func(file string) []byte { return e.sources[file] })
				}
				if *strict && len(all) > 0 && code == exitOK {
					code = exitInvalid
				}
				return code
			}
		},
	})
}

// findTable finds a table by entity name, or by table name for junction
// tables, which have no entity.
func findTable(s *model.Schema, name string) *model.Table {
	for _, t := range s.Tables {
		if t.Label() == name {
			return t
		}
	}
	for _, t := range s.Tables {
		if t.Name == name {
			return t
		}
	}
	return nil
}
