package explain

import (
	"bytes"
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/internal/golden"
	"github.com/ergen-dev/ergen/internal/testkit"
)

var update = flag.Bool("update", false, "rewrite golden files")

// models lists the .er files whose trees have goldens: every example, and
// the shared models with cycles, self-references, roles and several paths.
func models(t *testing.T) []string {
	t.Helper()
	return testkit.Glob(t, testkit.Examples, testkit.DeleteModels)
}

// load resolves a model under its base name, so positions in the output
// do not depend on where the test runs.
func load(t *testing.T, path string) *model.Schema {
	t.Helper()
	return testkit.Load(t, path)
}

// TestGolden renders the delete and the key-update tree of every table of
// every model, and what refuses a row of it.
func TestGolden(t *testing.T) {
	for _, path := range models(t) {
		name := strings.TrimSuffix(filepath.Base(path), ".er")
		t.Run(name, func(t *testing.T) {
			s := load(t, path)
			var b bytes.Buffer
			for _, tb := range s.Tables {
				b.WriteString("== explain " + tb.Label() + "\n")
				b.Write(Render(tb.DeleteEffects(), ""))
				b.WriteString("\n== explain --update " + tb.Label() + "\n")
				b.Write(Render(tb.UpdateEffects(), ""))
				b.WriteString("\n== explain --insert " + tb.Label() + "\n")
				WriteRefusals(&b, tb, "")
				b.WriteString("\n")
			}
			golden.Check(t, filepath.Join("testdata", "golden", name+".golden"), b.Bytes(), *update)
		})
	}
}

// TestDeterministic renders the same tree twice from two resolutions.
func TestDeterministic(t *testing.T) {
	for _, path := range models(t) {
		a, b := load(t, path), load(t, path)
		for i := range a.Tables {
			x, y := Render(a.Tables[i].DeleteEffects(), ""), Render(b.Tables[i].DeleteEffects(), "")
			if !bytes.Equal(x, y) {
				t.Errorf("%s %s: output differs between runs", path, a.Tables[i].Name)
			}
		}
	}
}
