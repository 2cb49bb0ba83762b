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
			r.diags.Errorf(p, e, "sequence %s declared twice", dsl.QuoteName(name)).Hintf("it is already declared at %s", dsl.Where(prev, p))
			continue
		}
		seen[name] = p
		r.s.Sequences = append(r.s.Sequences, &Sequence{Pos: p, Name: name, Settings: r.sequenceSettings(d.Sequence)})
	}
}

// Sequence returns the declared sequence named name, or nil.
func (s *Schema) Sequence(name string) *Sequence {
	for _, sq := range s.Sequences {
		if sq.Name == name {
			return sq
		}
	}
	return nil
}

// SequenceUsers lists the columns whose default takes numbers from sq
// with nextval, in table and column order: where a reviewer finds the
// sequence used.
func (s *Schema) SequenceUsers(sq *Sequence) []*Column {
	var out []*Column
	for _, t := range s.Tables {
		for _, c := range t.Columns {
			for _, name := range nextvalSequences(c.Default) {
				if UnquoteIdent(name[strings.LastIndex(name, ".")+1:]) == sq.Name {
					out = append(out, c)
					break
				}
			}
		}
	}
	return out
}
