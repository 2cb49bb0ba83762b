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
// of the partition key of relation part_0"), named with the table's name
// or not (lower(docs.name); a partition's with its own name,
// upper(docs_a.region): model.Table.KeyReads). An expression that does
// not scan, or reads the whole row, is taken to use every column: PostgreSQL
// records a whole-row key ((docs)) as a dependency on the table alone,
// and changes a column's type or collation, or drops it, without a word,
// but the key's values change with the row, while the rows stay where
// they are and the bounds, values of the row's type, are read in the new
// one: rows are left in partitions their key no longer routes to. A new
// column is refused for such a key by wholeRowKey.
func inPartitionKey(t *model.Table, name string) bool {
	return slices.ContainsFunc(t.Partitionings(), func(pt *model.Partitioning) bool {
		return slices.ContainsFunc(pt.Keys, func(k model.IndexKey) bool {
			if k.Column != nil {
				return k.Column.Name == name
			}
			cols, whole, ok := t.KeyReads(pt, k.Expr)
			return !ok || whole || slices.ContainsFunc(cols, func(c *model.Column) bool { return c.Name == name })
		})
	})
}

// exprUses reports whether an expression over t's rows uses the column
// named name, as PostgreSQL records what an index depends on
// (model.Table.ExprReads): the column named in it, bare or with the
// table's name (lower(docs.name)). One that does not scan is taken to use
// every column. A whole-row reference (docs, docs.*) PostgreSQL records
// as a dependency on the table alone, and a change of a column leaves an
// index over it as it is: callers that must see it ask
// model.Table.ExprReads for it themselves.
func exprUses(t *model.Table, expr, name string) bool {
	cols, _, ok := t.ExprReads(expr)
	return !ok || slices.ContainsFunc(cols, func(c *model.Column) bool { return c.Name == name })
}

// wholeRowKey reports whether a partition key of t, at any level, reads
// the whole row ((docs)). PostgreSQL adds a column to such a table
// without a word, and the key's value of every row changes with it,
// while the rows stay where they are: a hash partition's rows hash
// differently (a query for a row's value looks in another partition and
// misses it), and a list or range bound, a value of the row's type, is
// read with the new column null, which the rows' values are not once the
// column has a default.
func wholeRowKey(t *model.Table) bool {
	return slices.ContainsFunc(t.Partitionings(), func(pt *model.Partitioning) bool {
		return slices.ContainsFunc(pt.Keys, func(k model.IndexKey) bool {
			if k.Column != nil {
				return false
			}
			_, whole, _ := t.KeyReads(pt, k.Expr)
			return whole
		})
	})
}
