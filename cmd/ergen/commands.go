package main

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/pflag"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator"
	"github.com/ergen-dev/ergen/generator/postgres"
)

// cmdCheck declares the flags of ergen check on fs and returns the
// function that runs it.
func cmdCheck(fs *pflag.FlagSet) func(*env, []string) int {
	format := formatFlag(fs)
	return func(e *env, args []string) int {
		if code, ok := e.checkInputs("check", args, false); !ok {
			return code
		}
		if err := checkFormat(*format); err != nil {
			return e.usageError("check", "%v", err)
		}
		code := exitOK
		var all dsl.Diagnostics
		for _, path := range args {
			_, diags, err := e.loadFile(path)
			if err != nil {
				e.unreadable(*format, err, &all)
				code = exitInvalid
				continue
			}
			if diags.HasErrors() {
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
}

// cmdSQL declares the flags of ergen sql on fs and returns the
// function that runs it.
func cmdSQL(fs *pflag.FlagSet) func(*env, []string) int {
	out := fs.StringP("out", "o", "", "write the DDL to this file instead of standard output")
	return func(e *env, args []string) int {
		if code, ok := e.checkInputs("sql", args, true); !ok {
			return code
		}
		s := e.load(args...)
		if s == nil {
			return exitInvalid
		}
		return e.generateTo(*out, generator.Request{Output: generator.SQL, Schema: s, SQL: postgres.Options{Source: sourceName(args...)}})
	}
}

// cmdVersion declares the flags of ergen version on fs and returns the
// function that runs it.
func cmdVersion(fs *pflag.FlagSet) func(*env, []string) int {
	return func(e *env, args []string) int {
		if len(args) != 0 {
			return e.usageError("version", "takes no argument, got %q", args[0])
		}
		fmt.Fprintf(e.stdout, "ergen %s\n", version())
		return exitOK
	}
}

// cmdHelp declares the flags of ergen help on fs and returns the
// function that runs it.
func cmdHelp(fs *pflag.FlagSet) func(*env, []string) int {
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
}

// version is the module version when ergen was installed with go install,
// or "devel" in a working tree.
func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}
