package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/pflag"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/generator/review/explain"
	"github.com/ergen-dev/ergen/generator/review/format"
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
				return e.emit("", explain.Render(tree, ""))
			}
		},
	})
}

func init() {
	register(&command{
		name: "lint", args: "FILE... [--format text|json|github] [--strict]",
		summary: "Report design warnings (ER1xx) beyond the errors of check.",
		flags: func(fs *pflag.FlagSet) func(*env, []string) int {
			format := formatFlag(fs)
			strict := fs.Bool("strict", false, "exit 1 when there is any warning")
			return func(e *env, args []string) int {
				if len(args) == 0 {
					return e.usageError("lint", "no file given")
				}
				if err := checkFormat(*format); err != nil {
					return e.usageError("lint", "%v", err)
				}
				code := exitOK
				var all dsl.Diagnostics
				for _, path := range args {
					s, diags, ok := e.loadFile(path)
					if !ok {
						code = exitInvalid
						continue
					}
					if diags.HasErrors() {
						// A model that does not resolve cannot be linted;
						// its errors are what check prints.
						e.print(diags.Errors())
						code = exitInvalid
						continue
					}
					all = append(all, lint.Check(s)...)
				}
				if *format == "text" {
					dsl.Print(e.stdout, all, func(file string) []byte { return e.sources[file] })
				} else if c := e.report(*format, all); c != exitOK {
					return c
				}
				if *strict && len(all) > 0 && code == exitOK {
					code = exitInvalid
				}
				return code
			}
		},
	})
}

func init() {
	register(&command{
		name: "fmt", args: "FILE... [-w] [--check]",
		summary: "Format .er files in the canonical layout, keeping comments.",
		flags: func(fs *pflag.FlagSet) func(*env, []string) int {
			write := fs.BoolP("write", "w", false, "write the result back to each file instead of standard output")
			check := fs.Bool("check", false, "write nothing; list the files that are not formatted and exit 1 if any")
			return func(e *env, args []string) int {
				if len(args) == 0 {
					return e.usageError("fmt", "no file given")
				}
				if *write && *check {
					return e.usageError("fmt", "-w and --check exclude each other")
				}
				code := exitOK
				var paths []string
				for _, in := range args {
					files, err := inputFiles(in) // formatted one by one
					if err != nil {
						fmt.Fprintf(e.stderr, "ergen: %v\n", err)
						return exitInvalid
					}
					paths = append(paths, files...)
				}
				for _, path := range paths {
					if *write && path == "-" {
						return e.usageError("fmt", "-w cannot write back to standard input")
					}
					src, name, err := e.read(path)
					if err != nil {
						fmt.Fprintf(e.stderr, "ergen: %v\n", err)
						code = exitInvalid
						continue
					}
					out, diags := format.Source(name, src)
					if diags.HasErrors() {
						e.print(diags)
						code = exitInvalid
						continue
					}
					switch {
					case *check:
						if !bytes.Equal(out, src) {
							fmt.Fprintln(e.stdout, name)
							code = exitInvalid
						}
					case *write:
						if bytes.Equal(out, src) {
							continue
						}
						if err := writeAtomic(path, out); err != nil {
							fmt.Fprintf(e.stderr, "ergen: %v\n", err)
							code = exitInvalid
						}
					default:
						if _, err := e.stdout.Write(out); err != nil {
							return exitInvalid
						}
					}
				}
				return code
			}
		},
	})
}

// writeAtomic replaces path with data through a temporary file in the
// same directory and a rename, so an interrupted write never leaves a
// half-written source file. The file keeps its permissions.
func writeAtomic(path string, data []byte) error {
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after a successful rename this fails harmlessly
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(info.Mode().Perm()); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
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
