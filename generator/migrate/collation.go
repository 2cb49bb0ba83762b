package migrate

import (
	"github.com/ergen-dev/ergen/generator/model"
)

// changeCollation gives a column of the same type another collation, or
// its type's default: ALTER COLUMN ... TYPE with the type it has and a
// COLLATE clause, or none, in the step that changes the types of the
// table's columns (see retypeStep). PostgreSQL keeps the table's storage
// (the values do not change) but rebuilds every index on the column,
// whose order the collation decides, under an ACCESS EXCLUSIVE lock on
// the table; foreign keys to and from the column are checked again, which
// locks the tables at their other end too. It verifies the validated
// checks that mention the column as for a type change, reading every
// row: they go NOT VALID around it and are validated after (see recheck).
// PostgreSQL refuses it for a column of a partition key, as a change of
// type: refused at plan time (ER211).
func (p *planner) changeCollation(t *model.Table, oc, nc *model.Column) {
	newType := p.new.TypeSQL(nc.Type)
	from, to := "its type's default", "its type's default"
	if oc.Type.Collation != "" {
		from = oc.Type.Collation
	}
	if nc.Type.Collation != "" {
		to = nc.Type.Collation
	}
	if inPartitionKey(t, nc.Name) {
		p.refuse(columnSpan(nc), Repartition, "column %s.%s of the partition key changes its collation from %s to %s", t.Name, nc.Name, from, to)
		return
	}
	p.retypeStep(t, nc, retype{changes: []string{"ALTER COLUMN " + model.QuoteIdent(nc.Name) + " TYPE " + newType + nc.Type.CollateSQL()},
		checks: p.recheck(t, oc), collations: []string{t.Name + "." + nc.Name + " to " + to}}, p.retypeLocks(oc))
}
