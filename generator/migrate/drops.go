package migrate

import (
	"slices"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator/model"
)

// dropSequences drops the standalone sequences NEW no longer declares,
// last, once the defaults that took from them are changed or gone with
// their columns and tables. DROP SEQUENCE without CASCADE fails rather
// than drop a default the model does not show. A default of NEW that
// still names the sequence is refused (ER216): NEW contradicts itself,
// and its own DDL would fail on it.
func (p *planner) dropSequences() {
	for _, sq := range p.old.Sequences {
		if p.new.Sequence(sq.Name) != nil {
			continue
		}
		if users := p.new.SequenceUsers(sq); len(users) > 0 {
			c := users[0]
			p.refuse(columnSpan(c), UndeclaredSequence, "column %s.%s takes its default (%s) from sequence %s, which NEW no longer declares",
				c.Table.Name, c.Name, c.Default, sq.Name)
			continue
		}
		s := p.add(&Step{Phase: PhaseDropTypes, What: "drop sequence " + sq.Name, Pos: sq.Pos, Transactional: true,
			SQL: []string{"DROP SEQUENCE IF EXISTS " + p.old.Qualify(sq.Name) + ";"}})
		p.hazard(s, named(sq.Pos, sq.Name), DropSequence, "sequence %s is gone", sq.Name)
	}
}

// dropExtensions drops the extensions NEW no longer declares, after
// everything else: the columns, indexes and domains that used their
// types or operator classes are changed or gone by then. DROP EXTENSION
// without CASCADE fails while anything else in the database (another
// schema too) still uses one, rather than drop it.
func (p *planner) dropExtensions() {
	for _, x := range p.old.Extensions {
		if slices.Contains(p.new.Extensions, x) {
			continue
		}
		at := extensionAt(p.old, x)
		s := p.add(&Step{Phase: PhaseDropTypes, What: "drop extension " + x, Pos: at, Transactional: true,
			SQL: []string{"DROP EXTENSION IF EXISTS " + model.QuoteIdent(x) + ";"}})
		p.hazard(s, named(at, x), DropExtension, "extension %s is gone", x)
	}
}

// extensionAt is where s declares extension x, or the start of its file.
func extensionAt(s *model.Schema, x string) dsl.Pos {
	if at, ok := s.ExtensionPos[x]; ok {
		return at
	}
	return dsl.Pos{File: s.File, Line: 1, Column: 1}
}
