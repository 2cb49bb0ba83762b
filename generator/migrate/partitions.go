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
// now hold); one NEW drops is dropped with its rows, a hazard; one whose
// bounds change is detached and attached again (see rebound).
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
	bound := func(ps []*model.Partition, name string) *model.Partition {
		i := slices.IndexFunc(ps, func(q *model.Partition) bool { return q.Name == name })
		if i < 0 {
			return nil
		}
		return ps[i]
	}
	// Adding or dropping a partition locks the default partition too,
	// whose implicit bound changes.
	locks := func(names ...string) []Lock {
		if i := slices.IndexFunc(op.Partitions, func(q *model.Partition) bool { return q.Bound == "DEFAULT" }); i >= 0 && !slices.Contains(names, op.Partitions[i].Name) {
			names = append(names, op.Partitions[i].Name)
		}
		out := []Lock{{nt.Name, AccessExclusive}}
		for _, n := range names {
			out = append(out, Lock{n, AccessExclusive})
		}
		return out
	}
	var rebound [][2]*model.Partition
	for _, old := range op.Partitions {
		switch nw := bound(np.Partitions, old.Name); {
		case nw == nil:
			s := p.add(&Step{Phase: PhaseTables, What: "drop partition " + old.Name + " of " + ot.Name, Pos: old.Pos, Transactional: true,
				SQL:   []string{"DROP TABLE " + p.old.Qualify(old.Name) + ";"},
				Locks: locks(old.Name)})
			p.hazard(s, named(old.Pos, old.Name), DropTable, "partition %s of %s is gone", old.Name, ot.Name)
		case nw.Bound != old.Bound:
			rebound = append(rebound, [2]*model.Partition{old, nw})
		}
	}
	if len(rebound) > 0 && !p.referencedWhileRebound(ot, nt, rebound[0][1]) {
		p.rebound(nt, op, rebound, locks)
	}
	hasDefault := slices.ContainsFunc(op.Partitions, func(q *model.Partition) bool { return q.Bound == "DEFAULT" })
	for _, nw := range np.Partitions {
		if bound(op.Partitions, nw.Name) == nil {
			p.add(&Step{Phase: PhaseTables, What: "create partition " + nw.Name + " of " + nt.Name, Pos: nw.Pos, Transactional: true,
				Scans: hasDefault,
				SQL:   []string{postgres.CreatePartition(p.new, nt, nw)},
				Locks: locks()})
		}
	}
}

// lockPartitions adds to a step on a partitioned table the locks it takes
// on each partition, the parent's: on OLD's partitions before NEW's are
// created and dropped (in PhaseTables, after the columns), on NEW's after.
// A comment locks the parent alone.
func lockPartitions(st *Step, table string, op, np *model.Partitioning) {
	if st.Phase == PhaseComments {
		return
	}
	parts := op.Partitions
	if st.Phase > PhaseTables {
		parts = np.Partitions
	}
	var add []Lock
	for _, l := range st.Locks {
		if l.Table == table {
			for _, q := range parts {
				add = append(add, Lock{q.Name, l.Mode})
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
