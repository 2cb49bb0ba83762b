package importer

import (
	"fmt"
	"slices"

	"github.com/ergen-dev/ergen/generator/importer/catalog"
)

// A multi-tenant schema's foreign keys share a column: FOREIGN KEY
// (tenant_id, board_id) and FOREIGN KEY (tenant_id, author_id). A model
// shares a declared attribute named in the `columns` of several
// relationships, which the importer writes; these functions say which
// keys of a table share what, and what of them a model cannot express.

// keyUses counts, per column of ent's table, the foreign keys through it
// that may become relationships (those left out already, and those to
// another schema, count for nothing).
func (im *importer) keyUses(ent *entity) map[string]int {
	uses := map[string]int{}
	for _, fk := range ent.t.ForeignKeys {
		if im.fkLeft[fkID{ent.t.Name, fk.Name}] != "" || fk.RefSchema != im.cat.Schema {
			continue
		}
		for _, c := range fk.Columns {
			uses[c]++
		}
	}
	return uses
}

// sharedKey reports whether some column of fk belongs to another foreign
// key of ent's table too.
func (im *importer) sharedKey(ent *entity, fk *catalog.ForeignKey) bool {
	uses := im.keyUses(ent)
	return slices.ContainsFunc(fk.Columns, func(c string) bool { return uses[c] > 1 })
}

// sharedInexpressible says why fk, whose columns other keys may share,
// cannot be a relationship, or returns "": an action that changes a
// shared column, which a model refuses because it would break the other
// keys.
func sharedInexpressible(fk *catalog.ForeignKey, uses map[string]int) string {
	changes := func(act string, cols []string) string {
		if act != catalog.SetNull && act != catalog.SetDefault {
			return ""
		}
		for _, c := range cols {
			if uses[c] > 1 {
				return c
			}
		}
		return ""
	}
	del := fk.OnDeleteColumns
	if del == nil {
		del = fk.Columns
	}
	if c := changes(fk.OnDelete, del); c != "" {
		return fmt.Sprintf("ON DELETE %s changes column %s, which another foreign key shares; a model's key over a shared column changes only its own columns", fk.OnDelete, c)
	}
	if c := changes(fk.OnUpdate, fk.Columns); c != "" {
		return fmt.Sprintf("ON UPDATE %s changes column %s, which another foreign key shares; a model's key over a shared column is not SET NULL or SET DEFAULT on update", fk.OnUpdate, c)
	}
	return ""
}

// keepsShared reports whether fk's NOT NULL columns are all shared with
// another key and some column is nullable: a model's optional key over a
// shared tenant_id.
func keepsShared(ent *entity, fk *catalog.ForeignKey, uses map[string]int) bool {
	own := false
	for _, name := range fk.Columns {
		switch {
		case !ent.cols[name].c.NotNull:
			own = true
		case uses[name] < 2:
			return false
		}
	}
	return own
}
