package model

import (
	"fmt"

	"github.com/ergen-dev/ergen/dsl"
)

// A relationship's declaration, sorted out: its header (entities, roles,
// junction name, shared key) and the items of its block (policies,
// constraint names, columns, junction options), before relate.go derives
// its foreign keys and tables from them.

// side holds the policy written for one side of a relationship (the only
// side, for 1:N and 1:1).
type side struct {
	onDelete, onUpdate Policy
	constraint         string
	columns            []*dsl.Name
	columnsPos         dsl.Pos
	noIndex            bool
	setColumns         *dsl.ColumnList // `on delete set null (...)`
}

// relOptions is a relationship block, sorted out.
type relOptions struct {
	sides      [2]side
	required   *bool
	reqPos     dsl.Pos
	deferrable Deferrability
	matchFull  bool
	notValid   bool
	notValidAt dsl.Span // the `not valid` clause
	references *dsl.ColumnList
	key        *dsl.JunctionKey
	table      *dsl.String
	comment    string
	attributes []*dsl.Attribute
	lists      []pendingList // the junction's unique and index clauses; table set later
}

// relationshipHeader resolves the entities and header clauses into rel
// (relItems sorts the block's items); it returns false when the
// relationship cannot be resolved at all.
func (r *resolver) relationshipHeader(d *dsl.RelationshipDecl, rel *Relationship) bool {
	*rel = Relationship{Span: dsl.SpanOf(pos(d.Pos), pos(d.Right.EndPos))}
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
				r.diags.Errorf(p, e, "junction %s has the name of a declared entity", dsl.QuoteName(h.Via.Value)).
					Hintf("the junction is declared by its relationship: move the entity's attributes into the relationship block and remove the entity")
				continue
			}
			p, e := at(h.Via)
			rel.Junction = &Table{Pos: p, NameAt: dsl.SpanOf(p, e), Name: ShortenIdent(r.plural(r.snake(h.Via.Value)))}
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
	return r.relRoles(rel, roles)
}

