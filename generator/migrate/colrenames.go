package migrate

import (
	"slices"
	"strings"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator/model"
)

// columnRename is one `column NEW was OLD` of a relationship, applied to
// the other model's declaration: the `column` clause at item (an index in
// its Items; -1 where that model derives the columns, and a clause is
// added) gets the names to, on the side-th side (sideIndex).
type columnRename struct {
	item, side int
	from, to   []string
}

// collectColumns reads `was` after a relationship's `column` or
// `columns`: the foreign key columns of that side of the old model's
// relationship, named with `column` or derived, are renamed. The clause
// is found by its side, not its names, so that a `was` naming the other
// side's column is an error and names may be swapped between sides.
func (rn *renamer) collectColumns(oldFile, newFile *dsl.File) {
	old := rn.old
	olds := relationships(oldFile)
	leaving := rn.leaving(olds, relationships(newFile))
	for j, r := range relationships(newFile) {
		for ni, it := range r.Items {
			c := it.Column
			if c == nil || c.WasSingle == nil && c.WasColumns == nil {
				continue
			}
			to, from := columnNames(c.Single, c.Columns), columnNames(c.WasSingle, c.WasColumns)
			at := c.WasSingle
			if at == nil {
				at = c.WasColumns.Columns[0]
			}
			label := r.Left.Value + " " + r.Card.Value + " " + r.Right.Value
			if len(to) != len(from) {
				rn.errorf(at, "relationship %s: %d column(s) renamed from %d", label, len(to), len(from)).
					Hintf("`was` lists the old name of each column, in order")
				continue
			}
			k := rn.pairedRelationship(olds, r)
			if k < 0 && rn.renamedBefore(olds, r, sideIndex(r, c.Side), to, old, false) {
				continue // the clause can go
			}
			if k < 0 {
				rn.errorf(at, "relationship %s renames its columns, but the old model has no such relationship", label).
					Hintf("`was` after `column` renames the columns of a relationship the old model has, between the same entities, of the same cardinality and with the same roles; change the cardinality in another migration")
				continue
			}
			side := sideIndex(r, c.Side)
			oi, had := oldColumns(olds[k], side)
			if oi < 0 {
				had = derivedColumns(old, olds[k], side)
			}
			switch {
			case sameColumns(had, from) && taken(sideKey(old, olds[k], side), to, leaving, rn.attributes[olds[k].Right.Value]) != "":
				clash := taken(sideKey(old, olds[k], side), to, leaving, rn.attributes[olds[k].Right.Value])
				rn.errorf(at, "relationship %s: column %s was %s, but the old model's table has a column %s already", label,
					strings.Join(to, ", "), strings.Join(from, ", "), clash).
					Hintf("drop that column in one migration and rename in the next, or rename it too (`NAME TYPE was %s`)", clash)
			case sameColumns(had, from):
				rn.columns[k] = append(rn.columns[k], columnRename{oi, side, from, to})
				rn.back.columns[j] = append(rn.back.columns[j], columnRename{ni, side, to, from})
				// The child's attribute of that name, if either model
				// declares one (as an import does), and the lists of the
				// child that name the column are renamed with it.
				if olds[k].Card.Value != "M:N" {
					for i := range from {
						setIn(rn.attributes, olds[k].Right.Value, from[i], to[i])
						setIn(rn.back.attributes, r.Right.Value, to[i], from[i])
					}
				}
			case len(had) == len(from) && sameColumns(slices.Sorted(slices.Values(had)), slices.Sorted(slices.Values(from))):
				rn.errorf(at, "relationship %s: column %s was %s, but the old model lists that side's columns in another order: %s", label,
					strings.Join(to, ", "), strings.Join(from, ", "), strings.Join(had, ", ")).
					Hintf("list the old names in the order of the old model's columns, each with its new name")
			case !sameColumns(had, to): // else renamed before: the clause can go
				rn.errorf(at, "relationship %s: column %s was %s, but the old model names that side's columns %s", label,
					strings.Join(to, ", "), strings.Join(from, ", "), strings.Join(had, ", ")).
					Hintf("`was` names the columns of the same side as the old model has them")
			}
		}
	}
}

// renamedBefore reports whether a relationship of OLD between the same
// entities, of the same cardinality, has the columns to on the side-th
// side, whatever its roles (derived from its role only, with derived):
// the rename was applied before (a model imported from the database then
// names the role after the column).
func (rn *renamer) renamedBefore(olds []*dsl.RelationshipDecl, r *dsl.RelationshipDecl, side int, to []string, old *model.Schema, derived bool) bool {
	left, right := rn.oldEntity(r.Left.Value), rn.oldEntity(r.Right.Value)
	return slices.ContainsFunc(olds, func(o *dsl.RelationshipDecl) bool {
		if o.Left.Value != left || o.Right.Value != right || o.Card.Value != r.Card.Value {
			return false
		}
		i, had := oldColumns(o, side)
		if i < 0 {
			had = derivedColumns(old, o, side)
		} else if derived {
			return false
		}
		return sameColumns(had, to)
	})
}

