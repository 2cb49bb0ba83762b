package model

import (
	"slices"

	"github.com/ergen-dev/ergen/dsl"
)

// This file derives what PostgreSQL does when one row is deleted, or when
// one row's key changes: the referential actions of every foreign key that
// the change reaches, transitively. Review output (explain, lint, diagrams,
// docs) reads the tree; none of them re-derive it.
//
// PostgreSQL semantics, as modelled here:
//
//   - ON DELETE CASCADE deletes the referencing rows, and that delete
//     reaches their own referencing rows in turn.
//   - ON DELETE SET NULL and SET DEFAULT update the referencing rows' FK
//     columns; the rows stay. Such an update changes a key only when the FK
//     columns belong to a key (PRIMARY KEY or UNIQUE) that other FKs
//     reference; then the ON UPDATE actions of those FKs apply to the
//     changed columns, as for any key update. SET DEFAULT also re-checks the
//     FK itself: a parent row with the default key must exist.
//   - RESTRICT and NO ACTION refuse the statement when a referencing row
//     exists (NO ACTION at the end of the statement, or at commit when the
//     constraint is deferred): one blocked branch fails the whole delete.
//   - A key update applies the ON UPDATE action of every FK whose referenced
//     columns include a changed column: CASCADE gives the referencing
//     columns the new value, SET NULL/SET DEFAULT set them, RESTRICT and NO
//     ACTION refuse. When the referencing columns are themselves part of a
//     referenced key, the change goes on from there.

// EffectKind is what happens to the rows one effect reaches.
type EffectKind int

const (
	// Deletes: the rows are deleted (the root of a delete, or ON DELETE
	// CASCADE).
	Deletes EffectKind = iota + 1
	// UpdatesKey: the columns take the new key value (the root of a key
	// update, or ON UPDATE CASCADE).
	UpdatesKey
	// SetsNull: the FK columns become NULL.
	SetsNull
	// SetsDefault: the FK columns take their defaults.
	SetsDefault
	// Blocks: the statement fails while such rows exist (RESTRICT, NO
	// ACTION).
	Blocks
)

func (k EffectKind) String() string {
	switch k {
	case Deletes:
		return "delete"
	case UpdatesKey:
		return "update"
	case SetsNull:
		return "set null"
	case SetsDefault:
		return "set default"
	case Blocks:
		return "blocked"
	}
	return "?"
}

// ChangesKey reports whether rows reached by this kind of effect have
// columns changed in place, so that FKs referencing those columns react
// with their ON UPDATE action.
func (k EffectKind) ChangesKey() bool {
	return k == UpdatesKey || k == SetsNull || k == SetsDefault
}

// Event is the change an FK reacts to: the delete of a referenced row, or
// an update of its referenced columns.
type Event int

const (
	DeleteEvent Event = iota + 1
	UpdateEvent
)

func (e Event) String() string {
	if e == UpdateEvent {
		return "update"
	}
	return "delete"
}

// Effect is one node of a delete or update tree: the rows of Table that
// reference the parent node's rows through FK, and what happens to them.
// The root has no FK: it is the row the statement deletes or updates.
type Effect struct {
	Kind  EffectKind
	Table *Table
	// FK is the foreign key through which the parent's change reaches
	// these rows (FK.Table == Table, FK.RefTable == parent's Table); nil at
	// the root.
	FK *ForeignKey
	// Event is which of FK's actions applies: ON DELETE when the parent's
	// rows are deleted, ON UPDATE when their key changes. Action is that
	// action.
	Event  Event
	Action RefAction
	// Columns are the columns that change: the FK's columns for SetsNull,
	// SetsDefault and UpdatesKey, the changed key at the root of an update;
	// nil for Deletes and Blocks.
	Columns []*Column
	// Children are the effects on rows referencing these rows, in the order
	// of Table.Referenced.
	Children []*Effect
	// Repeat is set when Table already changed in the same way higher up
	// on this path: the schema has a cycle here, and the subtree, which is
	// the one above, is not expanded again.
	Repeat bool
	// Elided is set when the tree reached maxEffects nodes; the subtree is
	// left out.
	Elided bool
}

