package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestReadmeExamples runs the commands the top-level README shows with
// their output, so that its examples of diagnostics and review output are
// what ergen prints. Two shapes are read: "`ergen check NAME` on", an er
// block (the file NAME), "prints" and the output block; and "`ergen ...`:"
// followed by the output block of that command, run from the repository
// root.
func TestReadmeExamples(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	text := string(readme)
	withFile := regexp.MustCompile("(?s)`ergen check ([a-z]+\\.er)` on\n\n```er\n(.*?)```\n\nprints\n\n```\n(.*?)```")
	onRepo := regexp.MustCompile("(?s)\n`(ergen (?:explain|lint|check) [^`]*)`:\n\n```\n(.*?)```")
	n := 0
	for _, m := range withFile.FindAllStringSubmatch(text, -1) {
		n++
		t.Run(m[1], func(t *testing.T) {
			t.Chdir(t.TempDir())
			if err := os.WriteFile(m[1], []byte(m[2]), 0o644); err != nil {
				t.Fatal(err)
			}
			_, out, errOut := runCmd(t, "", "check", m[1])
			if d := cmp.Diff(m[3], out+errOut); d != "" {
				t.Errorf("README shows (-) but ergen prints (+):\n%s", d)
			}
		})
	}
	for _, m := range onRepo.FindAllStringSubmatch(text, -1) {
		n++
		t.Run(m[1], func(t *testing.T) {
			t.Chdir(root)
			_, out, errOut := runCmd(t, "", strings.Fields(m[1])[1:]...)
			if d := cmp.Diff(m[2], out+errOut); d != "" {
				t.Errorf("README shows (-) but ergen prints (+):\n%s", d)
			}
		})
	}
	if n < 3 {
		t.Errorf("found %d examples with their output in README.md, want at least 3", n)
	}
}
