package model

import (
	"slices"
	"strings"

	"github.com/ergen-dev/ergen/dsl"
)

// Exclusion is an EXCLUDE constraint: no two rows of the table may have
// every element compare true with its operator, as two bookings of one
// room whose periods overlap (room WITH =, during WITH &&). PostgreSQL
// enforces it with an index of the same name.
type Exclusion struct {
	Pos  dsl.Pos
	Name string
	// Method is the index access method: gist, spgist, btree or hash.
	Method string
	// Elements are the keys compared, in order; Columns lists the ones
	// that are plain columns, as Index.Columns does.
	Elements []ExclusionElement
	Columns  []*Column
	Include  []*Column
	Where    string // the predicate of a partial constraint, parenthesised; or ""
}

// ExclusionElement is one element of an exclusion constraint: a key, as
// an index has, and the operator two rows' keys are compared with.
type ExclusionElement struct {
	IndexKey
	Operator string
}

// ExclusionMethods are the index access methods that can enforce an
// exclusion constraint (gin and brin cannot: they do not return rows one
// at a time).
var ExclusionMethods = []string{"gist", "spgist", "btree", "hash"}

// Index is the index PostgreSQL builds to enforce x.
func (x *Exclusion) Index() *Index {
	keys := make([]IndexKey, len(x.Elements))
	for i, el := range x.Elements {
		keys[i] = el.IndexKey
	}
	return &Index{Pos: x.Pos, Name: x.Name, Method: x.Method, Keys: keys, Columns: x.Columns, Include: x.Include, Where: x.Where}
}

// SQL is the constraint's definition after its name:
// `EXCLUDE USING gist (room WITH =, during WITH &&) WHERE (NOT cancelled)`.
func (x *Exclusion) SQL() string {
	var b strings.Builder
	b.WriteString("EXCLUDE USING " + x.Method + " (")
	for i, el := range x.Elements {
		if i > 0 {
			b.WriteString(", ")
		}
		el.writeSQL(&b)
		b.WriteString(" WITH " + el.Operator)
	}
	b.WriteString(")")
	b.WriteString(IncludeSQL(x.Include))
	if x.Where != "" {
		b.WriteString(" WHERE " + x.Where)
	}
	return b.String()
}

// exclusions resolves every `exclude` clause of the entities, once
// relationships have added the FK columns it may name and partitions
// are known.
func (r *resolver) exclusions() {
	for i, d := range r.entityDecls {
		t := r.s.Entities[i].Table
		for _, it := range d.Items {
			if it.Exclude == nil {
				continue
			}
			if x, ok := r.exclusion(t, pos(it.Pos), it.Exclude); ok {
				t.Exclusions = append(t.Exclusions, x)
			}
		}
	}
}

// exclusion resolves one `exclude` clause of t.
func (r *resolver) exclusion(t *Table, p dsl.Pos, d *dsl.ExcludeDecl) (*Exclusion, bool) {
	e := pos(d.EndPos)
	x := &Exclusion{Pos: p, Method: "btree"}
	// The options are an index's, resolved by the same code; ix collects
	// what they set.
	ix := &Index{Pos: p, Method: "btree"}
	l := pendingList{table: t, kind: "exclude", clause: &dsl.IndexDecl{Pos: d.Pos, EndPos: d.EndPos, Options: d.Options}}
	name, _, ok := r.indexOptions(l, ix)
	if d.Using != nil {
		if slices.ContainsFunc(d.Options, func(o *dsl.IndexOption) bool { return o.Using != nil }) {
			up, ue := at(d.Using)
			r.diags.Errorf(up, ue, "`using` given twice in exclude")
			ok = false
		}
		ok = r.indexMethod(d.Using, ix) && ok
	}
	x.Method, x.Include, x.Where = ix.Method, ix.Include, ix.Where
	if !slices.Contains(ExclusionMethods, x.Method) {
		r.diags.Errorf(p, e, "a %s index cannot enforce an exclusion constraint", x.Method).
			Hintf("use gist (or spgist, btree, hash): exclude using gist (...)")
		ok = false
	}
	for _, el := range d.Elems {
		xe, eok := r.exclusionElement(t, el)
		if !eok {
			ok = false
			continue
		}
		if xe.Column != nil {
			x.Columns = append(x.Columns, xe.Column)
		}
		x.Elements = append(x.Elements, xe)
	}
	if x.Method == "hash" && len(x.Elements) > 1 {
		r.diags.Errorf(p, e, "a hash index has one key, not %d", len(x.Elements)).
			Hintf("compare one column with hash, or use gist")
		ok = false
	}
	if t.Partitioning != nil {
		r.diags.Errorf(p, e, "%s is partitioned, and PostgreSQL 15 has no exclusion constraint on a partitioned table", dsl.QuoteName(t.Label())).
			Hintf("declare the constraint on a table that is not partitioned")
		ok = false
	}
	if !ok {
		return nil, false
	}
	ok = r.needsBtreeGist(x, p, e)
	x.Name = ObjectName(ExclusionObject, t.Name, keyWords(x.Index().Keys))
	if name != nil {
		x.Name = ShortenIdent(name.Value)
	}
	return x, ok
}

