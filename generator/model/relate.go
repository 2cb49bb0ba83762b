package model

import (
	"slices"
	"strings"

	"github.com/ergen-dev/ergen/dsl"
)

// relationships resolves every relationship. Shared-key 1:1 relationships
// go first, in dependency order, because they give their child entity its
// primary key, which other relationships may reference.
func (r *resolver) relationships() {
	var shared []pendingRel
	rest := make([]pendingRel, 0, len(r.relDecls))
	r.s.Relationships = make([]*Relationship, 0, len(r.relDecls))
	// The relationships are allocated in one block: a schema has
	// thousands of them.
	rels := make([]Relationship, len(r.relDecls))
	for i, d := range r.relDecls {
		rel := &rels[i]
		if !r.relationshipHeader(d, rel) {
			continue
		}
		p := pendingRel{rel, d, nil, len(r.s.Relationships)}
		r.s.Relationships = append(r.s.Relationships, rel)
		if rel.SharedKey {
			// Sorted now, so that a block a cycle leaves unresolved
			// is still checked; shared keys are few.
			p.opts = new(relOptions)
			r.relItems(rel, d, p.opts)
			shared = append(shared, p)
		} else {
			rest = append(rest, p)
		}
	}
	r.sharedKeys(shared)
	// The other blocks are sorted one at a time, as each is resolved,
	// into one relOptions: nothing keeps a block's options after its
	// relationship, and those of every relationship at once were 1 KB
	// each, 20 MB for a model of 10,000 entities, all live while the
	// relationships resolve. Sorting a block reads nothing that
	// resolving another changes, and diagnostics are sorted at the end.
	var o relOptions
	for _, p := range rest {
		o = relOptions{}
		r.relItems(p.rel, p.decl, &o)
		if p.rel.Card == ManyToMany {
			r.manyToMany(p.rel, p.decl, &o, p.idx)
		} else {
			r.oneToN(p.rel, p.decl, &o)
		}
	}
	for _, rel := range r.s.Relationships {
		for _, fk := range rel.ForeignKeys {
			fk.RefTable.Referenced = append(fk.RefTable.Referenced, fk)
			// Checked once every key is resolved: whether a column is
			// shared is known only then.
			r.checkActions(rel, fk)
		}
	}
	r.checkPartial()
}

// pendingRel is a relationship whose header is resolved, waiting for
// its block; opts is its sorted block, for a shared key.
type pendingRel struct {
	rel  *Relationship
	decl *dsl.RelationshipDecl
	opts *relOptions
	idx  int // in r.s.Relationships
}

// sharedKeys resolves the shared-key 1:1 relationships: one can be
// resolved once its parent has a key that does not wait on another
// shared key.
func (r *resolver) sharedKeys(shared []pendingRel) {
	waiting := map[*Entity]bool{}
	for _, p := range shared {
		waiting[p.rel.Right] = true
	}
	for len(shared) > 0 {
		progress := false
		for i := 0; i < len(shared); i++ {
			p := shared[i]
			if waiting[p.rel.Left] && p.rel.Left != p.rel.Right {
				continue
			}
			r.oneToN(p.rel, p.decl, p.opts)
			delete(waiting, p.rel.Right)
			shared = slices.Delete(shared, i, i+1)
			i--
			progress = true
		}
		if !progress {
			p := shared[0]
			r.diags.ErrorAt(p.rel.Span, "shared keys form a cycle through %s", dsl.QuoteName(p.rel.Left.Name)).
				Hintf("an entity cannot take its primary key from an entity that takes its key from it")
			return
		}
	}
}

