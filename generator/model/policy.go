package model

import "github.com/ergen-dev/ergen/dsl"

// Policy is one referential action of a foreign key (ON DELETE or ON
// UPDATE) and where the .er file wrote it.
type Policy struct {
	Action RefAction
	// at is the clause (Span), nil when it was not written: every
	// foreign key holds two policies, and an 80-byte span in each took
	// a foreign key of a large model to the 512-byte size class.
	at *dsl.Span
	// Explicit is set when the clause was written; otherwise Action is
	// the default, NO ACTION.
	Explicit bool
}

// Span is the clause, from "on" to the action's last word; zero when it
// was not written.
func (p Policy) Span() dsl.Span { return spanAt(p.at) }

// keepSpan keeps s, the span of a clause of a model object, behind a
// pointer: nil when s is zero, a clause not written.
func keepSpan(s dsl.Span) *dsl.Span {
	if s.IsZero() {
		return nil
	}
	return &s
}

// spanAt is the span kept by keepSpan, or the zero span for nil.
func spanAt(s *dsl.Span) dsl.Span {
	if s == nil {
		return dsl.Span{}
	}
	return *s
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
		return p.Span()
	}
	return fk.Relationship.Span
}
