// Package golden compares test output with the committed files that pin
// it. `ERGEN_UPDATE=1 go test ./...` rewrites every golden of the
// repository; the -update flag that some test packages declare (a flag
// defined here would clash with theirs) does the same for one package, and
// its value is passed in.
package golden

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Updating reports whether goldens are to be rewritten: ERGEN_UPDATE=1 in
// the environment, or a package's -update flag (flagValue). Tests that
// write a golden themselves, instead of through Check, ask it.
func Updating(flagValue bool) bool {
	return flagValue || os.Getenv("ERGEN_UPDATE") == "1"
}

// Check fails t when got differs from the file at path, showing a diff.
// When Updating(update) it writes got to path instead, creating
// directories.
func Check(t testing.TB, path string, got []byte, update bool) {
	t.Helper()
	if Updating(update) {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (ERGEN_UPDATE=1 go test creates it)", err)
	}
	if d := cmp.Diff(string(want), string(got)); d != "" {
		t.Errorf("%s differs (-want +got; ERGEN_UPDATE=1 go test rewrites it):\n%s", path, d)
	}
}
