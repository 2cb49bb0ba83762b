package main

import (
	"fmt"

	"github.com/spf13/pflag"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/generator/review/explain"
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
