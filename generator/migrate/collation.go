package migrate

import (
	"github.com/ergen-dev/ergen/generator/model"
)

// changeCollation gives a column of the same type another collation, or
// its type's default: ALTER COLUMN ... TYPE with the type it has and a
// COLLATE clause, or none. PostgreSQL keeps the table's storage (the
// values do not change) but rebuilds every index on the column, whose
// order the collation decides, under an ACCESS EXCLUSIVE lock on the
// table; foreign keys to and from the column are checked again, which
// locks the tables at their other end too.
func (p *planner) changeCollation(t *model.Table, oc, nc *model.Column) {
	newType := p.new.TypeSQL(nc.Type)
	to := "its type's default"
	if nc.Type.Collation != "" {
		to = nc.Type.Collation
	}
	p.add(&Step{Phase: PhaseTables, What: "change the collation of " + t.Name + "." + nc.Name + " to " + to + ", rebuilding its indexes",
		Pos: nc.Pos, Transactional: true, Locks: p.retypeLocks(oc),
		SQL: []string{p.alter(p.new, t, "ALTER COLUMN "+model.QuoteIdent(nc.Name)+" TYPE "+newType+nc.Type.CollateSQL())}})
}
