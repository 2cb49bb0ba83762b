package migrate

import (
	"slices"
	"strings"

	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/generator/postgres"
)

// dropTables drops the tables NEW no longer has, children first. Their
// foreign keys go first, in a step each, so that no drop waits on another
// and a cycle of foreign keys between dropped tables is no obstacle.
func (p *planner) dropTables() {
	for _, ot := range slices.Backward(p.old.Tables) {
		if p.newTables[ot.Name] != nil {
			continue
		}
		if nt := p.lookalikeTable(ot); nt != nil {
			was := "`via NEW was via " + ot.Name + "` in the relationship's header"
			if nt.Entity != nil {
				was = "`entity " + nt.Entity.Name + " was " + ot.Entity.Name + "`"
			}
			p.refuse(tableSpan(nt), LooksRenamed, "table %s is new and %s is gone, with the same columns (write %s if it is a rename)",
				nt.Name, ot.Name, was)
			continue
		}
		for _, fk := range ot.ForeignKeys {
			p.dropForeignKey(fk)
		}
		s := p.add(&Step{Phase: PhaseTables, What: "drop table " + ot.Name, Pos: ot.Pos, Transactional: true,
			SQL:   []string{"DROP TABLE IF EXISTS " + p.old.Qualify(ot.Name) + ";"},
			Locks: []Lock{{ot.Name, AccessExclusive}}})
		for _, q := range ot.AllPartitions() {
			s.Locks = append(s.Locks, Lock{q.Name, AccessExclusive})
		}
		p.hazard(s, tableSpan(ot), DropTable, "table %s is gone", ot.Name)
	}
}

// createTables creates NEW's tables that OLD lacks, in NEW's order, which
// puts a table after those it references. A new table is empty, so its
// indexes are built in the same transaction and its foreign keys need no
// NOT VALID. A foreign key to a key this migration adds to an existing
// table waits for that key, in the constraints phase, with those that
// close a cycle.
func (p *planner) createTables() {
	for _, nt := range p.new.Tables {
		if p.oldTables[nt.Name] != nil {
			continue
		}
		later := func(fk *model.ForeignKey) bool { return p.keyIsNew(fk) }
		// A run again after the step committed finds the table with its
		// partitions, indexes and checks: each is created if missing.
		step := p.add(&Step{Phase: PhaseTables, What: "create table " + nt.Name, Pos: nt.Pos, Transactional: true,
			SQL: append([]string{ifNotExists(postgres.CreateTable(p.new, nt, later))}, mapStrings(postgres.CreatePartitions(p.new, nt), ifNotExists)...)})
		for _, ix := range nt.Indexes {
			step.SQL = append(step.SQL, ifNotExists(postgres.CreateIndex(p.new, nt, ix, false)))
		}
		for _, ck := range nt.Checks {
			if ck.NotValid {
				step.SQL = append(step.SQL, p.dropLeftover(nt, ck.Name))
			}
		}
		step.SQL = append(step.SQL, postgres.NotValidChecks(p.new, nt)...)
		step.SQL = append(step.SQL, postgres.Comments(p.new, nt)...)
		for _, fk := range nt.ForeignKeys {
			if fk.Deferred || fk.NotValid || later(fk) {
				p.add(&Step{Phase: PhaseConstraints, What: "add foreign key " + fk.Name, Pos: fk.Pos, Transactional: true,
					SQL:   []string{p.unlessAdded(nt, fk.Name, p.alter(p.new, nt, "ADD "+postgres.ForeignKeyConstraint(p.new, fk)+declaredNotValid(fk)))},
					Locks: fkLocks(fk, ShareRowExclusive, ShareRowExclusive)})
			} else if fk.RefTable != nt && !slices.Contains(step.Locks, Lock{fk.RefTable.Name, ShareRowExclusive}) {
				step.Locks = append(step.Locks, refLocks(fk, ShareRowExclusive)...)
			}
		}
	}
}

// ifNotExists makes a CREATE TABLE or CREATE [UNIQUE] INDEX statement
// (not concurrently: a transaction's, which leaves no invalid index
// behind) one that skips what exists.
func ifNotExists(stmt string) string {
	for _, head := range []string{"CREATE TABLE ", "CREATE INDEX ", "CREATE UNIQUE INDEX "} {
		if rest, ok := strings.CutPrefix(stmt, head); ok {
			return head + "IF NOT EXISTS " + rest
		}
	}
	return stmt
}

func mapStrings(in []string, f func(string) string) []string {
	out := make([]string, len(in))
	for i, s := range in {
		out[i] = f(s)
	}
	return out
}

// keyIsNew reports whether the key fk references is added to an existing
// table by this migration.
func (p *planner) keyIsNew(fk *model.ForeignKey) bool {
	ot := p.oldTables[fk.RefTable.Name]
	if ot == nil {
		return false
	}
	id := keyID(ot.Name, fk.RefColumns)
	return p.droppedKeys[id] || !slices.ContainsFunc(keysOf(ot), func(k keyDef) bool { return keyID(ot.Name, k.key.Columns) == id })
}

