package golang_test

import (
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
