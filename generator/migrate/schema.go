package migrate

import (
	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator/model"
)

// moveSchema plans the move of OLD's tables and enum types to NEW's
// schema (`schema shop` changed, added or removed), before any other step
// of New, and returns OLD as the rest of the plan sees it: in NEW's
// schema. ALTER TABLE ... SET SCHEMA moves a table's indexes, constraints
// and owned sequences with it (not its partitions, moved each on its
// own), ALTER TYPE ... SET SCHEMA an enum's array type, and domains and
// declared sequences move too, so names stay as they were; no row is written. The old
// schema is left in place: other objects may live in it.
func moveSchema(old, new *model.Schema) (*model.Schema, *Step) {
	if old.Name == new.Name {
		return old, nil
	}
	to := model.QuoteIdent(schemaLabel(new.Name))
	s := &Step{Phase: PhaseRename, What: "move the tables from schema " + schemaLabel(old.Name) + " to " + schemaLabel(new.Name),
		Pos: schemaPos(old, new), Transactional: true}
	if new.Name != "" {
		s.SQL = append(s.SQL, "CREATE SCHEMA IF NOT EXISTS "+to+";")
	}
	for _, en := range old.Enums {
		s.SQL = append(s.SQL, "ALTER TYPE "+old.Qualify(en.SQLName)+" SET SCHEMA "+to+";")
	}
	for _, d := range old.Domains {
		s.SQL = append(s.SQL, "ALTER DOMAIN "+old.Qualify(d.SQLName)+" SET SCHEMA "+to+";")
	}
	// A declared sequence belongs to no table, so no table takes it along.
	for _, sq := range old.Sequences {
		s.SQL = append(s.SQL, "ALTER SEQUENCE "+old.Qualify(sq.Name)+" SET SCHEMA "+to+";")
	}
	for _, t := range old.Tables {
		s.SQL = append(s.SQL, "ALTER TABLE "+old.Qualify(t.Name)+" SET SCHEMA "+to+";")
		s.Locks = append(s.Locks, Lock{t.Name, AccessExclusive})
		// A partition is a table of its own, which stays behind; so is a
		// partition of a partition.
		for _, q := range t.AllPartitions() {
			s.SQL = append(s.SQL, "ALTER TABLE "+old.Qualify(q.Name)+" SET SCHEMA "+to+";")
			s.Locks = append(s.Locks, Lock{q.Name, AccessExclusive})
		}
	}
	moved := *old
	moved.Name = new.Name
	return &moved, s
}

// schemaPos is where the move is declared: NEW's `schema` declaration, or,
// when NEW has none (the tables go back to public), OLD's, which NEW no
// longer has.
func schemaPos(old, new *model.Schema) dsl.Pos {
	if new.Name == "" {
		return old.NameSpan.Pos
	}
	return new.NameSpan.Pos
}
