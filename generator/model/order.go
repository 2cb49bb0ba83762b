package model

import (
	"container/heap"
	"slices"
	"strings"
)

// blocksInsert reports whether fk forces its parent row to exist before the
// child row is inserted: NOT NULL and checked at once. A self-reference
// never does, since a row may reference itself.
func blocksInsert(fk *ForeignKey) bool {
	return fk.Required() && fk.Deferrable == NotDeferrable && fk.Table != fk.RefTable
}

// checkRequiredCycles reports each cycle of required, non-deferrable FKs:
// no row of any table in it could ever be inserted first.
func (r *resolver) checkRequiredCycles() {
	for _, scc := range components(r.tables, blocksInsert) {
		if len(scc) < 2 {
			continue
		}
		path := cyclePath(scc, blocksInsert)
		names := make([]string, 0, len(path)+1)
		for _, fk := range path {
			names = append(names, fk.Table.Name)
		}
		names = append(names, path[0].Table.Name)
		fk := path[0]
		r.diags.ErrorAt(fk.Relationship.Span, "required foreign keys form a cycle that no insert order can satisfy: %s", strings.Join(names, " -> ")).
			Hintf("make one of them `optional`, or `deferrable initially deferred` and insert the rows in one transaction")
	}
}

// components returns the strongly connected components of the graph whose
// edges are the FKs (child -> parent) that keep says, each component in
// table order and the components ordered by their first table (Tarjan's
// algorithm, iteration order fixed for determinism).
func components(tables []*Table, keep func(*ForeignKey) bool) [][]*Table {
	// Per-table state lives in slices indexed through one map, which a
	// schema of thousands of tables reads far less than three maps.
	slot := make(map[*Table]int, len(tables))
	index := make([]int, 0, len(tables)) // -1: not visited yet
	low := make([]int, 0, len(tables))
	onStack := make([]bool, 0, len(tables))
	slotOf := func(t *Table) int {
		i, ok := slot[t]
		if !ok {
			i = len(index)
			slot[t] = i
			index, low, onStack = append(index, -1), append(low, 0), append(onStack, false)
		}
		return i
	}
	var stack []*Table
	var out [][]*Table
	next := 0
	var visit func(t *Table, ti int)
	visit = func(t *Table, ti int) {
		index[ti], low[ti] = next, next
		next++
		stack = append(stack, t)
		onStack[ti] = true
		for _, fk := range t.ForeignKeys {
			if !keep(fk) {
				continue
			}
			u := fk.RefTable
			ui := slotOf(u)
			if index[ui] < 0 {
				visit(u, ui)
				low[ti] = min(low[ti], low[ui])
			} else if onStack[ui] {
				low[ti] = min(low[ti], index[ui])
			}
		}
		if low[ti] == index[ti] {
			var scc []*Table
			for {
				u := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				onStack[slot[u]] = false
				scc = append(scc, u)
				if u == t {
					break
				}
			}
			slices.SortFunc(scc, func(a, b *Table) int { return a.order - b.order })
			out = append(out, scc)
		}
	}
	for _, t := range tables {
		if ti := slotOf(t); index[ti] < 0 {
			visit(t, ti)
		}
	}
	slices.SortFunc(out, func(a, b []*Table) int { return a[0].order - b[0].order })
	return out
}

// cyclePath finds a cycle through the first table of a strongly connected
// component, as the FKs along it.
func cyclePath(scc []*Table, keep func(*ForeignKey) bool) []*ForeignKey {
	start := scc[0]
	seen := map[*Table]bool{}
	var path []*ForeignKey
	var walk func(t *Table) bool
	walk = func(t *Table) bool {
		seen[t] = true
		for _, fk := range t.ForeignKeys {
			if !keep(fk) || !slices.Contains(scc, fk.RefTable) {
				continue
			}
			path = append(path, fk)
			if fk.RefTable == start || (!seen[fk.RefTable] && walk(fk.RefTable)) {
				return true
			}
			path = path[:len(path)-1]
		}
		return false
	}
	walk(start)
	return path
}

