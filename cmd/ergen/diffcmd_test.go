package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// gitCmd returns a function that runs git in the current directory and
// fails the test when git does; it skips the test when there is no git.
func gitCmd(t *testing.T) func(args ...string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not found")
	}
	return func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"}, args...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
}

// OLD may come from git, as git:REV:PATH, so that CI diffs against the
// main branch.
func TestDiffFromGit(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	git := gitCmd(t)
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
	if !strings.Contains(stdout.String(), "ALTER TABLE users ADD COLUMN IF NOT EXISTS note text;") {
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

// git:REV:PATH may name a directory: its .er files at REV are the model.
func TestDiffFromGitDirectory(t *testing.T) {
	t.Chdir(t.TempDir())
	git := gitCmd(t)
	write := func(name, src string) {
		t.Helper()
		if err := os.MkdirAll("model", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git("init", "-q")
	write("model/a.er", "entity User { id serial pk }\n")
	write("model/b.er", "entity Order { id serial pk }\n")
	write("model/notes.txt", "not a model\n")
	git("add", "model")
	git("commit", "-q", "-m", "v1")
	write("model/b.er", "entity Order { id serial pk }\nrelationship User 1:N Order { optional }\n")

	for _, old := range []string{"git:HEAD:model", "git:HEAD:model/"} {
		var stdout, stderr bytes.Buffer
		if code := run([]string{"diff", old, "model"}, nil, &stdout, &stderr); code != exitOK {
			t.Fatalf("diff %s model: exit %d: %s", old, code, stderr.String())
		}
		if !strings.Contains(stdout.String(), "ALTER TABLE orders ADD COLUMN IF NOT EXISTS user_id integer;") {
			t.Errorf("diff %s model: stdout:\n%s", old, stdout.String())
		}
	}

	// An error in the old model names the file in git.
	write("model/c.er", "entity Bad { id serial pk }\n")
	git("add", "model/c.er")
	write("model/c.er", "entity Bad { id serial pk }\nrelationship Bad 1:N Nowhere\n")
	git("commit", "-q", "-m", "v2", "model/c.er")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"diff", "git:HEAD:model", "model"}, nil, &stdout, &stderr); code != exitInvalid {
		t.Fatalf("invalid old model: exit %d", code)
	}
	if !strings.Contains(stderr.String(), "git:HEAD:model/c.er:2:22: error: unknown entity \"Nowhere\"") {
		t.Errorf("invalid old model: stderr:\n%s", stderr.String())
	}
}

// PATH in git:REV:PATH is read from the current directory, as a file
// argument is, so that a diff run from a subdirectory of the repository
// names the same file in git as on disk; an absolute PATH and ../ work
// too, and a directory is listed wholly though read from a subdirectory.
func TestDiffFromGitSubdirectory(t *testing.T) {
	root := t.TempDir()
	t.Chdir(root)
	git := gitCmd(t)
	git("init", "-q")
	for _, name := range []string{"sub/shop.er", "sub/model/a.er"} {
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte("entity User { id serial pk }\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git("add", "sub")
	git("commit", "-q", "-m", "v1")
	if err := os.WriteFile("sub/new.er", []byte("entity User {\n  id serial pk\n  note text?\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir("sub")
	for _, old := range []string{"git:HEAD:shop.er", "git:HEAD:./shop.er", "git:HEAD:../sub/shop.er",
		"git:HEAD:" + filepath.Join(root, "sub", "shop.er"), "git:HEAD:model", "git:HEAD:model/"} {
		var stdout, stderr bytes.Buffer
		if code := run([]string{"diff", old, "new.er"}, nil, &stdout, &stderr); code != exitOK {
			t.Errorf("diff %s new.er: exit %d: %s", old, code, stderr.String())
		} else if !strings.Contains(stdout.String(), "ALTER TABLE users ADD COLUMN IF NOT EXISTS note text;") {
			t.Errorf("diff %s new.er: stdout:\n%s", old, stdout.String())
		}
	}
	// A path from the repository's root is not found from sub, as
	// sub/shop.er would not be from there: git's message names the path
	// it looked for.
	var stdout, stderr bytes.Buffer
	if code := run([]string{"diff", "git:HEAD:sub/shop.er", "new.er"}, nil, &stdout, &stderr); code != exitInvalid {
		t.Errorf("diff git:HEAD:sub/shop.er: exit %d", code)
	}
	if !strings.Contains(stderr.String(), "sub/sub/shop.er") {
		t.Errorf("diff git:HEAD:sub/shop.er: stderr %q", stderr.String())
	}
}

// A file read from git is quoted in diagnostics as one read from disk is:
// without the byte order mark an editor wrote first, which Parse drops
// and its positions do not count.
func TestDiffFromGitByteOrderMark(t *testing.T) {
	t.Chdir(t.TempDir())
	git := gitCmd(t)
	git("init", "-q")
	for _, name := range []string{"shop.er", "new.er"} {
		if err := os.WriteFile(name, []byte("\uFEFFentity User { id serail pk }\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git("add", "shop.er")
	git("commit", "-q", "-m", "v1")
	for _, old := range []string{"git:HEAD:shop.er", "shop.er"} {
		var stdout, stderr bytes.Buffer
		if code := run([]string{"diff", old, "new.er"}, nil, &stdout, &stderr); code != exitInvalid {
			t.Errorf("diff %s: exit %d", old, code)
		}
		want := old + ":1:18: error: unknown type \"serail\"\n 1 | entity User { id serail pk }\n"
		if !strings.HasPrefix(stderr.String(), want) {
			t.Errorf("diff %s: stderr\n%q\nwant it to start with\n%q", old, stderr.String(), want)
		}
	}
}

// A file in git larger than any model is refused as one on disk is,
// once git has printed more than maxModelFile of it.
func TestDiffFromGitTooLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("commits a file of 64 MiB")
	}
	t.Chdir(t.TempDir())
	git := gitCmd(t)
	git("init", "-q")
	f, err := os.Create("big.er")
	if err == nil {
		err = f.Truncate(maxModelFile + 1)
	}
	if err == nil {
		err = f.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	git("add", "big.er")
	git("commit", "-q", "-m", "v1")
	if err := os.WriteFile("new.er", []byte("entity User { id serial pk }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"diff", "git:HEAD:big.er", "new.er"}, nil, &stdout, &stderr); code != exitInvalid {
		t.Errorf("exit %d, want %d", code, exitInvalid)
	}
	if want := "ergen: git:HEAD:big.er: larger than 64 MiB, which no model is\n"; stderr.String() != want || stdout.Len() != 0 {
		t.Errorf("stdout %.200q, stderr %.200q, want %q", stdout.String(), stderr.String(), want)
	}
}
