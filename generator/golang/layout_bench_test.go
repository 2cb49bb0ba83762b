package golang

import (
	"bytes"
	"sync"
	"testing"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/internal/bigschema"
)

// largeFiles builds, once, the files of the package of internal/bigschema's
// 600-table model that BenchmarkEmitLarge generates, with the jen output
// of each (File.NoFormat), which is what layout reads.
var largeFiles = sync.OnceValues(func() ([]*file, [][]byte) {
	f, diags := dsl.Parse("big.er", []byte(bigschema.Source(500, 100)))
	if diags.HasErrors() {
		panic(diags.Err())
	}
	s, diags := model.Resolve(f)
	if diags.HasErrors() {
		panic(diags.Err())
	}
	g := newGen(s, Options{Package: "bigdb", Source: "big.er"})
	files := []*file{g.emitErrors()}
	if len(s.Enums) > 0 {
		files = append(files, g.enumsFile())
	}
	for _, t := range g.tables {
		files = append(files, g.emitTable(t))
	}
	var srcs [][]byte
	for _, f := range files {
		var b bytes.Buffer
		f.jf.NoFormat = true
		if err := f.jf.Render(&b); err != nil {
			panic(err)
		}
		srcs = append(srcs, b.Bytes())
	}
	return files, srcs
})

// BenchmarkLayout lays out the jen output of the files of the large
// model, one after the other, into one buffer, as render does:
//
//	go test -run '^$' -bench 'Layout$' -benchmem ./generator/golang/
func BenchmarkLayout(b *testing.B) {
	_, srcs := largeFiles()
	b.ReportAllocs()
	var out []byte
	for b.Loop() {
		for _, src := range srcs {
			var ok bool
			if out, ok = layout(out[:0], src); !ok {
				b.Fatal("layout declined a file")
			}
		}
	}
}

// BenchmarkRenderLarge renders the files of the large model (jen's
// printing, layout and the import block), one after the other.
func BenchmarkRenderLarge(b *testing.B) {
	files, _ := largeFiles()
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range files {
			if _, err := f.render(); err != nil {
				b.Fatal(err)
			}
		}
	}
}