// orderTables sets Schema.Tables to an order PostgreSQL can create: every
// table after the tables it references, ties broken by declaration order.
// Where tables reference each other in a cycle, the earliest-declared
// table of the cycle goes first and its FKs into the cycle are Deferred:
// added by ALTER TABLE once every table exists.
//
// It takes O((tables + FKs) log tables): each table counts the FKs that
// still wait for their parent, a heap keyed by declaration order holds the
// tables whose count reached zero, and placing a table counts down its
// children. Scanning all remaining tables for the first ready one after
// every placement would be quadratic, which a schema of 10,000 tables
// turns into seconds.
func (r *resolver) orderTables() {
	remaining := slices.Clone(r.tables)
	slices.SortStableFunc(remaining, func(a, b *Table) int { return a.order - b.order })
	rank := make(map[*Table]int, len(remaining)) // position in declaration order
	for i, t := range remaining {
		rank[t] = i
	}
	waiting := make([]int, len(remaining))       // FKs whose parent is not placed yet
	children := make([][]*Table, len(remaining)) // one entry per FK, by parent
	ready := &rankHeap{}
	serials := serialSequences(remaining)
	for i, t := range remaining {
		for _, fk := range t.ForeignKeys {
			if fk.RefTable == t {
				continue
			}
			waiting[i]++
			if p, ok := rank[fk.RefTable]; ok {
				children[p] = append(children[p], t)
			}
		}
		for _, u := range sequenceParents(t, serials) {
			waiting[i]++
			children[rank[u]] = append(children[rank[u]], t)
		}
		if waiting[i] == 0 {
			heap.Push(ready, i)
		}
	}
	placed := make([]bool, len(remaining))
	order := make([]*Table, 0, len(remaining))
	first := 0 // no table before it is unplaced
	for len(order) < len(remaining) {
		var i int
		if ready.Len() > 0 {
			i = heap.Pop(ready).(int)
		} else {
			// A cycle: break it at the earliest-declared remaining table.
			for placed[first] {
				first++
			}
			i = first
			t := remaining[i]
			for _, fk := range t.ForeignKeys {
				if p, ok := rank[fk.RefTable]; fk.RefTable != t && (!ok || !placed[p]) {
					fk.Deferred = true
				}
			}
			waiting[i] = -1 // placed out of turn: never pushed again
		}
		placed[i] = true
		order = append(order, remaining[i])
		for _, c := range children[i] {
			k := rank[c]
			if waiting[k]--; waiting[k] == 0 && !placed[k] {
				heap.Push(ready, k)
			}
		}
	}
	r.s.Tables = order
}

// serialSequences maps the name of each serial column's sequence to the
// table that creates it.
func serialSequences(tables []*Table) map[string]*Table {
	out := map[string]*Table{}
	for _, t := range tables {
		for _, c := range t.Columns {
			if c.Type.IsSerial() {
				out[SerialSequence(t.Name, c.Name)] = t
			}
		}
	}
	return out
}

// sequenceParents lists the other tables whose serial columns create a
// sequence a default of t takes numbers from (pg_dump writes a sequence
// shared by two columns so): their CREATE TABLE comes first, or t's
// fails on the missing sequence.
func sequenceParents(t *Table, serials map[string]*Table) []*Table {
	var out []*Table
	for _, c := range t.Columns {
		for _, name := range nextvalSequences(c.Default) {
			u := serials[UnquoteIdent(name[strings.LastIndex(name, ".")+1:])]
			if u != nil && u != t && !slices.Contains(out, u) {
				out = append(out, u)
			}
		}
	}
	return out
}

// rankHeap is a min-heap of positions in declaration order.
type rankHeap []int

func (h rankHeap) Len() int           { return len(h) }
func (h rankHeap) Less(i, j int) bool { return h[i] < h[j] }
func (h rankHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *rankHeap) Push(x any)        { *h = append(*h, x.(int)) }
func (h *rankHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// cascadeWarnings warns about each delete that cascades more than one
// level, spelling the chain out (users -> orders -> order_items): such
// chains delete more than a reader of one relationship expects. The code
// is lint's ER101, which reports the same chains.
func (r *resolver) cascadeWarnings() {
	for _, c := range r.s.CascadeChains() {
		r.diags = append(r.diags, c.Warning())
	}
}
