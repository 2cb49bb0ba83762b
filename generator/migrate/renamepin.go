package migrate

import (
	"slices"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator/model"
)

// A rename may change more than names: a declared column that was the
// foreign key's column under a default role (`user_id integer` beside
// `relationship User 1:N Order`) stops being one when the role is renamed
// (`entity Customer was User`), since the foreign key then takes a new
// column, customer_id; and a declared column may become one. No RENAME
// carries values from one column to another, so the renames keep each
// foreign key on the columns it had: pinFKColumns writes them, with
// `column ...`, into the renamed declarations of OLD. The rest of the plan
// then changes the foreign key as NEW declares it, as any other change:
// the column that no longer belongs to it stays a plain column with its
// values, and the new one is added as any new FK column (its index built
// concurrently, the foreign key added NOT VALID and validated; a required
// one without a default is refused, ER208).

// pinFKColumns adds, to the relationships of renamedFile (OLD with the
// renames applied, resolved as renamed) whose foreign key would take
// other columns than it has in old, a `column` clause naming the columns
// it has. It reports whether it added any; renamedFile must then be
// resolved again.
func pinFKColumns(old, renamed *model.Schema, renamedFile *dsl.File) bool {
	decls := relationships(renamedFile)
	pinned := false
	for i, e := range old.Entities {
		from, to := e.Table, renamed.Entities[i].Table
		cols := matching(from.Columns, to.Columns, func(c *model.Column) int { return c.Pos.Offset })
		if len(cols) == len(from.Columns) && len(cols) == len(to.Columns) {
			continue
		}
		for _, fk := range matching(from.ForeignKeys, to.ForeignKeys, func(fk *model.ForeignKey) int { return fk.Pos.Offset }) {
			// The declaration by its place: an arc is one declaration but
			// a relationship per parent in the model.
			rel := fk[1].Relationship
			k := slices.IndexFunc(decls, func(d *dsl.RelationshipDecl) bool { return dsl.FromLexer(d.Pos) == rel.Pos })
			if k < 0 || rel.Card == model.ManyToMany {
				continue // a junction's columns are all derived
			}
			names := make([]*dsl.Name, len(fk[0].Columns))
			same := len(fk[0].Columns) == len(fk[1].Columns)
			for j, c := range fk[0].Columns {
				// A derived column keeps its name. A declared one may be
				// renamed (`was`): its own place pairs it. Derived columns
				// share their relationship's place, so that place pairs
				// no derived column (an arc derives one per parent).
				name := c.Name
				if p := slices.IndexFunc(cols, func(p [2]*model.Column) bool { return p[0] == c }); p >= 0 && c.Declared {
					name = cols[p][1].Name
				}
				names[j] = &dsl.Name{Value: name}
				same = same && fk[1].Columns[j].Name == name
			}
			if same {
				continue
			}
			at := decls[k].Pos // what the model derives from the clause is placed at the relationship
			for _, n := range names {
				n.Pos, n.EndPos = at, at
			}
			var side *dsl.Name
			if len(decls[k].Others) > 0 { // an arc: a foreign key per parent, named by its entity
				side = &dsl.Name{Pos: at, EndPos: at, Value: fk[1].RefTable.Entity.Name}
			}
			decls[k].Items = append(decls[k].Items, &dsl.RelItem{Pos: at, EndPos: at,
				Column: &dsl.SidedColumns{Pos: at, Side: side, Columns: &dsl.ColumnList{Pos: at, EndPos: at, Columns: names}}})
			pinned = true
		}
	}
	return pinned
}
