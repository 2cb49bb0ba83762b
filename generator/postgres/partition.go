package postgres

import "github.com/ergen-dev/ergen/generator/model"

// partitionBy is the clause that ends CREATE TABLE of a partitioned table,
// or "".
func partitionBy(t *model.Table) string {
	if t.Partitioning == nil {
		return ""
	}
	return " PARTITION BY " + t.Partitioning.SQL()
}

// CreatePartition is the statement that creates partition p of t, as Emit
// writes it after t: a table that takes its columns, keys, checks, foreign
// keys and indexes from t, partitioned in turn when p is.
func CreatePartition(s *model.Schema, t *model.Table, p *model.Partition) string {
	parent := t.Name
	if p.Parent != "" {
		parent = p.Parent
	}
	sql := "CREATE TABLE " + s.Qualify(p.Name) + " PARTITION OF " + s.Qualify(parent) + " " + p.Bound
	if p.Partitioning != nil {
		sql += " PARTITION BY " + p.Partitioning.SQL()
	}
	return sql + ";"
}

// CreatePartitions are the statements that create t's partitions, each
// after the partition it belongs to.
func CreatePartitions(s *model.Schema, t *model.Table) []string {
	all := t.AllPartitions()
	if len(all) == 0 {
		return nil
	}
	out := make([]string, len(all))
	for i, p := range all {
		out[i] = CreatePartition(s, t, p)
	}
	return out
}
