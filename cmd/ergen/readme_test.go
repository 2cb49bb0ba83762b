package main

import (
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/spf13/pflag"
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

// TestReadmeCommandTable ties the README's command table to the flags
// ergen accepts: every flag a command declares (what ergen help COMMAND
// lists) is named in the command's usage line and in its row of the
// table, and every command has a row.
func TestReadmeCommandTable(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, table, _ := strings.Cut(string(readme), "\n| command | what it does |\n")
	table, _, _ = strings.Cut(table, "\n\n")
	rows := map[string]string{}
	for _, row := range strings.Split(table, "\n") {
		for _, m := range regexp.MustCompile("`ergen ([a-z]+)").FindAllStringSubmatch(row, -1) {
			rows[m[1]] = row
		}
	}
	for _, c := range commands {
		row, ok := rows[c.name]
		if !ok {
			t.Errorf("README's command table has no row for ergen %s", c.name)
			continue
		}
		fs := newFlagSet(c, io.Discard)
		c.flags(fs)
		fs.VisitAll(func(f *pflag.Flag) {
			if !namesFlag(c.args, f) {
				t.Errorf("the usage line of ergen %s (%q) leaves out --%s", c.name, c.args, f.Name)
			}
			if !namesFlag(row, f) {
				t.Errorf("README's row for ergen %s leaves out --%s:\n%s", c.name, f.Name, row)
			}
		})
	}
}

// namesFlag reports whether text names the flag, by its long name or its
// shorthand, as a word of its own.
func namesFlag(text string, f *pflag.Flag) bool {
	names := regexp.QuoteMeta("--" + f.Name)
	if f.Shorthand != "" {
		names += "|" + regexp.QuoteMeta("-"+f.Shorthand)
	}
	return regexp.MustCompile(`(?:^|[^\w-])(?:` + names + `)(?:[^\w-]|$)`).MatchString(text)
}
