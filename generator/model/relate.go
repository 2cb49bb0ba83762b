package model

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ergen-dev/ergen/dsl"
)

// side holds the policy written for one side of a relationship (the only
// side, for 1:N and 1:1).
type side struct {
	onDelete, onUpdate       RefAction
	onDeletePos, onDeleteEnd dsl.Pos
	onUpdatePos, onUpdateEnd dsl.Pos
	onDeleteSet, onUpdateSet bool
	constraint               string
	columns                  []*dsl.Name
	columnsPos               dsl.Pos
	noIndex                  bool
}

// relOptions is a relationship block, sorted out.
type relOptions struct {
	sides      [2]side
	required   *bool
	reqPos     dsl.Pos
	deferrable Deferrability
	matchFull  bool
	references *dsl.ColumnList
	key        *dsl.JunctionKey
	table      *dsl.String
	comment    string
	attributes []*dsl.Attribute
	lists      []pendingList // the junction's unique and index clauses; table set later
}

// relationships resolves every relationship. Shared-key 1:1 relationships
// go first, in dependency order, because they give their child entity its
// primary key, which other relationships may reference.
func (r *resolver) relationships() {
	type pending struct {
		rel  *Relationship
		decl *dsl.RelationshipDecl
		opts *relOptions
		idx  int // in r.s.Relationships
	}
	var shared []pending
	rest := make([]pending, 0, len(r.relDecls))
	r.s.Relationships = make([]*Relationship, 0, len(r.relDecls))
	// The relationships and their options are allocated in two blocks:
	// a schema has thousands of them.
	rels := make([]Relationship, len(r.relDecls))
	opts := make([]relOptions, len(r.relDecls))
	for i, d := range r.relDecls {
		rel, o := &rels[i], &opts[i]
		if !r.relationshipHeader(d, rel, o) {
			continue
		}
		p := pending{rel, d, o, len(r.s.Relationships)}
		r.s.Relationships = append(r.s.Relationships, rel)
		if rel.SharedKey {
			shared = append(shared, p)
		} else {
			rest = append(rest, p)
		}
	}
	// A shared key can be resolved once its parent has a key that does not
	// wait on another shared key.
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
			r.diags.Errorf(p.rel.Pos, p.rel.End, "shared keys form a cycle through %q", p.rel.Left.Name).
				Hintf("an entity cannot take its primary key from an entity that takes its key from it")
			break
		}
	}
	for _, p := range rest {
		if p.rel.Card == ManyToMany {
			r.manyToMany(p.rel, p.decl, p.opts, p.idx)
		} else {
			r.oneToN(p.rel, p.decl, p.opts)
		}
	}
	for _, rel := range r.s.Relationships {
		for _, fk := range rel.ForeignKeys {
			fk.RefTable.Referenced = append(fk.RefTable.Referenced, fk)
		}
	}
}

