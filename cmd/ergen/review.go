package main

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/spf13/pflag"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator"
	"github.com/ergen-dev/ergen/generator/review/explain"
	"github.com/ergen-dev/ergen/internal/output"
)

// cmdExplain declares the flags of ergen explain on fs and returns the
// function that runs it.
func cmdExplain(fs *pflag.FlagSet) func(*env, []string) int {
	update := fs.Bool("update", false, "explain a change of the row's key instead of its delete")
	insert := fs.Bool("insert", false, "explain what refuses a row inserted or updated (keys, exclusions, foreign keys, checks) instead")
	return func(e *env, args []string) int {
		if len(args) != 2 {
			return e.usageError("explain", "want FILE and ENTITY, got %d argument(s)", len(args))
		}
		if *update && *insert {
			return e.usageError("explain", "--update and --insert explain different things; give one")
		}
		s := e.load(args[0])
		if s == nil {
			return exitInvalid
		}
		res, err := e.generate(generator.Request{Output: generator.Explain, Schema: s, Explain: explain.Options{Entity: args[1], Update: *update, Insert: *insert}})
		var unknown *explain.UnknownEntityError
		if errors.As(err, &unknown) {
			fmt.Fprintf(e.stderr, "ergen explain: no entity %q in %s\n", args[1], args[0])
			if unknown.Suggestion != "" {
				fmt.Fprintf(e.stderr, "did you mean %q?\n", unknown.Suggestion)
			}
			return exitUsage
		}
		if err != nil {
			return e.fail(err)
		}
		return e.emit("", res.Files[0].Data)
	}
}

// cmdLint declares the flags of ergen lint on fs and returns the
// function that runs it.
func cmdLint(fs *pflag.FlagSet) func(*env, []string) int {
	format := formatFlag(fs)
	strict := fs.Bool("strict", false, "exit 1 when there is any warning")
	return func(e *env, args []string) int {
		if code, ok := e.checkInputs("lint", args, false); !ok {
			return code
		}
		if err := checkFormat(*format); err != nil {
			return e.usageError("lint", "%v", err)
		}
		code := exitOK
		var all dsl.Diagnostics
		for _, path := range args {
			s, diags, err := e.loadFile(path)
			if err != nil {
				e.unreadable(*format, err, &all)
				code = exitInvalid
				continue
			}
			if diags.HasErrors() {
				// A model that does not resolve cannot be linted; its
				// errors are what check reports, in the format asked
				// for, so that a program reading the JSON does not
				// take the model for clean.
				if *format == "text" {
					e.print(diags.Errors())
				} else {
					all = append(all, diags.Errors()...)
				}
				code = exitInvalid
				continue
			}
			res, err := e.generate(generator.Request{Output: generator.Lint, Schema: s})
			if err != nil {
				code = e.fail(err)
				continue
			}
			all = append(all, res.Diagnostics...)
		}
		if *format == "text" {
			// dsl.Print returns no error: what it prints goes to stdout
			// through emit, which reports a failed write.
			var out bytes.Buffer
			dsl.Print(&out, all, func(file string) []byte { return e.sources[file] })
			if c := e.emit("", out.Bytes()); c != exitOK {
				return c
			}
		} else if c := e.report(*format, all); c != exitOK {
			return c
		}
		if *strict && len(all) > 0 && code == exitOK {
			code = exitInvalid
		}
		return code
	}
}

// cmdFmt declares the flags of ergen fmt on fs and returns the
// function that runs it.
func cmdFmt(fs *pflag.FlagSet) func(*env, []string) int {
	write := fs.BoolP("write", "w", false, "write the result back to each file instead of standard output")
	check := fs.Bool("check", false, "write nothing; list the files that are not formatted and exit 1 if any")
	return func(e *env, args []string) int {
		if code, ok := e.checkInputs("fmt", args, true); !ok {
			return code
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
			res, err := e.generate(generator.Request{Output: generator.Fmt, Sources: []generator.Source{{Name: name, Src: src}}})
			if err != nil {
				code = e.fail(err)
				continue
			}
			out, changed := res.Files[0].Data, len(res.Changed) > 0
			switch {
			case *check:
				if changed {
					fmt.Fprintln(e.stdout, name)
					code = exitInvalid
				}
			case *write:
				if !changed {
					continue
				}
				if err := output.WriteAtomic(path, out); err != nil {
					fmt.Fprintf(e.stderr, "ergen: %v\n", err)
					code = exitInvalid
				}
			default:
				if c := e.emit("", out); c != exitOK {
					return c
				}
			}
		}
		return code
	}
}
