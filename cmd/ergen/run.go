package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/spf13/pflag"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator"
	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/internal/output"
)

// Exit codes: a script can tell a bad model from a bad command line.
const (
	exitOK      = 0
	exitInvalid = 1 // invalid input, or generation failed
	exitUsage   = 2 // misuse: unknown command or flag, missing argument
)

// env is what a command may touch: its streams and nothing global, so
// tests run commands in-process.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	// sources keeps every file read, for quoting lines in diagnostics.
	sources map[string][]byte
	// loaded is the sources of the last model loaded, in order.
	loaded []generator.Source
	// committed is what finish runs once a run's files are in place.
	committed []func()
}

// command is one ergen subcommand.
type command struct {
	name    string
	args    string // usage after the command name
	summary string
	// flags declares the command's flags on fs and returns the function
	// that runs it with the positional arguments.
	flags func(fs *pflag.FlagSet) func(e *env, args []string) int
}

func findCommand(name string) *command {
	i := slices.IndexFunc(commands, func(c *command) bool { return c.name == name })
	if i < 0 {
		return nil
	}
	return commands[i]
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, sources: map[string][]byte{}}
	// A panic is a bug in ergen, never the user's fault: say so plainly.
	defer func() {
		if p := recover(); p != nil {
			fmt.Fprintf(stderr, "ergen: internal error: %v\nplease report it with the input that caused it\n%s", p, debug.Stack())
			code = exitInvalid
		}
	}()
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	switch args[0] {
	case "-h", "--help":
		usage(stdout)
		return exitOK
	case "-v", "--version":
		args = append([]string{"version"}, args[1:]...)
	}
	c := findCommand(args[0])
	if c == nil {
		fmt.Fprintf(stderr, "ergen: unknown command %q\n", args[0])
		var names []string
		for _, c := range commands {
			names = append(names, c.name)
		}
		if s := dsl.Suggest(args[0], names); s != "" {
			fmt.Fprintf(stderr, "did you mean %q?\n", s)
		}
		fmt.Fprintln(stderr, "run 'ergen help' for the list of commands")
		return exitUsage
	}
	// pflag prints errors and usage on its own; run prints them once,
	// help to stdout and errors to stderr.
	fs := newFlagSet(c, io.Discard)
	runCmd := c.flags(fs)
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			fs.SetOutput(stdout)
			fs.Usage()
			return exitOK
		}
		fmt.Fprintf(stderr, "ergen %s: %v\n", c.name, err)
		fmt.Fprintf(stderr, "usage: %s\n", c.usage())
		return exitUsage
	}
	return runCmd(e, fs.Args())
}

// usage is the command's usage line, without a trailing space when the
// command takes no arguments.
func (c *command) usage() string {
	return strings.TrimSpace("ergen " + c.name + " " + c.args)
}

func newFlagSet(c *command, w io.Writer) *pflag.FlagSet {
	fs := pflag.NewFlagSet("ergen "+c.name, pflag.ContinueOnError)
	fs.SetOutput(w)
	fs.SortFlags = false
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: %s\n\n%s\n", c.usage(), c.summary)
		if fs.HasFlags() {
			fmt.Fprintf(fs.Output(), "\nflags:\n%s", fs.FlagUsages())
		}
	}
	return fs
}

func usage(w io.Writer) {
	fmt.Fprintf(w, "ergen turns an ER model (.er file) into PostgreSQL DDL, Go code and review output.\n\nusage: ergen COMMAND [ARGS]\n\ncommands:\n")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, "\nrun 'ergen help COMMAND' for a command's flags. FILE may be - for standard input, or a directory:\nits *.er files are one model, as are the FILEs of sql, go, generate, diagram and doc.\nexit status: 0 ok, 1 invalid input, 2 misuse.\nERGEN_CACHE: where go and generate remember the packages they wrote, to skip building one\nunchanged (default: ergen in the user's cache directory; off: remember nothing).\n")
}

