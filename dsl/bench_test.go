package dsl_test

import (
	"testing"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/internal/randmodel"
)

// BenchmarkParse parses the source of a random 1,000-entity,
// 3,000-relationship model: the Read case with the reader, the Participle
// case with participle's parser alone (what Parse falls back to on
// invalid input).
func BenchmarkParse(b *testing.B) {
	src := []byte(randmodel.Generate(1, randmodel.Options{Entities: 1000, Relationships: 3000}))
	b.Run("Read", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(src)))
		for b.Loop() {
			if _, diags := dsl.Parse("bench.er", src); diags.HasErrors() {
				b.Fatal(diags.Err())
			}
		}
	})
	b.Run("Participle", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(src)))
		for b.Loop() {
			if _, err := dsl.ParseParticiple("bench.er", src); err != nil {
				b.Fatal(err)
			}
		}
	})
}
