package migrate

import (
	"slices"
	"strconv"
	"strings"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/generator/postgres"
)

// foreignKeys plans the foreign keys of a table both models have. A new
// foreign key is added NOT VALID, which takes its locks for a catalog
// update only, and validated in a transaction of its own, which lets reads
// and writes go on while it scans. A foreign key whose actions change is
// dropped and added again NOT VALID in one transaction, so that it is
// never missing; one whose deferrability alone changes is altered (see
// alterDeferrability); one whose columns or key change is dropped before
// the columns and keys it depends on.
func (p *planner) foreignKeys(ot, nt *model.Table) {
	for _, ofk := range ot.ForeignKeys {
		nfk := findFK(nt, ofk.Name)
		switch {
		case nfk == nil || !p.sameShape(ofk, nfk):
			p.dropForeignKey(ofk)
		case ofk.OnDelete.Action != nfk.OnDelete.Action || ofk.OnUpdate.Action != nfk.OnUpdate.Action || ofk.MatchFull != nfk.MatchFull ||
			(ofk.SetColumns == nil) != (nfk.SetColumns == nil) || !sameNames(ofk.SetColumns, nfk.SetColumns) ||
			// PostgreSQL cannot mark a checked foreign key NOT VALID:
			// it is dropped and added again NOT VALID, in one
			// transaction, so that new rows are checked throughout.
			!ofk.NotValid && nfk.NotValid:
			p.replaced[ofk.Table.Name+"\x00"+ofk.Name] = true
			p.addForeignKey(nt, nfk, p.alter(p.new, nt, "DROP CONSTRAINT "+model.QuoteIdent(ofk.Name)))
		default:
			if ofk.Deferrable != nfk.Deferrable {
				p.alterDeferrability(nt, nfk)
			}
			if ofk.NotValid && !nfk.NotValid && nt.Partitioning == nil {
				// `not valid` removed: the rows are checked now.
				p.validate(nt, nfk.Name, nfk.Pos, fkLocks(nfk, ShareUpdateExclusive, RowShare))
			}
		}
	}
	for _, nfk := range nt.ForeignKeys {
		if ofk := findFK(ot, nfk.Name); ofk != nil && p.sameShape(ofk, nfk) {
			continue
		}
		p.addForeignKey(nt, nfk, "")
	}
}

// alterDeferrability gives fk, a foreign key of t whose deferrability
// alone changes, NEW's with ALTER CONSTRAINT, which changes the catalog
// (the constraint and its triggers, on the partitions of t too) and reads
// no row. PostgreSQL takes ACCESS EXCLUSIVE on t and its partitions, none
// on the referenced table.
func (p *planner) alterDeferrability(t *model.Table, fk *model.ForeignKey) {
	clause := fk.Deferrable.SQL()
	if clause == "" {
		clause = "NOT DEFERRABLE"
	}
	locks := []Lock{{t.Name, AccessExclusive}}
	for _, q := range t.AllPartitions() {
		locks = append(locks, Lock{q.Name, AccessExclusive})
	}
	p.ownLocks[p.add(&Step{Phase: PhaseConstraints, What: "change the deferrability of foreign key " + fk.Name, Pos: fk.Pos, Transactional: true,
		SQL:   []string{p.alter(p.new, t, "ALTER CONSTRAINT "+model.QuoteIdent(fk.Name)+" "+clause)},
		Locks: locks})] = true
}