// relRoles sets rel's roles from those written in its header, or from the
// entity names; it returns false when they cannot name the sides.
func (r *resolver) relRoles(rel *Relationship, roles []*dsl.Name) bool {
	if rel.Card == ManyToMany {
		switch len(roles) {
		case 0:
			rel.Roles = [2]string{r.snake(rel.Left.Name), r.snake(rel.Right.Name)}
			if rel.Left == rel.Right {
				r.diags.ErrorAt(rel.Span, "M:N relationship of %s with itself needs two role names", dsl.QuoteName(rel.Left.Name)).
					Hintf("name both sides: relationship %s M:N %s as follower, followed", dsl.NameExcerpt(rel.Left.Name), dsl.NameExcerpt(rel.Left.Name))
				return false
			}
		case 1:
			p, e := at(roles[0])
			r.diags.Errorf(p, e, "an M:N relationship takes two role names, one per side").
				Hintf("write `as %s, other`", dsl.NameExcerpt(roles[0].Value))
			return false
		default:
			rel.Roles = [2]string{r.snake(roles[0].Value), r.snake(roles[1].Value)}
			if rel.Roles[0] == rel.Roles[1] {
				p, e := at(roles[1])
				r.diags.Errorf(p, e, "both sides have role %s", dsl.QuoteName(rel.Roles[0])).Hintf("give the sides different roles")
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
				Hintf("the role names what %s is to %s, as in `as manager`", dsl.NameExcerpt(rel.Left.Name), dsl.NameExcerpt(rel.Right.Name))
			return false
		}
	}
	return true
}

func (r *resolver) entityRef(n *dsl.Name) *Entity {
	if e, ok := r.entities[n.Value]; ok {
		return e
	}
	p, e := at(n)
	d := r.diags.Errorf(p, e, "unknown entity %s", dsl.QuoteName(n.Value))
	names := make([]string, len(r.s.Entities))
	for i, e := range r.s.Entities {
		names[i] = e.Name
	}
	switch s := dsl.Suggest(n.Value, names); {
	case r.junctionNamed(n.Value) != nil:
		// Declaring the entity would clash with the junction's name: the
		// way to relate the junction is to make it an entity of its own.
		j := r.junctionNamed(n.Value)
		name := dsl.NameExcerpt(n.Value)
		d.Hintf("%s is the junction of %s %s %s, which no relationship can name: declare entity %s with a 1:N relationship from each side instead of the M:N",
			name, dsl.NameExcerpt(j.Left.Value), dsl.NameExcerpt(j.Card.Value), dsl.NameExcerpt(j.Right.Value), name)
	case s != "":
		d.Hintf("did you mean %s?", dsl.QuoteName(s))
	default:
		d.Hintf("declare it with `entity %s { ... }`", dsl.NameExcerpt(n.Value))
	}
	return nil
}

// junctionNamed returns the M:N relationship whose junction is called
// name with `via`, or nil.
func (r *resolver) junctionNamed(name string) *dsl.RelationshipDecl {
	for _, d := range r.f.Decls {
		if rd := d.Relationship; rd != nil {
			for _, h := range rd.Header {
				if h.Via != nil && h.Via.Value == name {
					return rd
				}
			}
		}
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
		r.diags.Errorf(p, e, "only M:N relationships have sides; %s is not expected here", dsl.QuoteName(n.Value)).
			Hintf("a %s relationship has one foreign key, on %s", rel.Card, dsl.NameExcerpt(rel.Right.Name))
		return 0, false
	}
	for i, role := range rel.Roles {
		if n.Value == role || (rel.Left != rel.Right && n.Value == [2]*Entity{rel.Left, rel.Right}[i].Name) {
			return i, true
		}
	}
	r.diags.Errorf(p, e, "%s is not a side of %s", dsl.QuoteName(n.Value), rel.label()).
		Hintf("name a side by its entity (%s or %s) or its role", dsl.NameExcerpt(rel.Left.Name), dsl.NameExcerpt(rel.Right.Name))
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
		o.sides[i].onDelete.Action, o.sides[i].onUpdate.Action = NoAction, NoAction
	}
	b := &relBlock{r: r, rel: rel, o: o, mn: rel.Card == ManyToMany}
	for _, it := range d.Items {
		b.item(it)
	}
}

// relBlock is one relationship block being sorted into its options.
type relBlock struct {
	r    *resolver
	rel  *Relationship
	o    *relOptions
	mn   bool            // the relationship is M:N: sides, junction items
	seen map[string]bool // the clauses given once only, seen so far (see once)
}

// once reports whether the clause it, of the kind name, is the first of
// its kind in the block; a second is an error at it, since which one
// holds would be a guess.
func (b *relBlock) once(it *dsl.RelItem, name string) bool {
	if b.seen == nil {
		b.seen = map[string]bool{}
	}
	if b.seen[name] {
		b.r.diags.Errorf(pos(it.Pos), pos(it.EndPos), "`%s` given twice", name).Hintf("keep one")
		return false
	}
	b.seen[name] = true
	return true
}

// each applies f to the named side, or to every side when none is named.
func (b *relBlock) each(n *dsl.Name, f func(s *side)) {
	i, ok := b.r.sideOf(b.rel, n)
	switch {
	case !ok:
	case i >= 0:
		f(&b.o.sides[i])
	case b.mn:
		f(&b.o.sides[0])
		f(&b.o.sides[1])
	default:
		f(&b.o.sides[0])
	}
}

func (b *relBlock) notMN(it *dsl.RelItem, what, hint string) bool {
	if b.mn {
		b.r.diags.Errorf(pos(it.Pos), pos(it.EndPos), "`%s` does not apply to an M:N relationship", what).
			Hintf("%s", hint)
		return false
	}
	return true
}

