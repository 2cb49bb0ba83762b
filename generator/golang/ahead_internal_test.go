package golang

import (
	"runtime"
	"testing"

	"github.com/ergen-dev/ergen/internal/testkit"
)

// TestTakeBuildsAgainWhenNamesMeet: in the clashes model, files derive
// names that files before them also derive. Built ahead before any file
// is taken, such a file takes the plain name; taken in order, it does
// not keep it and is built again. Every file taken is the file a build
// in order makes.
func TestTakeBuildsAgainWhenNamesMeet(t *testing.T) {
	s := testkit.Load(t, "testdata/clashes/input.er")
	opts := Options{Package: "clashes", Source: "input.er"}
	want := map[string]string{}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1)) // built in order
	err := EmitEach(s, opts, func(f File) error {
		want[f.Name] = string(f.Data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	defer memoRun()()
	g := newGen(s, opts)
	g.dbFile()
	g.emitErrors()
	b := g.builder()
	var ahead []aheadFile
	for _, tb := range g.tables {
		ahead = append(ahead, b.buildOne(tb))
	}
	before := aheadRebuilt.Load()
	for i, tb := range g.tables {
		f := g.take(tb, ahead[i])
		data, err := f.render()
		if err != nil {
			t.Fatal(err)
		}
		if string(data) != want[tb.File] {
			t.Errorf("%s taken differs from the file built in order", tb.File)
		}
	}
	if aheadRebuilt.Load() == before {
		t.Error("no file was built again: the clashes model has no names that meet across files")
	}
}