// refKey finds the columns a relationship references on its parent: the
// given `references` list, which must be the primary key or a UNIQUE key,
// or else the primary key.
func (r *resolver) refKey(rel *Relationship, parent *Table, refs *dsl.ColumnList) ([]*Column, bool) {
	if refs != nil {
		cols, ok := r.columnList(parent, refs, "references")
		if !ok {
			return nil, false
		}
		if parent.PrimaryKey != nil && SameColumns(cols, parent.PrimaryKey.Columns) {
			return cols, true
		}
		for _, k := range parent.Uniques {
			if SameColumns(cols, k.Columns) {
				return cols, true
			}
		}
		if r.uniqueLists == nil {
			r.uniqueLists = map[*Table][]*dsl.IndexDecl{}
			for _, l := range r.lists {
				if l.kind == "unique" {
					r.uniqueLists[l.table] = append(r.uniqueLists[l.table], l.clause)
				}
			}
		}
		for _, l := range r.uniqueLists[parent] {
			if lc, ok := r.peekList(parent, l); ok && SameColumns(cols, lc) {
				return cols, true
			}
		}
		if r.collatedUnique(parent, cols, refs) {
			return nil, false
		}
		names := ColumnNames(cols)
		r.diags.Errorf(pos(refs.Pos), pos(refs.EndPos), "(%s) is neither the primary key nor a unique key of %s", names, dsl.QuoteName(parent.Label())).
			Hintf("a foreign key must reference a unique column set: add `unique (%s)` to %s", names, parent.label())
		return nil, false
	}
	if parent.PrimaryKey == nil {
		r.diags.ErrorAt(rel.Span, "%s has no primary key for %s to reference", dsl.QuoteName(parent.Label()), rel.label()).
			Hintf("mark an attribute of %s with `pk`, or reference a unique key with `references (col)`", parent.label())
		return nil, false
	}
	return parent.PrimaryKey.Columns, true
}

// peekList resolves a pending unique list without reporting; ok is false
// when a UNIQUE constraint, which a foreign key can reference, cannot
// express it.
func (r *resolver) peekList(t *Table, l *dsl.IndexDecl) ([]*Column, bool) {
	names, ok := plainColumns(l)
	if !ok {
		return nil, false
	}
	var cols []*Column
	for _, n := range names {
		c := r.namedColumn(t, n.Value)
		if c == nil {
			return nil, false
		}
		cols = append(cols, c)
	}
	return cols, true
}

