package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// After a small change to the model, generate builds only the files the
// change reaches (golang.Incremental), leaves the others as they are,
// and the package is byte for byte what a run without a memo makes; a
// file edited since the last run is made again, not reused.
func TestGenerateRebuildsWhatChanged(t *testing.T) {
	tmp := t.TempDir()
	model := filepath.Join(tmp, "shop.er")
	src := readFile(t, shopflowER)
	dir := filepath.Join(tmp, "db")
	args := []string{"generate", model, "--sql", filepath.Join(tmp, "schema.sql"), "--go", dir}
	steps := []struct {
		what, from, to string
		edit           string // a file edited before the run, to be restored
		// kept are files the change does not reach: skipped, and left
		// as they are on disk.
		kept []string
	}{
		{what: "the first run"},
		{what: "a column added to Product", from: "  name  text\n  price", to: "  name  text\n  sku   text?\n  price",
			kept: []string{"user.go", "category.go", "order.go", "user_profile.go", "errors.go"}},
		{what: "a relationship's policy changed", from: "  optional\n  on delete set null", to: "  optional\n  on delete cascade",
			kept: []string{"user.go", "order.go", "user_profile.go"}},
		{what: "a column renamed, with a file edited", from: "  sku   text?\n", to: "  code  text?\n",
			edit: "user.go", kept: []string{"order.go", "user_profile.go"}},
	}
	for _, step := range steps {
		if !strings.Contains(src, step.from) {
			t.Fatalf("%s: the model has no %q", step.what, step.from)
		}
		src = strings.Replace(src, step.from, step.to, 1)
		if err := os.WriteFile(model, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		before := map[string]os.FileInfo{}
		for _, name := range step.kept {
			before[name] = stat(t, filepath.Join(dir, name))
		}
		if step.edit != "" {
			path := filepath.Join(dir, step.edit)
			if err := os.WriteFile(path, []byte(readFile(t, path)+"// edited\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		builds, skipped := goBuilds, goSkipped
		if code, _, stderr := ergen(t, args...); code != exitOK {
			t.Fatalf("%s: exit %d: %s", step.what, code, stderr)
		}
		if goBuilds != builds+1 || goSkipped-skipped < len(step.kept) {
			t.Errorf("%s: %d builds and %d files skipped, want 1 and at least %d", step.what, goBuilds-builds, goSkipped-skipped, len(step.kept))
		}
		for name, info := range before {
			if now := stat(t, filepath.Join(dir, name)); !os.SameFile(info, now) || !now.ModTime().Equal(info.ModTime()) {
				t.Errorf("%s: %s was written", step.what, name)
			}
		}
		samePackage(t, step.what, dir, memoless(t, model))
		if code, out, _ := ergen(t, "generate", model, "--go", dir, "--check"); code != exitOK {
			t.Errorf("%s: --check finds %s", step.what, out)
		}
	}
}

// memoless makes the package of model into a new directory, without a
// memo.
func memoless(t *testing.T, model string) string {
	t.Helper()
	cache := os.Getenv("ERGEN_CACHE")
	t.Setenv("ERGEN_CACHE", "off")
	defer t.Setenv("ERGEN_CACHE", cache)
	dir := filepath.Join(t.TempDir(), "db")
	if code, _, stderr := ergen(t, "go", model, "-o", dir); code != exitOK {
		t.Fatalf("go without a memo: exit %d: %s", code, stderr)
	}
	return dir
}

// samePackage requires the directories got and want to hold the same
// files, byte for byte.
func samePackage(t *testing.T, what, got, want string) {
	t.Helper()
	names := func(dir string) []string {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range entries {
			out = append(out, e.Name())
		}
		return out
	}
	if g, w := names(got), names(want); !slices.Equal(g, w) {
		t.Fatalf("%s: the package holds %v, a run without a memo makes %v", what, g, w)
	}
	for _, name := range names(want) {
		if readFile(t, filepath.Join(got, name)) != readFile(t, filepath.Join(want, name)) {
			t.Errorf("%s: %s differs from what a run without a memo makes", what, name)
		}
	}
}

func stat(t *testing.T, path string) os.FileInfo {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return info
}
