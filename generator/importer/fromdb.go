package importer

import (
	"fmt"
	"slices"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator/importer/catalog"
	"github.com/ergen-dev/ergen/generator/model"
)

// ForMigration imports c as the model a migration to target starts from
// (`ergen diff --from-db`). The planner pairs tables by name, but reads
// target's renames (`entity Purchase was Order`) against the old model's
// entity names, which an import derives from the tables and a team may
// have chosen otherwise. So each table is given the name target gives it:
// that of target's entity on it, or, for an entity declared with `was`,
// the old name, on the table the old entity had (target's own table when
// the database has it, else the one ergen derives from the old name).
// Enums likewise take target's name for their type.
func ForMigration(c *catalog.Catalog, target *dsl.File) (*Result, error) {
	s, diags := model.Resolve(target)
	if diags.HasErrors() {
		return nil, fmt.Errorf("importer: the model to migrate to does not resolve:\n%v", diags)
	}
	prefer := map[string]string{}
	for _, e := range s.Enums {
		prefer["enum:"+e.SQLName] = e.Name
	}
	tables := map[string]string{}
	for _, e := range s.Entities {
		tables[e.Name] = e.Table.Name
	}
	var renamed []*dsl.EntityDecl
	for _, d := range target.Decls {
		switch e := d.Entity; {
		case e == nil || tables[e.Name.Value] == "":
		case e.Was != nil:
			renamed = append(renamed, e)
		default:
			prefer[tables[e.Name.Value]] = e.Name.Value
		}
	}
	for _, e := range renamed {
		table := tables[e.Name.Value]
		if !slices.ContainsFunc(c.Tables, func(t catalog.Table) bool { return t.Name == table }) {
			table = model.ShortenIdent(model.Plural(model.SnakeCase(e.Was.Value)))
		}
		prefer[table] = e.Was.Value
	}
	return importWith(c, prefer)
}
