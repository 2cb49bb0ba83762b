package migrate_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator/migrate"
	"github.com/ergen-dev/ergen/internal/pgtest"
	"github.com/ergen-dev/ergen/internal/randmodel"
)

var allowAll = migrate.Options{Allow: []string{"drop", "rewrite"}}

// pairs is how many random (OLD, NEW) pairs the convergence property
// checks: a few in the default run, thousands with ERGEN_LARGE_TESTS=1,
// or ERGEN_MIGRATE_PAIRS.
func pairs() int {
	if n, err := strconv.Atoi(os.Getenv("ERGEN_MIGRATE_PAIRS")); err == nil && n > 0 {
		return n
	}
	if os.Getenv("ERGEN_LARGE_TESTS") == "1" {
		return 2000
	}
	return 16
}

// mutate draws NEW from OLD: want edits from the catalogue, each drawn
// again until the model stays valid. It returns NEW and the edits.
func mutate(r *rand.Rand, src string, want int) (string, []string) {
	oldFile, diags := dsl.Parse("old.er", []byte(src))
	if diags.HasErrors() {
		panic(diags)
	}
	lines := strings.Split(src, "\n")
	var done []string
	for n := 0; len(done) < want && n < 15*want; n++ {
		e := edits[r.IntN(len(edits))]
		out, ok := e.fn(r, lines, n)
		if !ok {
			continue
		}
		// Edits compose: an attribute added and then made required is
		// a change ergen refuses whatever is allowed. Such a NEW is
		// drawn again.
		newFile, diags := dsl.Parse("new.er", []byte(strings.Join(out, "\n")))
		if diags.HasErrors() {
			continue
		}
		if _, diags := migrate.Diff(oldFile, newFile, allowAll); diags.HasErrors() {
			continue
		}
		lines = out
		done = append(done, e.name)
	}
	return strings.Join(lines, "\n"), done
}

// The convergence property: for random OLD and NEW = OLD plus random
// edits, the migration applied to OLD's database with rows gives NEW's
// catalog, every constraint valid and no row lost (see converge); and
// the diff of a model with itself is empty.
func TestPropertyConvergence(t *testing.T) { convergeRandom(t, pairs(), false) }

// The convergence property over models with partitioned tables, whose
// partitions' bounds the edits change: fewer pairs, since most edits
// apply to the other tables alike.
func TestPropertyConvergencePartitioned(t *testing.T) { convergeRandom(t, max(pairs()/2, 1), true) }

// convergeRandom checks the convergence property over n random pairs,
// with partitioned tables when partitions is set.
func convergeRandom(t *testing.T, n int, partitions bool) {
	seen := map[string]int{}
	// Each model lives in a schema of its own, dropped after it, so that
	// two databases serve every pair.
	conn, fresh := pgtest.Conn(t), pgtest.Conn(t)
	for seed := range int64(n) {
		opts := randmodel.Options{Entities: 2 + int(seed%5), Schema: fmt.Sprintf("mig_%d", seed), Partitions: partitions}
		old := randmodel.Generate(seed, opts)
		r := rand.New(rand.NewPCG(uint64(seed), 0xd1ff))
		new, done := mutate(r, old, 1+r.IntN(4))
		for _, d := range done {
			seen[d]++
		}
		t.Run(fmt.Sprintf("seed%d", seed), func(t *testing.T) {
			t.Logf("edits: %s", strings.Join(done, ", "))
			convergeWith(t, conn, fresh, old, new, allowAll, func(plan *migrate.Plan, _ string) error {
				if err := apply(conn, plan); err != nil {
					return err
				}
				if !repeatable(plan) {
					return nil
				}
				if err := rerun(conn, plan); err != nil {
					return fmt.Errorf("run again: %w", err)
				}
				return nil
			})
			for _, src := range []string{old, new} {
				s := load(t, "m.er", src)
				if plan, _ := migrate.New(s, s, migrate.Options{}); !plan.Empty() {
					t.Errorf("diff of a model with itself:\n%s", plan.Script())
				}
			}
		})
	}
	var names []string
	for _, e := range edits {
		names = append(names, fmt.Sprintf("%s %d", e.name, seen[e.name]))
	}
	slices.Sort(names)
	t.Logf("edits drawn: %s", strings.Join(names, "; "))
}
