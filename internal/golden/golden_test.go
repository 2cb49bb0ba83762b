package golden

import (
	"os"
	"path/filepath"
	"testing"
)

// recorder is a testing.TB that records failures instead of stopping.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Errorf(string, ...any) { r.failed = true }
func (r *recorder) Fatalf(string, ...any) { r.failed = true }
func (r *recorder) Helper()               {}

func TestCheck(t *testing.T) {
	t.Setenv("ERGEN_UPDATE", "") // this test decides when to update
	path := filepath.Join(t.TempDir(), "sub", "out.golden")
	r := &recorder{TB: t}
	Check(r, path, []byte("a\n"), false)
	if !r.failed {
		t.Error("a missing golden file passed")
	}
	r = &recorder{TB: t}
	Check(r, path, []byte("a\n"), true)
	if got, err := os.ReadFile(path); r.failed || err != nil || string(got) != "a\n" {
		t.Fatalf("update did not write the golden: %q %v", got, err)
	}
	r = &recorder{TB: t}
	if Check(r, path, []byte("a\n"), false); r.failed {
		t.Error("equal output failed")
	}
	r = &recorder{TB: t}
	if Check(r, path, []byte("b\n"), false); !r.failed {
		t.Error("different output passed")
	}
}

func TestUpdateFromEnvironment(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.golden")
	t.Setenv("ERGEN_UPDATE", "1")
	r := &recorder{TB: t}
	Check(r, path, []byte("new\n"), false)
	if got, err := os.ReadFile(path); r.failed || err != nil || string(got) != "new\n" {
		t.Fatalf("ERGEN_UPDATE=1 did not write the golden: %q %v", got, err)
	}
	t.Setenv("ERGEN_UPDATE", "")
	if Updating(false) || !Updating(true) {
		t.Error("Updating ignores its flag or reads a variable that is not set")
	}
}
