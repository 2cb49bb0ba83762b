package corpus

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// fatal is a testing.TB whose Fatalf records the message and stops the
// goroutine, as testing's does.
type fatal struct {
	testing.TB
	msg string
}

func (f *fatal) Helper() {}
func (f *fatal) Fatalf(format string, args ...any) {
	f.msg = fmt.Sprintf(format, args...)
	panic(f)
}

// fails returns the message Glob fails with, or "".
func fails(t *testing.T, patterns ...string) (msg string) {
	f := &fatal{TB: t}
	defer func() {
		if r := recover(); r != nil && r != f {
			panic(r)
		}
		msg = f.msg
	}()
	Glob(f, patterns...)
	return ""
}

func TestGlobFailsOnAMissingCorpus(t *testing.T) {
	if msg := fails(t, Examples, "examples/*/*.missing"); !strings.Contains(msg, "matches no file") {
		t.Errorf("a pattern matching nothing: %q, want a failure", msg)
	}
	if msg := fails(t, Examples, DeleteModels, DiagramModels, LintModels, Constructs, ShopflowModel); msg != "" {
		t.Errorf("the corpora: %s", msg)
	}
}

func TestGlobIsRelativeToTheTest(t *testing.T) {
	got := Glob(t, ShopflowModel)
	if want := filepath.Join("..", "..", "..", "examples", "shopflow", "shopflow.er"); len(got) != 1 || got[0] != want {
		t.Errorf("Glob(%s) = %q, want [%s]", ShopflowModel, got, want)
	}
}
