package migrate

import (
	"slices"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator/model"
)

// An M:N's junction table is named by `table "..."` in its block, else by
// `via`, else derived from the two entities (`order_products`). The
// renames here cover the first and the last: a changed `table "..."`
// renames the junction as it does an entity's table, and `via NEW was via
// DERIVED` names a junction that OLD derived.

// derivedJunction returns the index of OLD's M:N between the entities of
// r (before their renames) that has no `via` and whose derived junction
// table is the one `was` names: written as a `via` would give it
// (`OrderProduct`) or as the table name (`order_products`); -1 if none.
func (rn *renamer) derivedJunction(olds []*dsl.RelationshipDecl, r *dsl.RelationshipDecl, was string) int {
	left, right := rn.oldEntity(r.Left.Value), rn.oldEntity(r.Right.Value)
	return slices.IndexFunc(olds, func(o *dsl.RelationshipDecl) bool {
		if o.Card.Value != "M:N" || viaOf(o) != nil || o.Left.Value != left || o.Right.Value != right {
			return false
		}
		derived := model.ShortenIdent(model.SnakeCase(left) + "_" + model.Plural(model.SnakeCase(right)))
		return derived == was || derived == model.ShortenIdent(model.Plural(model.SnakeCase(was)))
	})
}

// oldEntity is the name OLD gives the entity NEW calls name.
func (rn *renamer) oldEntity(name string) string {
	if o, ok := rn.back.entities[name]; ok {
		return o
	}
	return name
}

// pairedJunction returns the index of OLD's M:N that NEW's M:N r comes
// from: between the same entities (renamed or not), with the same roles
// (or those its `was` names) and the same junction (or the one its `was
// via` names); -1 if none.
func (rn *renamer) pairedJunction(olds []*dsl.RelationshipDecl, r *dsl.RelationshipDecl) int {
	return rn.pairedJunctionBy(olds, r, nil)
}

// pairedJunctionBy is pairedJunction, with OLD's junction matched by
// matchVia instead, when it is not nil.
func (rn *renamer) pairedJunctionBy(olds []*dsl.RelationshipDecl, r *dsl.RelationshipDecl, matchVia func(*dsl.Name) bool) int {
	left, right := rn.oldEntity(r.Left.Value), rn.oldEntity(r.Right.Value)
	roles := rn.oldRoles(r)
	via, viaWas := viaOf(r), (*dsl.Name)(nil)
	for _, h := range r.Header {
		if h.ViaWas != nil && matchVia == nil {
			if k := rn.derivedJunction(olds, r, h.ViaWas.Value); k >= 0 {
				return k
			}
			viaWas = h.ViaWas
		}
	}
	same := func(a, b *dsl.Name) bool { return (a == nil) == (b == nil) && (a == nil || a.Value == b.Value) }
	if matchVia == nil {
		matchVia = func(v *dsl.Name) bool { return same(v, via) || viaWas != nil && same(v, viaWas) }
	}
	return slices.IndexFunc(olds, func(o *dsl.RelationshipDecl) bool {
		return o.Card.Value == "M:N" && o.Left.Value == left && o.Right.Value == right &&
			slices.Equal(rolesOf(o), roles) && matchVia(viaOf(o))
	})
}

// collectDroppedVias reads an M:N whose `via` NEW removes, so that its
// junction goes back to the name derived from its entities: OLD's `via`
// names the junction, so it is renamed, as when a `table "..."` is
// removed. NEW's M:N must have no `via`, and OLD's, between the same
// entities with the same roles, one that no relationship of NEW uses and
// NEW does not rename; an M:N of OLD without `via` there pairs first.
func (rn *renamer) collectDroppedVias(oldFile, newFile *dsl.File) {
	olds, news := relationships(oldFile), relationships(newFile)
	used := map[string]bool{}
	for _, r := range news {
		if v := viaOf(r); v != nil {
			used[v.Value] = true
		}
	}
	for j, r := range news {
		if r.Card.Value != "M:N" || viaOf(r) != nil || rn.pairedJunction(olds, r) >= 0 {
			continue
		}
		k := rn.pairedJunctionBy(olds, r, func(v *dsl.Name) bool {
			if v == nil {
				return false
			}
			_, renamed := rn.junctions[v.Value]
			return !used[v.Value] && !renamed
		})
		if _, taken := rn.vias[k]; k < 0 || taken {
			continue
		}
		rn.vias[k] = nil
		rn.back.vias[j] = &dsl.Name{Value: viaOf(olds[k]).Value}
	}
}

