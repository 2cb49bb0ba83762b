package migrate_test

import (
	"math/rand/v2"
	"testing"

	"github.com/ergen-dev/ergen/generator/migrate"
	"github.com/ergen-dev/ergen/internal/randmodel"
)

// BenchmarkPlan plans the migration between two 1,000-entity models (3,000
// relationships): OLD from randmodel, NEW with 20 edits from the
// property's catalogue. Loading both models is outside the timed loop.
//
//	go test ./generator/migrate -run '^$' -bench Plan -benchmem
func BenchmarkPlan(b *testing.B) {
	src := randmodel.Generate(1, randmodel.Options{Entities: 1000, Relationships: 3000})
	newSrc, done := mutate(rand.New(rand.NewPCG(1, 2)), src, 20)
	old, new := load(b, "old.er", src), load(b, "new.er", newSrc)
	b.Logf("%d edits: %v", len(done), done)
	b.ReportAllocs()
	for b.Loop() {
		plan, diags := migrate.New(old, new, allowAll)
		if diags.HasErrors() || plan.Empty() {
			b.Fatalf("no plan: %v", diags)
		}
	}
}
