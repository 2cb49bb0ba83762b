package generator_test

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"slices"
	"testing"

	"github.com/ergen-dev/ergen/generator"
	"github.com/ergen-dev/ergen/generator/golang"
	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/internal/bigschema"
	"github.com/ergen-dev/ergen/internal/output"
	"github.com/ergen-dev/ergen/internal/testkit"
)

// TestGenerateWrite checks Request.Write: the files of an output reach it
// one at a time, the same files in the same order as Result.Files without
// it, and none is left in Result.Files; an error of Write stops the output
// and is Generate's error.
func TestGenerateWrite(t *testing.T) {
	s := testkit.Load(t, "../examples/shopflow/shopflow.er")
	for _, req := range []generator.Request{
		{Output: generator.Go, Go: golang.Options{Package: "shop"}},
		{Output: generator.SQL},
		{Output: generator.Doc},
	} {
		req.Schema = s
		whole, err := generator.Generate(bg, req)
		if err != nil {
			t.Fatal(err)
		}
		var got []model.File
		req.Write = func(f model.File) error {
			got = append(got, f)
			return nil
		}
		res, err := generator.Generate(bg, req)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Files) != 0 || len(got) == 0 || !slices.EqualFunc(got, whole.Files, func(a, b model.File) bool {
			return a.Name == b.Name && string(a.Data) == string(b.Data)
		}) {
			t.Errorf("%s: Write got %d file(s), Result.Files %d; want the %d file(s) of Result.Files without Write, and none left", req.Output, len(got), len(res.Files), len(whole.Files))
		}
		stop, calls := errors.New("disk full"), 0
		req.Write = func(model.File) error {
			calls++
			return stop
		}
		if _, err := generator.Generate(bg, req); !errors.Is(err, stop) || calls != 1 {
			t.Errorf("%s: Write failing: Generate returned %v after %d call(s), want its error after one", req.Output, err, calls)
		}
	}
}

// TestGoGenerationMemory pins what `ergen generate` keeps while it writes
// the Go package of a large model: the model and the names derived from
// it, and a few files in flight, but no file it has written. For the
// models of internal/bigschema with 600 and 6,000 tables, the live heap
// is read (after a collection) at twenty points while the package goes
// file by file through Request.Write to an output.Writer, as the command
// does. Its largest excess over the model's own live heap must stay under
// half the package written (plus 2 MB) and under the model (plus 4 MB):
// holding the files written, or a jen tree of the whole schema, fails
// the test at either size. Slow (a minute): it runs with
// ERGEN_LARGE_TESTS=1.
func TestGoGenerationMemory(t *testing.T) {
	if os.Getenv("ERGEN_LARGE_TESTS") != "1" {
		t.Skip("generates packages of 600 and 6,000 tables: ERGEN_LARGE_TESTS=1")
	}
	for _, entities := range []int{500, 5000} {
		base := liveHeap()
		src := []byte(bigschema.Source(entities, entities/5))
		f, diags := generator.Parse(generator.Source{Name: "big.er", Src: src})
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		treeBytes := liveHeap() - base // the syntax tree, and src
		s, diags := model.Resolve(f)
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		f = nil // the tree is garbage once the model is made
		modelBytes := liveHeap() - base
		dir := t.TempDir()
		w := output.NewWriter(dir)
		var written, peak uint64
		n, every := 0, (len(s.Tables)+3)/20
		_, err := generator.Generate(bg, generator.Request{Output: generator.Go, Schema: s, Go: golang.Options{Package: "bigdb"},
			Write: func(f model.File) error {
				n++
				written += uint64(len(f.Data))
				if n%every == 0 {
					peak = max(peak, liveHeap()-base)
				}
				return w.Add(output.File{Path: filepath.Join(dir, f.Name), Data: f.Data})
			}})
		if err == nil {
			err = w.Commit()
		}
		w.Abort()
		if err != nil {
			t.Fatal(err)
		}
		extra := peak - min(peak, modelBytes)
		t.Logf("%d tables: %.1f MB of source, its syntax tree %.1f MB; model %.1f MB, largest live heap while writing %.1f MB (%.1f MB more), package %.1f MB in %d files",
			len(s.Tables), mb(uint64(len(src))), mb(treeBytes-min(treeBytes, uint64(len(src)))), mb(modelBytes), mb(peak), mb(extra), mb(written), n)
		if extra > written/2+2<<20 || extra > modelBytes+4<<20 {
			t.Errorf("%d tables: %.1f MB live besides the model's %.1f MB, want at most half the package's %.1f MB plus 2 MB and at most the model plus 4 MB",
				len(s.Tables), mb(extra), mb(modelBytes), mb(written))
		}
		runtime.KeepAlive(s)
	}
}

func mb(n uint64) float64 { return float64(n) / (1 << 20) }

// liveHeap collects garbage and returns the bytes of live heap objects.
func liveHeap() uint64 {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	return sample[0].Value.Uint64()
}