// relationshipHeader resolves the entities and header clauses into rel, and
// sorts the block's items into o; it returns false when the relationship
// cannot be resolved at all.
func (r *resolver) relationshipHeader(d *dsl.RelationshipDecl, rel *Relationship, o *relOptions) bool {
	*rel = Relationship{Pos: pos(d.Pos), End: pos(d.Right.EndPos)}
	switch d.Card.Value {
	case "1:N":
		rel.Card = OneToMany
	case "1:1":
		rel.Card = OneToOne
	case "M:N":
		rel.Card = ManyToMany
	}
	rel.Left = r.entityRef(d.Left)
	rel.Right = r.entityRef(d.Right)
	if rel.Left == nil || rel.Right == nil {
		return false
	}
	var roles []*dsl.Name
	for _, h := range d.Header {
		hp, he := pos(h.Pos), pos(h.EndPos)
		switch {
		case h.Via != nil:
			if rel.Card != ManyToMany {
				r.diags.Errorf(hp, he, "`via` names a junction table, which only an M:N relationship has")
				continue
			}
			if _, isEntity := r.entities[h.Via.Value]; isEntity {
				p, e := at(h.Via)
				r.diags.Errorf(p, e, "junction %q has the name of a declared entity", h.Via.Value).
					Hintf("the junction is declared by its relationship: move the entity's attributes into the relationship block and remove the entity")
				continue
			}
			rel.Junction = &Table{Pos: pos(h.Via.Pos), Name: ShortenIdent(r.plural(r.snake(h.Via.Value)))}
		case len(h.Roles) > 0:
			if roles != nil {
				r.diags.Errorf(hp, he, "roles given twice")
				continue
			}
			roles = h.Roles
		case h.SharedKey:
			if rel.Card != OneToOne {
				r.diags.Errorf(hp, he, "`shared key` applies to 1:1 relationships only")
				continue
			}
			rel.SharedKey = true
		}
	}
	// Roles.
	if rel.Card == ManyToMany {
		switch len(roles) {
		case 0:
			rel.Roles = [2]string{r.snake(rel.Left.Name), r.snake(rel.Right.Name)}
			if rel.Left == rel.Right {
				r.diags.Errorf(rel.Pos, rel.End, "M:N relationship of %q with itself needs two role names", rel.Left.Name).
					Hintf("name both sides: relationship %s M:N %s as follower, followed", rel.Left.Name, rel.Left.Name)
				return false
			}
		case 1:
			p, e := at(roles[0])
			r.diags.Errorf(p, e, "an M:N relationship takes two role names, one per side").
				Hintf("write `as %s, other`", roles[0].Value)
			return false
		default:
			rel.Roles = [2]string{r.snake(roles[0].Value), r.snake(roles[1].Value)}
			if rel.Roles[0] == rel.Roles[1] {
				p, e := at(roles[1])
				r.diags.Errorf(p, e, "both sides have role %q", rel.Roles[0]).Hintf("give the sides different roles")
				return false
			}
		}
	} else {
		switch len(roles) {
		case 0:
			rel.Roles[0] = r.snake(rel.Left.Name)
		case 1:
			rel.Roles[0] = r.snake(roles[0].Value)
		default:
			p, e := at(roles[1])
			r.diags.Errorf(p, e, "a %s relationship takes one role name", rel.Card).
				Hintf("the role names what %s is to %s, as in `as manager`", rel.Left.Name, rel.Right.Name)
			return false
		}
	}
	r.relItems(rel, d, o)
	return true
}

func (r *resolver) entityRef(n *dsl.Name) *Entity {
	if e, ok := r.entities[n.Value]; ok {
		return e
	}
	p, e := at(n)
	d := r.diags.Errorf(p, e, "unknown entity %q", n.Value)
	names := make([]string, len(r.s.Entities))
	for i, e := range r.s.Entities {
		names[i] = e.Name
	}
	if s := dsl.Suggest(n.Value, names); s != "" {
		d.Hintf("did you mean %q?", s)
	} else {
		d.Hintf("declare it with `entity %s { ... }`", n.Value)
	}
	return nil
}

// sideOf resolves the side a sided clause names: an entity name or a role.
// For 1:N and 1:1 no side may be named.
func (r *resolver) sideOf(rel *Relationship, n *dsl.Name) (int, bool) {
	if n == nil {
		return -1, true
	}
	p, e := at(n)
	if rel.Card != ManyToMany {
		r.diags.Errorf(p, e, "only M:N relationships have sides; %q is not expected here", n.Value).
			Hintf("a %s relationship has one foreign key, on %s", rel.Card, rel.Right.Name)
		return 0, false
	}
	for i, role := range rel.Roles {
		if n.Value == role || (rel.Left != rel.Right && n.Value == [2]*Entity{rel.Left, rel.Right}[i].Name) {
			return i, true
		}
	}
	r.diags.Errorf(p, e, "%q is not a side of %s", n.Value, rel.Label()).
		Hintf("name a side by its entity (%s or %s) or its role", rel.Left.Name, rel.Right.Name)
	return 0, false
}

func actionOf(a *dsl.Action) RefAction {
	// The words joined with spaces, in a buffer on the stack: every
	// relationship has actions, and strings.Join would allocate.
	var buf [32]byte
	text := buf[:0]
	for i, w := range a.Words {
		if i > 0 {
			text = append(text, ' ')
		}
		text = append(text, w...)
	}
	switch string(text) {
	case "restrict":
		return Restrict
	case "cascade":
		return Cascade
	case "set null":
		return SetNull
	case "set default":
		return SetDefault
	}
	return NoAction
}

