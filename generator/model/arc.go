package model

import (
	"slices"
	"strings"

	"github.com/ergen-dev/ergen/dsl"
)

// Arc is an exclusive arc: a child entity with several possible parents,
// of which each row references exactly one (Required) or at most one:
// "a comment belongs to exactly one of a post, a photo or a video". Each
// parent is a 1:N relationship of its own (Members, in the order written),
// with an optional foreign key and its own policy; Check is the CHECK
// (num_nonnulls(...) = 1, or <= 1) on the child that makes them exclusive.
type Arc struct {
	dsl.Span // the relationship declaration, from its first parent to the child
	Child    *Entity
	Members  []*Relationship
	Required bool
	Check    *Check
}

// Label names the arc in messages: `Post | Photo | Video 1:N Comment`.
func (a *Arc) Label() string { return a.labelBy(func(name string) string { return name }) }

// label is Label with each name cut by dsl.NameExcerpt, as the model's
// diagnostics write it.
func (a *Arc) label() string { return a.labelBy(dsl.NameExcerpt) }

func (a *Arc) labelBy(written func(string) string) string {
	names := make([]string, len(a.Members))
	for i, m := range a.Members {
		names[i] = written(m.Left.Name)
	}
	return strings.Join(names, " | ") + " 1:N " + written(a.Child.Name)
}

// Columns are the columns the arc's CHECK counts: the first column of each
// member's foreign key (a composite one matches in full, so its first
// column is NULL exactly when all are).
func (a *Arc) Columns() []*Column {
	cols := make([]*Column, 0, len(a.Members))
	for _, m := range a.Members {
		if len(m.ForeignKeys) == 1 {
			cols = append(cols, m.ForeignKeys[0].Columns[0])
		}
	}
	return cols
}

// pendingArc is an arc declaration split into one 1:N declaration per
// parent, resolved like any other, then joined again by arcs.
type pendingArc struct {
	decl     *dsl.RelationshipDecl
	members  []*dsl.RelationshipDecl
	required bool
}

// splitArcs replaces each arc declaration (`relationship Post | Photo 1:N
// Comment`) in r.relDecls with one optional 1:N declaration per parent.
// A clause naming a parent (`on delete Post cascade`) goes to that
// parent's relationship only; one naming none goes to all.
func (r *resolver) splitArcs() {
	var out []*dsl.RelationshipDecl
	for _, d := range r.relDecls {
		if len(d.Others) == 0 {
			out = append(out, d)
			continue
		}
		a := r.splitArc(d)
		r.arcDecls = append(r.arcDecls, a)
		out = append(out, a.members...)
	}
	r.relDecls = out
}

func (r *resolver) splitArc(d *dsl.RelationshipDecl) *pendingArc {
	a := &pendingArc{decl: d, required: true}
	parents := append([]*dsl.Name{d.Left}, d.Others...)
	if d.Card.Value != "1:N" {
		p, e := pos(d.Card.Pos), pos(d.Card.EndPos)
		r.diags.Errorf(p, e, "an arc of several parents is 1:N, not %s", dsl.NameExcerpt(d.Card.Value)).
			Hintf("write relationship %s 1:N %s", arcParents(parents), dsl.NameExcerpt(d.Right.Value))
	}
	for _, h := range d.Header {
		r.diags.Errorf(pos(h.Pos), pos(h.EndPos), "an arc of several parents takes no `as`, `via`, `was` or `shared key`").
			Hintf("each parent's role is its entity's name")
	}
	byName := map[string]int{}
	for i, p := range parents {
		if _, dup := byName[p.Value]; dup {
			ps, pe := at(p)
			r.diags.Errorf(ps, pe, "%s is twice a parent of the arc", dsl.QuoteName(p.Value))
			continue
		}
		byName[p.Value] = i
		m := &dsl.RelationshipDecl{Pos: d.Pos, EndPos: d.EndPos, Left: p, Card: d.Card, Right: d.Right}
		a.members = append(a.members, m)
	}
	sided := func(side *dsl.Name, it *dsl.RelItem, what string) {
		if side == nil {
			r.diags.Errorf(pos(it.Pos), pos(it.EndPos), "an arc has one %s per parent; name the parent", what).
				Hintf("write the parent's name after the keyword, as in `%s %s ...`", what, dsl.NameExcerpt(parents[0].Value))
			return
		}
		i, ok := byName[side.Value]
		if !ok {
			p, e := at(side)
			r.diags.Errorf(p, e, "%s is not a parent of the arc %s", dsl.QuoteName(side.Value), arcParents(parents)).
				Hintf("name a parent: %s", strings.Join(parentNames(parents), ", "))
			return
		}
		a.members[i].Items = append(a.members[i].Items, it)
	}
	seenReq := false
	for _, it := range d.Items {
		switch {
		case it.Required || it.Optional:
			if seenReq {
				r.diags.Errorf(pos(it.Pos), pos(it.EndPos), "`required` or `optional` given twice")
			}
			seenReq, a.required = true, it.Required
		case it.On != nil && it.On.Side != nil:
			on := *it.On
			on.Side = nil
			c := *it
			c.On = &on
			sided(it.On.Side, &c, "on "+it.On.Event)
		case it.Constraint != nil:
			sided(it.Constraint.Side, unsided(it, func(c *dsl.RelItem) { n := *c.Constraint; n.Side = nil; c.Constraint = &n }), "constraint")
		case it.Column != nil:
			sided(it.Column.Side, unsided(it, func(c *dsl.RelItem) { n := *c.Column; n.Side = nil; c.Column = &n }), "column")
		case it.NoIndex != nil && it.NoIndex.Side != nil:
			sided(it.NoIndex.Side, unsided(it, func(c *dsl.RelItem) { n := *c.NoIndex; n.Side = nil; c.NoIndex = &n }), "no index")
		default:
			for _, m := range a.members {
				m.Items = append(m.Items, it)
			}
		}
	}
	// Every member's foreign key is optional: the CHECK says how many
	// are set.
	for _, m := range a.members {
		m.Items = append(m.Items, &dsl.RelItem{Pos: d.Pos, EndPos: d.Pos, Optional: true})
	}
	return a
}