// fkColumns finds or creates the FK columns on child for the referenced
// columns. A declared attribute with the derived (or given) name is used as
// the FK column; its type must match. New columns go after the primary key,
// where a reader of the table looks for its links.
func (r *resolver) fkColumns(rel *Relationship, child *Table, role string, refs []*Column, s *side, insertAt *int) ([]*Column, bool) {
	names := make([]string, len(refs))
	pp, pe := rel.Pos, rel.End
	if s.columns != nil {
		pp, pe = s.columnsPos, pos(s.columns[len(s.columns)-1].EndPos)
		if len(s.columns) != len(refs) {
			r.diags.Errorf(pp, pp, "%d column(s) given for a key of %d column(s) on %s", len(s.columns), len(refs), dsl.QuoteName(refs[0].Table.Label())).
				Hintf("list one column per referenced column")
			return nil, false
		}
		for i, n := range s.columns {
			names[i] = ColumnIdent(n.Value)
			if c := r.namedColumn(child, n.Value); c != nil {
				names[i] = c.Name
			}
		}
	} else {
		for i, rc := range refs {
			names[i] = ShortenIdent(FKColumnName(role, rc.Name))
		}
	}
	cols := make([]*Column, len(refs))
	ok := true
	for i, name := range names {
		want := refs[i].Type.Referencing()
		found := r.columns.of(child, name)
		if t := enumDomainKey(refs[i], found, want); t != nil {
			r.diags.Errorf(pp, pe, "the foreign key of %s is on a column of %s, a domain over an enum, and PostgreSQL cannot build a foreign key on one", rel.label(), t.SQL()).
				Hintf("give the key columns on both sides the enum type %s itself", r.s.TypeSQL(t.ComparedAs()))
			ok = false
		}
		if c := found; c != nil {
			if !c.Declared && c.ForeignKey == nil {
				// Only a junction's own key column is added without an FK.
				r.diags.Errorf(pp, pe, "foreign key column %s of %s has the name of the junction's key column", dsl.QuoteName(name), rel.label()).
					Hintf("give the key column another name, as in `key %s (position)`", rel.JunctionKey)
				ok = false
				continue
			}
			if s.columns != nil && c.Declared && rel.Card != ManyToMany {
				r.nameShared(c)
			}
			if c.ForeignKey != nil && !r.mayShare(rel, c) {
				d := r.diags.Errorf(pp, pe, "column %s of %s already belongs to %s", dsl.QuoteName(name), dsl.QuoteName(child.Label()), c.ForeignKey.Relationship.label())
				switch {
				case rel.Card == ManyToMany || c.ForeignKey.Relationship.Card == ManyToMany:
					d.Hintf("a junction's columns belong to its own two keys: name another column")
				case c.Declared:
					d.Hintf("to share it (a tenant's id), name it in this relationship's `columns`; else tell the relationships apart with a role (`as author`)")
				default:
					d.Hintf("tell the relationships apart with a role (`as author`) or a `column` name; to share a column (a tenant's id), declare it as an attribute of %s and name it in both relationships' `columns`", child.label())
				}
				ok = false
				continue
			}
			if !c.Type.CanReference(want) {
				r.diags.Errorf(c.Pos, c.Pos.Advance(c.Name), "column %s of %s is %s but references %s.%s of type %s", dsl.QuoteName(name), dsl.QuoteName(child.Label()), c.Type.SQL(), refs[i].Table.Name, refs[i].Name, want.SQL()).
					Hintf("declare it as %s, or remove the attribute and let ergen add it", want.SQL())
				// The key is still built with the column, so that the
				// relationship's other errors (an action the column cannot
				// take) are reported in the same run.
				ok = false
			}
			if c.Identity != NoIdentity || c.Type.IsSerial() {
				r.diags.Errorf(c.Pos, c.Pos.Advance(c.Name), "column %s is generated by the database and cannot be a foreign key", dsl.QuoteName(name))
				ok = false
				continue
			}
			r.collationDiffers(c, refs[i])
			cols[i] = c
			continue
		}
		c := &Column{Pos: pp, Table: child, Name: name, Type: want}
		child.Columns = slices.Insert(child.Columns, *insertAt, c)
		r.columns.inserted(child, c)
		*insertAt++
		cols[i] = c
	}
	return cols, ok
}

// enumDomainKey returns the type of ref, or of the declared FK column c
// (nil when the column is derived), that is a domain over an enum: PostgreSQL
// finds no equality operator between such a domain and anything, itself
// included, so the foreign key cannot be built. Nil when neither is, and
// when c cannot reference a column of type want anyway (that error says
// more).
func enumDomainKey(ref, c *Column, want Type) *Type {
	switch {
	case ref.Type.EnumDomain():
		return &ref.Type
	case c != nil && c.Type.EnumDomain() && c.Type.CanReference(want):
		return &c.Type
	}
	return nil
}

// afterKey is where new FK columns go: after the primary key columns that
// lead the table and the FK columns added before, so that columns appear
// in the order their relationships were declared.
func afterKey(t *Table) int {
	n := 0
	for n < len(t.Columns) {
		c := t.Columns[n]
		inKey := t.PrimaryKey != nil && slices.Contains(t.PrimaryKey.Columns, c)
		if !inKey && c.Declared {
			break
		}
		n++
	}
	return n
}