// usageError reports misuse of a command.
func (e *env) usageError(c string, format string, args ...any) int {
	fmt.Fprintf(e.stderr, "ergen %s: %s\n", c, fmt.Sprintf(format, args...))
	if cmd := findCommand(c); cmd != nil {
		fmt.Fprintf(e.stderr, "usage: %s\n", cmd.usage())
	}
	return exitUsage
}

// read reads a named file, or standard input for "-".
func (e *env) read(path string) ([]byte, string, error) {
	var src []byte
	var err error
	name := path
	if path == "-" {
		name = "<stdin>"
		src, err = readAtMost(e.stdin, maxModelFile)
	} else {
		name = displayPath(path)
		var f *os.File
		if f, err = os.Open(path); err == nil {
			src, err = readAtMost(f, maxModelFile)
			f.Close()
		}
	}
	if errors.Is(err, errTooLarge) {
		err = &fs.PathError{Op: "read", Path: name, Err: err}
	}
	if err != nil {
		return nil, name, err
	}
	return e.keep(name, src), name, nil
}

// keep records src, the text of the file name, for quoting its lines in
// diagnostics, and returns it: without a byte order mark, as Parse reads
// it and as its positions count.
func (e *env) keep(name string, src []byte) []byte {
	src = dsl.WithoutBOM(src)
	e.sources[name] = src
	return src
}

// maxModelFile bounds what ergen reads of one input: an .er file of
// 12,000 tables is 4 MB, and an endless one (/dev/zero) must end in an
// error, not in all the machine's memory.
const maxModelFile = 64 << 20

// errTooLarge is readAtMost's error for an input over its limit.
var errTooLarge = fmt.Errorf("larger than %d MiB, which no model is", maxModelFile>>20)

// readAtMost reads r to its end, or fails with errTooLarge once it holds
// more than limit bytes. A regular file that says it is larger is
// refused unread, rather than read into a buffer of limit bytes and
// then one grown past it, to be dropped.
func readAtMost(r io.Reader, limit int64) ([]byte, error) {
	size := sizeOf(r, limit+1)
	if size > limit {
		return nil, errTooLarge
	}
	src, err := readAll(io.LimitReader(r, limit+1), size)
	if err == nil && int64(len(src)) > limit {
		err = errTooLarge
	}
	return src, err
}

// sizeOf is the size a regular file r says it has, at most limit, or 0.
func sizeOf(r io.Reader, limit int64) int64 {
	f, ok := r.(*os.File)
	if !ok {
		return 0
	}
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() {
		return 0
	}
	return min(info.Size(), limit)
}

// readAll is io.ReadAll into a buffer of size bytes to start with (and
// one more, to see the end without growing it). The source is kept for
// the whole run, for quoting its lines: io.ReadAll, which grows its
// buffer by half again each time, would read a 4 MB file through 8 MB
// of buffers and keep one a third larger than the file.
func readAll(r io.Reader, size int64) ([]byte, error) {
	b := make([]byte, 0, size+1)
	for {
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)] // larger than it said: grow
		}
	}
}

// displayPath shows a path relative to the working directory when it is
// below it, as compilers do.
func displayPath(path string) string {
	if !filepath.IsAbs(path) {
		return filepath.Clean(path)
	}
	wd, err := os.Getwd()
	if err != nil {
		return path
	}
	if rel, err := filepath.Rel(wd, path); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return path
}

// load reads, parses and resolves one model and prints its diagnostics;
// it returns nil when the model cannot be used (errors were printed).
// inputs are its files and directories (see inputFiles).
func (e *env) load(inputs ...string) *model.Schema {
	s, diags, err := e.loadFile(inputs...)
	if err != nil {
		fmt.Fprintf(e.stderr, "ergen: %v\n", err)
		return nil
	}
	e.print(diags)
	if diags.HasErrors() {
		return nil
	}
	collectParse()
	return s
}

// collectParse runs a collection once a model is resolved, for the
// commands that go on to emit it. Resolving holds the file's syntax tree
// and the model at once (200 MB at 10,000 entities, half of it the tree),
// and the collector's goal is twice the heap it found live: without this
// collection, the heap of emission grows to that goal, 400 MB, before the
// next one finds the tree gone. Collected here, the goal starts from the
// model alone. It takes a few milliseconds per 100 MB of model, which a
// later collection would have spent anyway.
func collectParse() { runtime.GC() }

