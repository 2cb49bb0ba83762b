package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/jackc/pgx/v5"
	"github.com/spf13/pflag"

	"github.com/ergen-dev/ergen/generator"
	"github.com/ergen-dev/ergen/generator/importer"
)

// cmdImport declares the flags of ergen import on fs and returns the
// function that runs it.
func cmdImport(fs *pflag.FlagSet) func(*env, []string) int {
	db := dbFlag(fs)
	schema := fs.String("schema", "public", "the schema to import")
	out := fs.StringP("out", "o", "", "write the model to this new file instead of standard output")
	format := fs.String("format", "text", "how to list what the model cannot reproduce on standard error: text or json")
	return func(e *env, args []string) int {
		if len(args) != 0 {
			return e.usageError("import", "takes no FILE; the model is written to standard output or -o")
		}
		if *format != "text" && *format != "json" {
			return e.usageError("import", "unknown format %q: want text or json", *format)
		}
		conn := e.connect(*db)
		if conn == nil {
			return exitInvalid
		}
		defer conn.Close(context.Background())
		res, err := e.generate(generator.Request{Output: generator.Import, DB: conn, Import: generator.ImportOptions{Schema: *schema}})
		if err != nil {
			return e.fail(err)
		}
		// The model is the team's own source from now on, with no
		// generated header: ergen never replaces it, its own earlier
		// import included.
		if !meansStdout(*out) {
			if _, err := os.Lstat(*out); err == nil {
				fmt.Fprintf(e.stderr, "ergen: %s exists; ergen import writes a new file, since an .er model is yours to edit (remove it, or choose another name)\n", *out)
				return exitInvalid
			}
		}
		if code := e.emit(*out, res.Files[0].Data); code != exitOK {
			return code
		}
		return e.notes(*format, res.Notes)
	}
}

// cmdDrift declares the flags of ergen drift on fs and returns the
// function that runs it.
func cmdDrift(fs *pflag.FlagSet) func(*env, []string) int {
	db := dbFlag(fs)
	schema := fs.String("schema", "", "the schema to compare (default: the model's)")
	return func(e *env, args []string) int {
		if len(args) != 1 {
			return e.usageError("drift", "want exactly one FILE, got %d", len(args))
		}
		s := e.load(args[0])
		if s == nil {
			return exitInvalid
		}
		conn := e.connect(*db)
		if conn == nil {
			return exitInvalid
		}
		defer conn.Close(context.Background())
		res, err := e.generate(generator.Request{Output: generator.Drift, Schema: s, DB: conn, Import: generator.ImportOptions{Schema: *schema}})
		if err != nil {
			return e.fail(err)
		}
		diffs := res.Differences
		for _, d := range diffs {
			fmt.Fprintln(e.stdout, d)
		}
		if len(diffs) > 0 {
			fmt.Fprintf(e.stderr, "%d difference(s) between the database and %s\n", len(diffs), sourceName(args[0]))
			return exitInvalid
		}
		return exitOK
	}
}

func dbFlag(fs *pflag.FlagSet) *string {
	return fs.String("db", "", "the database: a postgres:// URL or a key=value string; PG* environment variables fill in what it leaves out")
}

// connect connects to the database; it prints why and returns nil when
// it cannot.
func (e *env) connect(url string) *pgx.Conn {
	conn, err := pgx.Connect(context.Background(), url)
	if err != nil {
		fmt.Fprintf(e.stderr, "ergen: connecting to the database: %v\n", err)
		return nil
	}
	return conn
}

// notes lists on standard error what an imported model does not
// reproduce: one line each, or a JSON array of {table, message}.
func (e *env) notes(format string, notes []importer.Note) int {
	if format == "json" {
		if notes == nil {
			notes = []importer.Note{}
		}
		b, err := json.MarshalIndent(notes, "", "  ")
		if err != nil {
			fmt.Fprintf(e.stderr, "ergen: %v\n", err)
			return exitInvalid
		}
		fmt.Fprintf(e.stderr, "%s\n", b)
		return exitOK
	}
	for _, n := range notes {
		fmt.Fprintf(e.stderr, "ergen import: %s\n", n)
	}
	return exitOK
}
