package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A model's go "..." type imports a package beyond pgx and the standard
// library's value types only with --go-import: without it, go and
// generate refuse the model where the type is written, and write
// nothing, even when an earlier run with the flag recorded the package
// in the memo.
func TestGoImportNeedsTheCommandsLeave(t *testing.T) {
	tmp := t.TempDir()
	model := filepath.Join(tmp, "m.er")
	src := "entity Hit {\n  id    bigint pk\n  at    timestamptz go \"time.Time\"\n  count bigint go \"expvar.Int\"\n}\n"
	if err := os.WriteFile(model, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(tmp, "db")
	sql := filepath.Join(tmp, "schema.sql")
	refused := func(what string, args ...string) {
		t.Helper()
		code, _, stderr := ergen(t, args...)
		if code != exitInvalid {
			t.Fatalf("%s: exit %d, want %d: %s", what, code, exitInvalid, stderr)
		}
		want := "m.er:4:19: error: go \"expvar.Int\" would import \"expvar\" into the generated package, which the command does not allow\n" +
			" 4 |   count bigint go \"expvar.Int\"\n" +
			"   |                   ^^^^^^^^^^^^\n" +
			"   = hint: importing a package runs its init functions; if expvar is one you trust, pass --go-import expvar to the command that generates the Go\n"
		if !strings.Contains(stderr, want) || strings.Contains(stderr, "time.Time") {
			t.Errorf("%s: stderr\n%s\nwant\n%s", what, stderr, want)
		}
	}
	refused("go", "go", model, "-o", dir)
	refused("generate", "generate", model, "--sql", sql, "--go", dir)
	filepath.WalkDir(tmp, func(p string, d os.DirEntry, _ error) error {
		if !d.IsDir() && p != model {
			t.Errorf("a refused model wrote %s", p)
		}
		return nil
	})

	for _, allow := range []string{"expvar", "expvar/..."} {
		if code, _, stderr := ergen(t, "generate", model, "--sql", sql, "--go", dir, "--go-import", "net/url", "--go-import", allow); code != exitOK {
			t.Fatalf("--go-import %s: exit %d: %s", allow, code, stderr)
		}
	}
	if !strings.Contains(readFile(t, filepath.Join(dir, "hit.go")), "\t\"expvar\"\n") {
		t.Error("the allowed package is not imported")
	}
	before := readFile(t, filepath.Join(dir, "hit.go"))
	refused("generate after an allowed run", "generate", model, "--sql", sql, "--go", dir)
	refused("--go-import of another package", "go", model, "-o", dir, "--go-import", "expvarx", "--go-import", "exp/...")
	if readFile(t, filepath.Join(dir, "hit.go")) != before {
		t.Error("a refused run changed the package")
	}
}
