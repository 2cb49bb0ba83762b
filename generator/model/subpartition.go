package model

import "github.com/ergen-dev/ergen/dsl"

// A partition may be partitioned in turn: `partition eu in ('de', 'fr')
// partition by range (paid_on)` makes eu a partitioned table, whose own
// partitions name it with `of`. PostgreSQL routes a row through each
// level to the leaf that takes it, and holds every level to the rules of
// a partitioned table: the primary key and unique keys of the entity must
// hold the key columns of every level.

// AllPartitions returns t's partitions at every level, each after the
// partition it belongs to: the order they are created in.
func (t *Table) AllPartitions() []*Partition {
	if t.Partitioning == nil {
		return nil
	}
	var out []*Partition
	var walk func(pt *Partitioning)
	walk = func(pt *Partitioning) {
		for _, p := range pt.Partitions {
			out = append(out, p)
			if p.Partitioning != nil {
				walk(p.Partitioning)
			}
		}
	}
	walk(t.Partitioning)
	return out
}

// Partitionings returns how t is partitioned at every level: its own
// partitioning first, then each partition's partitioned in turn; nil when
// it is not partitioned.
func (t *Table) Partitionings() []*Partitioning {
	if t.Partitioning == nil {
		return nil
	}
	out := []*Partitioning{t.Partitioning}
	for _, p := range t.AllPartitions() {
		if p.Partitioning != nil {
			out = append(out, p.Partitioning)
		}
	}
	return out
}

// partitionOf finds the partition of t that a sub-partition names with
// `of`, declared before it and partitioned in turn, and returns its
// partitioning and name; nil when there is none.
func (r *resolver) partitionOf(t *Table, of *dsl.Name) (*Partitioning, string) {
	name := ShortenIdent(of.Value)
	p, e := at(of)
	for _, q := range t.AllPartitions() {
		if q.Name != name {
			continue
		}
		if q.Partitioning == nil {
			r.diags.Errorf(p, e, "partition %s of %s is not partitioned", dsl.QuoteName(of.Value), dsl.QuoteName(t.Label())).
				Hintf("partition it in turn where it is declared, as in partition %s ... partition by range (%s)", dsl.NameExcerpt(of.Value), keyExample(t))
			return nil, ""
		}
		return q.Partitioning, q.Name
	}
	names := make([]string, 0, 4)
	for _, q := range t.AllPartitions() {
		names = append(names, q.Name)
	}
	d := r.diags.Errorf(p, e, "unknown partition %s of %s", dsl.QuoteName(of.Value), dsl.QuoteName(t.Label()))
	if s := dsl.Suggest(of.Value, names); s != "" {
		d.Hintf("did you mean %s?", dsl.QuoteName(s))
	} else {
		d.Hintf("declare partition %s, partitioned in turn, before its partitions", dsl.NameExcerpt(of.Value))
	}
	return nil, ""
}