func (b *relBlock) onlyMN(it *dsl.RelItem, what, hint string) bool {
	if !b.mn {
		b.r.diags.Errorf(pos(it.Pos), pos(it.EndPos), "%s only applies to an M:N relationship", what).Hintf("%s", hint)
		return false
	}
	return true
}

// item sorts one item of the block.
func (b *relBlock) item(it *dsl.RelItem) {
	r, rel, o, mn := b.r, b.rel, b.o, b.mn
	ip, ie := pos(it.Pos), pos(it.EndPos)
	switch {
	case it.Required || it.Optional:
		word := "optional"
		if it.Required {
			word = "required"
		}
		if !b.notMN(it, word, "junction columns are part of its key and always NOT NULL") {
			return
		}
		if o.required != nil {
			r.diags.Errorf(ip, ie, "`%s` conflicts with an earlier required/optional", word)
			return
		}
		v := it.Required
		o.required, o.reqPos = &v, ip
	case it.On != nil:
		b.policy(it.On)
	case it.Deferrable != nil:
		if b.once(it, "deferrable") {
			o.deferrable = deferrability(it.Deferrable)
		}
	case it.Constraint != nil:
		b.constraint(it)
	case it.Column != nil:
		b.column(it)
	case it.References != nil:
		if !b.notMN(it, "references", "a junction references the primary key of each entity") {
			return
		}
		o.references = it.References
	case it.NoIndex != nil:
		b.each(it.NoIndex.Side, func(s *side) { s.noIndex = true })
	case it.Key != nil:
		switch {
		case it.Key.Kind == "" && it.Key.Column == nil && rel.SharedKey:
			o.key = it.Key // `key as NAME` names the shared key
		case !mn && it.Key.Kind == "" && it.Key.Column == nil:
			r.diags.Errorf(ip, ie, "`key as %s` names the primary key of a junction or of a shared key, which %s does not make", dsl.NameExcerpt(it.Key.Name.Value), rel.label()).
				Hintf("name the key of %s in its block: `pk (...) as %s`", dsl.NameExcerpt(rel.Right.Name), dsl.NameExcerpt(it.Key.Name.Value))
		case b.onlyMN(it, "`key`", "the key of an entity is declared on the entity"):
			o.key = it.Key
		}
	case it.Table != nil:
		if b.onlyMN(it, "`table`", "the table of an entity is named in the entity block") && b.once(it, "table") {
			o.table = it.Table
		}
	case it.Unique != nil:
		if b.onlyMN(it, "`unique`", fmt.Sprintf("declare the unique key in the block of %s, where it may name the FK columns", dsl.NameExcerpt(b.rel.Right.Name))) {
			o.lists = append(o.lists, pendingList{kind: "unique", clause: it.Unique})
		}
	case it.Index != nil:
		if b.onlyMN(it, "`index`", fmt.Sprintf("declare the index in the block of %s, where it may name the FK columns", dsl.NameExcerpt(b.rel.Right.Name))) {
			o.lists = append(o.lists, pendingList{kind: "index", clause: it.Index})
		}
	case it.Match != "" || it.NotValid:
		b.checking(it)
	case it.Comment != nil:
		if b.once(it, "comment") {
			o.comment = it.Comment.Unquote()
		}
	case it.Attribute != nil:
		if r.misreadClause(it.Attribute, false, !mn) {
			return
		}
		if mn {
			o.attributes = append(o.attributes, it.Attribute)
		} else {
			b.onlyMN(it, fmt.Sprintf("attribute %s", dsl.QuoteName(it.Attribute.Name.Value)),
				fmt.Sprintf("a %s relationship has no table of its own; declare the attribute on %s", rel.Card, dsl.NameExcerpt(rel.Right.Name)))
		}
	}
}

// deferrability is what a `deferrable` clause asks for.
func deferrability(d *dsl.Deferrable) Deferrability {
	switch {
	case d.Not:
		return NotDeferrable
	case d.Initially == "deferred":
		return DeferrableDeferred
	}
	return DeferrableImmediate
}