// alterTable plans the changes of a table both models have.
func (p *planner) alterTable(ot, nt *model.Table) {
	defer p.partitionedTable(ot, nt, len(p.steps))
	regen := p.regenerated(ot, nt)
	kept := withoutRegenerated(ot, p.regenerating(nt.Name))
	p.foreignKeys(kept, nt)
	p.keys(kept, nt)
	p.checks(kept, nt)
	p.exclusions(kept, nt)
	p.indexes(kept, nt)
	p.columns(ot, nt, regen)
	p.comments(ot, nt)
}

// alter is an ALTER TABLE statement of t in s.
func (p *planner) alter(s *model.Schema, t *model.Table, action string) string {
	return "ALTER TABLE " + s.Qualify(t.Name) + " " + action + ";"
}

// dropLeftover drops the constraint name of t, NEW's table, that an
// earlier run of the migration added, before the step adds it again:
// every step before a failed one commits, the whole script runs again
// once the rows are fixed, and PostgreSQL has no ADD CONSTRAINT IF NOT
// EXISTS. On the first run nothing on t has the name (pairing is by name,
// after the renames: NEW's constraint of that name is new, or OLD's is
// dropped before, in this step or an earlier phase), so it drops nothing.
func (p *planner) dropLeftover(t *model.Table, name string) string {
	return p.alter(p.new, t, "DROP CONSTRAINT IF EXISTS "+model.QuoteIdent(name))
}

// fkLocks are the locks a statement on fk takes: child on its table (and
// its partitions), parent on the referenced one (one lock when they are
// the same table) and, when that is partitioned, on each of its
// partitions, which hold the referenced rows (validating only reads
// those: ACCESS SHARE).
func fkLocks(fk *model.ForeignKey, child, parent string) []Lock {
	if fk.RefTable.Name == fk.Table.Name && stronger(parent, child) {
		child = parent // a table that references itself takes both
	}
	locks := []Lock{{fk.Table.Name, child}}
	for _, q := range fk.Table.AllPartitions() {
		locks = append(locks, Lock{q.Name, child})
	}
	if fk.RefTable.Name != fk.Table.Name {
		locks = append(locks, refLocks(fk, parent)...)
	}
	return locks
}

// lockModes are the lock modes by strength, as PostgreSQL's conflict
// table orders them.
var lockModes = []string{AccessShare, RowShare, "RowExclusiveLock", ShareUpdateExclusive, Share, ShareRowExclusive,
	"ExclusiveLock", AccessExclusive}

// stronger reports whether lock mode a is stronger than b.
func stronger(a, b string) bool { return slices.Index(lockModes, a) > slices.Index(lockModes, b) }

// refLocks are the locks of fkLocks on the referenced table alone.
func refLocks(fk *model.ForeignKey, mode string) []Lock {
	locks := []Lock{{fk.RefTable.Name, mode}}
	partition := mode
	if mode == RowShare {
		partition = AccessShare
	}
	for _, q := range fk.RefTable.AllPartitions() {
		locks = append(locks, Lock{q.Name, partition})
	}
	return locks
}

// keyDef is a PRIMARY KEY or UNIQUE constraint.
type keyDef struct {
	primary bool
	key     *model.Key
}

func keysOf(t *model.Table) []keyDef {
	var out []keyDef
	if t.PrimaryKey != nil {
		out = append(out, keyDef{true, t.PrimaryKey})
	}
	for _, k := range t.Uniques {
		out = append(out, keyDef{false, k})
	}
	return out
}

func (k keyDef) equal(o keyDef) bool {
	return k.primary == o.primary && k.key.Name == o.key.Name && sameNames(k.key.Columns, o.key.Columns) &&
		sameNames(k.key.Include, o.key.Include) && k.key.NullsNotDistinct == o.key.NullsNotDistinct
}

// sameNames reports whether two column lists have the same names in order.
func sameNames(a, b []*model.Column) bool {
	return slices.EqualFunc(a, b, func(x, y *model.Column) bool { return x.Name == y.Name })
}

func (k keyDef) sql() string {
	if k.primary {
		return "PRIMARY KEY"
	}
	return "UNIQUE"
}

// keyID names a key by its table and columns, as a foreign key refers to it.
func keyID(table string, cols []*model.Column) string {
	return table + "\x00" + strings.Join(names(cols), "\x00")
}

func names(cols []*model.Column) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.Name
	}
	return out
}

func (p *planner) typeSQL(s *model.Schema, c *model.Column) string { return s.TypeSQL(c.Type) }

// lookalikeTable returns a table NEW creates with the columns, names and
// types, of ot, a table NEW drops: an entity's for an entity's, a
// junction for a junction.
func (p *planner) lookalikeTable(ot *model.Table) *model.Table {
	for _, nt := range p.new.Tables {
		if (nt.Entity == nil) != (ot.Entity == nil) || p.oldTables[nt.Name] != nil || len(nt.Columns) != len(ot.Columns) {
			continue
		}
		same := true
		for i, c := range nt.Columns {
			if c.Name != ot.Columns[i].Name || p.new.TypeSQL(c.Type) != p.old.TypeSQL(ot.Columns[i].Type) {
				same = false
				break
			}
		}
		if same {
			return nt
		}
	}
	return nil
}