// relItems sorts the block's items into relOptions, reporting items that do
// not belong to this kind of relationship.
func (r *resolver) relItems(rel *Relationship, d *dsl.RelationshipDecl, o *relOptions) {
	for i := range o.sides {
		o.sides[i].onDelete, o.sides[i].onUpdate = NoAction, NoAction
	}
	mn := rel.Card == ManyToMany
	// each applies f to the named side, or to every side when none is named.
	each := func(n *dsl.Name, f func(s *side)) {
		i, ok := r.sideOf(rel, n)
		switch {
		case !ok:
		case i >= 0:
			f(&o.sides[i])
		case mn:
			f(&o.sides[0])
			f(&o.sides[1])
		default:
			f(&o.sides[0])
		}
	}
	notMN := func(it *dsl.RelItem, what, hint string) bool {
		if mn {
			r.diags.Errorf(pos(it.Pos), pos(it.EndPos), "`%s` does not apply to an M:N relationship", what).
				Hintf("%s", hint)
			return false
		}
		return true
	}
	onlyMN := func(it *dsl.RelItem, what, hint string) bool {
		if !mn {
			r.diags.Errorf(pos(it.Pos), pos(it.EndPos), "%s only applies to an M:N relationship", what).Hintf("%s", hint)
			return false
		}
		return true
	}
	for _, it := range d.Items {
		ip, ie := pos(it.Pos), pos(it.EndPos)
		switch {
		case it.Required || it.Optional:
			word := "optional"
			if it.Required {
				word = "required"
			}
			if !notMN(it, word, "junction columns are part of its key and always NOT NULL") {
				continue
			}
			if o.required != nil {
				r.diags.Errorf(ip, ie, "`%s` conflicts with an earlier required/optional", word)
				continue
			}
			v := it.Required
			o.required, o.reqPos = &v, ip
		case it.On != nil:
			act := actionOf(it.On.Action)
			ap, ae := pos(it.On.Pos), pos(it.On.EndPos)
			each(it.On.Side, func(s *side) {
				if it.On.Event == "delete" {
					if s.onDeleteSet {
						r.diags.Errorf(ap, ae, "on delete given twice")
					}
					s.onDelete, s.onDeletePos, s.onDeleteEnd, s.onDeleteSet = act, ap, ae, true
				} else {
					if s.onUpdateSet {
						r.diags.Errorf(ap, ae, "on update given twice")
					}
					s.onUpdate, s.onUpdatePos, s.onUpdateEnd, s.onUpdateSet = act, ap, ae, true
				}
			})
		case it.Deferrable != nil:
			switch {
			case it.Deferrable.Not:
				o.deferrable = NotDeferrable
			case it.Deferrable.Initially == "deferred":
				o.deferrable = DeferrableDeferred
			default:
				o.deferrable = DeferrableImmediate
			}
		case it.Constraint != nil:
			name := it.Constraint.Name.Unquote()
			if name == "" {
				r.diags.Errorf(ip, ie, "empty constraint name")
				continue
			}
			if mn && it.Constraint.Side == nil {
				r.diags.Errorf(ip, ie, "an M:N relationship has two constraints; name the side").
					Hintf("write `constraint %s %s`", rel.Left.Name, name)
				continue
			}
			each(it.Constraint.Side, func(s *side) { s.constraint = ShortenIdent(name) })
		case it.Column != nil:
			cols := it.Column.Columns
			var names []*dsl.Name
			if cols != nil {
				names = cols.Columns
			} else {
				names = []*dsl.Name{it.Column.Single}
			}
			if mn && it.Column.Side == nil {
				r.diags.Errorf(ip, ie, "an M:N relationship has two foreign keys; name the side").
					Hintf("write `column %s (%s)`", rel.Left.Name, names[0].Value)
				continue
			}
			each(it.Column.Side, func(s *side) { s.columns, s.columnsPos = names, ip })
		case it.References != nil:
			if !notMN(it, "references", "a junction references the primary key of each entity") {
				continue
			}
			o.references = it.References
		case it.NoIndex != nil:
			each(it.NoIndex.Side, func(s *side) { s.noIndex = true })
		case it.Key != nil:
			if onlyMN(it, "`key`", "the key of an entity is declared on the entity") {
				o.key = it.Key
			}
		case it.Table != nil:
			if onlyMN(it, "`table`", "the table of an entity is named in the entity block") {
				o.table = it.Table
			}
		case it.Unique != nil:
			if onlyMN(it, "`unique`", fmt.Sprintf("declare the unique key in the block of %s, where it may name the FK columns", rel.Right.Name)) {
				o.lists = append(o.lists, pendingList{kind: "unique", clause: it.Unique})
			}
		case it.Index != nil:
			if onlyMN(it, "`index`", fmt.Sprintf("declare the index in the block of %s, where it may name the FK columns", rel.Right.Name)) {
				o.lists = append(o.lists, pendingList{kind: "index", clause: it.Index})
			}
		case it.Match != "":
			if notMN(it, "match "+it.Match, "junction columns are NOT NULL, so a foreign key of a junction matches in full") {
				o.matchFull = it.Match == "full"
			}
		case it.Comment != nil:
			o.comment = it.Comment.Unquote()
		case it.Attribute != nil:
			if r.misreadClause(it.Attribute, false, !mn) {
				continue
			}
			if mn {
				o.attributes = append(o.attributes, it.Attribute)
			} else {
				onlyMN(it, fmt.Sprintf("attribute %q", it.Attribute.Name.Value),
					fmt.Sprintf("a %s relationship has no table of its own; declare the attribute on %s", rel.Card, rel.Right.Name))
			}
		}
	}
}

