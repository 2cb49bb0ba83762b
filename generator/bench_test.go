package generator_test

import (
	"fmt"
	"testing"

	"github.com/ergen-dev/ergen/generator"
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
				if _, err := postgres.Emit(s, "bench.er"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
