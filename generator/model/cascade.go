package model

import (
	"fmt"
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
	p, end := c.FKs[0].PolicySpan(DeleteEvent)
	return &dsl.Diagnostic{
		Severity: dsl.Warning, Code: "ER101",
		Pos: p, End: end,
		Msg:  fmt.Sprintf("deleting a row of %s cascades %d levels: %s", c.Head().Label(), len(c.FKs), c),
		Hint: "make sure every step should delete; RESTRICT or SET NULL on one of them ends the chain",
	}
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
			if fk.OnDelete != Cascade {
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
			if fk.OnDelete == Cascade && fk.RefTable != t && len(longest(fk.RefTable).FKs) > len(c.FKs) {
				covered = true
			}
		}
		if !covered {
			chains = append(chains, c)
		}
	}
	return chains
}