// columnsRenamedBefore reports whether r renames columns with `was` and
// the old model has every one of them renamed already, and derives them
// from its role: a model imported after the change names the role after
// the column, so r's roles, old or new, are not the old model's either.
// (An old model that names the columns with `column` keeps its roles: a
// role's `was` must then name one of them.)
func (rn *renamer) columnsRenamedBefore(olds []*dsl.RelationshipDecl, r *dsl.RelationshipDecl) bool {
	some := false
	for _, it := range r.Items {
		c := it.Column
		if c == nil || c.WasSingle == nil && c.WasColumns == nil {
			continue
		}
		if !rn.renamedBefore(olds, r, sideIndex(r, c.Side), columnNames(c.Single, c.Columns), rn.old, true) {
			return false
		}
		some = true
	}
	return some
}

// oldColumns returns the index in r's Items of its `column` clause for
// the side-th side, and its names; -1 when r derives that side's columns.
func oldColumns(r *dsl.RelationshipDecl, side int) (int, []string) {
	for i, it := range r.Items {
		if c := it.Column; c != nil && sideIndex(r, c.Side) == side {
			return i, columnNames(c.Single, c.Columns)
		}
	}
	return -1, nil
}

// derivedColumns returns the names old gives the foreign key columns of
// the side-th side of its relationship declared by r.
func derivedColumns(old *model.Schema, r *dsl.RelationshipDecl, side int) []string {
	fk := sideKey(old, r, side)
	if fk == nil {
		return nil
	}
	out := make([]string, len(fk.Columns))
	for i, c := range fk.Columns {
		out[i] = c.Name
	}
	return out
}

// sideKey returns old's foreign key of the side-th side of its
// relationship declared by r, or nil.
func sideKey(old *model.Schema, r *dsl.RelationshipDecl, side int) *model.ForeignKey {
	var rels []*model.Relationship
	for _, rel := range old.Relationships {
		if rel.Pos.Offset == r.Pos.Offset {
			rels = append(rels, rel)
		}
	}
	switch {
	case len(rels) == 1 && side >= 0 && side < len(rels[0].ForeignKeys):
		return rels[0].ForeignKeys[side]
	case len(rels) > 1 && side >= 0 && side < len(rels) && len(rels[side].ForeignKeys) > 0: // an arc: one per parent
		return rels[side].ForeignKeys[0]
	}
	return nil
}

// leaving returns, by the name of OLD's table, the columns NEW's renames
// take away from it, whichever relationship declares them: a rename may
// take such a name (names swapped or passed along between sides or
// relationships of one table).
func (rn *renamer) leaving(olds, news []*dsl.RelationshipDecl) map[string]bool {
	out := map[string]bool{}
	for _, r := range news {
		k := rn.pairedRelationship(olds, r)
		for _, it := range r.Items {
			c := it.Column
			if k < 0 || c == nil || c.WasSingle == nil && c.WasColumns == nil {
				continue
			}
			if fk := sideKey(rn.old, olds[k], sideIndex(r, c.Side)); fk != nil {
				for _, n := range columnNames(c.WasSingle, c.WasColumns) {
					out[fk.Table.Name+"\x00"+model.ColumnIdent(n)] = true
				}
			}
		}
	}
	return out
}

// taken returns the first of names that fk's table already has as a column
// other than fk's own ones and than those renamed away (leaving, and the
// attributes renamed), "" if none: renamed onto it, the foreign key would
// take that column and its values instead.
func taken(fk *model.ForeignKey, names []string, leaving map[string]bool, attributes map[string]string) string {
	if fk == nil {
		return ""
	}
	for _, n := range names {
		c := fk.Table.Column(model.ColumnIdent(n))
		if _, renamed := attributes[n]; c != nil && !slices.Contains(fk.Columns, c) && !leaving[fk.Table.Name+"\x00"+c.Name] && !renamed {
			return n
		}
	}
	return ""
}

// sideIndex is which side of r a `column` clause's side names: 0 for none
// (a 1:N's one foreign key), else the role's or the parent's place (an
// M:N's two, an arc's parents); -1 for a name r does not have.
func sideIndex(r *dsl.RelationshipDecl, side *dsl.Name) int {
	if side == nil {
		return 0
	}
	if i := slices.Index(rolesOf(r), model.SnakeCase(side.Value)); i >= 0 {
		return i
	}
	return slices.IndexFunc(parentsOf(r), func(p *dsl.Name) bool { return p.Value == side.Value })
}

