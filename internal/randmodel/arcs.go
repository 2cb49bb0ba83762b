package randmodel

import (
	"fmt"
	"slices"
	"strings"
)

// arcs adds now and then an exclusive arc (`relationship A | B 1:N C`):
// two or three parents, required (exactly one set) or optional (at most
// one), each parent with its own policy. An arc takes no roles, so a
// parent whose derived FK columns or role are already taken on the child
// is left out; a child has one arc at most, as its Go function naming a
// row's parent (ChildParent) is one.
func (g *gen) arcs() {
	children := map[*entity]bool{}
	for range g.r.IntN(2 + len(g.ents)/8) {
		c := pick(g, g.ents)
		if children[c] {
			continue
		}
		var parents []*entity
		var cols [][]string
		for range 2 + g.r.IntN(2) {
			p := pick(g, g.ents)
			fk := fkColumns(p.snake, p.pk, false)
			// A parent once; the child itself would need its own row as
			// a parent, which tests that insert rows do not draw.
			if p == c || c.roles[p.snake] || c.taken(fk) || slices.Contains(parents, p) {
				continue
			}
			parents, cols = append(parents, p), append(cols, fk)
		}
		if len(parents) < 2 {
			continue
		}
		children[c] = true
		for i, p := range parents {
			c.roles[p.snake] = true
			for _, col := range cols[i] {
				c.addCol(col)
			}
		}
		g.arcRels = append(g.arcRels, g.arc(parents, c))
	}
}

// arc writes the declaration of an arc: SET NULL only when it is
// optional (a required arc's CHECK refuses a row with no parent), and of
// all the columns of a composite key, which an arc matches in full.
func (g *gen) arc(parents []*entity, c *entity) string {
	names := make([]string, len(parents))
	for i, p := range parents {
		names[i] = p.name
	}
	var items []string
	optional := g.chance(0.4)
	switch {
	case optional:
		items = append(items, "optional")
	case g.chance(0.3):
		items = append(items, "required")
	}
	for _, p := range parents {
		acts := []string{"no action", "restrict", "cascade", "cascade"}
		if optional {
			acts = append(acts, "set null")
		}
		if a := pick(g, acts); a != "no action" || g.chance(0.2) {
			items = append(items, fmt.Sprintf("on delete %s %s", p.name, a))
		}
		if g.chance(0.2) {
			items = append(items, fmt.Sprintf("on update %s %s", p.name, pick(g, []string{"cascade", "restrict"})))
		}
		if g.chance(0.1) {
			items = append(items, fmt.Sprintf("constraint %s %q", p.name, g.constraintName()))
		}
		if g.chance(0.1) {
			items = append(items, "no index "+p.name)
		}
	}
	if g.chance(0.1) {
		items = append(items, "deferrable")
	}
	return block(fmt.Sprintf("relationship %s 1:N %s", strings.Join(names, " | "), c.name), items)
}
