package model

import "github.com/ergen-dev/ergen/dsl"

// Policy is one referential action of a foreign key (ON DELETE or ON
// UPDATE) and where the .er file wrote it.
type Policy struct {
	Action RefAction
	// Span is the clause, from "on" to the action's last word; zero when
	// it was not written.
	Span dsl.Span
	// Explicit is set when the clause was written; otherwise Action is
	// the default, NO ACTION.
	Explicit bool
}

// Policy returns fk's policy for the event: ON DELETE or ON UPDATE.
func (fk *ForeignKey) Policy(ev Event) Policy {
	if ev == UpdateEvent {
		return fk.OnUpdate
	}
	return fk.OnDelete
}

// PolicySpan is where a diagnostic or a citation about fk's policy for
// the event points: the clause when it was written, else the header of
// the relationship, which chose the default.
func (fk *ForeignKey) PolicySpan(ev Event) dsl.Span {
	if p := fk.Policy(ev); p.Explicit {
		return p.Span
	}
	return fk.Relationship.Span
}