// addForeignKey adds fk to t, a table both models have, NOT VALID, and
// validates it in a transaction of its own; after drop, the DROP of the
// foreign key it replaces, in the same transaction.
//
// A foreign key that references a partitioned table is validated as it is
// added, under SHARE ROW EXCLUSIVE on both sides, which blocks their
// writes while it scans: PostgreSQL 15 keeps, beside it, one constraint
// per referenced partition, which VALIDATE CONSTRAINT leaves NOT VALID.
func (p *planner) addForeignKey(t *model.Table, fk *model.ForeignKey, drop string) {
	if t.Partitioning != nil {
		p.addPartitionedFK(t, fk, drop)
		return
	}
	// ADD takes SHARE ROW EXCLUSIVE on both tables, and a new key is
	// added only where an earlier run has not (see unlessAdded): a DROP
	// of what that run added, as checks take, would hold ACCESS
	// EXCLUSIVE on t, waiting behind its readers and holding up the next.
	step := &Step{Phase: PhaseConstraints, What: "add foreign key " + fk.Name, Pos: fk.Pos, Transactional: true,
		Locks: fkLocks(fk, ShareRowExclusive, ShareRowExclusive)}
	if drop != "" {
		step.What = "change foreign key " + fk.Name
		step.SQL = []string{drop}
		step.Locks = fkLocks(fk, AccessExclusive, AccessExclusive)
	}
	add := p.alter(p.new, t, "ADD "+postgres.ForeignKeyConstraint(p.new, fk)+notValid(fk))
	if fk.NotValid {
		// The model leaves it NOT VALID, as its DDL adds it, whatever
		// it references: existing rows stay unchecked.
		add = p.alter(p.new, t, "ADD "+postgres.ForeignKeyConstraint(p.new, fk)+" NOT VALID")
	}
	if drop == "" {
		add = p.unlessAdded(t, fk.Name, add)
	}
	step.SQL = append(step.SQL, add)
	p.add(step)
	switch {
	case fk.NotValid:
		return
	case notValid(fk) == "":
		step.Scans = true
		return
	}
	p.validate(t, fk.Name, fk.Pos, fkLocks(fk, ShareUpdateExclusive, RowShare))
}

// unlessAdded runs stmt, which adds the constraint name to t (NEW's
// table), only when t has no constraint of that name: every step before
// a failed one commits, and the whole script runs again once the rows
// are fixed, so an earlier run may have added it. On the first run t has
// none (see dropLeftover). PostgreSQL has no ADD CONSTRAINT IF NOT
// EXISTS; the test is a DO block, whose body is quoted with a dollar tag
// that stmt does not hold (a quoted identifier may hold a $).
func (p *planner) unlessAdded(t *model.Table, name, stmt string) string {
	tag := "$ergen$"
	for i := 1; strings.Contains(stmt, tag); i++ {
		tag = "$ergen" + strconv.Itoa(i) + "$"
	}
	test := "SELECT FROM pg_constraint WHERE conrelid = " + model.QuoteLiteral(p.new.Qualify(t.Name)) + "::regclass AND conname = " + model.QuoteLiteral(name)
	return "DO " + tag + " BEGIN IF NOT EXISTS (" + test + ") THEN " + stmt + " END IF; END " + tag + ";"
}

// notValid is " NOT VALID" for a foreign key that can be added so and
// validated after (see addForeignKey), or "".
func notValid(fk *model.ForeignKey) string {
	if fk.RefTable.Partitioning != nil {
		return ""
	}
	return " NOT VALID"
}

// sameShape reports whether two foreign keys have the same columns and
// reference the same key, which survives: only their actions or
// deferrability may differ.
func (p *planner) sameShape(ofk, nfk *model.ForeignKey) bool {
	return ofk.RefTable.Name == nfk.RefTable.Name &&
		sameNames(ofk.Columns, nfk.Columns) && sameNames(ofk.RefColumns, nfk.RefColumns) &&
		!p.droppedKeys[keyID(ofk.RefTable.Name, ofk.RefColumns)]
}

func findFK(t *model.Table, name string) *model.ForeignKey {
	i := slices.IndexFunc(t.ForeignKeys, func(fk *model.ForeignKey) bool { return fk.Name == name })
	if i < 0 {
		return nil
	}
	return t.ForeignKeys[i]
}

// dropForeignKey drops an FK of OLD before anything it depends on changes.
// Dropping it takes ACCESS EXCLUSIVE on both tables.
func (p *planner) dropForeignKey(fk *model.ForeignKey) {
	p.replaced[fk.Table.Name+"\x00"+fk.Name] = true
	drop := p.alter(p.old, fk.Table, "DROP CONSTRAINT IF EXISTS "+model.QuoteIdent(fk.Name))
	if p.newTables[fk.Table.Name] == nil {
		// A run again finds the table dropped.
		drop = "ALTER TABLE IF EXISTS " + strings.TrimPrefix(drop, "ALTER TABLE ")
	}
	p.add(&Step{Phase: PhaseDropForeignKeys, What: "drop foreign key " + fk.Name, Pos: fk.Pos, Transactional: true,
		SQL:   []string{drop},
		Locks: fkLocks(fk, AccessExclusive, AccessExclusive)})
}

