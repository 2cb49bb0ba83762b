package generator_test

import (
	"os"
	"path/filepath"
	"testing"
)

// tempModule makes a Go module in a temporary directory that requires
// this copy of ergen (and so pgx, at the versions of ergen's go.sum), for
// generated packages to be built in. write puts a file into it.
func tempModule(t *testing.T, name string) (dir string, write func(path string, data []byte)) {
	t.Helper()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	dir = t.TempDir()
	write = func(path string, data []byte) {
		t.Helper()
		path = filepath.Join(dir, path)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", []byte("module "+name+"\n\ngo 1.26\n\nrequire github.com/ergen-dev/ergen v0.0.0\n\nreplace github.com/ergen-dev/ergen => "+root+"\n"))
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	write("go.sum", sum)
	return dir, write
}
