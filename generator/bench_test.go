package generator_test

import (
	"fmt"
	"testing"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator"
	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/generator/postgres"
	"github.com/ergen-dev/ergen/internal/randmodel"
)

// BenchmarkPipeline measures parse + resolve + DDL emit on large random
// models, with three relationships per entity. The source is generated
// once, outside the timed loop. Growth from 1,000 to 10,000 entities
// should stay close to linear.
func BenchmarkPipeline(b *testing.B) {
	for _, n := range []int{1000, 5000, 10000} {
		src := []byte(randmodel.Generate(1, randmodel.Options{Entities: n, Relationships: 3 * n}))
		b.Run(fmt.Sprintf("entities=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				s, diags := generator.Load("bench.er", src)
				if diags.HasErrors() {
					b.Fatal(diags.Err())
				}
				if _, err := postgres.DDL(s, "bench.er"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// benchModel parses the 1,000-entity model of BenchmarkPipeline once, so
// that BenchmarkResolve and BenchmarkEmit time their own stage only.
func benchModel(b *testing.B) *dsl.File {
	b.Helper()
	src := []byte(randmodel.Generate(1, randmodel.Options{Entities: 1000, Relationships: 3000}))
	f, diags := dsl.Parse("bench.er", src)
	if diags.HasErrors() {
		b.Fatal(diags.Err())
	}
	return f
}

// BenchmarkResolve measures model.Resolve alone on a parsed 1,000-entity
// model with 3,000 relationships.
func BenchmarkResolve(b *testing.B) {
	f := benchModel(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, diags := model.Resolve(f); diags.HasErrors() {
			b.Fatal(diags.Err())
		}
	}
}

// BenchmarkEmit measures postgres.DDL alone on the resolved model of
// BenchmarkResolve.
func BenchmarkEmit(b *testing.B) {
	s, diags := model.Resolve(benchModel(b))
	if diags.HasErrors() {
		b.Fatal(diags.Err())
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := postgres.DDL(s, "bench.er"); err != nil {
			b.Fatal(err)
		}
	}
}
