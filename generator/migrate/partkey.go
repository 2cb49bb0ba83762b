package migrate

import (
	"slices"

	"github.com/ergen-dev/ergen/generator/model"
)

// inPartitionKey reports whether the column named name is in the
// partition key of t or of any of its partitions partitioned in turn:
// PostgreSQL alters the type of no column a partition key holds, at any
// level ("cannot alter column because it is part of the partition key of
// relation part_0").
func inPartitionKey(t *model.Table, name string) bool {
	return slices.ContainsFunc(t.Partitionings(), func(pt *model.Partitioning) bool {
		return slices.ContainsFunc(pt.Key, func(k *model.Column) bool { return k.Name == name })
	})
}
