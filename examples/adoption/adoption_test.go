// Package adoption checks the path a Go developer takes to adopt ergen in an
// application module: ergen as a tool dependency, a go:generate line, the
// generated package used with a pool, a connection and a transaction, and
// the application's own SQL inside the generated package's transaction.
package adoption_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/internal/pgtest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// TestAdoption builds a fresh application module in a temporary directory
// from testdata/app and runs, in it, what the README tells a user to type.
// The module resolves ergen to this checkout through a replace directive,
// and everything else from the module cache or the module proxy.
func TestAdoption(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a module from scratch; skipped in -short mode")
	}
	goBin := filepath.Join(runtime.GOROOT(), "bin", "go")
	repo, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	url := pgtest.URL(t)

	app := t.TempDir()
	for _, name := range []string{"tracker.er", "gen.go", "main.go"} {
		src, err := os.ReadFile(filepath.Join("testdata", "app", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(app, name), src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// An application on the oldest Go that ergen supports: adopting ergen
	// must not raise its go line.
	const goLine = "go 1.26.0"
	if err := os.WriteFile(filepath.Join(app, "go.mod"), []byte("module example.com/tracker\n\n"+goLine+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	// The proxy answers 403, not 404, when go get asks whether the
	// unpublished cmd/ergen is a module of its own. Falling back with "|"
	// on any error, through to "off", turns that into "not found", so the
	// replaced ergen module provides the package; "direct" (git over the
	// network) is left out.
	out, err := exec.Command(goBin, "env", "GOPROXY").Output()
	if err != nil {
		t.Fatal(err)
	}
	var proxies []string
	for _, p := range strings.FieldsFunc(strings.TrimSpace(string(out)), func(r rune) bool { return r == ',' || r == '|' }) {
		if p != "direct" && p != "off" {
			proxies = append(proxies, p)
		}
	}
	proxy := strings.Join(append(proxies, "off"), "|")
	env := append(os.Environ(),
		"GOFLAGS=-mod=mod", "GOPROXY="+proxy, "GOSUMDB=off", "GOTOOLCHAIN=local", "GOWORK=off",
		"TRACKER_DATABASE_URL="+url, "ERGEN_CACHE="+t.TempDir())
	run := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(goBin, args...)
		cmd.Dir = app
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}

	run("mod", "edit", "-replace", "github.com/ergen-dev/ergen="+repo)
	run("get", "-tool", "github.com/ergen-dev/ergen/cmd/ergen")
	if v := run("tool", "ergen", "version"); !strings.HasPrefix(v, "ergen v") {
		t.Errorf("go tool ergen version = %q, want the module version from the build info", v)
	}
	run("generate", "./...")
	for _, f := range []string{"schema.sql", "trackerdb/db.go", "trackerdb/issue.go"} {
		if _, err := os.Stat(filepath.Join(app, f)); err != nil {
			t.Errorf("go generate did not write %s: %v", f, err)
		}
	}
	run("mod", "tidy")
	gomod, err := os.ReadFile(filepath.Join(app, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(gomod), "\n"+goLine+"\n") {
		t.Errorf("adopting ergen changed the application's go line:\n%s", gomod)
	}
	run("vet", "./...")

	got := run("run", ".")
	for _, want := range []string{
		"issues=1 audit_events=1\n",
		"issues of WEB not deleted: 1\n",
		"audit events assigning bo: 1, with an issue: 1\n",
		"issues seen in a pgx.Tx: 1\n",
		"delete refused by fk_issues_reporter\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the application printed\n%s\nwant a line %q", got, want)
		}
	}
	// A second go generate finds nothing to change.
	run("tool", "ergen", "generate", "tracker.er", "--sql", "schema.sql", "--go", "trackerdb", "--package", "trackerdb", "--check")
}