// maxEffects bounds a tree: with many paths between the same tables the
// number of paths grows exponentially, and no reader wants the rest.
const maxEffects = 2000

// DeleteEffects returns the tree of what deleting one row of t does.
func (t *Table) DeleteEffects() *Effect {
	root := &Effect{Kind: Deletes, Table: t, Event: DeleteEvent}
	b := &effectBuilder{}
	b.expand(root, []*Effect{root})
	return root
}

// UpdateEffects returns the tree of what changing the key of one row of t
// does: every column of t that a foreign key references takes a new value.
// When no FK references t, the root has no children.
func (t *Table) UpdateEffects() *Effect {
	return t.KeyUpdateEffects(t.ReferencedColumns())
}

// KeyUpdateEffects returns the tree of what changing the given columns of
// one row of t does.
func (t *Table) KeyUpdateEffects(cols []*Column) *Effect {
	root := &Effect{Kind: UpdatesKey, Table: t, Event: UpdateEvent, Columns: cols}
	b := &effectBuilder{}
	b.expand(root, []*Effect{root})
	return root
}

// ReferencedColumns lists the columns of t that foreign keys reference, in
// table order: the columns whose change reaches other rows.
func (t *Table) ReferencedColumns() []*Column {
	var cols []*Column
	for _, c := range t.Columns {
		if slices.ContainsFunc(t.Referenced, func(fk *ForeignKey) bool { return slices.Contains(fk.RefColumns, c) }) {
			cols = append(cols, c)
		}
	}
	return cols
}

type effectBuilder struct{ nodes int }

// expand adds the children of e; path holds e and its ancestors.
func (b *effectBuilder) expand(e *Effect, path []*Effect) {
	for _, fk := range e.Table.Referenced {
		var event Event
		var action RefAction
		switch {
		case e.Kind == Deletes:
			event, action = DeleteEvent, fk.OnDelete.Action
		case e.Kind.ChangesKey() && slices.ContainsFunc(fk.RefColumns, func(c *Column) bool { return slices.Contains(e.Columns, c) }):
			event, action = UpdateEvent, fk.OnUpdate.Action
		default:
			continue
		}
		c := &Effect{Table: fk.Table, FK: fk, Event: event, Action: action}
		switch action {
		case Cascade:
			if event == DeleteEvent {
				c.Kind = Deletes
			} else {
				c.Kind, c.Columns = UpdatesKey, fk.Columns
			}
		case SetNull:
			c.Kind, c.Columns = SetsNull, fk.ActionColumns(event)
		case SetDefault:
			c.Kind, c.Columns = SetsDefault, fk.ActionColumns(event)
		default:
			c.Kind = Blocks
		}
		e.Children = append(e.Children, c)
		b.nodes++
		if c.Kind == Blocks || !c.propagates() {
			continue
		}
		switch {
		case slices.ContainsFunc(path, c.same):
			c.Repeat = true
		case b.nodes >= maxEffects:
			c.Elided = true
		default:
			b.expand(c, append(path, c))
		}
	}
}

// propagates reports whether the change of these rows reaches further
// rows: a delete always may; a column change only when some FK references
// a changed column.
func (e *Effect) propagates() bool {
	if e.Kind == Deletes {
		return len(e.Table.Referenced) > 0
	}
	for _, fk := range e.Table.Referenced {
		if slices.ContainsFunc(fk.RefColumns, func(c *Column) bool { return slices.Contains(e.Columns, c) }) {
			return true
		}
	}
	return false
}

// same reports whether o changes the same table in the same way as e, so
// that expanding e would repeat o's subtree.
func (e *Effect) same(o *Effect) bool {
	if e.Table != o.Table || (e.Kind == Deletes) != (o.Kind == Deletes) {
		return false
	}
	if e.Kind == Deletes {
		return true
	}
	// A key change repeats when it changes no column the earlier one did not.
	for _, c := range e.Columns {
		if !slices.Contains(o.Columns, c) {
			return false
		}
	}
	return true
}

