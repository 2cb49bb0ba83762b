package model

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// randomCascades is a schema of n tables and random FKs between them,
// most cascading, with self-references and cycles.
func randomCascades(r *rand.Rand, n int) *Schema {
	s := &Schema{}
	for i := range n {
		s.Tables = append(s.Tables, &Table{Name: fmt.Sprintf("t%d", i)})
	}
	for range r.IntN(3 * n) {
		child, parent := s.Tables[r.IntN(n)], s.Tables[r.IntN(n)]
		if r.IntN(3) > 0 && parent != child {
			// Mostly toward earlier tables, as schemas are: long chains.
			if child.Name < parent.Name {
				child, parent = parent, child
			}
		}
		fk := &ForeignKey{Table: child, RefTable: parent}
		if r.IntN(5) > 0 {
			fk.OnDelete.Action = Cascade
		}
		child.ForeignKeys = append(child.ForeignKeys, fk)
		parent.Referenced = append(parent.Referenced, fk)
	}
	return s
}

// Alternatives prunes the tables from which no chain is long enough; it
// finds exactly what walking every path finds, in the same order, on
// random graphs of cascades with cycles and self-references.
func TestAlternativesPruned(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	chains := 0
	for seed := range 2000 {
		s := randomCascades(r, 2+seed%12)
		for _, c := range s.CascadeChains() {
			chains++
			got, want := c.Alternatives(), c.alternatives(false)
			if !slices.EqualFunc(got, want, func(a, b CascadeChain) bool { return a.String() == b.String() }) {
				t.Fatalf("seed %d, chain %s:\ngot  %v\nwant %v", seed, c, got, want)
			}
		}
	}
	if chains < 1000 {
		t.Errorf("only %d chains drawn", chains)
	}
}

// A ladder of tables each referencing the one before twice (two roles),
// every key cascading, has 2^depth paths of the longest length, all
// naming the same tables: the warning walks them as one. At this depth
// walking each would not end in any test's time.
func TestCascadeLadder(t *testing.T) {
	s := &Schema{}
	const depth = 60
	for i := range depth + 1 {
		s.Tables = append(s.Tables, &Table{Name: fmt.Sprintf("t%d", i)})
	}
	for i := 1; i <= depth; i++ {
		for range 2 {
			fk := &ForeignKey{Table: s.Tables[i], RefTable: s.Tables[i-1]}
			fk.OnDelete.Action = Cascade
			s.Tables[i].ForeignKeys = append(s.Tables[i].ForeignKeys, fk)
			s.Tables[i-1].Referenced = append(s.Tables[i-1].Referenced, fk)
		}
	}
	chains := s.CascadeChains()
	if len(chains) != 1 || len(chains[0].FKs) != depth {
		t.Fatalf("chains %v, want one of %d levels", chains, depth)
	}
	if alt := chains[0].Alternatives(); len(alt) != 1 {
		t.Errorf("%d alternatives, want the one chain of tables", len(alt))
	}
}

// BenchmarkCascadeMessages spells the cascade warnings of the import
// benchmark's schema (generator/importer): 600 tables and 1,445 FKs, each
// toward an earlier table or itself, all ON DELETE CASCADE.
func BenchmarkCascadeMessages(b *testing.B) {
	const n, fks = 600, 1445
	s := &Schema{}
	for i := range n {
		s.Tables = append(s.Tables, &Table{Name: fmt.Sprintf("t%d", i)})
	}
	for i, child := range s.Tables {
		for k := i; k < fks; k += n {
			parent := s.Tables[(k*7919)%(i+1)]
			fk := &ForeignKey{Table: child, RefTable: parent, OnDelete: Policy{Action: Cascade}}
			child.ForeignKeys = append(child.ForeignKeys, fk)
			parent.Referenced = append(parent.Referenced, fk)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, c := range s.CascadeChains() {
			_ = c.Message()
		}
	}
}
