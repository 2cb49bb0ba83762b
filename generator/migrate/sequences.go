package migrate

import (
	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/generator/postgres"
)

// sequences creates the standalone sequences NEW declares and OLD does
// not, before the tables whose defaults take from them; dropSequences
// drops the ones NEW no longer declares.
func (p *planner) sequences() {
	for _, sq := range p.new.Sequences {
		if p.old.Sequence(sq.Name) == nil {
			p.add(&Step{Phase: PhaseTypes, What: "create sequence " + sq.Name, Pos: sq.Pos, Transactional: true,
				SQL: []string{"CREATE SEQUENCE IF NOT EXISTS " + p.new.Qualify(sq.Name) + postgres.SequenceOptions(sq.Settings, false) + ";"}})
		}
	}
	p.alterSequences()
}

// declaredNotValid is the NOT VALID of a foreign key the model adds so
// (`not valid`), or "".
func declaredNotValid(fk *model.ForeignKey) string {
	if fk.NotValid {
		return " NOT VALID"
	}
	return ""
}