// oneToN resolves a 1:N or 1:1 relationship: one FK on the child (Right).
func (r *resolver) oneToN(rel *Relationship, d *dsl.RelationshipDecl, o *relOptions) {
	parent, child := rel.Left.Table, rel.Right.Table
	role := rel.Roles[0]
	s := &o.sides[0]
	refs, ok := r.refKey(rel, parent, o.references)
	if !ok {
		return
	}
	var cols []*Column
	if rel.SharedKey {
		if child.PrimaryKey != nil {
			r.diags.Errorf(child.PrimaryKey.Pos, child.PrimaryKey.Pos, "%s declares a primary key, but %s gives it a shared key", dsl.QuoteName(child.Label()), rel.label()).
				Hintf("remove the primary key from %s: its key is the foreign key to %s", child.label(), parent.label())
			return
		}
		if o.required != nil && !*o.required {
			r.diags.Errorf(o.reqPos, o.reqPos.Advance("optional"), "a shared key cannot be optional: it is %s's primary key", dsl.QuoteName(child.Label())).
				Hintf("drop `shared key` for a nullable UNIQUE foreign key")
			return
		}
		at := 0
		if cols, ok = r.fkColumns(rel, child, role, refs, s, &at); !ok {
			return
		}
		// A declared attribute used as the key moves to the front.
		child.Columns = slices.DeleteFunc(child.Columns, func(c *Column) bool { return slices.Contains(cols, c) })
		child.Columns = slices.Insert(child.Columns, 0, cols...)
		child.PrimaryKey = &Key{Pos: rel.Pos, Name: ObjectName(PrimaryKeyObject, child.Name), Columns: cols}
		r.keyName(child, o.key)
	} else {
		at := r.afterKey(child)
		// Columns found are kept when another of them is in error, so that
		// the rest of the relationship is still checked.
		cols, _ = r.fkColumns(rel, child, role, refs, s, &at)
		r.addedAfterKey(child, at)
		if len(cols) == 0 || slices.Contains(cols, nil) {
			return
		}
	}
	partial, ok := r.nullability(rel, cols, s, o)
	if !ok {
		return
	}
	fk := r.foreignKey(rel, child, parent, cols, refs, role, s, o, 0)
	if partial {
		r.partial = append(r.partial, partialKey{fk, o.required != nil})
	}
	if rel.Card == OneToOne && !rel.SharedKey && !r.isUnique(child, cols) {
		child.Uniques = append(child.Uniques, &Key{Pos: rel.Pos, Name: ObjectName(UniqueObject, child.Name, columnsPart(cols)), Columns: cols})
	}
}

// nullabilityDisagrees reports every declared column of cols whose
// nullability disagrees with the relationship's required or optional
// (mixed: `on delete set null (...)` lets optional ones mix), and whether
// there was one: the key is then given up.
func (r *resolver) nullabilityDisagrees(rel *Relationship, cols []*Column, required, mixed bool) bool {
	disagree := false
	for _, c := range cols {
		if c.Declared && c.Nullable == required && !(mixed && !required) {
			word := map[bool]string{true: "required", false: "optional"}[required]
			r.diags.Errorf(c.Pos, c.Pos.Advance(c.Name), "%s is %s, but column %s is declared %s", rel.label(), word, dsl.QuoteName(c.Name),
				map[bool]string{true: "nullable", false: "NOT NULL"}[c.Nullable]).
				Hintf("make them agree: %s", map[bool]string{true: "remove the ? from the column", false: "add ? to the column's type"}[required])
			disagree = true
		}
	}
	return disagree
}

func (r *resolver) isUnique(t *Table, cols []*Column) bool {
	if t.PrimaryKey != nil && SameColumns(cols, t.PrimaryKey.Columns) {
		return true
	}
	keys := t.Uniques
	if distinct(cols) {
		// Keys over a set of other columns or size are never the same.
		keys = r.uniques.sameSet(t, cols, r.hashes)
	}
	return slices.ContainsFunc(keys, func(k *Key) bool { return SameColumns(cols, k.Columns) })
}

