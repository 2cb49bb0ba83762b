package importer

import (
	"fmt"

	"github.com/ergen-dev/ergen/generator/importer/catalog"

	"github.com/ergen-dev/ergen/dsl"
)

// A legal database can hold what a model refuses: a cycle of NOT NULL
// foreign keys, ON DELETE SET NULL on a NOT NULL column, MATCH FULL with
// ON DELETE SET NULL of some columns. ergen's checks are right to refuse
// them in a model written by hand, since the DDL would do what its
// author cannot have meant; but the import must still give a model. So
// where the model does not resolve, the objects its errors point at give
// way, one step at a time, each with a note: a foreign key first loses
// its referential actions, then is left out (its columns stay plain
// attributes); an index, UNIQUE, CHECK or exclusion constraint is left
// out. The comparison of the catalogs then notes every property lost.

// unresolved is the error of a model that does not resolve.
type unresolved struct {
	diags dsl.Diagnostics
	model []byte
}

func (u *unresolved) Error() string {
	return fmt.Sprintf("importer: the imported model does not resolve (please report this with the schema):\n%v\n--- model:\n%s", u.diags, u.model)
}

// fkID identifies a foreign key across inferences.
type fkID struct{ table, name string }

// tableOf is the table holding the foreign keys of rel.
func (rel *relationship) tableOf() string {
	if rel.junction != nil {
		return rel.junction.t.Name
	}
	return rel.child.t.Name
}

// markBlock records that the lines from first, a relationship's header,
// to the last written so far declare the foreign keys of rels: each item
// line that own gives (by its place among the block's items) that one
// foreign key, the others all of them.
func (im *importer) markBlock(w *writer, first int, own map[int]fkID, rels ...*relationship) {
	var all []fkID
	for _, rel := range rels {
		for _, s := range rel.side {
			all = append(all, fkID{rel.tableOf(), s.fk.Name})
		}
	}
	for line := first; line <= w.lines; line++ {
		if id, ok := own[line-first-1]; ok {
			im.blockAt[line] = []fkID{id}
		} else {
			im.blockAt[line] = all
		}
	}
}

// ownItems records that items from start on are the clauses of the
// foreign key fk of rel.
func ownItems(own map[int]fkID, items []string, start int, rel *relationship, fk *catalog.ForeignKey) {
	for k := start; k < len(items); k++ {
		own[k] = fkID{rel.tableOf(), fk.Name}
	}
}

// giveWay weakens the objects that the errors of diags point at, and
// reports whether it weakened any: when not, nothing is left to try.
func (im *importer) giveWay(diags dsl.Diagnostics) bool {
	changed := false
	blocks := map[fkID]bool{} // a block gives way one step a round
	for _, d := range diags {
		if d.Severity != dsl.Error {
			continue
		}
		if ids := im.blockAt[d.Pos.Line]; len(ids) > 0 && !blocks[ids[0]] {
			blocks[ids[0]] = true
			changed = im.weakenForeignKeys(ids, d.Msg) || changed
		}
		for _, ref := range im.nameAt[d.Pos.Line] {
			if ref.kind == "pk" || ref.kind == "enum" || im.left[ref.key] != "" {
				continue
			}
			what := map[string]string{"ix": "index", "uq": "unique key", "ck": "check", "ex": "exclusion constraint"}[ref.kind]
			im.left[ref.key] = fmt.Sprintf("%s %s: the model would not resolve (%s); it leaves it out", what, ref.name, d.Msg)
			im.leftNotes[ref.table()] = append(im.leftNotes[ref.table()], im.left[ref.key])
			changed = true
		}
	}
	return changed
}

// weakenForeignKeys takes the next step for the foreign keys ids of one
// relationship: those with referential actions lose them; when none has
// any left, the first is left out (the others then make relationships of
// their own, or stay its members: an arc, an M:N).
func (im *importer) weakenForeignKeys(ids []fkID, why string) bool {
	var fks []*catalog.ForeignKey
	for _, id := range ids {
		t := im.cat.Table(id.table)
		if t == nil || t.ForeignKey(id.name) == nil {
			return false
		}
		fks = append(fks, t.ForeignKey(id.name))
	}
	changed := false
	for i, id := range ids {
		if fk := fks[i]; !im.noActions[id] && (actionWords[fk.OnDelete] != "" || actionWords[fk.OnUpdate] != "") {
			im.noActions[id], changed = true, true
			im.leftNotes[id.table] = append(im.leftNotes[id.table], fmt.Sprintf("foreign key %s: the model would not resolve (%s); it leaves out ON DELETE and ON UPDATE", id.name, why))
		}
	}
	for _, id := range ids {
		if !changed && im.fkLeft[id] == "" {
			im.fkLeft[id], changed = fmt.Sprintf("the model would not resolve (%s); it leaves the foreign key out", why), true
		}
	}
	return changed
}