// validate validates a constraint in a transaction of its own, the step
// it returns.
func (p *planner) validate(t *model.Table, name string, pos dsl.Pos, locks []Lock) *Step {
	return p.add(&Step{Phase: PhaseValidate, What: "validate " + name, Pos: pos, Transactional: true, Scans: true,
		SQL:   []string{p.alter(p.new, t, "VALIDATE CONSTRAINT "+model.QuoteIdent(name))},
		Locks: locks})
}

// keys plans primary and unique keys. A new key's index is built
// concurrently, then attached with USING INDEX, which only updates the
// catalog; one that takes a unique index of its name built alike takes it
// as it is (see takenIndex), and records it in p.taken, which indexes
// then keeps.
func (p *planner) keys(ot, nt *model.Table) {
	okeys, nkeys := keysOf(ot), keysOf(nt)
	for _, k := range okeys {
		if !slices.ContainsFunc(nkeys, k.equal) {
			// A unique key that a new key over the same columns replaces
			// (a unique foreign key made a shared primary key) goes once
			// that one is in place; a primary key must go first, and so
			// must a key a foreign key may reference (PostgreSQL could
			// build the key again on its index, and refuse the drop).
			phase := PhaseDrop
			referenced := slices.ContainsFunc(nt.Referenced, func(fk *model.ForeignKey) bool {
				return sameColumnNames(fk.RefColumns, k.key.Columns)
			})
			if !k.primary && !referenced && !p.newNames[k.key.Name] && keepsTypes(ot, nt, k.key.Columns) && slices.ContainsFunc(nkeys, func(n keyDef) bool {
				return sameColumnNames(n.key.Columns, k.key.Columns)
			}) {
				phase = PhaseDropReplaced
			}
			p.add(&Step{Phase: phase, What: "drop key " + k.key.Name, Pos: k.key.Pos, Transactional: true, drops: k.key.Name,
				SQL:   []string{p.alter(p.old, ot, "DROP CONSTRAINT IF EXISTS "+model.QuoteIdent(k.key.Name))},
				Locks: []Lock{{ot.Name, AccessExclusive}}})
		}
	}
	for _, k := range nkeys {
		if slices.ContainsFunc(okeys, k.equal) {
			continue
		}
		if nt.Partitioning != nil {
			p.addPartitionedKey(nt, k)
			continue
		}
		phase := PhaseIndexes
		if p.takesOver(ot, nt, k.key, okeys, nkeys) {
			phase = PhaseTakeOver
		}
		if oi := p.takenIndex(ot, nt, k.key); oi != nil {
			p.taken[oi] = true
		} else {
			p.buildIndexIn(phase, nt, k.key.Index())
		}
		p.add(&Step{Phase: PhaseKeys, What: "add key " + k.key.Name, Pos: k.key.Pos, Transactional: true,
			SQL: []string{p.alter(p.new, nt, "ADD CONSTRAINT "+model.QuoteIdent(k.key.Name)+" "+k.sql()+
				" USING INDEX "+model.QuoteIdent(k.key.Name))},
			Locks: []Lock{{nt.Name, AccessExclusive}}})
	}
}

// buildIndex builds an index concurrently, first dropping an index of the
// same name that a CREATE INDEX CONCURRENTLY killed before it finished
// leaves behind, INVALID.
func (p *planner) buildIndex(t *model.Table, ix *model.Index) { p.buildIndexIn(PhaseIndexes, t, ix) }

