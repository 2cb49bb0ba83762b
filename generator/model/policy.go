package model

import "github.com/ergen-dev/ergen/dsl"

// Policy is one referential action of a foreign key (ON DELETE or ON
// UPDATE) and where the .er file wrote it.
type Policy struct {
	Action RefAction
	// Pos and End span the clause, from "on" to the action's last word;
	// zero when it was not written.
	Pos, End dsl.Pos
	// Explicit is set when the clause was written; otherwise Action is
	// the default, NO ACTION.
	Explicit bool
}

// Policy returns fk's policy for the event: ON DELETE or ON UPDATE.
func (fk *ForeignKey) Policy(ev Event) Policy {
	if ev == UpdateEvent {
		return Policy{Action: fk.OnUpdate, Pos: fk.OnUpdatePos, End: fk.OnUpdateEnd, Explicit: fk.OnUpdateSet}
	}
	return Policy{Action: fk.OnDelete, Pos: fk.OnDeletePos, End: fk.OnDeleteEnd, Explicit: fk.OnDeleteSet}
}

// PolicySpan is where a diagnostic or a citation about fk's policy for
// the event points: the clause when it was written, else the header of
// the relationship, which chose the default.
func (fk *ForeignKey) PolicySpan(ev Event) (dsl.Pos, dsl.Pos) {
	if p := fk.Policy(ev); p.Explicit {
		return p.Pos, p.End
	}
	return fk.Relationship.Pos, fk.Relationship.End
}

// setPolicy records a written policy clause on fk's fields.
func (fk *ForeignKey) setPolicy(ev Event, p Policy) {
	if ev == UpdateEvent {
		fk.OnUpdate, fk.OnUpdatePos, fk.OnUpdateEnd, fk.OnUpdateSet = p.Action, p.Pos, p.End, p.Explicit
		return
	}
	fk.OnDelete, fk.OnDeletePos, fk.OnDeleteEnd, fk.OnDeleteSet = p.Action, p.Pos, p.End, p.Explicit
}