// fkColumnName derives an FK column from the role and the referenced
// column: id becomes user_id; a column that already starts with the role,
// as product_no for role product, is kept; anything else is prefixed.
func fkColumnName(role, ref string) string {
	switch {
	case ref == "id":
		return role + "_id"
	case strings.HasPrefix(ref, role+"_"):
		return ref
	}
	return role + "_" + ref
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
		if parent.PrimaryKey != nil && sameColumns(cols, parent.PrimaryKey.Columns) {
			return cols, true
		}
		for _, k := range parent.Uniques {
			if sameColumns(cols, k.Columns) {
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
			if lc, ok := r.peekList(parent, l); ok && sameColumns(cols, lc) {
				return cols, true
			}
		}
		names := make([]string, len(cols))
		for i, c := range cols {
			names[i] = c.Name
		}
		r.diags.Errorf(pos(refs.Pos), pos(refs.EndPos), "(%s) is neither the primary key nor a unique key of %q", strings.Join(names, ", "), parent.Label()).
			Hintf("a foreign key must reference a unique column set: add `unique (%s)` to %s", strings.Join(names, ", "), parent.Label())
		return nil, false
	}
	if parent.PrimaryKey == nil {
		r.diags.Errorf(rel.Pos, rel.End, "%q has no primary key for %s to reference", parent.Label(), rel.Label()).
			Hintf("mark an attribute of %s with `pk`, or reference a unique key with `references (col)`", parent.Label())
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
		c := t.Column(ShortenIdent(n.Value))
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
			r.diags.Errorf(pp, pp, "%d column(s) given for a key of %d column(s) on %q", len(s.columns), len(refs), refs[0].Table.Label()).
				Hintf("list one column per referenced column")
			return nil, false
		}
		for i, n := range s.columns {
			names[i] = ShortenIdent(n.Value)
		}
	} else {
		for i, rc := range refs {
			names[i] = ShortenIdent(fkColumnName(role, rc.Name))
		}
	}
	cols := make([]*Column, len(refs))
	ok := true
	for i, name := range names {
		want := refs[i].Type.Referencing()
		if c := child.Column(name); c != nil {
			if !c.Declared && c.ForeignKey == nil {
				// Only a junction's own key column is added without an FK.
				r.diags.Errorf(pp, pe, "foreign key column %q of %s has the name of the junction's key column", name, rel.Label()).
					Hintf("give the key column another name, as in `key %s (position)`", rel.JunctionKey)
				ok = false
				continue
			}
			if c.ForeignKey != nil {
				r.diags.Errorf(pp, pe, "column %q of %q already belongs to %s", name, child.Label(), c.ForeignKey.Relationship.Label()).
					Hintf("tell the relationships apart with a role (`as author`) or a `column` name")
				ok = false
				continue
			}
			if !c.Type.Equal(want) {
				r.diags.Errorf(c.Pos, c.Pos.Advance(c.Name), "column %q of %q is %s but references %s.%s of type %s", name, child.Label(), c.Type.SQL(), refs[i].Table.Name, refs[i].Name, want.SQL()).
					Hintf("declare it as %s, or remove the attribute and let ergen add it", want.SQL())
				ok = false
				continue
			}
			if c.Identity != NoIdentity || c.Type.IsSerial() {
				r.diags.Errorf(c.Pos, c.Pos.Advance(c.Name), "column %q is generated by the database and cannot be a foreign key", name)
				ok = false
				continue
			}
			cols[i] = c
			continue
		}
		c := &Column{Pos: pp, Table: child, Name: name, Type: want}
		child.Columns = slices.Insert(child.Columns, *insertAt, c)
		*insertAt++
		cols[i] = c
	}
	return cols, ok
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
			r.diags.Errorf(child.PrimaryKey.Pos, child.PrimaryKey.Pos, "%q declares a primary key, but %s gives it a shared key", child.Label(), rel.Label()).
				Hintf("remove the primary key from %s: its key is the foreign key to %s", child.Label(), parent.Label())
			return
		}
		if o.required != nil && !*o.required {
			r.diags.Errorf(o.reqPos, o.reqPos.Advance("optional"), "a shared key cannot be optional: it is %q's primary key", child.Label()).
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
		child.PrimaryKey = &Key{Pos: rel.Pos, Name: ShortenIdent("pk_" + child.Name), Columns: cols}
	} else {
		at := afterKey(child)
		if cols, ok = r.fkColumns(rel, child, role, refs, s, &at); !ok {
			return
		}
	}
	// Nullability: as written; else as the declared attributes say; else
	// required.
	required := true
	declared := slices.ContainsFunc(cols, func(c *Column) bool { return c.Declared })
	switch {
	case o.required != nil:
		required = *o.required
		for _, c := range cols {
			if c.Declared && c.Nullable == required {
				word := map[bool]string{true: "required", false: "optional"}[required]
				r.diags.Errorf(c.Pos, c.Pos.Advance(c.Name), "%s is %s, but column %q is declared %s", rel.Label(), word, c.Name,
					map[bool]string{true: "nullable", false: "NOT NULL"}[c.Nullable]).
					Hintf("make them agree: %s", map[bool]string{true: "remove the ? from the column", false: "add ? to the column's type"}[required])
				return
			}
		}
	case declared:
		required = !cols[0].Nullable
		for _, c := range cols[1:] {
			if c.Nullable != cols[0].Nullable {
				r.diags.Errorf(c.Pos, c.Pos.Advance(c.Name), "columns of one foreign key must all be nullable or all NOT NULL")
				return
			}
		}
	}
	if rel.SharedKey {
		required = true
	}
	for _, c := range cols {
		c.Nullable = !required
	}
	fk := r.foreignKey(rel, child, parent, cols, refs, role, s, o, 0)
	r.checkActions(rel, fk, s)
	if rel.Card == OneToOne && !rel.SharedKey && !r.isUnique(child, cols) {
		child.Uniques = append(child.Uniques, &Key{Pos: rel.Pos, Name: ShortenIdent("uq_" + child.Name + "_" + joinNames(cols)), Columns: cols})
	}
}

