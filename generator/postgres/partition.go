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
// keys and indexes from t.
func CreatePartition(s *model.Schema, t *model.Table, p *model.Partition) string {
	return "CREATE TABLE " + s.Qualify(p.Name) + " PARTITION OF " + s.Qualify(t.Name) + " " + p.Bound + ";"
}

// CreatePartitions are the statements that create t's partitions.
func CreatePartitions(s *model.Schema, t *model.Table) []string {
	if t.Partitioning == nil {
		return nil
	}
	out := make([]string, len(t.Partitioning.Partitions))
	for i, p := range t.Partitioning.Partitions {
		out[i] = CreatePartition(s, t, p)
	}
	return out
}
