package explain

import (
	"slices"

	"github.com/ergen-dev/ergen/generator/model"
)

// Rows of an arc's child reference exactly one parent, as the arc's CHECK
// requires: the one whose FK a node hangs from, or else the arc's
// chosen parent (arcChoice).

// arcChoice is the member FK of an arc that rows of its child set when
// no node says which, and whether an anchor row can set it when it is
// inserted: its parent's anchor is in place by then, or the FK is
// deferrable. Otherwise the anchor has no parent at first, which the
// arc's CHECK refuses (CHECK constraints are never deferred).
type arcChoice struct {
	fk   *model.ForeignKey
	safe bool
}

// arcChoices picks, for each arc, the first member that an anchor can
// set, given the order the anchors are inserted in; the first member
// when none can.
func arcChoices(s *model.Schema, order []*model.Table) map[*model.Arc]arcChoice {
	out := map[*model.Arc]arcChoice{}
	for _, a := range s.Arcs {
		child := slices.Index(order, a.Child.Table)
		choice := arcChoice{fk: a.Members[0].ForeignKeys[0]}
		for _, m := range a.Members {
			fk := m.ForeignKeys[0]
			if fk.RefTable == fk.Table {
				continue // a nullable self-reference of an anchor stays NULL
			}
			if slices.Index(order, fk.RefTable) < child || fk.Deferrable != model.NotDeferrable {
				choice = arcChoice{fk: fk, safe: true}
				break
			}
		}
		out[a] = choice
	}
	return out
}

// otherArcMember reports whether fk is a member of an arc whose row is to
// reference another parent: via when via is a member of the same arc,
// else the arc's choice.
func (g *graph) otherArcMember(fk, via *model.ForeignKey) bool {
	a := fk.Relationship.Arc
	if a == nil {
		return false
	}
	if via != nil && via.Relationship.Arc == a {
		return fk != via
	}
	return fk != g.arcs[a].fk
}
