package main

import (
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

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
		return nil, err
	}
	var files []string
	for _, ent := range entries {
		if isModelFile(ent.Name(), ent.Type()) {
			files = append(files, filepath.Join(path, ent.Name()))
		}
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s: no .er file in the directory", displayPath(path))
	}
	return files, nil
}

// isModelFile reports whether a directory entry is a file of the model.
func isModelFile(name string, mode fs.FileMode) bool {
	return strings.HasSuffix(name, ".er") && !strings.HasPrefix(name, ".") && !mode.IsDir()
}

// readModel reads the .er files of inputs; it reports what cannot be read
// and returns false.
func (e *env) readModel(inputs []string) ([]generator.Source, bool) {
	var srcs []generator.Source
	for _, in := range inputs {
		files, err := inputFiles(in)
		if err != nil {
			fmt.Fprintf(e.stderr, "ergen: %v\n", err)
			return nil, false
		}
		for _, f := range files {
			src, name, err := e.read(f)
			if err != nil {
				fmt.Fprintf(e.stderr, "ergen: %v\n", err)
				return nil, false
			}
			srcs = append(srcs, generator.Source{Name: name, Src: src})
		}
	}
	return srcs, true
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

// gitModel reads a model from git for spec, "REV:PATH" (the input was
// git:REV:PATH): the file at PATH in revision REV, or, when PATH is a
// directory there, its .er files as inputFiles picks them.
func (e *env) gitModel(spec string) ([]generator.Source, error) {
	kind, err := git("cat-file", "-t", spec)
	if err != nil {
		return nil, err
	}
	specs := []string{spec}
	if strings.TrimSpace(string(kind)) == "tree" {
		if specs, err = gitTree(spec); err != nil {
			return nil, err
		}
	}
	var srcs []generator.Source
	for _, s := range specs {
		src, err := git("show", s)
		if err != nil {
			return nil, err
		}
		name := "git:" + s
		e.sources[name] = src
		srcs = append(srcs, generator.Source{Name: name, Src: src})
	}
	return srcs, nil
}

// gitTree lists the specs of the .er files of the directory spec names.
func gitTree(spec string) ([]string, error) {
	out, err := git("ls-tree", "-z", spec)
	if err != nil {
		return nil, err
	}
	dir := strings.TrimSuffix(spec, "/")
	if !strings.HasSuffix(dir, ":") {
		dir += "/"
	}
	var specs []string
	for _, entry := range strings.Split(string(out), "\x00") {
		meta, name, ok := strings.Cut(entry, "\t")
		if ok && strings.Fields(meta)[1] == "blob" && isModelFile(name, 0) {
			specs = append(specs, dir+name) // ls-tree sorts by name
		}
	}
	if len(specs) == 0 {
		return nil, fmt.Errorf("no .er file in the directory")
	}
	return specs, nil
}

// git runs git and returns its standard output, or its message.
func git(args ...string) ([]byte, error) {
	out, err := exec.Command("git", args...).Output()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok && len(ee.Stderr) > 0 {
			return nil, fmt.Errorf("%s", strings.TrimSpace(string(ee.Stderr)))
		}
		return nil, err
	}
	return out, nil
}