// exclusionElement resolves one element of an `exclude` clause of t.
func (r *resolver) exclusionElement(t *Table, el *dsl.ExcludeElem) (ExclusionElement, bool) {
	key, ok := r.indexKey(t, &dsl.IndexKey{Pos: el.Pos, EndPos: el.EndPos, Expr: el.Expr, Column: el.Column, Args: el.Args, Collate: el.Collate, OpClass: el.OpClass}, "exclude")
	xe := ExclusionElement{IndexKey: key, Operator: strings.Join(el.Operator.Tokens, "")}
	op, oe := pos(el.Operator.Pos), pos(el.Operator.EndPos)
	// (mood) is the column itself, of its type.
	col := key.Column
	if col == nil {
		col = t.ExprColumn(key.Expr)
	}
	switch {
	case oe.Offset-op.Offset != len(xe.Operator):
		r.diags.Errorf(op, oe, "operator %s is written with spaces inside", dsl.QuoteName(r.f.Text(el.Operator.Pos, el.Operator.EndPos))).
			Hintf("write the operator as one word, as in with %s", dsl.NameExcerpt(xe.Operator))
		ok = false
	case strings.Contains(xe.Operator, "--") || strings.Contains(xe.Operator, "/*"):
		r.diags.Errorf(op, oe, "operator %s holds a comment's start", dsl.QuoteName(xe.Operator)).
			Hintf("SQL reads -- and /* as the start of a comment, never as part of an operator")
		ok = false
	case col != nil && col.Type.EnumDomain():
		c := col
		r.diags.Errorf(pos(el.Pos), pos(el.EndPos), "column %s of %s is %s, a domain over an enum, and PostgreSQL has no operators for one", dsl.QuoteName(c.Name), dsl.QuoteName(t.Label()), c.Type.SQL()).
			Hintf("exclude on the value as its enum: (%s::%s) with %s", c.Name, r.s.TypeSQL(c.Type.ComparedAs()), dsl.NameExcerpt(xe.Operator))
		ok = false
	}
	return xe, ok
}

// needsBtreeGist reports, when x compares a plain scalar column with a
// gist index and the model does not declare btree_gist, that PostgreSQL
// has no gist operator class for it: the extension provides them, and
// ergen never installs one the model does not ask for.
func (r *resolver) needsBtreeGist(x *Exclusion, p, e dsl.Pos) bool {
	if x.Method != "gist" || slices.Contains(r.s.Extensions, "btree_gist") {
		return true
	}
	for _, el := range x.Elements {
		c := el.Column
		if c == nil || el.OpClass != "" || c.Type.Array > 0 {
			continue
		}
		switch c.Type.Base {
		case ExternalBase, DomainType, JSON, JSONB:
			continue
		}
		r.diags.Errorf(p, e, "column %s of %s is %s, which a gist index compares only with the btree_gist extension", dsl.QuoteName(c.Name), dsl.QuoteName(c.Table.Label()), c.Type.SQL()).
			Hintf("declare `extension btree_gist` in the model")
		return false
	}
	return true
}

// exclusionNames calls f, as eachName does, with the names of t's
// exclusion constraints, which are a constraint's and an index's.
func exclusionNames(t *Table, f func(ns nameSpace, name string, o owner, p dsl.Pos)) {
	for _, x := range t.Exclusions {
		o := owner{kind: "exclusion constraint of ", label: t.label()}
		f(nsRelations, x.Name, o, x.Pos)
		f(nsConstraints, x.Name, o, x.Pos)
	}
}