// renameColumns gives the k-th relationship of a file the column names rn
// renames it to: each rename addresses its clause by place, so that names
// swapped or passed along between sides do not rename one another; a
// side whose columns were derived gets a clause, at the declaration's
// position, where the derived columns were placed (renameSteps pairs
// columns by position).
func (rn *renamer) renameColumns(r *dsl.RelationshipDecl, k int) {
	if len(rn.columns[k]) == 0 && len(rn.junctionAttributes[k]) == 0 {
		return
	}
	// Old name to new, over every rename of the relationship, its foreign
	// key columns' and its junction attributes', applied once to each
	// name: a junction's attributes, its key column and the block's index
	// and unique clauses name the columns.
	renamed := map[string]string{}
	for _, cr := range rn.columns[k] {
		for i, from := range cr.from {
			renamed[model.ColumnIdent(from)] = cr.to[i]
		}
	}
	for from, to := range rn.junctionAttributes[k] {
		renamed[model.ColumnIdent(from)] = to
	}
	rename := func(n *dsl.Name) {
		if to, ok := renamed[model.ColumnIdent(n.Value)]; ok {
			n.Value = to
		}
	}
	for _, it := range r.Items {
		if a := it.Attribute; a != nil && r.Card.Value == "M:N" {
			rename(a.Name)
		}
		if key := it.Key; key != nil && key.Column != nil {
			rename(key.Column)
		}
		for _, d := range []*dsl.IndexDecl{it.Index, it.Unique} {
			if d == nil {
				continue
			}
			for _, key := range d.Keys {
				if key.Column != nil {
					rename(key.Column)
				}
			}
			for _, o := range d.Options {
				if o.Include != nil {
					for _, n := range o.Include.Columns {
						rename(n)
					}
				}
			}
		}
	}
	for _, cr := range rn.columns[k] {
		if cr.item >= 0 {
			c := r.Items[cr.item].Column
			names := []*dsl.Name{c.Single}
			if c.Columns != nil {
				names = c.Columns.Columns
			}
			for i, n := range names {
				n.Value = cr.to[i]
			}
			continue
		}
		names := make([]*dsl.Name, len(cr.to))
		for i, n := range cr.to {
			names[i] = &dsl.Name{Pos: r.Pos, EndPos: r.Pos, Value: n}
		}
		c := &dsl.SidedColumns{Pos: r.Pos, Side: sideName(r, cr.side)}
		if len(names) == 1 {
			c.Single = names[0]
		} else {
			c.Columns = &dsl.ColumnList{Pos: r.Pos, EndPos: r.Pos, Columns: names}
		}
		r.Items = append(r.Items, &dsl.RelItem{Pos: r.Pos, EndPos: r.Pos, Column: c})
	}
}

// parentsOf are the entities r's sides refer to, in the order of its
// foreign keys: an M:N's two, or a 1:N's parent and an arc's others.
func parentsOf(r *dsl.RelationshipDecl) []*dsl.Name {
	if r.Card.Value == "M:N" {
		return []*dsl.Name{r.Left, r.Right}
	}
	return append([]*dsl.Name{r.Left}, r.Others...)
}

// sideName names the side-th side of r as a `column` clause of r names
// it: nothing for a 1:N, a role written with `as`, else the entity.
func sideName(r *dsl.RelationshipDecl, side int) *dsl.Name {
	if r.Card.Value != "M:N" && len(r.Others) == 0 {
		return nil
	}
	for _, h := range r.Header {
		if side < len(h.Roles) {
			return &dsl.Name{Pos: r.Pos, EndPos: r.Pos, Value: h.Roles[side].Value}
		}
	}
	return &dsl.Name{Pos: r.Pos, EndPos: r.Pos, Value: parentsOf(r)[side].Value}
}

// pairedRelationship returns the index of OLD's relationship that NEW's r
// comes from: between the same entities (renamed or not), of the same
// cardinality, with the same roles (or those its `was` names); -1 if none.
func (rn *renamer) pairedRelationship(olds []*dsl.RelationshipDecl, r *dsl.RelationshipDecl) int {
	return rn.findRelationship(olds, r, rn.oldRoles(r))
}

// columnNames are the names of `column NAME` or `columns (NAMES)`.
func columnNames(single *dsl.Name, list *dsl.ColumnList) []string {
	if list == nil {
		return []string{single.Value}
	}
	out := make([]string, len(list.Columns))
	for i, n := range list.Columns {
		out[i] = n.Value
	}
	return out
}

// sameColumns compares column names as PostgreSQL does, cut to 63 bytes.
func sameColumns(a, b []string) bool {
	return slices.EqualFunc(a, b, func(x, y string) bool { return model.ColumnIdent(x) == model.ColumnIdent(y) })
}
