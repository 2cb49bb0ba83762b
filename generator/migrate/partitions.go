package migrate

import (
	"slices"

	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/generator/postgres"
)

// partitionedTable plans the partitions of a table both models have, and
// adds to the steps alterTable planned from step first on the locks they
// take on the partitions.
//
// A change of partitioning (method or key, or partitioned or not) is
// refused: PostgreSQL cannot change it in place. A partition NEW adds is
// created (scanning the default partition, if any, for rows it should
// now hold); one NEW drops is dropped with its rows, a hazard; one of the
// table's own whose bounds change is detached and attached again (see
// rebound); below, a partition partitioned in turn is planned the same
// way, level by level (see partitionLevel).
func (p *planner) partitionedTable(ot, nt *model.Table, first int) {
	op, np := ot.Partitioning, nt.Partitioning
	if op == nil && np == nil {
		return
	}
	if op == nil || np == nil || op.SQL() != np.SQL() {
		p.refuse(tableSpan(nt), Repartition, "table %s changes its partitioning from %s to %s", nt.Name, partitioning(op), partitioning(np))
		return
	}
	for _, st := range p.steps[first:] {
		if !p.ownLocks[st] {
			lockPartitions(st, nt.Name, op, np)
		}
	}
	p.partitionLevel(ot, nt, nt.Name, "", op, np)
}

// partitionLevel plans the partitions of one level of a partitioned
// table, parent's (the table's, or a partition's partitioned in turn), and
// the levels below. A partition takes the lock of its parent and of the
// parent's default partition, whose implicit bound changes, as PostgreSQL
// takes them: each at its own level, never the table's above. outer is
// the check of the rows parent takes (see rebound).
func (p *planner) partitionLevel(ot, nt *model.Table, parent, outer string, op, np *model.Partitioning) {
	find := func(ps []*model.Partition, name string) *model.Partition {
		i := slices.IndexFunc(ps, func(q *model.Partition) bool { return q.Name == name })
		if i < 0 {
			return nil
		}
		return ps[i]
	}
	oldDefault := ""
	if i := slices.IndexFunc(op.Partitions, func(q *model.Partition) bool { return q.Bound == "DEFAULT" }); i >= 0 {
		oldDefault = op.Partitions[i].Name
	}
	// The default partition that exists before partition name of NEW is
	// created: OLD's, or NEW's when created before it.
	defaultBefore := func(name string) string {
		if oldDefault != "" {
			return oldDefault
		}
		for _, q := range np.Partitions {
			if q.Name == name {
				break
			}
			if q.Bound == "DEFAULT" {
				return q.Name
			}
		}
		return ""
	}
	locks := func(dflt string, names ...string) []Lock {
		if dflt != "" && !slices.Contains(names, dflt) {
			names = append(names, dflt)
		}
		out := []Lock{{parent, AccessExclusive}}
		for _, n := range names {
			out = append(out, Lock{n, AccessExclusive})
		}
		return out
	}
	var rebound [][2]*model.Partition
	for _, old := range op.Partitions {
		switch nw := find(np.Partitions, old.Name); {
		case nw == nil:
			names := []string{old.Name}
			if old.Partitioning != nil {
				names = append(names, subPartitionNames(old.Partitioning)...)
			}
			s := p.add(&Step{Phase: PhaseTables, What: "drop partition " + old.Name + " of " + parent, Pos: old.Pos, Transactional: true,
				SQL:   []string{"DROP TABLE IF EXISTS " + p.old.Qualify(old.Name) + ";"},
				Locks: locks(oldDefault, names...)})
			p.hazard(s, named(old.Pos, old.Name), DropTable, "partition %s of %s is gone", old.Name, parent)
		case nw.Bound != old.Bound:
			rebound = append(rebound, [2]*model.Partition{old, nw})
		case partitioning(old.Partitioning) != partitioning(nw.Partitioning):
			p.refuse(named(nw.Pos, nw.Name), Repartition, "partition %s of %s changes its partitioning from %s to %s", nw.Name, parent,
				partitioning(old.Partitioning), partitioning(nw.Partitioning))
		case nw.Partitioning != nil:
			p.partitionLevel(ot, nt, nw.Name, innerQual(outer, p.new.Qualify(parent), op, nw.Bound), old.Partitioning, nw.Partitioning)
		}
	}
	if len(rebound) > 0 {
		// DETACH and ATTACH lock the partitions below those they move
		// and below the default partition, which ATTACH checks.
		p.rebound(nt, parent, outer, op, rebound, func(names ...string) []Lock {
			var below []string
			for _, n := range append(slices.Clone(names), oldDefault) {
				if q := find(op.Partitions, n); q != nil {
					below = append(below, partitionTree(q)[1:]...)
				}
			}
			return append(locks(oldDefault, append(names, below...)...), ancestorLocks(nt, parent)...)
		})
	}
	for _, nw := range np.Partitions {
		if find(op.Partitions, nw.Name) == nil {
			p.createPartition(nt, nw, parent, defaultBefore(nw.Name))
		}
	}
}

