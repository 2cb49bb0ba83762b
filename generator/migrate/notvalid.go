package migrate

import (
	"slices"

	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/generator/postgres"
)

// checkValidity plans the checks both tables have alike but for `not
// valid`. Removing it validates the check in a transaction of its own,
// which lets reads and writes go on while it scans. Adding it drops the
// check and adds it again NOT VALID in one transaction: PostgreSQL cannot
// mark a validated check NOT VALID, and the check is never missing.
func (p *planner) checkValidity(ot, nt *model.Table) {
	for _, nc := range nt.Checks {
		i := slices.IndexFunc(ot.Checks, func(oc *model.Check) bool { return oc.Name == nc.Name && oc.Expr == nc.Expr })
		if i < 0 || ot.Checks[i].NotValid == nc.NotValid {
			continue
		}
		if !nc.NotValid {
			p.validate(nt, nc.Name, nc.Pos, []Lock{{nt.Name, ShareUpdateExclusive}})
			continue
		}
		p.add(&Step{Phase: PhaseConstraints, What: "make check " + nc.Name + " not valid", Pos: nc.Pos, Transactional: true,
			SQL: []string{
				p.alter(p.new, nt, "DROP CONSTRAINT "+model.QuoteIdent(nc.Name)),
				p.alter(p.new, nt, "ADD "+postgres.CheckConstraint(nc)+" NOT VALID"),
			},
			Locks: []Lock{{nt.Name, AccessExclusive}}})
	}
}
