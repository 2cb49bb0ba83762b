package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckLongLine: check of a file of one line of a megabyte, a
// minified model with three errors or a binary file, quotes a window of
// the line for each error, not the line.
func TestCheckLongLine(t *testing.T) {
	var b strings.Builder
	b.WriteString("entity A { id serial pk")
	for i := range 3 {
		fmt.Fprintf(&b, "; b%d Strin comment '%s'", i, strings.Repeat("x", 350_000))
	}
	b.WriteString(" }\n")
	dir := t.TempDir()
	for _, tc := range []struct {
		name, src string
		errors    int
	}{
		{"min.er", b.String(), 3},
		{"bin.er", strings.Repeat("\x00", 1<<20), 1},
	} {
		path := filepath.Join(dir, tc.name)
		if err := os.WriteFile(path, []byte(tc.src), 0o644); err != nil {
			t.Fatal(err)
		}
		code, _, stderr := ergen(t, "check", path)
		if code != exitInvalid || len(stderr) > 4000 || strings.Count(stderr, "…\n") != tc.errors {
			t.Errorf("check %s: exit %d, %d bytes of stderr:\n%.1000q", tc.name, code, len(stderr), stderr)
		}
	}
}
