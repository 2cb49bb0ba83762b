package main

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/spf13/pflag"

	"github.com/ergen-dev/ergen/generator"
	"github.com/ergen-dev/ergen/generator/golang"
	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/generator/postgres"
	"github.com/ergen-dev/ergen/internal/output"
)

// cmdGo declares the flags of ergen go on fs and returns the
// function that runs it.
func cmdGo(fs *pflag.FlagSet) func(*env, []string) int {
	dir := fs.StringP("out", "o", "", "the package directory (required)")
	pkg := fs.String("package", "", "the package name (default: the directory's name)")
	imports := goImportFlag(fs)
	check := fs.Bool("check", false, "write nothing; exit 1 and list the files that are out of date")
	return func(e *env, args []string) int {
		if code, ok := e.checkInputs("go", args, true); !ok {
			return code
		}
		if *dir == "" {
			return e.usageError("go", "-o DIR is required")
		}
		if *dir == "-" {
			return e.usageError("go", "-o -: %s", goToStdout)
		}
		if !e.checkPackage("go", *pkg, *dir) {
			return exitUsage
		}
		s := e.load(args...)
		if s == nil {
			return exitInvalid
		}
		w := newWriter(*check, *dir)
		defer w.Abort()
		if !e.goFiles(w, s, sourceName(args...), *dir, *pkg, *imports) {
			return exitInvalid
		}
		return e.finish(w)
	}
}

// cmdGenerate declares the flags of ergen generate on fs and returns the
// function that runs it.
func cmdGenerate(fs *pflag.FlagSet) func(*env, []string) int {
	sqlOut := fs.String("sql", "", "write the DDL to this file (- for standard output)")
	dir := fs.String("go", "", "write the Go package into this directory")
	pkg := fs.String("package", "", "the package name (default: the directory's name)")
	imports := goImportFlag(fs)
	check := fs.Bool("check", false, "write nothing; exit 1 and list the files that are out of date")
	return func(e *env, args []string) int {
		if code, ok := e.checkInputs("generate", args, true); !ok {
			return code
		}
		switch {
		case *sqlOut == "" && *dir == "":
			return e.usageError("generate", "nothing to generate: give --sql OUT.sql, --go DIR or both")
		case *dir == "-":
			return e.usageError("generate", "--go -: %s", goToStdout)
		case *sqlOut == "-" && *check:
			return e.usageError("generate", "--check compares files with what ergen would write; --sql - writes to standard output")
		case *dir != "" && !e.checkPackage("generate", *pkg, *dir):
			return exitUsage
		}
		s := e.load(args...)
		if s == nil {
			return exitInvalid
		}
		// One name of the source for the headers of the DDL and the Go.
		src := sourceName(args...)
		// With --sql -, the DDL is printed once the Go files are written,
		// so that a failed run prints nothing, as it writes nothing.
		var ddl []byte
		toStdout := *sqlOut == "-"
		var dirs []string
		if *sqlOut != "" && !toStdout {
			dirs = append(dirs, filepath.Dir(*sqlOut))
		}
		if *dir != "" {
			dirs = append(dirs, *dir)
		}
		w := newWriter(*check, dirs...)
		defer w.Abort()
		if *sqlOut != "" {
			_, err := e.generate(generator.Request{Output: generator.SQL, Schema: s, SQL: postgres.Options{Source: src},
				Write: func(f model.File) error {
					if toStdout {
						ddl = bytes.Clone(f.Data)
						return nil
					}
					return w.Add(output.File{Path: *sqlOut, Data: f.Data})
				}})
			if err != nil {
				return e.fail(err)
			}
		}
		if *dir != "" && !e.goFiles(w, s, src, *dir, *pkg, *imports) {
			return exitInvalid
		}
		if code := e.finish(w); code != exitOK || !toStdout {
			return code
		}
		return e.emit("", ddl)
	}
}

// goImportFlag declares --go-import, the packages beyond pgx's and the
// standard library's types that the model's `go "..."` types may import
// (model.CheckGoImports).
func goImportFlag(fs *pflag.FlagSet) *[]string {
	return fs.StringArray("go-import", nil, "let the model's go \"path.Type\" types import this package (path/... for a tree); repeat for more")
}

// goBuilds counts the Go packages this process built rather than found
// unchanged (the memo's tests read it).
var goBuilds int

// goSkipped counts the Go files this process left as the memo found them
// rather than made (the memo's tests read it).
var goSkipped int

// reuse returns what lets the Go emitter skip making the files that the
// last run made into dir and that it would make again the same (see
// golang.Incremental and output.Memo.Reusable), and the map that will
// hold the inputs to remember of the files made or skipped. A skipped
// file is recorded in made, under mu, with the digest the memo found it
// has. The files are read under w's lock, which w holds until it
// commits, so that they are still what they were when the run's other
// files are renamed beside them; a directory that does not exist yet is
// neither locked nor created here.
func reuse(w *output.Writer, memo *output.Memo, dir string, made map[string]output.Digest, mu *sync.Mutex) (*golang.Incremental, map[string][]byte, error) {
	var prior map[string]output.Prior
	if info, err := os.Stat(dir); err == nil && info.IsDir() {
		if err := w.Begin(); err != nil {
			return nil, nil, err
		}
		prior = memo.Reusable(dir)
	}
	inc := &golang.Incremental{Build: executableID(), Prior: map[string][]byte{}}
	for name, p := range prior {
		inc.Prior[name] = p.Input
	}
	inputs := map[string][]byte{}
	inc.Record = func(name string, rec []byte, skipped bool) {
		mu.Lock()
		defer mu.Unlock()
		if rec != nil {
			inputs[name] = rec
		}
		if skipped {
			made[name] = prior[name].Digest
			goSkipped++
		}
	}
	return inc, inputs, nil
}

