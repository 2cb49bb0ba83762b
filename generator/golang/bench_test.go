package golang_test

import (
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/generator"
	"github.com/ergen-dev/ergen/generator/golang"
	"github.com/ergen-dev/ergen/internal/bigschema"
)

// BenchmarkEmitLarge generates the Go package of the 600-table, 1,445-FK
// model of internal/bigschema (parse and resolve excluded):
//
//	go test -run '^$' -bench EmitLarge -benchmem ./generator/golang/
func BenchmarkEmitLarge(b *testing.B) {
	s, diags := generator.Load("big.er", []byte(bigschema.Source(500, 100)))
	if diags.HasErrors() {
		b.Fatal(diags.Err())
	}
	b.ReportAllocs()
	before := golang.FormatFallbacks()
	for b.Loop() {
		files, err := golang.Emit(s, golang.Options{Package: "bigdb", Source: "big.er"})
		if err != nil || len(files) != 602 {
			b.Fatalf("%d files, %v", len(files), err)
		}
	}
	// Files go/format had to lay out, which should stay 0 (see layout.go).
	b.ReportMetric(float64(golang.FormatFallbacks()-before)/float64(b.N), "go/format-files/op")
}

// BenchmarkEmitLargeIncremental generates the same package over the
// records of a build of the model without one column of one entity (see
// golang.Incremental): the files that column does not reach are skipped.
//
//	go test -run '^$' -bench EmitLargeIncremental -benchmem ./generator/golang/
func BenchmarkEmitLargeIncremental(b *testing.B) {
	src := bigschema.Source(500, 100)
	old, diags := generator.Load("big.er", []byte(src))
	if diags.HasErrors() {
		b.Fatal(diags.Err())
	}
	const entity = "entity E250 {\n  id         bigserial pk\n"
	s, diags := generator.Load("big.er", []byte(strings.Replace(src, entity, entity+"  extra      text?\n", 1)))
	if diags.HasErrors() {
		b.Fatal(diags.Err())
	}
	prior := map[string][]byte{}
	record := func(name string, rec []byte, _ bool) { prior[name] = rec }
	opts := golang.Options{Package: "bigdb", Source: "big.er", Incremental: &golang.Incremental{Build: []byte("bench"), Record: record}}
	if _, err := golang.Emit(old, opts); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		skipped := 0
		inc := &golang.Incremental{Build: []byte("bench"), Prior: prior, Record: func(_ string, _ []byte, skip bool) {
			if skip {
				skipped++
			}
		}}
		files, err := golang.Emit(s, golang.Options{Package: "bigdb", Source: "big.er", Incremental: inc})
		if err != nil || len(files)+skipped != 602 {
			b.Fatalf("%d files, %d skipped, %v", len(files), skipped, err)
		}
		b.ReportMetric(float64(len(files)), "files-made/op")
	}
}
