package migrate

import (
	"slices"

	"github.com/ergen-dev/ergen/generator/model"
)

// inPartitionKey reports whether the column named name is in the
// partition key of t or of any of its partitions partitioned in turn,
// as a plain column or as one an expression of the key uses
// (lower(name)): PostgreSQL alters the type of no column a partition key
// holds or reads, at any level ("cannot alter column because it is part
// of the partition key of relation part_0"). An expression whose columns
// cannot be told (model.Table.ExprColumns) is taken to use every column.
func inPartitionKey(t *model.Table, name string) bool {
	return slices.ContainsFunc(t.Partitionings(), func(pt *model.Partitioning) bool {
		return slices.ContainsFunc(pt.Keys, func(k model.IndexKey) bool {
			if k.Column != nil {
				return k.Column.Name == name
			}
			cols, ok := t.ExprColumns(k.Expr)
			return !ok || slices.ContainsFunc(cols, func(c *model.Column) bool { return c.Name == name })
		})
	})
}
