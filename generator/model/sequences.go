package model

import (
	"strings"

	"github.com/ergen-dev/ergen/dsl"
)

// Sequence is a standalone sequence (`sequence actor_actor_id_seq`):
// CREATE SEQUENCE with PostgreSQL's defaults (bigint, from 1 by 1, cache
// 1, no cycle) or the settings written after its name, owned by no column. Schemas made without ergen (pg_dump
// output of serial columns, hand-written DDL) take column defaults from
// such sequences with nextval; a serial column would own its sequence
// and give it the column's integer type, a different catalog.
type Sequence struct {
	Pos  dsl.Pos
	Name string
	// Settings are its settings, written or CREATE SEQUENCE's defaults.
	Settings SequenceSettings
}

// sequences collects the sequence declarations of every file.
func (r *resolver) sequences() {
	seen := map[string]dsl.Pos{}
	for _, d := range r.f.Decls {
		if d.Sequence == nil {
			continue
		}
		n := d.Sequence.Name
		p, e := at(n)
		name := ShortenIdent(n.Value)
		if prev, ok := seen[name]; ok {
			r.diags.Errorf(p, e, "sequence %q declared twice", name).Hintf("it is already declared at %s", dsl.Where(prev, p))
			continue
		}
		seen[name] = p
		r.s.Sequences = append(r.s.Sequences, &Sequence{Pos: p, Name: name, Settings: r.sequenceSettings(d.Sequence)})
	}
}

// checkSequenceNames reports a declared sequence whose name a table, an
// index or a key already has (they share PostgreSQL's namespace of
// relations), and a serial or identity column whose own sequence would be
// named like a declared one: PostgreSQL would then pick another name for
// it, which nothing in the model says.
func (r *resolver) checkSequenceNames() {
	if len(r.s.Sequences) == 0 {
		return
	}
	declared := make(map[string]*Sequence, len(r.s.Sequences))
	for _, sq := range r.s.Sequences {
		declared[sq.Name] = sq
	}
	r.eachName(func(ns nameSpace, name string, o owner, _ dsl.Pos) {
		if sq := declared[name]; sq != nil && ns == nsRelations {
			r.diags.Errorf(sq.Pos, sq.Pos.Advance(sq.Name), "name %q of sequence is already used by %s", name, o.what()).
				Hintf("give one of them another name")
		}
	})
	for _, t := range r.tables {
		for _, c := range t.Columns {
			if !c.Type.IsSerial() && c.Identity == NoIdentity {
				continue
			}
			seq := SequenceName(t.Name, c.Name, func(string) bool { return false })
			if sq := declared[seq]; sq != nil {
				r.diags.Errorf(c.Pos, c.Pos.Advance(c.Name), "implicit sequence of column %s.%s would be named %q, like the sequence declared at %s", t.Label(), c.Name, seq, dsl.Where(sq.Pos, c.Pos)).
					Hintf("rename the declared sequence, or declare the column integer = nextval('%s'::regclass)", seq)
			}
		}
	}
}

// SequenceUsers lists the columns whose default takes numbers from sq
// with nextval, in table and column order: where a reviewer finds the
// sequence used.
func (s *Schema) SequenceUsers(sq *Sequence) []*Column {
	var out []*Column
	for _, t := range s.Tables {
		for _, c := range t.Columns {
			for _, name := range nextvalSequences(c.Default) {
				name = name[strings.LastIndex(name, ".")+1:]
				if name == sq.Name || name == `"`+strings.ReplaceAll(sq.Name, `"`, `""`)+`"` {
					out = append(out, c)
					break
				}
			}
		}
	}
	return out
}