// checking records `match` and `not valid`, which say which rows the FK
// checks; neither applies to a junction's.
func (b *relBlock) checking(it *dsl.RelItem) {
	if it.NotValid {
		if !b.once(it, "not valid") {
			return
		}
		b.o.notValid = b.notMN(it, "not valid", "a junction's foreign keys are checked for every row")
		b.o.notValidAt = dsl.SpanOf(pos(it.Pos), pos(it.EndPos))
	} else if b.notMN(it, "match "+it.Match, "junction columns are NOT NULL, so a foreign key of a junction matches in full") && b.once(it, "match") {
		b.o.matchFull = it.Match == "full"
	}
}

// policy records an `on delete` or `on update` clause on its side(s).
func (b *relBlock) policy(on *dsl.OnClause) {
	r := b.r
	act := actionOf(on.Action)
	at := dsl.SpanOf(pos(on.Pos), pos(on.EndPos))
	list := b.actionList(on, act)
	b.each(on.Side, func(s *side) {
		p, event := &s.onDelete, "delete"
		if on.Event != "delete" {
			p, event = &s.onUpdate, "update"
		}
		if p.Explicit {
			r.diags.ErrorAt(at, "on %s given twice", event)
		}
		*p = Policy{Action: act, at: keepSpan(at), Explicit: true}
		if list != nil {
			s.setColumns = list
		}
	})
}

// constraint records a constraint name on its side.
func (b *relBlock) constraint(it *dsl.RelItem) {
	r, rel, mn := b.r, b.rel, b.mn
	ip, ie := pos(it.Pos), pos(it.EndPos)
	name := it.Constraint.Name.Unquote()
	if name == "" {
		r.diags.Errorf(ip, ie, "empty constraint name")
		return
	}
	if mn && it.Constraint.Side == nil {
		r.diags.Errorf(ip, ie, "an M:N relationship has two constraints; name the side").
			Hintf("write `constraint %s %s`", dsl.NameExcerpt(rel.Left.Name), name)
		return
	}
	b.each(it.Constraint.Side, func(s *side) { s.constraint = ShortenIdent(name) })
}

// column records the FK columns written for a side.
func (b *relBlock) column(it *dsl.RelItem) {
	r, rel, mn := b.r, b.rel, b.mn
	ip, ie := pos(it.Pos), pos(it.EndPos)
	cols := it.Column.Columns
	var names []*dsl.Name
	if cols != nil {
		names = cols.Columns
	} else {
		names = []*dsl.Name{it.Column.Single}
	}
	if mn && it.Column.Side == nil {
		r.diags.Errorf(ip, ie, "an M:N relationship has two foreign keys; name the side").
			Hintf("write `column %s (%s)`", dsl.NameExcerpt(rel.Left.Name), dsl.NameExcerpt(names[0].Value))
		return
	}
	for i, n := range names {
		for _, prev := range names[:i] {
			if ColumnIdent(prev.Value) != ColumnIdent(n.Value) {
				continue
			}
			// Reported here, where the list is written: the foreign key
			// would otherwise take the column twice and the error would
			// be about whatever the second use of it collides with.
			p, e := at(n)
			d := r.diags.Errorf(p, e, "column %s listed twice in columns", dsl.QuoteName(n.Value))
			if prev.Value != n.Value {
				d.Hintf("PostgreSQL cuts names to %d bytes, and this one is then %s like the column at %d:%d", MaxIdentLen, dsl.QuoteName(ColumnIdent(n.Value)), prev.Pos.Line, prev.Pos.Column)
			} else {
				d.Hintf("each column of the foreign key is listed once, one per referenced column")
			}
			return
		}
	}
	b.each(it.Column.Side, func(s *side) { s.columns, s.columnsPos = names, ip })
}
