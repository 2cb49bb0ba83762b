package model

import (
	"github.com/ergen-dev/ergen/dsl"
)

// checkNames makes sure no two objects share a name where PostgreSQL would
// refuse it, including names that became equal when shortened to 63 bytes.
// Tables, indexes and the indexes behind PRIMARY KEY and UNIQUE share one
// namespace; tables and enums both define types. Constraint names are kept
// unique across the whole schema too, so that an error from PostgreSQL
// names exactly one constraint (the Go code maps errors by that name).
func (r *resolver) checkNames() {
	var nRel, nCon int
	for _, t := range r.tables {
		nRel += 2 + len(t.Uniques) + len(t.Indexes)
		nCon += 1 + len(t.Uniques) + len(t.Checks) + len(t.ForeignKeys)
	}
	// The sets only record which names are taken: nearly every name is
	// unique, so who took one is looked up for a diagnostic only.
	taken := [...]map[string]struct{}{
		nsRelations:   make(map[string]struct{}, nRel),
		nsConstraints: make(map[string]struct{}, nCon),
		nsTypes:       make(map[string]struct{}, len(r.s.Enums)+len(r.tables)),
	}
	twins := r.junctionTwins()
	var first map[nsName]owner // who claimed each name first; built on the first clash
	firstOwner := func(ns nameSpace, name string) owner {
		if first == nil {
			first = map[nsName]owner{}
			r.eachName(twins, func(ns nameSpace, name string, o owner, _ dsl.Pos) {
				k := nsName{ns, name}
				if _, ok := first[k]; !ok {
					first[k] = o
				}
			})
		}
		return first[nsName{ns, name}]
	}
	r.eachName(twins, func(ns nameSpace, name string, o owner, p dsl.Pos) {
		if _, ok := taken[ns][name]; !ok {
			taken[ns][name] = struct{}{}
			return
		}
		first := firstOwner(ns, name)
		end := p
		if o.kind == "sequence" {
			end = p.Advance(name) // a sequence's place is its name's
		}
		d := r.diags.Errorf(p, end, "name %s of %s is already used by %s", dsl.QuoteName(name), o.what(), first.what())
		switch {
		case len(name) == MaxIdentLen:
			d.Hintf("names are shortened to %d bytes; choose a shorter or different name", MaxIdentLen)
		case o.what() == first.what() && (o.kind == "unique key of " || o.kind == "index of "):
			// Keys and indexes are named after their columns, so the same
			// name on the same table is the same declaration twice.
			d.Hintf("%s is declared twice: remove one of them", o.what())
		default:
			d.Hintf("give one of them another name")
		}
	})
	r.checkImplicitSequences(taken[nsRelations], firstOwner)
}

// checkImplicitSequences checks the names of the sequences behind serial
// and identity columns against taken, the relations' names, and each
// other; firstOwner says who took a name.
func (r *resolver) checkImplicitSequences(taken map[string]struct{}, firstOwner func(nameSpace, string) owner) {
	// The sequence behind a serial or identity column is a relation too.
	// PostgreSQL picks the sequence names of one CREATE TABLE before it
	// creates any, so two that are cut to the same 63 bytes collide, as
	// does one named like a table or index created later.
	var seqs map[string]owner
	for _, t := range r.tables {
		clear(seqs)
		for _, c := range t.Columns {
			if !c.Type.IsSerial() && c.Identity == NoIdentity {
				continue
			}
			o := owner{kind: "sequence of column ", label: t.label(), column: c}
			seq := SerialSequence(t.Name, c.Name)
			if _, ok := taken[seq]; ok {
				if sq := r.s.Sequence(seq); sq != nil {
					// PostgreSQL would pick another name for the column's
					// sequence, which nothing in the model says.
					r.diags.Errorf(c.Pos, c.Pos.Advance(c.Name), "implicit %s would be named %s, like the sequence declared at %s", o.what(), dsl.QuoteName(seq), dsl.Where(sq.Pos, c.Pos)).
						Hintf("rename the declared sequence, or declare the column integer = nextval('%s'::regclass)", seq)
					continue
				}
				r.diags.Errorf(c.Pos, c.Pos.Advance(c.Name), "implicit %s would be named %s, which %s already uses", o.what(), dsl.QuoteName(seq), firstOwner(nsRelations, seq).what()).
					Hintf("rename the column or the other object")
				continue
			}
			if prev, ok := seqs[seq]; ok {
				r.diags.Errorf(c.Pos, c.Pos.Advance(c.Name), "implicit %s would be named %s, like the %s", o.what(), dsl.QuoteName(seq), prev.what()).
					Hintf("PostgreSQL cuts <table>_<column>_seq to %d bytes; shorten the column names so they differ earlier", MaxIdentLen)
				continue
			}
			if seqs == nil {
				seqs = map[string]owner{}
			}
			seqs[seq] = o
		}
	}
}

