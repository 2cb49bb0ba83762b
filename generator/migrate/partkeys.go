package migrate

import (
	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/generator/postgres"
)

// PostgreSQL 15 builds no index of a partitioned table concurrently, adds
// no key to one USING INDEX and no foreign key NOT VALID. It does attach
// what each partition already has: an index of the partition to the
// parent's index (ALTER INDEX ... ATTACH PARTITION), and, when a key or a
// foreign key is added to the parent, a partition's matching key or
// validated foreign key instead of building or checking its own. So each
// partition gets, in steps that let reads and writes go on, what the
// parent will have, and the parent then takes it in a catalog update.
// The partitions are NEW's: these steps run after the partitions are
// created and dropped.

// partitionIndex names the index of a partition that is attached to the
// parent's index name.
func partitionIndex(name string, q *model.Partition) string {
	return model.ShortenIdent(q.Name + "_" + name)
}

// buildPartitionedIndex creates the parent's index alone (ON ONLY, left
// invalid), builds each partition's concurrently, and attaches them all
// at once, which makes the parent's index valid. A partition partitioned
// in turn is indexed the same way, a level down, before its index is
// attached to the parent's.
func (p *planner) buildPartitionedIndex(t *model.Table, ix *model.Index) {
	p.buildLevelIndex(t.Name, t.Partitioning, ix, ix.Name)
}

// buildLevelIndex builds ix as name on parent, a partitioned table or
// partition, whose partitioning is pt.
func (p *planner) buildLevelIndex(parent string, pt *model.Partitioning, ix *model.Index, name string) {
	unique := ""
	if ix.Unique {
		unique = "UNIQUE "
	}
	quoted := model.QuoteIdent(name)
	p.partitioned(&Step{Phase: PhaseIndexes, What: "create index " + name + " on " + parent + " alone", Pos: ix.Pos, Transactional: true,
		SQL:   []string{"CREATE " + unique + "INDEX IF NOT EXISTS " + quoted + " ON ONLY " + p.new.Qualify(parent) + " " + ix.Spec() + ";"},
		Locks: []Lock{{parent, Share}}})
	attach := &Step{Phase: PhaseIndexes, What: "attach the partitions' indexes to " + name, Pos: ix.Pos, Transactional: true,
		Locks: []Lock{{parent, AccessShare}}}
	for _, q := range pt.Partitions {
		qix := partitionIndex(ix.Name, q)
		if q.Partitioning != nil {
			p.buildLevelIndex(q.Name, q.Partitioning, ix, qix)
		} else {
			p.buildPartitionIndex(q, ix, qix)
		}
		attach.SQL = append(attach.SQL, "ALTER INDEX "+p.new.Qualify(name)+" ATTACH PARTITION "+p.new.Qualify(qix)+";")
		attach.Locks = append(attach.Locks, Lock{q.Name, AccessShare})
	}
	p.partitioned(attach)
}

// buildPartitionIndex builds ix on partition q, concurrently, as name;
// an invalid index an interrupted build left is dropped first.
func (p *planner) buildPartitionIndex(q *model.Partition, ix *model.Index, name string) {
	unique := ""
	if ix.Unique {
		unique = "UNIQUE "
	}
	locks := []Lock{{q.Name, ShareUpdateExclusive}}
	build := &Step{Phase: PhaseIndexes, What: "build index " + name, Pos: ix.Pos, Scans: true, builds: name,
		SQL:   []string{"CREATE " + unique + "INDEX CONCURRENTLY " + model.QuoteIdent(name) + " ON " + p.new.Qualify(q.Name) + " " + ix.Spec() + ";"},
		Locks: locks}
	p.add(&Step{Phase: PhaseIndexes, What: "drop index " + name + leftInvalid, Pos: ix.Pos, rebuild: build,
		SQL: []string{"DROP INDEX CONCURRENTLY IF EXISTS " + p.new.Qualify(name) + ";"}, Locks: locks})
	p.add(build)
}

