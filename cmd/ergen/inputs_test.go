package main

import (
	"os"
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
