package migrate

import (
	"slices"
	"strings"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator/model"
)

// columnRename is one `column NEW was OLD` of a relationship: the foreign
// key columns named from, renamed to.
type columnRename struct{ from, to []string }

// collectColumns reads `was` after a relationship's `column` or
// `columns`: the foreign key columns the old model names with `column`
// in the same relationship are renamed. Columns the old model derives
// from a role are renamed with the role (`as NEW was OLD`), which says
// so in the hint.
func (rn *renamer) collectColumns(oldFile, newFile *dsl.File) {
	olds := relationships(oldFile)
	for j, r := range relationships(newFile) {
		for _, it := range r.Items {
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
			switch {
			case k < 0:
				rn.errorf(at, "relationship %s renames its columns, but the old model has no such relationship", label).
					Hintf("`was` after `column` renames the columns of a relationship the old model has, between the same entities and with the same roles")
			case namesColumns(olds[k], from):
				rn.columns[k] = append(rn.columns[k], columnRename{from, to})
				rn.back.columns[j] = append(rn.back.columns[j], columnRename{to, from})
			case !namesColumns(olds[k], to): // else renamed before: the clause can go
				rn.errorf(at, "relationship %s: column %s was %s, but the old relationship names no such column with `column`", label,
					strings.Join(to, ", "), strings.Join(from, ", ")).
					Hintf("`was` names the columns as the old model's `column` names them; columns the old model derives from a role " +
						"(user_id) are renamed with the role: `as author was user`")
			}
		}
	}
}

// renameColumns gives the `column` of the k-th relationship of a file the
// names rn renames them to, keeping the positions that pair each column
// with itself (renameSteps).
func (rn *renamer) renameColumns(r *dsl.RelationshipDecl, k int) {
	for _, cr := range rn.columns[k] {
		for _, it := range r.Items {
			c := it.Column
			if c == nil || !sameColumns(columnNames(c.Single, c.Columns), cr.from) {
				continue
			}
			names := []*dsl.Name{c.Single}
			if c.Columns != nil {
				names = c.Columns.Columns
			}
			for i, n := range names {
				n.Value = cr.to[i]
			}
		}
	}
}

// pairedRelationship returns the index of OLD's relationship that NEW's r
// comes from: between the same entities (renamed or not), of the same
// cardinality, with the same roles (or those its `was` names); -1 if none.
func (rn *renamer) pairedRelationship(olds []*dsl.RelationshipDecl, r *dsl.RelationshipDecl) int {
	left, right := rn.oldEntity(r.Left.Value), rn.oldEntity(r.Right.Value)
	var roles []string
	for _, h := range r.Header {
		for _, n := range h.RolesWas {
			roles = append(roles, model.SnakeCase(n.Value))
		}
	}
	if roles == nil {
		// The roles as OLD writes or derives them.
		as := *r
		as.Left, as.Right = &dsl.Name{Value: left}, &dsl.Name{Value: right}
		roles = rolesOf(&as)
	}
	return slices.IndexFunc(olds, func(o *dsl.RelationshipDecl) bool {
		return o.Left.Value == left && o.Right.Value == right && o.Card.Value == r.Card.Value && slices.Equal(rolesOf(o), roles)
	})
}

// namesColumns reports whether r names columns with `column` or `columns`.
func namesColumns(r *dsl.RelationshipDecl, columns []string) bool {
	return slices.ContainsFunc(r.Items, func(it *dsl.RelItem) bool {
		return it.Column != nil && sameColumns(columnNames(it.Column.Single, it.Column.Columns), columns)
	})
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