// addPartitionedKey adds a primary or unique key to a partitioned table:
// each partition's unique index is built concurrently; then, in one
// transaction, each becomes its partition's key (USING INDEX) and the
// parent's key is added, which takes them instead of building its own.
//
// Under a partition partitioned in turn, the leaves, at every level, get
// their keys so; the parent's ADD then creates the key of each partition
// between, which takes its leaves' keys in turn.
func (p *planner) addPartitionedKey(t *model.Table, k keyDef) {
	ix := k.key.Index()
	step := &Step{Phase: PhaseKeys, What: "add key " + k.key.Name, Pos: k.key.Pos, Transactional: true,
		Locks: []Lock{{t.Name, AccessExclusive}}}
	for _, q := range t.AllPartitions() {
		if q.Partitioning != nil {
			// its key is created as an index is, taking the leaves'
			step.Locks = append(step.Locks, Lock{q.Name, Share})
			continue
		}
		qix := model.QuoteIdent(partitionIndex(ix.Name, q))
		p.buildPartitionIndex(q, ix, partitionIndex(ix.Name, q))
		step.SQL = append(step.SQL, "ALTER TABLE "+p.new.Qualify(q.Name)+" ADD CONSTRAINT "+qix+" "+k.sql()+" USING INDEX "+qix+";")
		step.Locks = append(step.Locks, Lock{q.Name, AccessExclusive})
	}
	clause := "UNIQUE "
	if k.primary {
		clause = "PRIMARY KEY "
	} else if k.key.NullsNotDistinct {
		clause += "NULLS NOT DISTINCT "
	}
	clause += "(" + postgres.ColumnList(k.key.Columns) + ")"
	if !k.primary {
		clause += model.IncludeSQL(k.key.Include)
	}
	step.SQL = append(step.SQL, p.alter(p.new, t, "ADD CONSTRAINT "+model.QuoteIdent(k.key.Name)+" "+clause))
	p.partitioned(step)
}

// addPartitionedFK adds a foreign key to a partitioned table: NOT VALID
// to each partition (after drop, the old foreign key's DROP, in the same
// transaction, so that it is never missing), each validated in a
// transaction of its own, then to the parent, which takes the
// partitions' validated ones without checking a row. One that references
// a partitioned table is validated as it is added (see addForeignKey).
//
// Under a partition partitioned in turn, which takes no foreign key NOT
// VALID either, the leaves, at every level, get theirs so; the parent's
// ADD then creates the foreign key of each partition between, which takes
// its leaves' validated ones in turn.
func (p *planner) addPartitionedFK(t *model.Table, fk *model.ForeignKey, drop string) {
	constraint := postgres.ForeignKeyConstraint(p.new, fk)
	// Without a DROP, the step does not touch the parent.
	add := &Step{Phase: PhaseConstraints, What: "add foreign key " + fk.Name + " to the partitions of " + t.Name, Pos: fk.Pos, Transactional: true,
		Locks: refLocks(fk, ShareRowExclusive)}
	mode := ShareRowExclusive
	if drop != "" {
		mode = AccessExclusive
		add.What = "change foreign key " + fk.Name + " on the partitions of " + t.Name
		add.SQL = append(add.SQL, drop)
		add.Locks = fkLocks(fk, AccessExclusive, AccessExclusive)
	}
	attach := &Step{Phase: PhaseValidate, What: "add foreign key " + fk.Name + " to " + t.Name, Pos: fk.Pos, Transactional: true,
		SQL: []string{p.alter(p.new, t, "ADD "+constraint)}, Locks: fkLocks(fk, ShareRowExclusive, AccessExclusive)}
	add.Scans = notValid(fk) == ""
	for _, q := range t.AllPartitions() {
		if q.Partitioning != nil {
			if drop != "" {
				add.Locks = append(add.Locks, Lock{q.Name, mode})
			}
			attach.Locks = append(attach.Locks, Lock{q.Name, ShareRowExclusive})
			continue
		}
		alter := func(action string) string { return "ALTER TABLE " + p.new.Qualify(q.Name) + " " + action + ";" }
		add.SQL = append(add.SQL, alter("ADD "+constraint+notValid(fk)))
		add.Locks = append(add.Locks, Lock{q.Name, mode})
		if add.Scans {
			// Taking over a partition's foreign key to a
			// partitioned table, PostgreSQL replaces the
			// partition's triggers, under ACCESS EXCLUSIVE; it
			// checks no row.
			attach.Locks = append(attach.Locks, Lock{q.Name, AccessExclusive})
			continue
		}
		attach.Locks = append(attach.Locks, Lock{q.Name, ShareRowExclusive})
		p.add(&Step{Phase: PhaseValidate, What: "validate " + fk.Name + " of " + q.Name, Pos: fk.Pos, Transactional: true, Scans: true,
			SQL: []string{alter("VALIDATE CONSTRAINT " + model.QuoteIdent(fk.Name))}, Locks: []Lock{{q.Name, ShareUpdateExclusive}, {fk.RefTable.Name, RowShare}}})
	}
	p.partitioned(add)
	p.partitioned(attach)
}

// partitioned adds a step that lists its locks on partitions itself.
func (p *planner) partitioned(s *Step) {
	p.ownLocks[p.add(s)] = true
}
