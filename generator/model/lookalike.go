package model

import "slices"

// Lookalike is a declared attribute named like the FK column a
// relationship derives, which the relationship does not use: most likely
// it was meant as that column. With `as support_rep` toward a key named
// employee_id, the relationship adds support_rep_employee_id, and a
// declared support_rep_id stays an unrelated column.
type Lookalike struct {
	Column  *Column     // the declared attribute, in no foreign key
	FK      *ForeignKey // the relationship's foreign key
	Derived *Column     // the FK column ergen added instead
}

// Lookalikes lists them, in table and FK order.
func (s *Schema) Lookalikes() []Lookalike {
	var out []Lookalike
	cols := columnIndex{} // a long table's columns by name
	for _, t := range s.Tables {
		for _, fk := range t.ForeignKeys {
			for i, fc := range fk.Columns {
				if fc.Declared {
					continue
				}
				ref := fk.RefColumns[i].Name
				names := []string{fk.Role + "_id", fk.Role + "_" + ref, ref}
				if ref == "id" {
					names = names[:2] // every table may have an id of its own
				}
				for _, name := range names {
					c := cols.of(t, ShortenIdent(name))
					if c != nil && c != fc && c.Declared && c.ForeignKey == nil && !inPrimaryKey(t, c) {
						out = append(out, Lookalike{Column: c, FK: fk, Derived: fc})
						break
					}
				}
			}
		}
	}
	return out
}

// lookalikeWarnings reports each Lookalike (ER108) at the attribute.
func (r *resolver) lookalikeWarnings() {
	for _, l := range r.s.Lookalikes() {
		d := r.diags.Warnf(l.Column.Pos, l.Column.Pos.Advance(l.Column.Name), "%s", l.Message())
		d.Code = "ER108"
		d.Hintf("%s", l.Hint())
	}
}

// Message says what the lookalike is, naming both columns.
func (l Lookalike) Message() string {
	return "attribute \"" + l.Column.Name + "\" of \"" + l.Column.Table.label() + "\" is not the foreign key column of " +
		l.FK.Relationship.label() + ", which adds \"" + l.Derived.Name + "\""
}

// Hint says how to make the attribute the FK column.
func (l Lookalike) Hint() string {
	if len(l.FK.Columns) == 1 {
		return "to use the attribute as the FK column, write `column " + l.Column.Name + "` in the relationship; otherwise rename it"
	}
	return "to use the attribute as an FK column, list it in `columns (...)` in the relationship; otherwise rename it"
}

func inPrimaryKey(t *Table, c *Column) bool {
	return t.PrimaryKey != nil && slices.Contains(t.PrimaryKey.Columns, c)
}
