package migrate

import (
	"slices"

	"github.com/ergen-dev/ergen/generator/model"
)

// takenIndex returns the unique index of ot that the new key k of nt
// takes as it is, with USING INDEX: one of k's name, which NEW no longer
// has as an index, built as k's own index would be. Dropping it and
// building it again would leave the columns without uniqueness while the
// build runs. Not on a partitioned table, whose key is its partitions',
// nor one renamed to another index of NEW.
func (p *planner) takenIndex(ot, nt *model.Table, k *model.Key) *model.Index {
	if ot == nil || ot.Partitioning != nil || nt.Partitioning != nil ||
		slices.ContainsFunc(nt.Indexes, func(ni *model.Index) bool { return ni.Name == k.Name }) {
		return nil
	}
	for _, oi := range ot.Indexes {
		if oi.Name == k.Name && oi.ForeignKey == nil && p.indexPairs[oi] == nil && sameIndex(oi, k.Index()) {
			return oi
		}
	}
	return nil
}
