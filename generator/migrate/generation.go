package migrate

import (
	"strconv"

	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/generator/postgres"
)

// changesGeneration reports whether a column changes how its values are
// generated: serial, identity ALWAYS or BY DEFAULT, or none.
func changesGeneration(oc, nc *model.Column) bool {
	return oc.Type.IsSerial() != nc.Type.IsSerial() || oc.Identity != nc.Identity
}

// generation is how a column's values are generated.
type generation int

const (
	plainColumn generation = iota
	serialColumn
	identityColumn
)

func generationOf(c *model.Column) generation {
	switch {
	case c.Type.IsSerial():
		return serialColumn
	case c.Identity != model.NoIdentity:
		return identityColumn
	}
	return plainColumn
}

// changeGeneration plans a column's change of how its values are
// generated, as catalog updates: no row is written. When the type changes
// too (serial to a bigint identity), the type is changed first, with the
// hazards of any type change, and the generation after, on the new type.
//
// Between serial and identity, or the two kinds of identity, the
// sequence behind the column is replaced by one of the new kind that
// continues where the old one stopped (setval with its last_value and
// is_called), so that the next row gets the next value; the old sequence
// is renamed out of the way first, so that the new one gets the name
// NEW's DDL gives it. A column no sequence filled gets a sequence set
// after its largest value; one that stops being generated loses its
// sequence, whose position its values keep anyway.
func (p *planner) changeGeneration(t *model.Table, oc, nc *model.Column) {
	from, to := oc.Type.Referencing(), nc.Type.Referencing()
	if p.old.TypeSQL(from) != p.new.TypeSQL(to) {
		p.changeType(t, oc, nc)
	}
	col := model.QuoteIdent(nc.Name)
	seq := p.new.Qualify(model.SerialSequence(t.Name, nc.Name))
	old := p.new.Qualify("ergen_old_sequence")
	alter := func(action string) string { return p.alter(p.new, t, "ALTER COLUMN "+col+" "+action) }
	setAside := "ALTER SEQUENCE " + seq + " RENAME TO " + model.QuoteIdent("ergen_old_sequence") + ";"
	carry := "SELECT setval(" + model.QuoteLiteral(seq) + "::regclass, last_value, is_called) FROM " + old + ";"
	createSequence := "CREATE SEQUENCE " + seq + " AS " + p.new.TypeSQL(to) + " OWNED BY " + p.new.Qualify(t.Name) + "." + col + ";"
	nextval := alter("SET DEFAULT nextval(" + model.QuoteLiteral(seq) + "::regclass)")
	step := &Step{Phase: PhaseTables, What: "change how " + t.Name + "." + nc.Name + " is generated", Pos: nc.Pos,
		Transactional: true, Locks: []Lock{{t.Name, AccessExclusive}}}
	switch was, is := generationOf(oc), generationOf(nc); {
	case was == identityColumn && is == identityColumn:
		p.alterIdentity(t, oc, nc, "SET "+generated(nc.Identity))
		return
	case was == serialColumn && is == identityColumn:
		step.SQL = []string{alter("DROP DEFAULT"), setAside, alter("ADD " + postgres.IdentitySQL(nc)), carry, "DROP SEQUENCE " + old + ";"}
	case was == identityColumn && is == serialColumn:
		step.SQL = []string{setAside, createSequence, carry, alter("DROP IDENTITY"), nextval}
	case was == plainColumn:
		p.generateFrom(step, t, oc, nc, createSequence, nextval)
	default:
		step.What = "stop generating " + t.Name + "." + nc.Name
		if was == serialColumn {
			step.SQL = []string{alter("DROP DEFAULT"), "DROP SEQUENCE IF EXISTS " + seq + ";"}
		} else {
			step.SQL = []string{alter("DROP IDENTITY")}
		}
		if nc.Default != "" {
			step.SQL = append(step.SQL, alter("SET DEFAULT "+nc.Default))
		}
	}
	p.add(step)
}

// generateFrom makes a column no sequence filled serial or an identity:
// its sequence starts after the largest value the column holds, found by
// a scan unless an index leads with the column. An identity needs the
// column NOT NULL first, so when NOT NULL is set by this migration too,
// the step comes after it.
func (p *planner) generateFrom(step *Step, t *model.Table, oc, nc *model.Column, createSequence, nextval string) {
	col := model.QuoteIdent(nc.Name)
	alter := func(action string) string { return p.alter(p.new, t, "ALTER COLUMN "+col+" "+action) }
	table := p.new.Qualify(t.Name)
	// The sequence goes on after the values the column holds that its
	// start does not already pass: after the largest, or for an identity
	// counting down, the smallest.
	settings := model.DefaultSequenceSettings("bigint")
	if generationOf(nc) == identityColumn {
		settings = nc.IdentitySettings
	}
	last, past := "max", " >= "
	if settings.Increment < 0 {
		last, past = "min", " <= "
	}
	restart := "SELECT setval(pg_get_serial_sequence(" + model.QuoteLiteral(table) + ", " + model.QuoteLiteral(nc.Name) +
		"), " + last + "(" + col + ")) FROM " + table + " HAVING " + last + "(" + col + ")" + past + strconv.FormatInt(settings.Start, 10) + ";"
	step.What = "generate " + t.Name + "." + nc.Name + " from a sequence"
	step.Scans = !leadsIndex(t, nc.Name)
	// On a partitioned table, the largest value is read from each
	// partition; the rest changes the parent's catalog.
	p.ownLocks[step] = true
	for _, q := range t.AllPartitions() {
		step.Locks = append(step.Locks, Lock{q.Name, AccessShare})
	}
	if generationOf(nc) == serialColumn {
		step.SQL = []string{createSequence, restart, nextval}
		return
	}
	if oc.Default != "" {
		step.SQL = append(step.SQL, alter("DROP DEFAULT"))
	}
	step.SQL = append(step.SQL, alter("ADD "+postgres.IdentitySQL(nc)), restart)
	if oc.Nullable {
		step.Phase = PhaseSetNotNull
	}
}

// leadsIndex reports whether an index of t (a key's included) has column
// as its first key, which lets PostgreSQL find its largest value without
// a scan.
func leadsIndex(t *model.Table, column string) bool {
	for _, k := range keysOf(t) {
		if k.key.Columns[0].Name == column {
			return true
		}
	}
	for _, ix := range t.Indexes {
		if ix.Method == "btree" && ix.Where == "" && len(ix.Keys) > 0 && ix.Keys[0].Column != nil && ix.Keys[0].Column.Name == column {
			return true
		}
	}
	return false
}

// generated is the SET clause of an identity kind: GENERATED ALWAYS or
// GENERATED BY DEFAULT.
func generated(i model.Identity) string {
	if i == model.IdentityAlways {
		return "GENERATED ALWAYS"
	}
	return "GENERATED BY DEFAULT"
}