func (r *resolver) isUnique(t *Table, cols []*Column) bool {
	if t.PrimaryKey != nil && sameColumns(cols, t.PrimaryKey.Columns) {
		return true
	}
	return slices.ContainsFunc(t.Uniques, func(k *Key) bool { return sameColumns(cols, k.Columns) })
}

// foreignKey creates the FK and checks that its role is not taken.
func (r *resolver) foreignKey(rel *Relationship, child, parent *Table, cols, refs []*Column, role string, s *side, o *relOptions, sideIdx int) *ForeignKey {
	name := s.constraint
	if name == "" {
		name = ShortenIdent("fk_" + child.Name + "_" + role)
	}
	for _, other := range child.ForeignKeys {
		if other.Role == role && other.Relationship != rel {
			r.diags.Errorf(rel.Pos, rel.End, "duplicate role %q on %q: %s already uses it", role, child.Label(), other.Relationship.Label()).
				Hintf("tell them apart with role names, as in `%s 1:N %s as author` and `... as reviewer`", parent.Label(), child.Label())
		}
	}
	fk := &ForeignKey{
		Pos: rel.Pos, Name: name, Table: child, Columns: cols, RefTable: parent, RefColumns: refs,
		OnDelete: s.onDelete, OnUpdate: s.onUpdate, Deferrable: o.deferrable, MatchFull: o.matchFull, Comment: o.comment,
		Role: role, Relationship: rel, Side: sideIdx, IndexOff: s.noIndex,
		OnDeletePos: s.onDeletePos, OnDeleteEnd: s.onDeleteEnd, OnUpdatePos: s.onUpdatePos, OnUpdateEnd: s.onUpdateEnd,
		OnDeleteSet: s.onDeleteSet, OnUpdateSet: s.onUpdateSet,
	}
	for _, c := range cols {
		c.ForeignKey = fk
	}
	child.ForeignKeys = append(child.ForeignKeys, fk)
	rel.ForeignKeys = append(rel.ForeignKeys, fk)
	return fk
}