// goToStdout says why a Go package cannot be written to "-".
const goToStdout = "a Go package is a directory of files; standard output cannot hold it"

// newWriter returns the writer of a command's files into dirs, or with
// check the checker that lists those out of date.
func newWriter(check bool, dirs ...string) *output.Writer {
	if check {
		return output.NewChecker(dirs...)
	}
	return output.NewWriter(dirs...)
}

// goFiles generates the Go package for s, read from src (see sourceName),
// into dir, handing each file to w as it is made, so that no more than a
// few files of the package are held at a time. Go files ergen generated
// earlier into dir that are no longer produced (a removed entity, or a
// model file renamed, whose files name the old source) are added with
// nil Data, to be deleted: a directory is one package, which one model
// makes. It reports failures itself and returns false after one.
func (e *env) goFiles(w *output.Writer, s *model.Schema, src, dir, pkg string, imports []string) bool {
	if pkg == "" {
		abs, err := filepath.Abs(dir)
		if err != nil {
			fmt.Fprintf(e.stderr, "ergen: %v\n", err)
			return false
		}
		pkg = packageOf(abs)
	}
	// A run that would make what dir holds already skips making it (see
	// output.Memo), and one that would make part of it again skips making
	// the files the memo finds as it recorded them, from the same inputs
	// (see reuse); a check compares every file.
	// Without a memo (ERGEN_CACHE=off) there is nothing to skip or to
	// remember: no key, so that the emitter neither digests each table
	// nor keeps a record of each file (10 MB for 10,000 tables) for a
	// memo that would drop them.
	var key *output.Key
	memo := output.OpenMemo(memoDir())
	if !w.Checking() && !memo.Off() {
		key = goKey(e.loaded, pkg, src, imports)
	}
	if key != nil && memo.Unchanged(dir, *key, goDirStale) {
		return true
	}
	goBuilds++
	made := map[string]output.Digest{}
	var mu sync.Mutex // write runs on a goroutine of the emitter's, Record on this one
	opts := golang.Options{Package: pkg, Source: src, Imports: imports}
	var inputs map[string][]byte
	if key != nil {
		var err error
		if opts.Incremental, inputs, err = reuse(w, memo, dir, made, &mu); err != nil {
			fmt.Fprintf(e.stderr, "ergen: %v\n", err)
			return false
		}
	}
	_, err := e.generate(generator.Request{Output: generator.Go, Schema: s, Go: opts,
		Write: func(f model.File) error {
			var sum output.Digest
			if key != nil {
				sum = sha256.Sum256(f.Data)
			}
			mu.Lock()
			made[f.Name] = sum
			mu.Unlock()
			return w.Add(output.File{Path: filepath.Join(dir, f.Name), Data: f.Data})
		}})
	if err != nil {
		e.fail(err)
		return false
	}
	// Stale files: Go files in dir that carry ergen's header, from any source.
	entries, _ := os.ReadDir(dir)
	for _, ent := range entries {
		if _, ok := made[ent.Name()]; ent.IsDir() || ok {
			continue
		}
		p := filepath.Join(dir, ent.Name())
		if staleGo(p) {
			if err := w.Add(output.File{Path: p}); err != nil {
				fmt.Fprintf(e.stderr, "ergen: %v\n", err)
				return false
			}
		}
	}
	if key != nil {
		e.committed = append(e.committed, func() { memo.Remember(dir, *key, made, inputs) })
	}
	return true
}

// packageOf is the package name a directory gives by default: its base
// name with dashes as underscores (db-gen gives db_gen).
func packageOf(dir string) string { return strings.ReplaceAll(filepath.Base(dir), "-", "_") }

// checkPackage reports a package name the Go generator would refuse, as
// misuse: the name given with --package, or the one DIR gives.
func (e *env) checkPackage(cmd, given, dir string) bool {
	name, from := given, "--package"
	if name == "" {
		abs, err := filepath.Abs(dir)
		if err != nil {
			return true // goFiles reports it
		}
		name, from = packageOf(abs), "the directory "+dir
	}
	if err := golang.CheckPackage(name); err != nil {
		e.usageError(cmd, "%s gives the package name %q, which is no name for a Go package of queries: pass --package NAME, a Go identifier other than main", from, name)
		return false
	}
	return true
}

// goDirStale tells the memo what in a package's directory a run would
// remove or refuse: a Go file of ergen's it does not make (staleGo), and a
// Go entry that is not a regular file (a link to a stale file is refused).
func goDirStale(path string, regular bool) bool {
	return strings.HasSuffix(path, ".go") && (!regular || staleGo(path))
}

// staleGo reports whether the file at path is a Go file that starts with
// ergen's header (output.GeneratedFile), which a run that does not make
// it removes from its package's directory.
func staleGo(path string) bool {
	if !strings.HasSuffix(path, ".go") {
		return false
	}
	head, ok := output.GeneratedFile(path)
	return ok && bytes.HasPrefix(head, []byte("// "))
}

// finish commits what w wrote (removing the files to remove), or, for a
// checker, lists the files out of date, and what a killed run left
// behind, and exits 1.
func (e *env) finish(w *output.Writer) int {
	if w.Checking() {
		stale := w.Stale()
		for _, p := range stale {
			fmt.Fprintf(e.stdout, "%s\n", p)
		}
		if len(stale) > 0 {
			fmt.Fprintf(e.stderr, "ergen: %d generated file(s) out of date; run ergen generate (or go generate ./...)\n", len(stale))
			return exitInvalid
		}
		return exitOK
	}
	if err := w.Commit(); err != nil {
		fmt.Fprintf(e.stderr, "ergen: %v\n", err)
		return exitInvalid
	}
	for _, f := range e.committed {
		f()
	}
	return exitOK
}
