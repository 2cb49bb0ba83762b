package main

import (
	"crypto/sha256"
	"debug/elf"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/ergen-dev/ergen/generator"
	"github.com/ergen-dev/ergen/internal/output"
)

// memoDir is where ergen keeps its memo of the packages it wrote
// (output.Memo): $ERGEN_CACHE, or ergen's directory in the user's cache
// directory; "" (no memo) when ERGEN_CACHE is "off" or there is no cache
// directory.
func memoDir() string {
	switch dir := os.Getenv("ERGEN_CACHE"); dir {
	case "off":
		return ""
	case "":
		base, err := os.UserCacheDir()
		if err != nil {
			return ""
		}
		return filepath.Join(base, "ergen")
	default:
		if !filepath.IsAbs(dir) {
			return "" // as GOCACHE: a relative directory would move with the working directory
		}
		return dir
	}
}

// goKey is what a Go package is made from: this ergen, the options of the
// Go emitter, and every source of the model, named, in order. Two runs
// with one key make the same files byte for byte, as the emitter is
// deterministic; nil when this executable cannot be identified.
func goKey(srcs []generator.Source, pkg, src string, imports []string) *output.Key {
	id := executableID()
	if id == nil {
		return nil
	}
	// A file's base name, not its path: the same files read from another
	// working directory make the same package (the Go emitter reads no
	// position), and src holds what the headers say.
	parts := [][]byte{[]byte("go"), id, []byte(pkg), []byte(src), []byte(strings.Join(imports, "\n"))}
	for _, s := range srcs {
		parts = append(parts, []byte(filepath.Base(s.Name)), s.Src)
	}
	k := output.NewKey(parts...)
	return &k
}

// executableID identifies the running ergen: the Go build ID the linker
// writes into an ELF executable, which changes with any change to the
// code or to a dependency, or else the SHA-256 of the whole executable.
// nil when neither can be read. On Linux it is read from /proc/self/exe,
// the image that runs, even when the file it was started from has been
// replaced since (go install while a run waits on its input): the new
// file's ID would key what the old code made. Elsewhere the path the
// system gives is read, at the start of the run (main).
var executableID = sync.OnceValue(func() []byte {
	exe := "/proc/self/exe"
	if _, err := os.Stat(exe); err != nil {
		if exe, err = os.Executable(); err != nil {
			return nil
		}
	}
	if id := goBuildID(exe); id != nil {
		return append([]byte("buildid "), id...)
	}
	f, err := os.Open(exe)
	if err != nil {
		return nil
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return nil
	}
	return append([]byte("sha256 "), h.Sum(nil)...)
})

// goBuildID returns the build ID in the .note.go.buildid section of the
// ELF executable at path (a note named "Go" of type 4), or nil when it
// has none, or an empty one (-ldflags=-buildid=).
func goBuildID(path string) []byte {
	f, err := elf.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	sec := f.Section(".note.go.buildid")
	if sec == nil {
		return nil
	}
	note, err := sec.Data()
	if err != nil || len(note) < 16 {
		return nil
	}
	order := f.ByteOrder
	nameSize, descSize, typ := order.Uint32(note), order.Uint32(note[4:]), order.Uint32(note[8:])
	if nameSize != 4 || typ != 4 || string(note[12:16]) != "Go\x00\x00" || descSize == 0 || uint64(len(note)) < 16+uint64(descSize) {
		return nil
	}
	return note[16 : 16+descSize]
}
