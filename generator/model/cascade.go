package model

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ergen-dev/ergen/dsl"
)

// CascadeChain is a run of ON DELETE CASCADE foreign keys: deleting a row
// of FKs[0].RefTable deletes the referencing rows of FKs[0].Table, which
// deletes those of FKs[1].Table, and so on.
type CascadeChain struct {
	FKs []*ForeignKey
	// Cycle is set when the last FK leads back into the chain (or is a
	// self-reference): the cascade goes on, row by row, until it finds no
	// more rows.
	Cycle bool
}

// Head is the table whose delete starts the chain.
func (c CascadeChain) Head() *Table { return c.FKs[0].RefTable }

// String spells the chain as a reviewer traces it by hand:
// users -> orders -> order_items.
func (c CascadeChain) String() string {
	names := []string{c.Head().Name}
	for _, fk := range c.FKs {
		names = append(names, fk.Table.Name)
	}
	if c.Cycle {
		names[len(names)-1] += " (cycle)"
	}
	return strings.Join(names, " -> ")
}

// Warning is the ER101 warning about c, at the `on delete cascade` clause
// of its first FK: check reports it, and lint reports it under its code,
// with the same words.
func (c CascadeChain) Warning() *dsl.Diagnostic {
	at := c.FKs[0].PolicySpan(DeleteEvent)
	return &dsl.Diagnostic{
		Severity: dsl.Warning, Code: "ER101",
		Pos: at.Pos, End: at.End,
		Msg:  c.Message(),
		Hint: "make sure every step should delete; RESTRICT or SET NULL on one of them ends the chain",
	}
}

// Message says what the chain deletes, naming every chain from its head
// as long as it (see Alternatives): "deleting a row of User cascades 2
// levels: users -> orders -> order_items; users -> carts -> cart_items".
func (c CascadeChain) Message() string {
	all := c.Alternatives()
	names := make([]string, 0, len(all))
	for _, e := range all[:min(len(all), maxChainsNamed)] {
		names = append(names, e.String())
	}
	if len(all) > maxChainsNamed {
		names = append(names, fmt.Sprintf("and %d more", len(all)-maxChainsNamed))
	}
	return fmt.Sprintf("deleting a row of %s cascades %d levels: %s", c.Head().label(), len(c.FKs), strings.Join(names, "; "))
}

// maxChainsNamed bounds how many chains of one head Warning spells out.
const maxChainsNamed = 10

// Alternatives returns every cascade chain that starts at c's head and is
// as long as c, c itself first: CascadeChains keeps one longest chain per
// head, and a reviewer must see each path a delete takes that far. It
// stops after maxChainsNamed+1 others, enough to say that there are more.
//
// The walk only enters a table from which a chain can still reach c's
// length (see reach): without that, a schema where every FK cascades has
// paths by the million that end short, and walking them all was most of
// the time of resolving it.
func (c CascadeChain) Alternatives() []CascadeChain { return c.alternatives(true) }

// alternatives is Alternatives, walking every path when prune is false
// (the test's oracle).
func (c CascadeChain) alternatives(prune bool) []CascadeChain {
	out := []CascadeChain{c}
	n := len(c.FKs)
	onPath := map[*Table]bool{c.Head(): true}
	var reach map[*Table]int
	if prune {
		reach = cascadeReach(c.Head())
	}
	var path []*ForeignKey
	var walk func(t *Table)
	walk = func(t *Table) {
		// A chain is named by its tables: two foreign keys of one child
		// (two roles) give the same chains below it, walked once, or a
		// ladder of such pairs would be walked 2^depth times.
		var walked []*Table
		for _, fk := range t.Referenced {
			if fk.OnDelete.Action != Cascade || len(out) > maxChainsNamed+1 || slices.Contains(walked, fk.Table) {
				continue
			}
			walked = append(walked, fk.Table)
			path = append(path, fk)
			switch cycle := onPath[fk.Table]; {
			case len(path) == n || cycle:
				if e := (CascadeChain{FKs: slices.Clone(path), Cycle: cycle}); len(path) == n && e.String() != c.String() {
					out = append(out, e)
				}
			case prune && reach[fk.Table] < n-len(path):
				// No chain below fk.Table is long enough.
			default:
				onPath[fk.Table] = true
				walk(fk.Table)
				onPath[fk.Table] = false
			}
			path = path[:len(path)-1]
		}
	}
	walk(c.Head())
	return out
}

// unbounded is the reach of a table on a cycle of two tables or more.
const unbounded = int(^uint(0) >> 1)

// cascadeReach returns, for each table a cascade from head reaches, an
// upper bound on the length of a cascade chain that starts there: exact
// where no cycle of two tables or more is below it (a self-reference ends
// a chain in one step), unbounded on such a cycle, where a chain's length
// depends on the path that led there. Each table is visited once.
func cascadeReach(head *Table) map[*Table]int {
	reach := map[*Table]int{}
	onStack := map[*Table]bool{}
	var visit func(t *Table) int
	visit = func(t *Table) int {
		if r, ok := reach[t]; ok {
			return r
		}
		if onStack[t] {
			return unbounded // a cycle through t: it is marked below
		}
		onStack[t] = true
		r := 0
		for _, fk := range t.Referenced {
			if fk.OnDelete.Action != Cascade {
				continue
			}
			below := 0
			if fk.Table != t {
				below = visit(fk.Table)
			}
			if below == unbounded {
				r = unbounded
			} else if r != unbounded {
				r = max(r, below+1)
			}
		}
		onStack[t] = false
		reach[t] = r
		return r
	}
	visit(head)
	return reach
}

// CascadeChains returns the cascade chains of two levels or more, one per
// chain head: the longest chain a table's delete starts, unless a table
// that cascades into it starts a longer one, which already shows it. The
// longest chain below each table is computed once (the graph of cascade
// FKs is walked in linear time); an FK back to a table on the current path
// ends a chain as a cycle. Heads come in creation order.
func (s *Schema) CascadeChains() []CascadeChain {
	best := make(map[*Table]CascadeChain, len(s.Tables))
	onPath := make(map[*Table]bool, len(s.Tables))
	var longest func(t *Table) CascadeChain
	longest = func(t *Table) CascadeChain {
		if c, ok := best[t]; ok {
			return c
		}
		onPath[t] = true
		var out CascadeChain
		for _, fk := range t.Referenced {
			if fk.OnDelete.Action != Cascade {
				continue
			}
			var c CascadeChain
			if onPath[fk.Table] {
				c = CascadeChain{FKs: []*ForeignKey{fk}, Cycle: true}
			} else {
				below := longest(fk.Table)
				c = CascadeChain{FKs: append([]*ForeignKey{fk}, below.FKs...), Cycle: below.Cycle}
			}
			if len(c.FKs) > len(out.FKs) {
				out = c
			}
		}
		onPath[t] = false
		best[t] = out
		return out
	}
	var chains []CascadeChain
	for _, t := range s.Tables {
		c := longest(t)
		if len(c.FKs) < 2 {
			continue
		}
		covered := false
		for _, fk := range t.ForeignKeys {
			if fk.OnDelete.Action == Cascade && fk.RefTable != t && len(longest(fk.RefTable).FKs) > len(c.FKs) {
				covered = true
			}
		}
		if !covered {
			chains = append(chains, c)
		}
	}
	return chains
}