// buildIndexIn is buildIndex in the given phase.
func (p *planner) buildIndexIn(phase Phase, t *model.Table, ix *model.Index) {
	name, pos := ix.Name, ix.Pos
	if t.Partitioning != nil {
		p.buildPartitionedIndex(t, ix)
		return
	}
	build := &Step{Phase: phase, What: "build index " + name, Pos: pos, Scans: true, builds: name,
		SQL:   []string{postgres.CreateIndex(p.new, t, ix, true)},
		Locks: []Lock{{t.Name, ShareUpdateExclusive}}}
	p.add(&Step{Phase: phase, What: "drop index " + name + leftInvalid, Pos: pos, rebuild: build,
		SQL:   []string{"DROP INDEX CONCURRENTLY IF EXISTS " + p.new.Qualify(name) + ";"},
		Locks: []Lock{{t.Name, ShareUpdateExclusive}}})
	p.add(build)
}

// leftInvalid ends the What of the step that drops what an interrupted
// build of an index left behind.
const leftInvalid = " left invalid by an interrupted build"

// takesOver reports whether nk, a new key of nt, takes over from an old
// key of ot over the same columns that the plan drops (a shared primary
// key made a unique foreign key, or the other way): its unique index is
// then built first, before anything is dropped, so that the columns are
// never without a key that keeps them unique. Only when its columns are
// in ot with their types, and its name is not one of OLD's, which may go
// with the key it takes over.
func (p *planner) takesOver(ot, nt *model.Table, nk *model.Key, okeys, nkeys []keyDef) bool {
	if ot == nil || ot.Partitioning != nil || p.oldNames[nk.Name] || !keepsTypes(ot, nt, nk.Columns) {
		return false
	}
	for _, ok := range okeys {
		if !slices.ContainsFunc(nkeys, ok.equal) && sameColumnNames(ok.key.Columns, nk.Columns) {
			return true
		}
	}
	return false
}

// keepsTypes reports whether every column of cols (by name) is in ot and
// nt with one type: a key over a column whose type changes is rebuilt by
// the change, so it is not worth keeping or building apart from it.
func keepsTypes(ot, nt *model.Table, cols []*model.Column) bool {
	for _, c := range cols {
		oc, nc := ot.Column(c.Name), nt.Column(c.Name)
		if oc == nil || nc == nil || !oc.Type.Equal(nc.Type) {
			return false
		}
	}
	return true
}

// sameColumnNames reports whether a and b name the same columns, in order.
func sameColumnNames(a, b []*model.Column) bool {
	return slices.EqualFunc(a, b, func(x, y *model.Column) bool { return x.Name == y.Name })
}

// replacedLater reports whether the index oi of ot, which NEW's table nt
// no longer has, is replaced by a new index or key of nt that leads with
// the same column (an FK's index by the unique key a 1:N made 1:1 gives
// it): it is then dropped only once that one is built, so that lookups by
// the column, and the deletes of parent rows that check the foreign key,
// never go without an index. Not when NEW reuses its name, on any table
// (index names are the schema's: it must go first), nor when one of its
// columns changes type (the change would rebuild it for nothing, under
// its lock). The index or key that replaces it has a name OLD has on no
// table.
func (p *planner) replacedLater(ot, nt *model.Table, oi *model.Index) bool {
	if len(oi.Keys) == 0 || oi.Keys[0].Column == nil || ot.Partitioning != nil || p.newNames[oi.Name] || !keepsTypes(ot, nt, oi.Columns) {
		return false
	}
	lead := oi.Keys[0].Column.Name
	for _, ni := range nt.Indexes {
		if len(ni.Keys) > 0 && ni.Keys[0].Column != nil && ni.Keys[0].Column.Name == lead && ni.Where == "" && !p.oldNames[ni.Name] {
			return true
		}
	}
	keys := nt.Uniques
	if nt.PrimaryKey != nil {
		keys = append([]*model.Key{nt.PrimaryKey}, keys...)
	}
	for _, k := range keys {
		if len(k.Columns) > 0 && k.Columns[0].Name == lead && !p.oldNames[k.Name] {
			return true
		}
	}
	return false
}

// indexNames are the names of every index, key and exclusion constraint
// (each has an index of its name) of s.
func indexNames(s *model.Schema) map[string]bool {
	out := map[string]bool{}
	for _, t := range s.Tables {
		for name := range tableIndexNames(t) {
			out[name] = true
		}
	}
	return out
}

