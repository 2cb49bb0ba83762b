package model_test

import (
	"testing"

	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/internal/testkit"
)

func TestPolicy(t *testing.T) {
	s := testkit.MustResolve(t, "t.er", []byte(`entity User { id serial pk }
entity Order { id serial pk }
relationship User 1:N Order {
  on delete cascade
}
`))
	fk := s.Relationships[0].ForeignKeys[0]
	del := fk.Policy(model.DeleteEvent)
	if del.Action != model.Cascade || !del.Explicit || del.Span().Pos.Line != 4 || del.Span().Pos.Column != 3 {
		t.Errorf("ON DELETE policy = %+v, want CASCADE written at 4:3", del)
	}
	if at := fk.PolicySpan(model.DeleteEvent); at != del.Span() {
		t.Errorf("the span of a written policy is %v, want the clause %v", at, del.Span())
	}
	upd := fk.Policy(model.UpdateEvent)
	if upd.Action != model.NoAction || upd.Explicit {
		t.Errorf("ON UPDATE policy = %+v, want the default NO ACTION", upd)
	}
	rel := s.Relationships[0]
	if at := fk.PolicySpan(model.UpdateEvent); at != rel.Span || at.IsZero() {
		t.Errorf("the span of a default policy is %v, want the relationship's header %v", at, rel.Span)
	}
}
