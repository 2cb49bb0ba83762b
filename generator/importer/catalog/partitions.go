package catalog

import (
	"cmp"
	"slices"

	"github.com/ergen-dev/ergen/generator/model"
)

// foldPartitions moves each partition of a table read into its parent's
// Partitions, and a partition's partitions, when it is partitioned in
// turn, into its own. A partition takes its columns, keys and indexes
// from its parent, and ergen declares partitions within their table, so
// the catalog compares with a model that way.
func (r *reader) foldPartitions() {
	read := make(map[string]bool, len(r.cat.Tables))
	for _, t := range r.cat.Tables {
		read[t.Name] = true
	}
	folded := func(t Table) bool { return t.PartitionOf != "" && read[t.PartitionOf] }
	children := map[string][]Table{}
	for _, t := range r.cat.Tables {
		if folded(t) {
			children[t.PartitionOf] = append(children[t.PartitionOf], t)
		}
	}
	var fold func(name string) []Partition
	fold = func(name string) []Partition {
		var out []Partition
		for _, t := range children[name] {
			out = append(out, Partition{Name: t.Name, Bound: r.bounds[t.Name], PartitionBy: t.PartitionBy, Partitions: fold(t.Name)})
		}
		return out
	}
	for i := range r.cat.Tables {
		if t := &r.cat.Tables[i]; !folded(*t) {
			t.Partitions = fold(t.Name)
		}
	}
	r.cat.Tables = slices.DeleteFunc(r.cat.Tables, folded)
}

// sortPartitions sorts partitions by name, at every level.
func sortPartitions(ps []Partition) {
	slices.SortFunc(ps, func(a, b Partition) int { return cmp.Compare(a.Name, b.Name) })
	for i := range ps {
		sortPartitions(ps[i].Partitions)
	}
}

// expectPartitions is the catalog's record of the partitions of pt, at
// every level, and adds their names to rels.
func expectPartitions(pt *model.Partitioning, rels map[string]bool) []Partition {
	var out []Partition
	for _, p := range pt.Partitions {
		q := Partition{Name: p.Name, Bound: Expr(p.Bound)}
		if p.Partitioning != nil {
			q.PartitionBy = Expr(p.Partitioning.SQL())
			q.Partitions = expectPartitions(p.Partitioning, rels)
		}
		out = append(out, q)
		rels[p.Name] = true
	}
	return out
}

// partitions compares the partitions of a table, or of a partition
// partitioned in turn, paired by bound.
func (d *differ) partitions(model, db []Partition) {
	pair(d, "partition", model, db,
		func(p Partition) string { return p.Bound.Canonical() },
		func(p Partition) string { return p.Name },
		func(what string, m, g Partition) {
			if !m.PartitionBy.Equal(g.PartitionBy) {
				d.prop(what, "the partitioning", m.PartitionBy, g.PartitionBy)
			}
			d.partitions(m.Partitions, g.Partitions)
		})
}