// checkActions enforces what PostgreSQL cannot do: SET NULL needs nullable
// columns outside the primary key, SET DEFAULT needs a default.
func (r *resolver) checkActions(rel *Relationship, fk *ForeignKey, s *side) {
	for _, ev := range []struct {
		event string
		act   RefAction
		p, e  dsl.Pos
		set   bool
	}{{"delete", fk.OnDelete, s.onDeletePos, s.onDeleteEnd, s.onDeleteSet}, {"update", fk.OnUpdate, s.onUpdatePos, s.onUpdateEnd, s.onUpdateSet}} {
		if ev.act != SetNull && ev.act != SetDefault {
			continue // the other actions need nothing of the columns
		}
		p, e := ev.p, ev.e
		if !ev.set {
			p, e = rel.Pos, rel.End
		}
		switch ev.act {
		case SetNull:
			for _, c := range fk.Columns {
				pk := fk.Table.PrimaryKey
				switch {
				case pk != nil && slices.Contains(pk.Columns, c):
					r.diags.Errorf(p, e, "ON %s SET NULL on %s, but %s.%s is part of the primary key", strings.ToUpper(ev.event), rel.Label(), fk.Table.Name, c.Name).
						Hintf("primary key columns cannot be NULL: use CASCADE or RESTRICT")
				case !c.Nullable:
					r.diags.Errorf(p, e, "ON %s SET NULL on %s, but %s.%s is NOT NULL", strings.ToUpper(ev.event), rel.Label(), fk.Table.Name, c.Name).
						Hintf("make the relationship `optional`, or use CASCADE or RESTRICT")
				}
			}
		case SetDefault:
			for _, c := range fk.Columns {
				if c.Default == "" {
					r.diags.Errorf(p, e, "ON %s SET DEFAULT on %s, but %s.%s has no default", strings.ToUpper(ev.event), rel.Label(), fk.Table.Name, c.Name).
						Hintf("declare %s on %s with a default, as in `%s %s = 1`, and make sure a row with that key exists", c.Name, fk.Table.Label(), c.Name, c.Type.SQL())
				}
			}
		}
	}
}

