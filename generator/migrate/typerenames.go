package migrate

import (
	"slices"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator/model"
)

// collectEnums reads `enum NEW was OLD`: OLD must declare the old name
// and not the new one, or already the new one (the rename was applied).
// An enum's type name written with `as` belongs to the enum: when it
// changes, the type is renamed too.
func (rn *renamer) collectEnums(oldFile, newFile *dsl.File) {
	olds := map[string]*dsl.EnumDecl{}
	for _, d := range oldFile.Decls {
		if d.Enum != nil {
			olds[d.Enum.Name.Value] = d.Enum
		}
	}
	for _, d := range newFile.Decls {
		e := d.Enum
		if e == nil {
			continue
		}
		oldName := e.Name.Value
		if e.Was != nil {
			switch was, is := e.Was.Value, e.Name.Value; {
			case olds[was] != nil && olds[is] != nil:
				rn.errorf(e.Was, "enum %s was %s, but the old model has both", is, was).
					Hintf("remove `was %s`, or the old enum %s", was, is)
			case olds[was] != nil:
				oldName = was
				rn.enums[was] = is
				rn.back.enums[is] = was
			case olds[is] == nil:
				rn.errorf(e.Was, "enum %s was %s, but the old model has no enum %s", is, was, was).
					Hintf("`was` names the enum as the old model declares it")
			}
		}
		if o := olds[oldName]; o != nil && typeName(o) != typeName(e) {
			rn.enumTypes[oldName] = e.Type
			rn.back.enumTypes[e.Name.Value] = o.Type
		}
	}
}

// typeName is the type name an enum declares with `as`, or "".
func typeName(e *dsl.EnumDecl) string {
	if e.Type == nil {
		return ""
	}
	return e.Type.Value
}

// collectJunctions reads `via NEW was via OLD` in an M:N's header: OLD
// must have an M:N whose junction is called OLD, or one without `via`
// between the same entities whose derived junction OLD names, or already
// NEW.
func (rn *renamer) collectJunctions(oldFile, newFile *dsl.File) {
	olds := map[string]bool{}
	for _, r := range relationships(oldFile) {
		if v := viaOf(r); v != nil {
			olds[v.Value] = true
		}
	}
	oldRels := relationships(oldFile)
	for j, r := range relationships(newFile) {
		for _, h := range r.Header {
			if h.ViaWas == nil {
				continue
			}
			via, derived := viaOf(r), rn.derivedJunction(oldRels, r, h.ViaWas.Value)
			switch was := h.ViaWas.Value; {
			case via == nil:
				rn.errorf(h.ViaWas, "relationship %s %s %s: `was via %s` renames a junction, but the relationship names none with `via`", r.Left.Value, r.Card.Value, r.Right.Value, was).
					Hintf("write the junction's new name first: `via NEW was via %s`", was)
			case olds[was] && olds[via.Value]:
				rn.errorf(h.ViaWas, "junction %s was %s, but the old model has both", via.Value, was).
					Hintf("remove `was via %s`", was)
			case olds[was]:
				rn.junctions[was] = via.Value
				rn.back.junctions[via.Value] = was
			case derived >= 0:
				rn.vias[derived] = via
				rn.back.vias[j] = nil
			case !olds[via.Value]:
				rn.errorf(h.ViaWas, "junction %s was %s, but the old model has no junction %s", via.Value, was, was).
					Hintf("`was via` names the junction as the old model's `via` does, or the name it derives (`was via OrderProduct` for `order_products`)")
			}
		}
	}
}

func viaOf(r *dsl.RelationshipDecl) *dsl.Name {
	for _, h := range r.Header {
		if h.Via != nil {
			return h.Via
		}
	}
	return nil
}

// rename gives n its new name from names, if it has one.
func rename(names map[string]string, n *dsl.Name) {
	if n == nil {
		return
	}
	if to, ok := names[n.Value]; ok {
		n.Value = to
	}
}

// collectTable reads a change of the table name an entity declares with
// `table "..."`: the name belongs to the entity, so the table is renamed.
func (rn *renamer) collectTable(e, old *dsl.EntityDecl, oldName string) {
	if old != nil && tableName(old) != tableName(e) {
		rn.tables[oldName] = tableClause(e)
		rn.back.tables[e.Name.Value] = tableClause(old)
	}
}

// tableClause is an entity's `table "..."` clause, or nil.
func tableClause(e *dsl.EntityDecl) *dsl.String {
	for _, it := range e.Items {
		if it.Table != nil {
			return it.Table
		}
	}
	return nil
}

func tableName(e *dsl.EntityDecl) string {
	if t := tableClause(e); t != nil {
		return t.Unquote()
	}
	return ""
}

// tableOf gives an entity of OLD the table name NEW declares for it.
func (rn *renamer) tableOf(e *dsl.EntityDecl) {
	to, ok := rn.tables[e.Name.Value]
	if !ok {
		return
	}
	e.Items = slices.DeleteFunc(e.Items, func(it *dsl.EntityItem) bool { return it.Table != nil })
	if to != nil {
		e.Items = append(e.Items, &dsl.EntityItem{Table: to})
	}
}