// collectJunctionTables reads a change of the table name an M:N declares
// for its junction with `table "..."`: the name belongs to the
// relationship, so the junction is renamed.
func (rn *renamer) collectJunctionTables(oldFile, newFile *dsl.File) {
	olds := relationships(oldFile)
	for j, r := range relationships(newFile) {
		if r.Card.Value != "M:N" {
			continue
		}
		k := rn.pairedJunction(olds, r)
		if k < 0 {
			continue
		}
		if from, to := junctionTable(olds[k]), junctionTable(r); !sameString(from, to) {
			rn.junctionTables[k] = to
			rn.back.junctionTables[j] = from
		}
	}
}

func sameString(a, b *dsl.String) bool {
	return (a == nil) == (b == nil) && (a == nil || a.Unquote() == b.Unquote())
}

// junctionTable is an M:N's `table "..."` clause, or nil.
func junctionTable(r *dsl.RelationshipDecl) *dsl.String {
	for _, it := range r.Items {
		if it.Table != nil {
			return it.Table
		}
	}
	return nil
}

// junctionOf gives the k-th relationship of OLD the junction NEW declares
// for it: its renamed `via`, the `via` NEW names a derived junction with,
// its `table "..."`.
func (rn *renamer) junctionOf(r *dsl.RelationshipDecl, k int) {
	rename(rn.junctions, viaOf(r))
	if via, ok := rn.vias[k]; ok {
		r.Header = slices.DeleteFunc(r.Header, func(h *dsl.RelHeader) bool { return h.Via != nil })
		if via != nil {
			r.Header = append(r.Header, &dsl.RelHeader{Via: &dsl.Name{Value: via.Value}})
		}
	}
	if to, ok := rn.junctionTables[k]; ok {
		r.Items = slices.DeleteFunc(r.Items, func(it *dsl.RelItem) bool { return it.Table != nil })
		if to != nil {
			r.Items = append(r.Items, &dsl.RelItem{Table: to})
		}
	}
}

// collectJunctionAttributes reads the `was` of the attributes an M:N
// declares in its block, the junction's own columns: OLD's M:N it comes
// from must declare the old attribute, or already the new one (the
// rename was applied before). Only an M:N's block declares attributes.
func (rn *renamer) collectJunctionAttributes(oldFile, newFile *dsl.File) {
	olds := relationships(oldFile)
	for j, r := range relationships(newFile) {
		if r.Card.Value != "M:N" {
			continue
		}
		var have map[string]bool
		k := rn.oldJunction(olds, r, j)
		if k >= 0 {
			have = attributes(blockAttributes(olds[k]))
		}
		label := r.Left.Value + " " + r.Card.Value + " " + r.Right.Value
		rn.collectWas(blockAttributes(r), have, wasScope{label: "relationship " + label + ": ", lacks: "the old model's junction has no such attribute",
			hint: "`was` names the attribute as the old model declares it in the relationship's block"}, func(from, to string) {
			setIn(rn.junctionAttributes, k, from, to)
			setIn(rn.back.junctionAttributes, j, to, from)
		})
	}
}

// oldJunction returns the index of OLD's M:N that NEW's j-th
// relationship, the M:N r, comes from: the one pairedJunction finds, or
// the one whose `via` NEW removes; -1 if none.
func (rn *renamer) oldJunction(olds []*dsl.RelationshipDecl, r *dsl.RelationshipDecl, j int) int {
	if k := rn.pairedJunction(olds, r); k >= 0 {
		return k
	}
	via := rn.back.vias[j]
	if via == nil {
		return -1
	}
	return rn.pairedJunctionBy(olds, r, func(v *dsl.Name) bool { return v != nil && v.Value == via.Value })
}

// blockAttributes are the attributes declared in r's block.
func blockAttributes(r *dsl.RelationshipDecl) []*dsl.Attribute {
	var out []*dsl.Attribute
	for _, it := range r.Items {
		if it.Attribute != nil {
			out = append(out, it.Attribute)
		}
	}
	return out
}