// Pos is where the effect was declared: the `on delete`/`on update` clause
// when written, else the relationship. The root has the table's position.
func (e *Effect) Pos() dsl.Pos {
	if e.FK == nil {
		return e.Table.Pos
	}
	return e.FK.PolicySpan(e.Event).Pos
}

// Explicit reports whether the action was written in the .er file, rather
// than being the default NO ACTION.
func (e *Effect) Explicit() bool {
	return e.FK == nil || e.FK.Policy(e.Event).Explicit
}

// AtCommit reports whether a block is only checked at commit: NO ACTION on
// a constraint that is DEFERRABLE INITIALLY DEFERRED. RESTRICT is always
// checked at once, deferrable or not.
func (e *Effect) AtCommit() bool {
	return e.Kind == Blocks && e.Action == NoAction && e.FK.Deferrable == DeferrableDeferred
}

// Walk calls f for e and every node below it, parents first, with the
// depth of each (0 for e). When f returns false the node's children are
// skipped.
func (e *Effect) Walk(f func(n *Effect, depth int) bool) {
	var walk func(n *Effect, depth int)
	walk = func(n *Effect, depth int) {
		if !f(n, depth) {
			return
		}
		for _, c := range n.Children {
			walk(c, depth+1)
		}
	}
	walk(e, 0)
}

// Blockers returns the nodes that refuse the statement while their rows
// exist, in tree order.
func (e *Effect) Blockers() []*Effect {
	var out []*Effect
	e.Walk(func(n *Effect, _ int) bool {
		if n.Kind == Blocks {
			out = append(out, n)
		}
		return true
	})
	return out
}

// Depth returns the length of the longest chain of effects below e that
// change rows (blocks not counted): 0 when nothing else changes.
func (e *Effect) Depth() int {
	d := 0
	for _, c := range e.Children {
		if c.Kind != Blocks {
			d = max(d, 1+c.Depth())
		}
	}
	return d
}

// TableEffect is everything one tree does to one table, over all the paths
// that reach it.
type TableEffect struct {
	Table *Table
	// Deleted lists the FKs through which a cascade deletes rows (nil for
	// the root's own row, which is marked by Root).
	Deleted []*ForeignKey
	Root    bool
	// Nulled, Defaulted and Updated list the columns set to NULL, to their
	// default, and to a new key value (ON UPDATE CASCADE, or the root's key).
	Nulled, Defaulted, Updated []*Column
	// Blocked lists the FKs that refuse the statement while rows of this
	// table reference the changed rows.
	Blocked []*ForeignKey
}

// Tables summarises the tree per table, in the order the tables are first
// reached (parents first). Repeat and elided nodes add their own effect
// but nothing below them.
func (e *Effect) Tables() []*TableEffect {
	var out []*TableEffect
	index := map[*Table]*TableEffect{}
	add := func(cols []*Column, c ...*Column) []*Column {
		for _, x := range c {
			if !slices.Contains(cols, x) {
				cols = append(cols, x)
			}
		}
		return cols
	}
	addFK := func(fks []*ForeignKey, fk *ForeignKey) []*ForeignKey {
		if slices.Contains(fks, fk) {
			return fks
		}
		return append(fks, fk)
	}
	e.Walk(func(n *Effect, _ int) bool {
		te := index[n.Table]
		if te == nil {
			te = &TableEffect{Table: n.Table}
			index[n.Table] = te
			out = append(out, te)
		}
		switch n.Kind {
		case Deletes:
			if n.FK == nil {
				te.Root = true
			} else {
				te.Deleted = addFK(te.Deleted, n.FK)
			}
		case UpdatesKey:
			if n.FK == nil {
				te.Root = true
			}
			te.Updated = add(te.Updated, n.Columns...)
		case SetsNull:
			te.Nulled = add(te.Nulled, n.Columns...)
		case SetsDefault:
			te.Defaulted = add(te.Defaulted, n.Columns...)
		case Blocks:
			te.Blocked = addFK(te.Blocked, n.FK)
		}
		return true
	})
	return out
}
