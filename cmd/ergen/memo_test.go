package main

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/internal/output"
)

// A second generate of an unchanged model over files nobody touched
// builds nothing; any change to the model, the options or the files
// builds the package again, and the files are then what a build makes.
func TestGenerateSkipsUnchangedPackage(t *testing.T) {
	tmp := t.TempDir()
	model := filepath.Join(tmp, "shop.er")
	src, err := os.ReadFile(shopflowER)
	if err != nil {
		t.Fatal(err)
	}
	writeModel := func(text string) {
		if err := os.WriteFile(model, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	writeModel(string(src))
	dir := filepath.Join(tmp, "db")
	args := []string{"generate", model, "--sql", filepath.Join(tmp, "schema.sql"), "--go", dir}
	generate := func(wantBuild bool, what string, args ...string) {
		t.Helper()
		before := goBuilds
		if code, _, stderr := ergen(t, args...); code != exitOK {
			t.Fatalf("%s: exit %d: %s", what, code, stderr)
		}
		if built := goBuilds > before; built != wantBuild {
			t.Errorf("%s: built the package %v, want %v", what, built, wantBuild)
		}
	}
	generate(true, "first run", args...)
	generate(false, "again", args...)
	generate(false, "ergen go", "go", model, "-o", dir)

	user := filepath.Join(dir, "user.go")
	want := readFile(t, user)
	if err := os.WriteFile(user, []byte(want+"// edited\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	generate(true, "an edited file", args...)
	if readFile(t, user) != want {
		t.Error("the edited file was not restored")
	}
	generate(false, "again after restoring", args...)

	generate(true, "another package name", append(args, "--package", "shop")...)
	if !strings.Contains(readFile(t, user), "package shop\n") {
		t.Error("--package shop is not the package's name")
	}
	generate(false, "again with it", append(args, "--package", "shop")...)

	// The DDL in the package's directory is no stale Go file. (A run that
	// writes it there has staged it in the directory when it asks the
	// memo, and a staged file is as a killed run's: the package is built.)
	inDir := []string{"generate", model, "--sql", filepath.Join(dir, "schema.sql"), "--go", dir, "--package", "shop"}
	generate(true, "the DDL written into the package's directory", inDir...)
	generate(false, "again with it", inDir...)
	if _, err := os.Stat(filepath.Join(dir, "schema.sql")); err != nil {
		t.Error(err)
	}

	writeModel(string(src) + "\n// a comment\n")
	generate(true, "a changed model", append(args, "--package", "shop")...)

	t.Setenv("ERGEN_CACHE", "off")
	generate(true, "without a memo", append(args, "--package", "shop")...)
	t.Setenv("ERGEN_CACHE", "relative/dir")
	generate(true, "with a relative memo directory", append(args, "--package", "shop")...)
}

// The memo is never trusted to judge files: --check compares them all,
// even when the memo vouches for a file that is not what ergen makes (as
// a record written by something else than ergen would).
func TestCheckDoesNotTrustTheMemo(t *testing.T) {
	tmp := t.TempDir()
	dir := filepath.Join(tmp, "db")
	args := []string{"generate", shopflowER, "--go", dir}
	if code, _, stderr := ergen(t, args...); code != exitOK {
		t.Fatalf("generate: exit %d: %s", code, stderr)
	}
	// Forge the record: the same key, over a changed file.
	user := filepath.Join(dir, "user.go")
	forged := readFile(t, user) + "func init() { panic(1) }\n"
	if err := os.WriteFile(user, []byte(forged), 0o644); err != nil {
		t.Fatal(err)
	}
	made := map[string]output.Digest{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, ent := range entries {
		made[ent.Name()] = sha256.Sum256([]byte(readFile(t, filepath.Join(dir, ent.Name()))))
	}
	srcs, err := (&env{sources: map[string][]byte{}}).readModel([]string{shopflowER})
	if err != nil {
		t.Fatal(err)
	}
	key := goKey(srcs, "db", sourceName(shopflowER))
	if key == nil {
		t.Fatal("no key for this executable")
	}
	memo := output.OpenMemo(memoDir())
	if err := memo.Remember(dir, *key, made); err != nil {
		t.Fatal(err)
	}
	if !memo.Unchanged(dir, *key, staleGo) {
		t.Fatal("the forged record is not taken: the test proves nothing")
	}
	if code, stdout, _ := ergen(t, append(args, "--check")...); code != exitInvalid || strings.TrimSpace(stdout) != user {
		t.Errorf("--check over a file the memo vouches for: exit %d, listed %q, want %s", code, stdout, user)
	}
}

// The executable is identified by its Go build ID, which the linker
// writes into every ELF executable it makes, this test's included.
func TestExecutableID(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	id := goBuildID(exe)
	if _, err := os.Stat("/proc/self/exe"); err == nil && len(id) < 20 {
		t.Fatalf("build ID of %s: %q", exe, id)
	}
	if got := executableID(); len(got) == 0 {
		t.Fatal("no identity for this executable")
	}
	if goBuildID(shopflowER) != nil {
		t.Error("a build ID read from a file that is no executable")
	}
}
