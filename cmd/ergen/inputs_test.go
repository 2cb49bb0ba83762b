package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Inputs are compared as files: a link to a file given is the file again,
// and a directory counts as its files only for the commands that read
// them as one model.
func TestRepeatedInput(t *testing.T) {
	t.Chdir(t.TempDir())
	if err := os.Mkdir("model", 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"a.er", "model/b.er"} {
		if err := os.WriteFile(name, []byte("entity User { id serial pk }\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("a.er", "link.er"); err != nil {
		t.Skip(err)
	}
	for _, tc := range []struct {
		inputs []string
		expand bool
		want   string
	}{
		{[]string{"a.er", "link.er"}, false, "link.er is given twice"},
		{[]string{"a.er", "model/../a.er"}, false, "a.er is given twice"},
		{[]string{"model", "model/b.er"}, true, "model/b.er is given twice (a directory stands for its .er files)"},
		{[]string{"model", "model/b.er"}, false, ""},
		{[]string{"missing.er", "./missing.er"}, false, "missing.er is given twice"},
		{[]string{"git:HEAD:a.er", "a.er"}, false, ""},
		{[]string{"-", "a.er", "-"}, true, "- (standard input) is given twice; it can be read only once"},
	} {
		if got := repeatedInput(tc.inputs, tc.expand); got != tc.want {
			t.Errorf("repeatedInput(%q, %v) = %q, want %q", tc.inputs, tc.expand, got, tc.want)
		}
	}
}

// A link in a model's directory is refused without being read (it could
// bring a secret into the diagnostics a CI log shows), and an input that
// does not end is refused once it passes the limit.
func TestHostileInputs(t *testing.T) {
	dir := t.TempDir()
	secret := filepath.Join(t.TempDir(), "pgpass")
	if err := os.WriteFile(secret, []byte("db:5432:prod:app:S3cret\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "a.er"), []byte("entity A { id serial pk }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, filepath.Join(dir, "b.er")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	code, out, stderr := ergen(t, "check", dir)
	if code != exitInvalid || strings.Contains(out+stderr, "S3cret") || !strings.Contains(stderr, "b.er is not a regular file") {
		t.Errorf("check of a directory with a link: exit %d, %q %q", code, out, stderr)
	}
	var stdout, errOut bytes.Buffer
	endless := io.LimitReader(zeros{}, maxModelFile+10)
	if code := run([]string{"check", "-"}, endless, &stdout, &errOut); code != exitInvalid || !strings.Contains(errOut.String(), "larger than 64 MiB") {
		t.Errorf("check of an endless input: exit %d, %q", code, errOut.String())
	}
}

// zeros reads as NUL bytes without end.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}