// manyToMany resolves an M:N relationship into its junction table.
// idx is the relationship's position in Schema.Relationships, which orders
// its junction among the tables.
func (r *resolver) manyToMany(rel *Relationship, d *dsl.RelationshipDecl, o *relOptions, idx int) {
	j := rel.Junction
	if j == nil {
		j = &Table{Pos: rel.Pos, Name: ShortenIdent(r.snake(rel.Left.Name) + "_" + r.plural(r.snake(rel.Right.Name)))}
	}
	if o.table != nil {
		j.Name = ShortenIdent(o.table.Unquote())
	}
	j.Relationship = rel
	j.Comment = o.comment
	j.order = len(r.s.Entities) + idx
	rel.Junction = j
	// The relationship's own attributes come first so that FK columns can
	// be declared among them (to give one a default, say).
	var pkAttr *Column
	for _, a := range o.attributes {
		c, pk := r.attribute(j, a)
		if c == nil {
			continue
		}
		rel.Attributes = append(rel.Attributes, c)
		if pk {
			if pkAttr != nil {
				r.diags.Errorf(c.Pos, c.Pos.Advance(c.Name), "junction %q has more than one attribute marked pk", j.Name)
				continue
			}
			pkAttr = c
		}
	}
	kind, keyName := CompositeKey, ""
	if o.key != nil {
		switch o.key.Kind {
		case "surrogate":
			kind, keyName = SurrogateKey, "id"
		case "line":
			kind, keyName = LineKey, "line_no"
		}
		if o.key.Column != nil {
			if kind == CompositeKey {
				p, e := at(o.key.Column)
				r.diags.Errorf(p, e, "a composite key is made of the two foreign keys and takes no column")
			}
			keyName = ShortenIdent(o.key.Column.Value)
		}
	}
	if pkAttr != nil {
		switch {
		case o.key == nil:
			kind, keyName = SurrogateKey, pkAttr.Name
		case kind != SurrogateKey || keyName != pkAttr.Name:
			r.diags.Errorf(pkAttr.Pos, pkAttr.Pos.Advance(pkAttr.Name), "attribute %q is marked pk, but the junction has a %s key", pkAttr.Name, kind).
				Hintf("remove `pk`, or use `key surrogate (%s)`", pkAttr.Name)
			return
		}
	}
	rel.JunctionKey = kind
	var keyCol *Column
	if kind != CompositeKey {
		keyCol = j.Column(keyName)
		switch {
		case keyCol == nil && kind == SurrogateKey:
			keyCol = &Column{Pos: rel.Pos, Table: j, Name: keyName, Type: Type{Base: Bigint}, Identity: IdentityByDefault}
			j.Columns = slices.Insert(j.Columns, 0, keyCol)
		case keyCol == nil:
			keyCol = &Column{Pos: rel.Pos, Table: j, Name: keyName, Type: Type{Base: Integer}}
			j.Columns = slices.Insert(j.Columns, 0, keyCol)
		case keyCol.Nullable:
			r.diags.Errorf(keyCol.Pos, keyCol.Pos.Advance(keyCol.Name), "key column %q cannot be nullable", keyCol.Name)
		}
	}
	// Foreign keys, left side first; their columns lead the table.
	at := 0
	if kind == SurrogateKey {
		at = 1
		j.Columns = slices.DeleteFunc(j.Columns, func(c *Column) bool { return c == keyCol })
		j.Columns = slices.Insert(j.Columns, 0, keyCol)
	}
	var fkCols [2][]*Column
	for i, ent := range [2]*Entity{rel.Left, rel.Right} {
		s := &o.sides[i]
		refs, ok := r.refKey(rel, ent.Table, nil)
		if !ok {
			return
		}
		cols, ok := r.fkColumns(rel, j, rel.Roles[i], refs, s, &at)
		if !ok {
			return
		}
		for _, c := range cols {
			if c.Nullable {
				r.diags.Errorf(c.Pos, c.Pos.Advance(c.Name), "junction column %q cannot be nullable", c.Name)
			}
		}
		fkCols[i] = cols
		fk := r.foreignKey(rel, j, ent.Table, cols, refs, rel.Roles[i], s, o, i)
		r.checkActions(rel, fk, s)
	}
	if kind == LineKey {
		// The line number follows the first side's columns.
		j.Columns = slices.DeleteFunc(j.Columns, func(c *Column) bool { return c == keyCol })
		j.Columns = slices.Insert(j.Columns, len(fkCols[0]), keyCol)
	}
	pkName := ShortenIdent("pk_" + j.Name)
	pair := append(slices.Clone(fkCols[0]), fkCols[1]...)
	switch kind {
	case CompositeKey:
		j.PrimaryKey = &Key{Pos: rel.Pos, Name: pkName, Columns: pair}
	case SurrogateKey:
		if n, ok := r.pkNames[keyCol]; ok {
			pkName = n
		}
		j.PrimaryKey = &Key{Pos: rel.Pos, Name: pkName, Columns: []*Column{keyCol}}
		j.Uniques = append(j.Uniques, &Key{Pos: rel.Pos, Name: ShortenIdent("uq_" + j.Name + "_" + joinNames(pair)), Columns: pair})
	case LineKey:
		j.PrimaryKey = &Key{Pos: rel.Pos, Name: pkName, Columns: append(slices.Clone(fkCols[0]), keyCol)}
	}
	for _, l := range o.lists {
		l.table = j
		r.lists = append(r.lists, l)
	}
}
