package main

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// OLD may come from git, as git:REV:PATH, so that CI diffs against the
// main branch.
func TestDiffFromGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not found")
	}
	dir := t.TempDir()
	t.Chdir(dir)
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"}, args...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	write := func(src string) {
		t.Helper()
		if err := os.WriteFile("shop.er", []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git("init", "-q")
	write("entity User { id serial pk }\n")
	git("add", "shop.er")
	git("commit", "-q", "-m", "v1")
	write("entity User {\n  id serial pk\n  note text?\n}\n")

	var stdout, stderr bytes.Buffer
	if code := run([]string{"diff", "git:HEAD:shop.er", "shop.er"}, nil, &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "ALTER TABLE users ADD COLUMN note text;") {
		t.Errorf("stdout:\n%s", stdout.String())
	}

	stdout.Reset()
	stderr.Reset()
	if code := run([]string{"diff", "git:HEAD:missing.er", "shop.er"}, nil, &stdout, &stderr); code != exitInvalid {
		t.Errorf("missing path: exit %d", code)
	}
	if stdout.Len() != 0 || !strings.Contains(stderr.String(), "git:HEAD:missing.er") {
		t.Errorf("missing path: stdout %q, stderr %q", stdout.String(), stderr.String())
	}
}
