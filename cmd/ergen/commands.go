package main

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/pflag"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator/postgres"
)

func init() {
	register(&command{
		name: "check", args: "FILE... [--format text|json|github]",
		summary: "Check .er files and report every problem, with warnings.",
		flags: func(fs *pflag.FlagSet) func(*env, []string) int {
			format := formatFlag(fs)
			return func(e *env, args []string) int {
				if len(args) == 0 {
					return e.usageError("check", "no file given")
				}
				if err := checkFormat(*format); err != nil {
					return e.usageError("check", "%v", err)
				}
				code := exitOK
				var all dsl.Diagnostics
				for _, path := range args {
					_, diags, ok := e.loadFile(path)
					if !ok || diags.HasErrors() {
						code = exitInvalid
					}
					if *format == "text" {
						e.print(diags)
					} else {
						all = append(all, diags...)
					}
				}
				if *format != "text" {
					if c := e.report(*format, all); c != exitOK {
						return c
					}
				}
				return code
			}
		},
	})
}

func init() {
	register(&command{
		name: "sql", args: "FILE... [-o OUT.sql]",
		summary: "Write the PostgreSQL DDL of an .er file (to standard output by default).",
		flags: func(fs *pflag.FlagSet) func(*env, []string) int {
			out := fs.StringP("out", "o", "", "write the DDL to this file instead of standard output")
			return func(e *env, args []string) int {
				if len(args) == 0 {
					return e.usageError("sql", "no file given")
				}
				s := e.load(args...)
				if s == nil {
					return exitInvalid
				}
				ddl, err := postgres.Emit(s, sourceName(args...))
				if err != nil {
					fmt.Fprintf(e.stderr, "ergen: %v\n", err)
					return exitInvalid
				}
				return e.emit(*out, ddl)
			}
		},
	})
}

func init() {
	register(&command{
		name: "version", args: "",
		summary: "Print ergen's version.",
		flags: func(fs *pflag.FlagSet) func(*env, []string) int {
			return func(e *env, args []string) int {
				fmt.Fprintf(e.stdout, "ergen %s\n", version())
				return exitOK
			}
		},
	})
}

func init() {
	register(&command{
		name: "help", args: "[COMMAND]",
		summary: "Show the commands, or one command's usage and flags.",
		flags: func(fs *pflag.FlagSet) func(*env, []string) int {
			return func(e *env, args []string) int {
				switch len(args) {
				case 0:
					usage(e.stdout)
					return exitOK
				case 1:
					c := findCommand(args[0])
					if c == nil {
						return e.usageError("help", "unknown command %q", args[0])
					}
					fs := newFlagSet(c, e.stdout)
					c.flags(fs)
					fs.Usage()
					return exitOK
				}
				return e.usageError("help", "want at most one COMMAND")
			}
		},
	})
}

// version is the module version when ergen was installed with go install,
// or "devel" in a working tree.
func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}
