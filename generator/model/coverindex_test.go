package model

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestCoverIndex: on tables of random keys and indexes, some that serve
// no lookup, CoveredBy by the table's coverIndex answers every column list
// (in any order, with a column twice, of other lengths) as a scan of the
// keys and indexes does, also after indexes are added, as fkIndexes adds
// them, and when they are added without the index catching up; the
// tables share one map of column hashes, some hashed before, as they
// share the resolver's.
func TestCoverIndex(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	hashes := columnHashes{} // shared by the tables, as in a resolver
	for range 200 {
		tab := randomCoverTable(rng)
		if rng.IntN(2) == 0 {
			hashes.set(tab.Columns) // as isUnique may hash them first
		}
		tab.cover = newCoverIndex(tab, hashes)
		for range 300 {
			cols := randomColumns(rng, tab.Columns)
			if got, want := tab.CoveredBy(cols), scanCovering(tab, cols); got != want {
				t.Fatalf("CoveredBy(%s) = %q, a scan: %q", ColumnNames(cols), got, want)
			}
			if rng.IntN(10) == 0 {
				tab.Indexes = append(tab.Indexes, randomIndex(rng, tab.Columns))
				if rng.IntN(4) > 0 {
					tab.cover.catchUp(tab)
				}
			}
		}
	}
}

// scanCovering is Table.CoveredBy by a scan of t's keys and indexes.
func scanCovering(t *Table, cols []*Column) string {
	if t.PrimaryKey != nil && leads(cols, t.PrimaryKey.Columns) {
		return t.PrimaryKey.Name
	}
	for _, k := range t.Uniques {
		if leads(cols, k.Columns) {
			return k.Name
		}
	}
	for _, ix := range t.Indexes {
		if ix.Serves() && leads(cols, ix.Columns) {
			return ix.Name
		}
	}
	return ""
}

// A table copied with other keys, as the migration planner copies one,
// is answered by a scan of its own keys, not by the original's index,
// even with as many keys; a key renamed is found by its new name.
func TestCoverIndexOfCopiedTable(t *testing.T) {
	a, b := &Column{Name: "a"}, &Column{Name: "b"}
	orig := &Table{Name: "t", Columns: []*Column{a, b}}
	orig.Uniques = []*Key{{Name: "uq_a", Columns: []*Column{a}}, {Name: "uq_b", Columns: []*Column{b}}}
	orig.cover = newCoverIndex(orig, columnHashes{})
	cp := *orig
	cp.Uniques = []*Key{orig.Uniques[1], {Name: "uq_b_a", Columns: []*Column{b, a}}}
	if got := cp.CoveredBy([]*Column{a}); got != "" {
		t.Errorf("the copy without uq_a: CoveredBy(a) = %q", got)
	}
	if got := orig.CoveredBy([]*Column{a}); got != "uq_a" {
		t.Errorf("the original: CoveredBy(a) = %q", got)
	}
	// Renaming columns renames the indexes named after them.
	orig.Uniques[0].Name = "uq_a2"
	if got := orig.CoveredBy([]*Column{a}); got != "uq_a2" {
		t.Errorf("after a rename: CoveredBy(a) = %q", got)
	}
}

func randomCoverTable(rng *rand.Rand) *Table {
	tab := &Table{Name: "t"}
	for i := range 2 + rng.IntN(8) {
		tab.Columns = append(tab.Columns, &Column{Table: tab, Name: string(rune('a' + i))})
	}
	if rng.IntN(3) > 0 {
		tab.PrimaryKey = &Key{Name: "pk", Columns: randomColumns(rng, tab.Columns)}
	}
	for range rng.IntN(4) {
		tab.Uniques = append(tab.Uniques, &Key{Name: fmt.Sprint("uq", rng.Int()), Columns: randomColumns(rng, tab.Columns)})
	}
	for range rng.IntN(12) {
		tab.Indexes = append(tab.Indexes, randomIndex(rng, tab.Columns))
	}
	return tab
}

// randomIndex is an index of a name of its own over random columns; one
// in four serves no lookup (another method, a predicate, a collation, an
// expression).
func randomIndex(rng *rand.Rand, cols []*Column) *Index {
	ix := &Index{Name: fmt.Sprint("ix", rng.Int()), Method: "btree"}
	ix.Columns = randomColumns(rng, cols)
	ix.Keys = columnKeys(ix.Columns)
	switch rng.IntN(16) {
	case 0:
		ix.Method = "hash"
	case 1:
		ix.Where = "a > 0"
	case 2:
		ix.Keys[0].Collation = "C"
	case 3:
		ix.Keys = append(ix.Keys, IndexKey{Expr: "lower(a)"})
	}
	return ix
}

// randomColumns is 1 to 4 of cols, in any order, now and then one twice.
func randomColumns(rng *rand.Rand, cols []*Column) []*Column {
	var out []*Column
	for range 1 + rng.IntN(4) {
		out = append(out, cols[rng.IntN(len(cols))])
	}
	return out
}

// TestUniqueIndex: on tables of many random unique keys, isUnique
// answers every column list (in any order, with a column twice) as a
// scan of the keys does, also after keys are added, as 1:1 relationships
// add them.
func TestUniqueIndex(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	r := &resolver{uniques: uniqueIndex{}, hashes: columnHashes{}}
	for range 50 {
		tab := randomCoverTable(rng)
		for range indexFrom + rng.IntN(20) {
			tab.Uniques = append(tab.Uniques, &Key{Name: "uq", Columns: randomColumns(rng, tab.Columns)})
		}
		for range 300 {
			cols := randomColumns(rng, tab.Columns)
			if got, want := r.isUnique(tab, cols), scanUnique(tab, cols); got != want {
				t.Fatalf("isUnique(%s) = %v, a scan: %v", ColumnNames(cols), got, want)
			}
			if rng.IntN(10) == 0 {
				tab.Uniques = append(tab.Uniques, &Key{Name: "uq", Columns: randomColumns(rng, tab.Columns)})
			}
		}
	}
}

// scanUnique is isUnique by a scan of t's keys, as it was.
func scanUnique(t *Table, cols []*Column) bool {
	if t.PrimaryKey != nil && SameColumns(cols, t.PrimaryKey.Columns) {
		return true
	}
	return slices.ContainsFunc(t.Uniques, func(k *Key) bool { return SameColumns(cols, k.Columns) })
}