// unsided is a copy of it whose clause, changed by f, names no side.
func unsided(it *dsl.RelItem, f func(c *dsl.RelItem)) *dsl.RelItem {
	c := *it
	f(&c)
	return &c
}

// parentNames are the names of an arc's parents, for messages: each cut
// as dsl.NameExcerpt cuts a name.
func parentNames(ps []*dsl.Name) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = dsl.NameExcerpt(p.Value)
	}
	return out
}

func arcParents(ps []*dsl.Name) string { return strings.Join(parentNames(ps), " | ") }

// arcs joins each split arc again: its member relationships, the match
// in full of composite members, the policies an arc forbids, and its
// CHECK on the child's table.
func (r *resolver) arcs() {
	for _, pa := range r.arcDecls {
		d := pa.decl
		a := &Arc{Span: dsl.SpanOf(pos(d.Pos), pos(d.Right.EndPos)), Required: pa.required}
		for _, m := range pa.members {
			i := slices.IndexFunc(r.s.Relationships, func(rel *Relationship) bool { return rel.Pos == a.Pos && rel.Left.Name == m.Left.Value })
			if i < 0 {
				continue
			}
			rel := r.s.Relationships[i]
			rel.Arc, a.Child = a, rel.Right
			a.Members = append(a.Members, rel)
		}
		if a.Child == nil || len(a.Members) != len(pa.members) || slices.ContainsFunc(a.Members, func(m *Relationship) bool { return len(m.ForeignKeys) != 1 }) {
			continue // the members' errors are reported
		}
		for _, m := range a.Members {
			fk := m.ForeignKeys[0]
			if len(fk.Columns) > 1 {
				fk.MatchFull = true
				if fk.OnDelete.Action == SetNull && fk.SetColumns != nil && len(fk.SetColumns) < len(fk.Columns) {
					r.diags.ErrorAt(fk.PolicySpan(DeleteEvent), "ON DELETE SET NULL (%s) on %s leaves some of its columns set, but a composite foreign key of an arc matches in full",
						ColumnNames(fk.SetColumns), m.label()).
						Hintf("set all of its columns: write `on delete %s set null`", dsl.NameExcerpt(m.Left.Name))
				}
			}
			if !a.Required {
				continue
			}
			for _, ev := range []Event{DeleteEvent, UpdateEvent} {
				if fk.Policy(ev).Action == SetNull {
					r.diags.ErrorAt(fk.PolicySpan(ev), "ON %s SET NULL on %s would leave %s with no parent, which the arc %s forbids", strings.ToUpper(ev.String()), m.label(),
						Article(dsl.NameExcerpt(a.Child.Table.Noun())), a.label()).
						Hintf("use CASCADE or RESTRICT, or make the arc `optional`: at most one parent")
				}
			}
		}
		t := a.Child.Table
		op := "= 1"
		if !a.Required {
			op = "<= 1"
		}
		var names []string
		for _, m := range a.Members {
			names = append(names, m.Roles[0])
		}
		a.Check = &Check{Pos: a.Pos, Expr: "(num_nonnulls" + ColumnListSQL(a.Columns()) + " " + op + ")",
			Name: ObjectName(CheckObject, t.Name, strings.Join(names, "_"), "arc"), Named: true}
		t.Checks = append(t.Checks, a.Check)
		r.s.Arcs = append(r.s.Arcs, a)
	}
}