// createPartition creates partition nw of parent, a level of nt, where
// dflt ("" for none) is the default partition of that level that exists
// before it: PostgreSQL scans dflt for rows the new partition should
// take, under ACCESS EXCLUSIVE, as it locks parent. A partition
// partitioned in turn then gets its partitions, a step each, alike.
func (p *planner) createPartition(nt *model.Table, nw *model.Partition, parent, dflt string) {
	locks := []Lock{{parent, AccessExclusive}}
	if dflt != "" {
		locks = append(locks, Lock{dflt, AccessExclusive})
	}
	p.add(&Step{Phase: PhaseTables, What: "create partition " + nw.Name + " of " + nt.Name, Pos: nw.Pos, Transactional: true,
		Scans: dflt != "",
		SQL:   []string{postgres.CreatePartition(p.new, nt, nw)},
		Locks: locks})
	if nw.Partitioning == nil {
		return
	}
	inner := ""
	for _, q := range nw.Partitioning.Partitions {
		p.createPartition(nt, q, nw.Name, inner)
		if q.Bound == "DEFAULT" {
			inner = q.Name
		}
	}
}

// subPartitionNames are the names of the partitions of pt, at every level.
func subPartitionNames(pt *model.Partitioning) []string {
	var out []string
	for _, q := range pt.Partitions {
		out = append(out, q.Name)
		if q.Partitioning != nil {
			out = append(out, subPartitionNames(q.Partitioning)...)
		}
	}
	return out
}

// lockPartitions adds to a step on a partitioned table the locks it takes
// on each partition, the parent's: on OLD's partitions before NEW's are
// created and dropped (in PhaseTables, after the columns), on NEW's after.
// A comment locks the parent alone.
func lockPartitions(st *Step, table string, op, np *model.Partitioning) {
	if st.Phase == PhaseComments {
		return
	}
	parts := subPartitionNames(op)
	if st.Phase > PhaseTables {
		parts = subPartitionNames(np)
	}
	var add []Lock
	for _, l := range st.Locks {
		if l.Table == table {
			for _, q := range parts {
				add = append(add, Lock{q, l.Mode})
			}
		}
	}
	st.Locks = append(st.Locks, add...)
}

// partitioning names how a table is partitioned, for messages.
func partitioning(pt *model.Partitioning) string {
	if pt == nil {
		return "none"
	}
	return pt.SQL()
}

// ancestorLocks are the locks PostgreSQL takes, to read their partition
// constraints, on the levels above parent, a partition of t partitioned
// in turn: ACCESS SHARE on each, up to t.
func ancestorLocks(t *model.Table, parent string) []Lock {
	var out []Lock
	for parent != t.Name {
		i := slices.IndexFunc(t.AllPartitions(), func(q *model.Partition) bool { return q.Name == parent })
		parent = t.AllPartitions()[i].Parent
		if parent == "" {
			parent = t.Name
		}
		out = append(out, Lock{parent, AccessShare})
	}
	return out
}
