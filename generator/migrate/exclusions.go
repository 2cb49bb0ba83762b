package migrate

import (
	"slices"

	"github.com/ergen-dev/ergen/generator/model"
)

// exclusions plans EXCLUDE constraints. Dropping one is a catalog update.
// Adding one to a table that exists cannot be made safe: PostgreSQL takes
// no exclusion constraint NOT VALID nor over an index built beforehand
// (USING INDEX takes unique indexes only), so ADD CONSTRAINT builds its
// index under ACCESS EXCLUSIVE: no reads, no writes, while it scans
// (ER213). A changed constraint is dropped and added.
func (p *planner) exclusions(ot, nt *model.Table) {
	same := func(a, b *model.Exclusion) bool { return a.Name == b.Name && a.SQL() == b.SQL() }
	for _, ox := range ot.Exclusions {
		if !slices.ContainsFunc(nt.Exclusions, func(nx *model.Exclusion) bool { return same(ox, nx) }) {
			p.add(&Step{Phase: PhaseDrop, What: "drop exclusion constraint " + ox.Name, Pos: ox.Pos, Transactional: true, drops: ox.Name,
				SQL:   []string{p.alter(p.old, ot, "DROP CONSTRAINT IF EXISTS "+model.QuoteIdent(ox.Name))},
				Locks: []Lock{{ot.Name, AccessExclusive}}})
		}
	}
	for _, nx := range nt.Exclusions {
		if slices.ContainsFunc(ot.Exclusions, func(ox *model.Exclusion) bool { return same(ox, nx) }) {
			continue
		}
		s := p.add(&Step{Phase: PhaseConstraints, What: "add exclusion constraint " + nx.Name, Pos: nx.Pos, Transactional: true, Scans: true,
			SQL:   []string{p.dropLeftover(nt, nx.Name), p.alter(p.new, nt, "ADD CONSTRAINT "+model.QuoteIdent(nx.Name)+" "+nx.SQL())},
			Locks: []Lock{{nt.Name, AccessExclusive}}})
		p.hazard(s, span{pos: nx.Pos}, LockedExclusion, "new exclusion constraint %s on %s", nx.Name, nt.Name)
	}
}
