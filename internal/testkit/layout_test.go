package testkit_test

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/internal/testkit/corpus"
)

const module = "github.com/ergen-dev/ergen/"

// Layers of ergen's pipeline, lowest first: a package imports only from
// layers below its own (see ARCHITECTURE.md).
const (
	layerDSL      = iota // dsl: lexer, grammar, diagnostics
	layerModel           // generator/model, and templates (a leaf)
	layerEmitter         // generator/postgres, generator/golang, generator/review/...
	layerSource          // generator/importer: a database into a model, written through fmt
	layerPipeline        // generator: the pipeline the commands run, every output through Generate
	layerCommand         // cmd/...
	layerTooling         // test and measuring tools, examples: import anything but cmd
)

// layer places a package; ok is false for a package the table does not
// know, which must be placed here (and in ARCHITECTURE.md) before it
// lands.
func layer(pkg string) (l int, ok bool) {
	has := func(prefix string) bool { return pkg == prefix || strings.HasPrefix(pkg, prefix+"/") }
	switch {
	case has("internal/testkit"), has("internal/golden"), has("internal/pgtest"), has("internal/randmodel"),
		has("internal/tools"), has("internal/bigschema"), has("generator/golang/golangtest"), has("examples"):
		return layerTooling, true
	case has("dsl"):
		return layerDSL, true
	case has("generator/model"), has("templates"):
		return layerModel, true
	case pkg == "generator":
		return layerPipeline, true
	case pkg == "generator/importer":
		return layerSource, true
	case has("generator"):
		// Every other package under generator is an emitter: DDL, Go,
		// review output, and the ones to come (migrate).
		return layerEmitter, true
	case has("internal/output"):
		// Atomic writes for the commands; it imports nothing of ergen.
		return layerEmitter, true
	case has("cmd"):
		return layerCommand, true
	}
	return 0, false
}

// TestImportDirection proves the pipeline's direction from the build's own
// import graph (go list): dsl <- generator/model <- emitters <- importer
// <- generator <- cmd, no emitter imports another except review output sharing
// explain and diagram, and no production package imports test tooling.
func TestImportDirection(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list over the module")
	}
	cmd := exec.Command("go", "list", "-f", `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`, "./...")
	cmd.Dir = corpus.Root(t)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	pkgs := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		pkg, ok := strings.CutPrefix(fields[0], module)
		if !ok {
			continue
		}
		pkgs++
		from, known := layer(pkg)
		if !known {
			t.Errorf("%s is in no layer: place it in layout_test.go and ARCHITECTURE.md", pkg)
			continue
		}
		for _, imp := range fields[1:] {
			dep, ok := strings.CutPrefix(imp, module)
			if !ok {
				continue
			}
			if msg := violation(pkg, from, dep); msg != "" {
				t.Errorf("%s imports %s: %s", pkg, dep, msg)
			}
		}
	}
	if pkgs < 10 {
		t.Fatalf("go list found %d ergen packages; the test would prove nothing", pkgs)
	}
}

// violation says what is wrong with pkg (in layer from) importing dep, or
// "" when the import goes the pipeline's way.
func violation(pkg string, from int, dep string) string {
	to, known := layer(dep)
	switch {
	case !known:
		return "the imported package is in no layer"
	case to == layerCommand:
		return "nothing imports a command"
	case from == layerTooling:
		return ""
	case to == layerTooling:
		return "production code imports test tooling"
	case to < from:
		return ""
	case to == from && from == layerEmitter && under(pkg, "generator/review") && under(dep, "generator/review"):
		return "" // review output shares explain's trees and diagram's drawing
	case to == from && from == layerEmitter && under(pkg, "generator/migrate") && under(dep, "generator/postgres"):
		return "" // a migration's statements are the DDL emitter's, one at a time
	case to == from && (under(pkg, dep) || under(dep, pkg)):
		return "" // a package and its own subpackages
	}
	return "it goes against the pipeline (dsl <- generator/model <- emitters <- importer <- generator <- cmd)"
}

func under(pkg, prefix string) bool {
	return pkg == prefix || strings.HasPrefix(pkg, prefix+"/")
}

// The rule itself must reject what it is meant to reject.
func TestViolation(t *testing.T) {
	bad := [][2]string{
		{"generator/model", "generator/postgres"},
		{"dsl", "generator/model"},
		{"generator/golang", "generator/postgres"},
		{"generator/postgres", "internal/randmodel"},
		{"generator/review/lint", "internal/testkit"},
		{"generator", "cmd/ergen"},
		{"internal/randmodel", "cmd/ergen"},
		{"generator/model", "unplaced"},
	}
	for _, c := range bad {
		from, _ := layer(c[0])
		if violation(c[0], from, c[1]) == "" {
			t.Errorf("%s importing %s passes", c[0], c[1])
		}
	}
	good := [][2]string{
		{"generator/model", "dsl"},
		{"generator/review/doc", "generator/review/diagram"},
		{"cmd/ergen", "internal/output"},
		{"generator/golang/golangtest", "generator/postgres"},
		{"generator", "generator/model"},
	}
	for _, c := range good {
		from, _ := layer(c[0])
		if msg := violation(c[0], from, c[1]); msg != "" {
			t.Errorf("%s importing %s: %s", c[0], c[1], msg)
		}
	}
	if _, ok := layer("unplaced"); ok {
		t.Error("an unknown package has a layer")
	}
}