// loadFile reads and loads one model without printing its diagnostics;
// err is the *readError of an input that cannot be read.
func (e *env) loadFile(inputs ...string) (s *model.Schema, diags dsl.Diagnostics, err error) {
	srcs, err := e.readModel(inputs)
	if err != nil {
		return nil, nil, err
	}
	e.loaded = srcs
	s, diags = generator.LoadFiles(srcs...)
	return s, diags, nil
}

// unreadable reports an input that cannot be read: on standard error for
// people, and, for programs, as a diagnostic added to all, which the
// report of check and lint writes on standard output.
func (e *env) unreadable(format string, err error, all *dsl.Diagnostics) {
	var re *readError
	if format == "text" || !errors.As(err, &re) {
		fmt.Fprintf(e.stderr, "ergen: %v\n", err)
		return
	}
	*all = append(*all, re.diagnostic())
}

func (e *env) print(diags dsl.Diagnostics) {
	dsl.Print(e.stderr, diags, func(file string) []byte { return e.sources[file] })
	if n := len(diags.Errors()); n > 0 {
		fmt.Fprintf(e.stderr, "%d error(s)", n)
		if w := len(diags) - n; w > 0 {
			fmt.Fprintf(e.stderr, ", %d warning(s)", w)
		}
		fmt.Fprintln(e.stderr)
	}
}

// formatFlag adds the --format flag of the commands that report
// diagnostics.
func formatFlag(fs *pflag.FlagSet) *string {
	return fs.String("format", "text", "output format: text, json, or github (GitHub Actions annotations)")
}

func checkFormat(format string) error {
	switch format {
	case "text", "json", "github":
		return nil
	}
	return fmt.Errorf("unknown format %q: want text, json or github", format)
}

// report writes diagnostics for programs to standard output: as a JSON
// array, or as GitHub Actions workflow commands.
func (e *env) report(format string, ds dsl.Diagnostics) int {
	write := dsl.WriteJSON
	if format == "github" {
		write = dsl.PrintGitHub
	}
	if err := write(e.stdout, ds); err != nil {
		fmt.Fprintf(e.stderr, "ergen: %v\n", err)
		return exitInvalid
	}
	return exitOK
}

// generate makes one output through generator.Generate, the one entry of
// every output, and keeps the texts it made for quoting in diagnostics.
func (e *env) generate(req generator.Request) (generator.Result, error) {
	res, err := generator.Generate(context.Background(), req)
	for _, src := range res.Sources {
		e.sources[src.Name] = src.Src
	}
	return res, err
}

// generateTo makes an output of one stream (the DDL, a diagram) and
// writes its file to path, or to stdout when path is empty or "-".
func (e *env) generateTo(path string, req generator.Request) int {
	res, err := e.generate(req)
	if err != nil {
		return e.fail(err)
	}
	return e.emit(path, res.Files[0].Data)
}

// fail reports an error of Generate: its diagnostics, with carets, when it
// carries some (invalid input), else the error itself.
func (e *env) fail(err error) int {
	if ds, ok := dsl.AsDiagnostics(err); ok {
		e.print(ds)
	} else {
		fmt.Fprintf(e.stderr, "ergen: %v\n", err)
	}
	return exitInvalid
}

// meansStdout reports whether an output path given with -o means
// standard output: none given, or "-".
func meansStdout(path string) bool { return path == "" || path == "-" }

// emit writes data to stdout, or to path through output.WriteAll.
func (e *env) emit(path string, data []byte) int {
	if meansStdout(path) {
		if _, err := e.stdout.Write(data); err != nil {
			fmt.Fprintf(e.stderr, "ergen: %v\n", err)
			return exitInvalid
		}
		return exitOK
	}
	if err := output.WriteAll([]output.File{{Path: path, Data: data}}); err != nil {
		fmt.Fprintf(e.stderr, "ergen: %v\n", err)
		return exitInvalid
	}
	return exitOK
}
