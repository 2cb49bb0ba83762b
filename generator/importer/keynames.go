package importer

import (
	"slices"
	"strings"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator/model"
)

// A nameRef is a key, check, index or enum the render wrote, by the
// kind of object the model makes of it, with the database's name.
type nameRef struct {
	kind, key, name string
}

// asName records that the line the writer is about to write declares an
// object of kind whose database name is name, and returns its `as NAME`
// when ergen would derive another name for it, else "". key identifies
// the object across renders.
func (im *importer) asName(w *writer, kind, key, name string) string {
	line := w.lines + 1
	im.nameAt[line] = append(im.nameAt[line], nameRef{kind, key, name})
	if im.named[key] {
		return " as " + name
	}
	return ""
}

// adjustKeyNames learns from the probe s which keys, checks and indexes
// ergen names otherwise than the database, matching each object of the
// model to the line that declared it, and reports whether any name must
// now be written.
func (im *importer) adjustKeyNames(s *model.Schema) bool {
	changed := false
	taken := map[int]map[string]int{} // by line, refs of a kind consumed
	// plain is set when the model's name is the one ergen derives
	// anyway, so a name written only to end a collision can go again.
	learn := func(line int, kind, derived string, plain bool) {
		n := 0
		if taken[line] == nil {
			taken[line] = map[string]int{}
		}
		for _, ref := range im.nameAt[line] {
			if ref.kind != kind {
				continue
			}
			if n == taken[line][kind] {
				taken[line][kind]++
				// Only a name .er can write is written; any other stays
				// a difference the catalogs' comparison reports.
				if derived != ref.name && isName(ref.name) && !im.named[ref.key] {
					im.named[ref.key], changed = true, true
				}
				if plain && im.forced[ref.key] && im.named[ref.key] {
					im.named[ref.key], im.forced[ref.key], changed = false, false, true
				}
				return
			}
			n++
		}
	}
	for _, e := range s.Enums {
		learn(e.Pos.Line, "enum", e.SQLName, false)
	}
	for _, t := range s.Tables {
		// A junction's lines declare its key and its indexes (render),
		// and no unique key or check, so those are all it learns.
		if pk := t.PrimaryKey; pk != nil {
			learn(pk.Pos.Line, "pk", pk.Name, false)
			if im.nameSurrogateKey(t.Name, pk.Name) {
				changed = true
			}
		}
		for _, k := range t.Uniques {
			learn(k.Pos.Line, "uq", k.Name, false)
		}
		for _, ck := range t.Checks {
			learn(ck.Pos.Line, "ck", ck.Name, false)
		}
		for _, x := range t.Exclusions {
			learn(x.Pos.Line, "ex", x.Name, false)
		}
		for _, ix := range t.Indexes {
			if ix.ForeignKey == nil {
				_, plain := t.IndexWords(ix)
				learn(ix.Pos.Line, "ix", ix.Name, plain)
			} else if im.nameForeignKeyIndex(t.Name, ix) {
				changed = true
			}
		}
	}
	return changed
}

// nameCollisions writes out the database's names of the objects on the
// lines where the probe's derived names collided (two indexes over one
// column that differ only in their options), and reports whether it
// named any. A line whose objects are all named already collided with an
// object declared elsewhere that derives the name this one has in the
// database (`index (a) where (a > 5)` deriving idx_things_a_partial,
// which another partial index over a is named): the model cannot say
// which, so every object of its kind on the table is named, and those
// whose name ergen derives anyway lose it again (adjustKeyNames), as do
// the ones named on the line of the collision.
func (im *importer) nameCollisions(diags dsl.Diagnostics) bool {
	changed := false
	for _, d := range diags {
		if d.Severity != dsl.Error {
			continue
		}
		named := false
		for _, ref := range im.nameAt[d.Pos.Line] {
			if isName(ref.name) && !im.named[ref.key] {
				im.named[ref.key], im.forced[ref.key], named = true, true, true
			}
		}
		if !named {
			named = im.nameAllLike(im.nameAt[d.Pos.Line], strings.Contains(d.Msg, " is already used by "))
		}
		changed = changed || named
	}
	return changed
}

// nameAllLike names every object of the kind and table of one of refs
// whose name is not written yet, marking them forced; with no refs, as
// on the line of a sequence whose name an index derives, it names every
// object of the model when everywhere is set. It reports whether it named any.
func (im *importer) nameAllLike(refs []nameRef, everywhere bool) bool {
	changed := false
	like := func(o nameRef) bool {
		return slices.ContainsFunc(refs, func(r nameRef) bool { return r.kind == o.kind && r.table() == o.table() })
	}
	for _, others := range im.nameAt {
		for _, o := range others {
			if (like(o) || len(refs) == 0 && everywhere) && isName(o.name) && !im.named[o.key] {
				im.named[o.key], im.forced[o.key], changed = true, true, true
			}
		}
	}
	return changed
}

// table is the table a key, check or index belongs to, read from its
// key (see asName): "ix:things:i3" is of things.
func (r nameRef) table() string {
	return strings.TrimSuffix(strings.TrimPrefix(r.key, r.kind+":"), ":"+r.name)
}

// nameForeignKeyIndex marks for writing the index of the database that
// ergen would add for a foreign key under another name: declared as
// `index (...) as NAME`, it stands for the FK's index. It reports whether
// it marked one.
func (im *importer) nameForeignKeyIndex(table string, mix *model.Index) bool {
	ent := im.byTable[table]
	if ent == nil {
		return false
	}
	for i := range ent.t.Indexes {
		ix := &ent.t.Indexes[i]
		key := "ix:" + table + ":" + ix.Name
		if ix.Name != mix.Name && isName(ix.Name) && !im.named[key] &&
			slices.Equal(ix.Columns, columnNames(mix.Columns)) && im.fkIndex(ent, ix) {
			im.named[key] = true
			return true
		}
	}
	return false
}

// nameSurrogateKey declares the surrogate key of a junction whose
// primary key the database names otherwise than ergen (derived), so that
// its attribute can carry `pk as NAME`; it reports whether it did.
func (im *importer) nameSurrogateKey(table, derived string) bool {
	ent := im.byTable[table]
	if ent == nil || ent.junction == nil || ent.junction.key != "surrogate" || ent.junction.keyAttr {
		return false
	}
	name := ent.t.PrimaryKey.Name
	if name == derived || !isName(name) {
		return false
	}
	ent.junction.keyAttr = true
	im.named["pk:"+table] = true
	return true
}