// nameSpace is a set of names in which PostgreSQL, or ergen, wants each
// name once: tables, indexes and the indexes behind keys (relations);
// constraints; types.
type nameSpace int

const (
	nsRelations nameSpace = iota
	nsConstraints
	nsTypes
)

type nsName struct {
	ns   nameSpace
	name string
}

// junctionTwins reports each M:N whose junction table has the name of an
// earlier M:N's junction, once, at the later declaration, and returns the
// later junctions. Every name of such a junction (its table, key, foreign
// keys and indexes) would clash with the earlier one's, each clash
// reported at the junction's derived position and worded for the names
// rather than for the relationship written twice.
func (r *resolver) junctionTwins() map[*Table]bool {
	var seen map[string]*Relationship
	var twins map[*Table]bool
	for _, rel := range r.s.Relationships {
		j := rel.Junction
		if j == nil {
			continue
		}
		prev, ok := seen[j.Name]
		if !ok {
			if seen == nil {
				seen = map[string]*Relationship{}
			}
			seen[j.Name] = rel
			continue
		}
		r.diags.ErrorAt(rel.Span, "junction table %s of %s is already the junction of %s at %s", dsl.QuoteName(j.Name), rel.label(), prev.label(), dsl.Where(prev.Span.Pos, rel.Span.Pos)).
			Hintf("if both are meant, give this one a junction of its own with `via NAME` or `table \"...\"` (roles do not name the junction); otherwise remove one of them")
		if twins == nil {
			twins = map[*Table]bool{}
		}
		twins[j] = true
	}
	return twins
}

// eachName calls f with every name checkNames checks except the implicit
// sequences of serial and identity columns, the namespace it claims and
// the object claiming it, in the order the names are checked. The tables
// in skip, reported already, are left out.
func (r *resolver) eachName(skip map[*Table]bool, f func(ns nameSpace, name string, o owner, p dsl.Pos)) {
	for _, en := range r.s.Enums {
		f(nsTypes, en.SQLName, owner{kind: "enum ", label: dsl.NameExcerpt(en.Name)}, en.Pos)
	}
	for _, d := range r.s.Domains {
		f(nsTypes, d.SQLName, owner{kind: "domain ", label: dsl.NameExcerpt(d.Name)}, d.Pos)
	}
	for _, t := range r.tables {
		if skip[t] {
			continue
		}
		o := owner{kind: "table of ", label: t.label()}
		f(nsRelations, t.Name, o, t.Pos)
		f(nsTypes, t.Name, o, t.Pos)
		for _, p := range t.AllPartitions() {
			o := owner{kind: "partition of ", label: t.label()}
			f(nsRelations, p.Name, o, p.Pos)
			f(nsTypes, p.Name, o, p.Pos)
		}
	}
	for _, t := range r.tables {
		if skip[t] {
			continue
		}
		label := t.label()
		if pk := t.PrimaryKey; pk != nil {
			o := owner{kind: "primary key of ", label: label}
			f(nsRelations, pk.Name, o, pk.Pos)
			f(nsConstraints, pk.Name, o, pk.Pos)
		}
		for _, k := range t.Uniques {
			o := owner{kind: "unique key of ", label: label}
			f(nsRelations, k.Name, o, k.Pos)
			f(nsConstraints, k.Name, o, k.Pos)
		}
		for _, ck := range t.Checks {
			f(nsConstraints, ck.Name, owner{kind: "check of ", label: label}, ck.Pos)
		}
		for _, fk := range t.ForeignKeys {
			f(nsConstraints, fk.Name, owner{kind: "foreign key of ", rel: fk.Relationship}, fk.Pos)
		}
		for _, ix := range t.Indexes {
			f(nsRelations, ix.Name, owner{kind: "index of ", label: label}, ix.Pos)
		}
		exclusionNames(t, f)
	}
	// Declared sequences share the relations' namespace; they come last,
	// so that a clash is reported at the sequence.
	for _, sq := range r.s.Sequences {
		f(nsRelations, sq.Name, owner{kind: "sequence"}, sq.Pos)
	}
}

// owner is what holds a name in checkNames. Its description is only
// spelled out for a diagnostic, since nearly every name is unique.
type owner struct {
	kind   string        // "table of ", "index of ", ...
	label  string        // the table's or enum's label
	rel    *Relationship // for a foreign key: its relationship's label
	column *Column       // for a sequence: its column, after label
}

func (o owner) what() string {
	switch {
	case o.rel != nil:
		return o.kind + o.rel.label()
	case o.column != nil:
		return o.kind + o.label + "." + o.column.Name
	}
	return o.kind + o.label
}
