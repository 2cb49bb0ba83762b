package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator"
	"github.com/ergen-dev/ergen/generator/model"
)

// A model is read from one or several inputs: a file, "-" for standard
// input, or a directory, which stands for every *.er file directly in it
// (not in its subdirectories, and not hidden files such as an editor's
// backups), in the byte order of their names. The order is the model's
// declaration order, so a directory gives the same output wherever and
// whenever it is read.

// inputFiles expands one input into the paths of the .er files it stands
// for.
func inputFiles(path string) ([]string, error) {
	if path == "-" {
		return []string{path}, nil
	}
	info, err := os.Stat(path)
	if err != nil || !info.IsDir() {
		return []string{path}, nil // reading it reports what is wrong
	}
	entries, err := os.ReadDir(path) // sorted by name
	if err != nil {
		return nil, newReadError(displayPath(path), err)
	}
	var files []string
	for _, ent := range entries {
		if !isModelFile(ent.Name(), ent.Type()) {
			continue
		}
		name := filepath.Join(path, ent.Name())
		if !ent.Type().IsRegular() {
			// A link in a model's directory, which a pull request may
			// add, could read any file (a password file, /dev/zero) into
			// the diagnostics a CI log shows.
			return nil, refusedInput(displayPath(name), "%s is not a regular file (a symbolic link?): a model's directory holds its own files")
		}
		files = append(files, name)
	}
	if len(files) == 0 {
		return nil, refusedInput(displayPath(path), "%s: no .er file in the directory")
	}
	return files, nil
}

// isModelFile reports whether a directory entry is a file of the model.
func isModelFile(name string, mode fs.FileMode) bool {
	return strings.HasSuffix(name, ".er") && !strings.HasPrefix(name, ".") && !mode.IsDir()
}

// readModel reads the .er files of inputs; it returns a *readError for
// the first that cannot be read.
func (e *env) readModel(inputs []string) ([]generator.Source, error) {
	var srcs []generator.Source
	for _, in := range inputs {
		files, err := inputFiles(in)
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			src, name, err := e.read(f)
			if err != nil {
				return nil, newReadError(name, err)
			}
			srcs = append(srcs, generator.Source{Name: name, Src: src})
		}
	}
	return srcs, nil
}

// readError is an input that cannot be read. Its Error is the message
// people see on standard error; check and lint also report it to
// programs as a diagnostic, so that --format json or github does not
// pass over a model it never read.
type readError struct {
	path string // as diagnostics name it
	err  error
	msg  string // the diagnostic's message
}

func newReadError(path string, err error) *readError {
	cause := err
	var pe *fs.PathError
	if errors.As(err, &pe) {
		cause = pe.Err // the path is in the message already
	}
	return &readError{path: path, err: err, msg: fmt.Sprintf("cannot read %s: %v", path, cause)}
}

// refusedInput is the readError of an input refused without being read:
// its message, format filled in with path, is also the diagnostic's.
func refusedInput(path, format string) *readError {
	err := fmt.Errorf(format, path)
	return &readError{path: path, err: err, msg: err.Error()}
}

func (r *readError) Error() string { return r.err.Error() }
func (r *readError) Unwrap() error { return r.err }

// diagnostic is the error as a diagnostic of the file as a whole: line
// and column 0, as no position in it was read.
func (r *readError) diagnostic() *dsl.Diagnostic {
	at := dsl.Pos{File: r.path}
	return &dsl.Diagnostic{Severity: dsl.Error, Pos: at, End: at, Msg: r.msg}
}

// sourceName is what generated headers say the output was made from: the
// base name of each input, a directory's ending in "/" (its absolute
// path's, so that "." is named too), so that output does not depend on
// where ergen runs, and a model that gains a file keeps its header (the
// header is how the go command finds its stale files); each escaped by
// model.SourceLabel so that no file name ends a comment.
func sourceName(inputs ...string) string {
	names := make([]string, 0, len(inputs))
	for _, in := range inputs {
		name := model.SourceLabel(filepath.Base(in))
		switch info, err := os.Stat(in); {
		case in == "-":
			name = "<stdin>"
		case err == nil && info.IsDir():
			if abs, err := filepath.Abs(in); err == nil {
				name = model.SourceLabel(filepath.Base(abs))
			}
			name += "/"
		}
		names = append(names, name)
	}
	return strings.Join(names, ", ")
}

