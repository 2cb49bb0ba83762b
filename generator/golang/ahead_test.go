package golang_test

import (
	"runtime"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ergen-dev/ergen/internal/randmodel"
	"github.com/ergen-dev/ergen/internal/testkit"
)

// inOrderAndAhead runs f on one core, where table files are built in
// order, and on four, where they are built ahead (see buildAhead).
func inOrderAndAhead(t *testing.T, f func() build) (inOrder, ahead build) {
	t.Helper()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	inOrder = f()
	runtime.GOMAXPROCS(4)
	return inOrder, f()
}

// TestBuildAheadAsInOrder: files built ahead, and their Incremental
// records, are those a build in order makes, for every model of
// testdata and for random ones, in full and incremental builds.
func TestBuildAheadAsInOrder(t *testing.T) {
	var sources []string
	for _, src := range testkit.Read(t, "generator/golang/testdata/*/input.er") {
		sources = append(sources, string(src))
	}
	for seed := range int64(8) {
		sources = append(sources, randmodel.Generate(seed, randmodel.Options{Entities: 8 + int(seed%9)}))
	}
	for i, src := range sources {
		for _, incremental := range []bool{false, true} {
			var ok bool
			inOrder, ahead := inOrderAndAhead(t, func() build {
				var b build
				b, ok = emitSource(t, src, incremental, nil)
				return b
			})
			if !ok {
				continue
			}
			if diff := cmp.Diff(inOrder, ahead, cmp.AllowUnexported(build{})); diff != "" {
				t.Errorf("model %d (incremental %v): built in order and ahead differ:\n%s", i, incremental, diff)
			}
			if !incremental {
				continue
			}
			// Built again over its own records: every table file replays.
			// (order interleaves the files skipped, recorded on the
			// caller's goroutine, with those written, on the writer's.)
			again, againAhead := inOrderAndAhead(t, func() build {
				b, _ := emitSource(t, src, true, inOrder.records)
				b.order = nil
				return b
			})
			if diff := cmp.Diff(again, againAhead, cmp.AllowUnexported(build{})); diff != "" {
				t.Errorf("model %d again: built in order and ahead differ:\n%s", i, diff)
			}
		}
	}
}
