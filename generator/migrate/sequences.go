package migrate

import (
	"slices"

	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/generator/postgres"
)

// sequences creates the standalone sequences NEW declares and OLD does
// not, before the tables whose defaults take from them. One that OLD
// declares and NEW does not is refused: dropping it loses its position,
// and a default the model no longer shows may still use it.
func (p *planner) sequences() {
	declared := func(s *model.Schema, name string) bool {
		return slices.ContainsFunc(s.Sequences, func(sq *model.Sequence) bool { return sq.Name == name })
	}
	for _, sq := range p.new.Sequences {
		if !declared(p.old, sq.Name) {
			p.add(&Step{Phase: PhaseTypes, What: "create sequence " + sq.Name, Pos: sq.Pos, Transactional: true,
				SQL: []string{"CREATE SEQUENCE " + p.new.Qualify(sq.Name) + postgres.SequenceOptions(sq.Settings, false) + ";"}})
		}
	}
	p.alterSequences()
	for _, sq := range p.old.Sequences {
		if !declared(p.new, sq.Name) {
			p.refuse(span{pos: sq.Pos}, Unsupported, "removing sequence %q (a default may still use it; drop it by hand)", sq.Name)
		}
	}
}

// declaredNotValid is the NOT VALID of a foreign key the model adds so
// (`not valid`), or "".
func declaredNotValid(fk *model.ForeignKey) string {
	if fk.NotValid {
		return " NOT VALID"
	}
	return ""
}
