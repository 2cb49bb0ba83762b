package model

import (
	"strconv"

	"github.com/ergen-dev/ergen/dsl"
)

// A column's collation decides how its values sort and compare: `code text
// collate "C"` sorts by bytes whatever the database's locale. PostgreSQL
// takes it on the types whose values are text only, and refuses it on any
// other ("collations are not supported by type integer"), so ergen
// refuses it there when the model is read. It does not check that the
// collation exists: which ones do depends on the server (ICU's come with
// its build), and CREATE TABLE names a missing one.
//
// An FK column ergen adds takes the collation of the key column it
// references, as it takes its type: PostgreSQL 15 accepts a foreign key
// between columns of different collations, but a nondeterministic one on
// either side makes the two disagree on which values are equal.

// Collatable reports whether PostgreSQL takes a collation on columns of
// t: text, varchar, char, citext, domains over them and their arrays. An
// enum sorts by its labels' order and takes none.
func (t Type) Collatable() bool {
	u := t.Underlying()
	switch u.Base {
	case Text, Varchar, Char:
		return true
	case ExternalBase:
		return u.External.Name == "citext"
	}
	return false
}

// columnCollation applies an attribute's `collate "NAME"` clause, which
// starts at start, to c.
func (r *resolver) columnCollation(c *Column, start dsl.Pos, s *dsl.String) {
	if c.Type.Collation != "" {
		r.diags.Errorf(start, pos(s.EndPos), "attribute %s has two collations", dsl.QuoteName(c.Name))
	}
	c.Type.Collation = r.collation(c.Type, "column", c.Name, start, s)
}

// collation resolves a `collate "NAME"` clause given to a column or domain
// (kind) of type t; it reports a type without collations and an empty
// name, and returns the name, or "" when it is refused.
func (r *resolver) collation(t Type, kind, name string, start dsl.Pos, s *dsl.String) string {
	coll, e := s.Unquote(), pos(s.EndPos)
	switch {
	case coll == "":
		r.diags.Errorf(start, e, "empty collation name").Hintf(`name a collation of the server, as in collate "C" or collate "und-x-icu"`)
	case !t.Collatable():
		r.diags.Errorf(start, e, "%s %s is of type %s, which takes no collation", kind, dsl.QuoteName(name), t.SQL()).
			Hintf("a collation applies to text, varchar, char, citext and domains over them")
	default:
		return coll
	}
	return ""
}

// CollateSQL is the COLLATE clause of a column or domain of type t, as
// DDL writes it after the type (` COLLATE "C"`), or "" for none. The name
// is always quoted: the model's names are case-sensitive.
func (t Type) CollateSQL() string { return collateSQL(t.Collation) }

// collateSQL is ` COLLATE "name"`, or "" for no collation: a column's,
// a domain's or an index key's.
func collateSQL(name string) string {
	if name == "" {
		return ""
	}
	return " COLLATE " + string(AppendQuoted(nil, name, '"'))
}

// collationDiffers warns when c, a declared FK column, has another
// collation than the key column ref it references. PostgreSQL 15 accepts
// the foreign key; PostgreSQL 18 refuses it when either collation is
// nondeterministic, which ergen cannot tell from a name, and with such a
// collation the two columns disagree on which values are equal.
func (r *resolver) collationDiffers(c, ref *Column) {
	fk, key := c.Type.Collation, ref.Type.Collation
	if fk == key || !c.Type.Collatable() {
		return
	}
	name := func(s string) string {
		if s == "" {
			return "its type's default"
		}
		return strconv.Quote(s)
	}
	r.diags.Warnf(c.Pos, c.Pos.Advance(c.Name), "column %s of %s has collation %s but references %s.%s of collation %s",
		dsl.QuoteName(c.Name), dsl.QuoteName(c.Table.Label()), name(fk), ref.Table.Name, ref.Name, name(key)).
		Hintf("give it the key's collation, or remove the attribute and let ergen add it; PostgreSQL 18 refuses the pair when either collation is nondeterministic")
}

// TypeCollation is the collation a column of t has without a collate
// clause of its own: its domain's (or that of the domain it is based on),
// or "" for its base type's default.
func (t Type) TypeCollation() string {
	for t.Base == DomainType {
		t = t.Domain.Type
		if t.Collation != "" {
			return t.Collation
		}
	}
	return ""
}