// foreignKey creates the FK and checks that its role is not taken.
func (r *resolver) foreignKey(rel *Relationship, child, parent *Table, cols, refs []*Column, role string, s *side, o *relOptions, sideIdx int) *ForeignKey {
	name := s.constraint
	if name == "" {
		name = ObjectName(ForeignKeyObject, child.Name, role)
	}
	// A duplicate is told against the first key that took the role only:
	// told against each earlier one, n keys of a role would make n² errors.
	for _, other := range r.roles.sameRole(child, role) {
		if other.Role == role && other.Relationship != rel {
			r.diags.ErrorAt(rel.Span, "duplicate role %s on %s: %s already uses it", dsl.QuoteName(role), dsl.QuoteName(child.Label()), other.Relationship.label()).
				Hintf("tell them apart with role names, as in `%s 1:N %s as author` and `... as reviewer`", parent.label(), child.label())
			break
		}
	}
	fk := &ForeignKey{
		Pos: rel.Pos, Name: name, Table: child, Columns: cols, RefTable: parent, RefColumns: refs,
		Deferrable: o.deferrable, MatchFull: o.matchFull, NotValid: o.notValid, Comment: o.comment,
		Role: role, Relationship: rel, Side: sideIdx, IndexOff: s.noIndex,
		OnDelete: s.onDelete, OnUpdate: s.onUpdate, notValidAt: keepSpan(o.notValidAt),
	}
	r.setColumns(fk, s.setColumns)
	for _, c := range cols {
		c.addForeignKey(fk)
	}
	child.ForeignKeys = append(child.ForeignKeys, fk)
	rel.ForeignKeys = append(rel.ForeignKeys, fk)
	return fk
}

// checkActions enforces what PostgreSQL cannot do: SET NULL needs nullable
// columns outside the primary key, SET DEFAULT needs a default.
func (r *resolver) checkActions(rel *Relationship, fk *ForeignKey) {
	for _, ev := range []Event{DeleteEvent, UpdateEvent} {
		act := fk.Policy(ev).Action
		if act != SetNull && act != SetDefault {
			continue // the other actions need nothing of the columns
		}
		if r.setsShared(fk, ev, act) {
			continue
		}
		at := fk.PolicySpan(ev)
		event := strings.ToUpper(ev.String())
		switch act {
		case SetNull:
			for _, c := range fk.ActionColumns(ev) {
				pk := fk.Table.PrimaryKey
				switch {
				case !c.Nullable && rel.Card == ManyToMany:
					// Before the key: a junction's columns are in it.
					r.diags.ErrorAt(at, "ON %s SET NULL on %s, but %s.%s is NOT NULL", event, rel.label(), fk.Table.Name, c.Name).
						Hintf("a row of the junction links two rows and cannot lose one: use CASCADE or RESTRICT")
				case pk != nil && slices.Contains(pk.Columns, c):
					r.diags.ErrorAt(at, "ON %s SET NULL on %s, but %s.%s is part of the primary key", event, rel.label(), fk.Table.Name, c.Name).
						Hintf("primary key columns cannot be NULL: use CASCADE or RESTRICT")
				case !c.Nullable:
					r.diags.ErrorAt(at, "ON %s SET NULL on %s, but %s.%s is NOT NULL", event, rel.label(), fk.Table.Name, c.Name).
						Hintf("make the relationship `optional`, or use CASCADE or RESTRICT")
				}
			}
		case SetDefault:
			for _, c := range fk.ActionColumns(ev) {
				if c.Default == "" {
					r.diags.ErrorAt(at, "ON %s SET DEFAULT on %s, but %s.%s has no default", event, rel.label(), fk.Table.Name, c.Name).
						Hintf("declare %s on %s with a default, as in `%s %s = 1`, and make sure a row with that key exists", c.Name, fk.Table.label(), c.Name, c.Type.SQL())
				}
			}
		}
	}
}

// addForeignKey records that fk goes through c. It is the one writer of
// c.ForeignKeys and c.ForeignKey, so ForeignKey is always the first of
// them: the key that owns the column.
func (c *Column) addForeignKey(fk *ForeignKey) {
	c.ForeignKeys = append(c.ForeignKeys, fk)
	c.ForeignKey = c.ForeignKeys[0]
}