// tableIndexNames are the names of t's indexes, keys and exclusion
// constraints.
func tableIndexNames(t *model.Table) map[string]bool {
	out := map[string]bool{}
	if t.PrimaryKey != nil {
		out[t.PrimaryKey.Name] = true
	}
	for _, k := range t.Uniques {
		out[k.Name] = true
	}
	for _, ix := range t.Indexes {
		out[ix.Name] = true
	}
	for _, x := range t.Exclusions {
		out[x.Name] = true
	}
	return out
}

// checks plans CHECK constraints: a new or changed one is added NOT VALID
// and validated on its own, unless it is declared `not valid`, which
// leaves it unvalidated (notvalid.go plans a change of that alone).
func (p *planner) checks(ot, nt *model.Table) {
	same := func(a, b *model.Check) bool { return a.Name == b.Name && a.Expr == b.Expr }
	for _, oc := range ot.Checks {
		if !slices.ContainsFunc(nt.Checks, func(nc *model.Check) bool { return same(oc, nc) }) {
			p.add(&Step{Phase: PhaseDrop, What: "drop check " + oc.Name, Pos: oc.Pos, Transactional: true,
				SQL:   []string{p.alter(p.old, ot, "DROP CONSTRAINT IF EXISTS "+model.QuoteIdent(oc.Name))},
				Locks: []Lock{{ot.Name, AccessExclusive}}})
		}
	}
	for _, nc := range nt.Checks {
		if slices.ContainsFunc(ot.Checks, func(oc *model.Check) bool { return same(oc, nc) }) {
			continue
		}
		p.add(&Step{Phase: PhaseConstraints, What: "add check " + nc.Name, Pos: nc.Pos, Transactional: true,
			SQL:   []string{p.dropLeftover(nt, nc.Name), p.alter(p.new, nt, "ADD "+postgres.CheckConstraint(nc)+" NOT VALID")},
			Locks: []Lock{{nt.Name, AccessExclusive}}})
		if !nc.NotValid {
			p.validate(nt, nc.Name, nc.Pos, []Lock{{nt.Name, ShareUpdateExclusive}})
		}
	}
	p.checkValidity(ot, nt)
}

// indexes plans the indexes: dropped and built concurrently, or renamed
// when NEW names one otherwise (see pairIndexes).
func (p *planner) indexes(ot, nt *model.Table) {
	// Two indexes are the same when they are built alike under one name,
	// or paired: the one renamed to the other.
	same := func(a, b *model.Index) bool { return sameIndex(a, b) || p.indexPairs[a] == b }
	for _, oi := range ot.Indexes {
		if ni := p.indexPairs[oi]; ni != nil {
			p.renameIndex(oi, ni)
			continue
		}
		if !slices.ContainsFunc(nt.Indexes, func(ni *model.Index) bool { return same(oi, ni) }) && !p.taken[oi] {
			if ot.Partitioning != nil {
				// PostgreSQL drops a partitioned index, with its
				// partitions' indexes, only in a transaction.
				p.add(&Step{Phase: PhaseDrop, What: "drop index " + oi.Name, Pos: oi.Pos, Transactional: true, drops: oi.Name,
					SQL:   []string{"DROP INDEX IF EXISTS " + p.old.Qualify(oi.Name) + ";"},
					Locks: []Lock{{ot.Name, AccessExclusive}}})
				continue
			}
			phase := PhaseDrop
			if p.replacedLater(ot, nt, oi) {
				phase = PhaseDropReplaced
			}
			p.add(&Step{Phase: phase, What: "drop index " + oi.Name, Pos: oi.Pos, drops: oi.Name,
				SQL:   []string{"DROP INDEX CONCURRENTLY IF EXISTS " + p.old.Qualify(oi.Name) + ";"},
				Locks: []Lock{{ot.Name, ShareUpdateExclusive}}})
		}
	}
	for _, ni := range nt.Indexes {
		if !slices.ContainsFunc(ot.Indexes, func(oi *model.Index) bool { return same(oi, ni) }) {
			p.buildIndex(nt, ni)
		}
	}
}