// enumDecl gives an enum of OLD its new name, and its new type name.
func (rn *renamer) enumDecl(en *dsl.EnumDecl) {
	if t, ok := rn.enumTypes[en.Name.Value]; ok {
		en.Type = t
	}
	rename(rn.enums, en.Name)
}

// typeOf renames the enum an attribute's type names.
func (rn *renamer) typeOf(a *dsl.Attribute) {
	rn.defaultOf(a)
	if to, ok := rn.enums[a.Type.Name]; ok {
		a.Type.Name = to
	}
}

// defaultOf renames the value a default of an enum-typed attribute names,
// when NEW renames that value: `kind Kind = 'b'` becomes `= 'c'` with
// `'c' was 'b'`, so that OLD so renamed resolves. The database needs no
// step for it: PostgreSQL stores the default as the value, which RENAME
// VALUE renames; renameEnumDefaults says so to the plan.
func (rn *renamer) defaultOf(a *dsl.Attribute) {
	values := rn.values[a.Type.Name]
	if len(values) == 0 || len(a.Type.Array) > 0 {
		return
	}
	for _, o := range a.Options {
		if term := o.Default.StringLiteral(); term != nil {
			if to, ok := values[label(term.String)]; ok {
				term.String = model.QuoteLiteral(label(to))
			}
		}
	}
}

// renameEnums renames the enum types and values the two resolutions of
// OLD name differently, one step per type, positioned at NEW's enum.
func renameEnums(old, renamed, new *model.Schema) []*Step {
	var steps []*Step
	for i, en := range old.Enums {
		to := renamed.Enums[i]
		var sql []string
		for j, v := range en.Values {
			if j < len(to.Values) && v != to.Values[j] {
				sql = append(sql, "ALTER TYPE "+old.Qualify(en.SQLName)+" RENAME VALUE "+model.QuoteLiteral(v)+" TO "+model.QuoteLiteral(to.Values[j])+";")
			}
		}
		what := "rename values of enum " + en.SQLName
		if en.SQLName != to.SQLName {
			sql = append(sql, "ALTER TYPE "+old.Qualify(en.SQLName)+" RENAME TO "+model.QuoteIdent(to.SQLName)+";")
			what = "rename enum " + en.SQLName + " to " + to.SQLName
		}
		if len(sql) == 0 {
			continue
		}
		pos := en.Pos
		for _, ne := range new.Enums {
			if ne.Name == to.Name {
				pos = ne.Pos
			}
		}
		steps = append(steps, &Step{Phase: PhaseRename, What: what, Pos: pos, Transactional: true, SQL: sql})
	}
	return steps
}

// renameEnumDefaults gives the columns of renamed, OLD with NEW's renames
// applied, the default text of the enum value as renamed: the model keeps
// a default as written (`'b'`), which defaultOf's renaming of the syntax
// tree leaves as it was, and the plan would otherwise set again a
// default that RENAME VALUE has already renamed.
func renameEnumDefaults(old, renamed *model.Schema) {
	to := map[*model.Enum]map[string]string{}
	for i, en := range renamed.Enums {
		for j, v := range en.Values {
			if i < len(old.Enums) && j < len(old.Enums[i].Values) && old.Enums[i].Values[j] != v {
				if to[en] == nil {
					to[en] = map[string]string{}
				}
				to[en][model.QuoteLiteral(old.Enums[i].Values[j])] = model.QuoteLiteral(v)
			}
		}
	}
	if len(to) == 0 {
		return
	}
	for _, t := range renamed.Tables {
		for _, c := range t.Columns {
			if c.Type.Base != model.EnumType || c.Type.Array > 0 {
				continue
			}
			if v, ok := to[c.Type.Enum][c.Default]; ok {
				c.Default = v
			}
		}
	}
}

// carryColumnRenames renames, in the expressions of renamed's tables (OLD
// with NEW's renames applied), the columns NEW renames, and the table's
// name where it qualifies a column or stands for the row: the model
// keeps an expression as written, with the old names, while PostgreSQL
// stores columns and rows, renamed with them, in every expression it
// stores (checks, index keys and predicates, exclusion constraints,
// generated columns, partition keys). Without it a plan would drop and
// build again, or compute anew, whatever names a renamed column, or
// qualifies one with a renamed table's name, though the renames leave it
// as NEW declares it. The table's name comes first, so that the columns
// it qualifies are found under the new one.
func carryColumnRenames(old, renamed *model.Schema) {
	for _, pair := range tablePairs(old, renamed) {
		if pair[0].Name != pair[1].Name {
			pair[1].RenameTableRefs(pair[0])
		}
		names := map[string]string{}
		for _, p := range matching(pair[0].Columns, pair[1].Columns, func(c *model.Column) int { return c.Pos.Offset }) {
			if p[0].Name != p[1].Name {
				names[p[0].Name] = p[1].Name
			}
		}
		if len(names) > 0 {
			pair[1].RenameColumnRefs(names)
		}
	}
}