// gitModel reads a model from git for the input git:REV:PATH: the file
// at PATH in revision REV, or, when PATH is a directory there, its .er
// files as inputFiles picks them. PATH is relative to the current
// directory, as every other file argument is (an absolute PATH names the
// same file), so that the same command works from any directory of the
// work tree; diagnostics name the files as the input spelled them.
func (e *env) gitModel(rev, path string) ([]generator.Source, error) {
	spec := rev + ":" + gitRelative(path)
	kind, err := git("cat-file", "-t", spec)
	if err != nil {
		return nil, err
	}
	type file struct{ spec, name string }
	files := []file{{spec, "git:" + rev + ":" + path}}
	if strings.TrimSpace(string(kind)) == "tree" {
		names, err := gitTree(spec)
		if err != nil {
			return nil, err
		}
		dir := strings.TrimSuffix(path, "/")
		if dir != "" {
			dir += "/"
		}
		files = files[:0]
		for _, n := range names {
			files = append(files, file{strings.TrimSuffix(spec, "/") + "/" + n, "git:" + rev + ":" + dir + n})
		}
	}
	var srcs []generator.Source
	for _, f := range files {
		src, err := git("show", f.spec)
		if err != nil {
			return nil, err
		}
		srcs = append(srcs, generator.Source{Name: f.name, Src: e.keep(f.name, src)})
	}
	return srcs, nil
}

// gitRelative spells path so that git reads it from the current
// directory: git takes REV:PATH from the root of the repository, and
// REV:./PATH and REV:../PATH from the current directory.
func gitRelative(path string) string {
	if filepath.IsAbs(path) {
		if wd, err := os.Getwd(); err == nil {
			if rel, err := filepath.Rel(wd, path); err == nil {
				path = rel
			}
		}
	}
	path = filepath.ToSlash(path)
	if path == "." || path == ".." || strings.HasPrefix(path, "./") || strings.HasPrefix(path, "../") {
		return path
	}
	return "./" + path
}

// gitTree lists the names of the .er files of the directory spec names.
// Without --full-tree, ls-tree lists only what lies under the current
// directory's path within the tree, which is nothing for a tree read from
// a subdirectory.
func gitTree(spec string) ([]string, error) {
	out, err := git("ls-tree", "--full-tree", "-z", spec)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, entry := range strings.Split(string(out), "\x00") {
		meta, name, ok := strings.Cut(entry, "\t")
		if ok && strings.Fields(meta)[1] == "blob" && isModelFile(name, 0) {
			names = append(names, name) // ls-tree sorts by name
		}
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("no .er file in the directory")
	}
	return names, nil
}

// git runs git and returns its standard output, or its message. The
// output is read as a model's file is (readAtMost): git show of a file
// larger than any model is refused once it passes maxModelFile, not
// held whole.
func git(args ...string) ([]byte, error) {
	cmd := exec.Command("git", args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err == nil {
		err = cmd.Start()
	}
	if err != nil {
		return nil, err
	}
	out, err := readAtMost(stdout, maxModelFile)
	if err != nil {
		cmd.Process.Kill() //nolint:errcheck // it may have ended
		cmd.Wait()         //nolint:errcheck // the read's error is the one to report
		return nil, err
	}
	if err := cmd.Wait(); err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return nil, fmt.Errorf("%s", msg)
		}
		return nil, err
	}
	return out, nil
}

// checkInputs refuses, as misuse, a command line without FILE or with an
// input given twice: standard input can be read only once (the second
// read finds it empty), and a file read twice into one model declares
// everything in it twice, which the diagnostics would blame on the model.
// With expand, the inputs are the files of one model (or files formatted
// one by one), so a file is also repeated when a directory given holds
// it. It returns the exit status and false when it refused.
func (e *env) checkInputs(cmd string, inputs []string, expand bool) (int, bool) {
	if len(inputs) == 0 {
		return e.usageError(cmd, "no file given"), false
	}
	if msg := repeatedInput(inputs, expand); msg != "" {
		return e.usageError(cmd, "%s", msg), false
	}
	return exitOK, true
}

// repeatedInput says which input names a file an earlier one names, or
// returns "". Paths are compared as files, so that a.er, ./a.er and a
// link to it are one; "-" and git:REV:PATH are compared as written.
func repeatedInput(inputs []string, expand bool) string {
	type input struct {
		path, via string // via: the directory that named path
		info      os.FileInfo
		abs       string
	}
	var seen []input
	for _, in := range inputs {
		paths := []string{in}
		if expand {
			if files, err := inputFiles(in); err == nil {
				paths = files
			}
		}
		for _, p := range paths {
			cur := input{path: p, abs: p}
			if p != in {
				cur.via = in
			}
			if p != "-" && !strings.HasPrefix(p, "git:") {
				cur.info, _ = os.Stat(p)
				if abs, err := filepath.Abs(p); err == nil {
					cur.abs = abs
				}
			}
			for _, old := range seen {
				if cur.abs == old.abs || cur.info != nil && old.info != nil && os.SameFile(cur.info, old.info) {
					return repeatedMessage(cur.path, cur.via, old.via)
				}
			}
			seen = append(seen, cur)
		}
	}
	return ""
}

func repeatedMessage(path, via, oldVia string) string {
	switch {
	case path == "-":
		return "- (standard input) is given twice; it can be read only once"
	case via != "" || oldVia != "":
		return fmt.Sprintf("%s is given twice (a directory stands for its .er files)", displayPath(path))
	}
	return fmt.Sprintf("%s is given twice", displayPath(path))
}
