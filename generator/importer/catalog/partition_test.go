package catalog_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ergen-dev/ergen/generator/importer/catalog"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

// Read lists partitions within their parent, not as tables; a foreign key
// to a partitioned table is read once, not once per partition as
// PostgreSQL stores it; a partition partitioned in turn holds its own
// partitions.
func TestReadPartitions(t *testing.T) {
	conn := pgtest.Conn(t)
	ctx := context.Background()
	_, err := conn.Exec(ctx, `
CREATE TABLE m (id int, k int, PRIMARY KEY (id, k)) PARTITION BY RANGE (k);
CREATE TABLE m0 PARTITION OF m FOR VALUES FROM (MINVALUE) TO (0);
CREATE TABLE m1 PARTITION OF m FOR VALUES FROM (0) TO (10) PARTITION BY HASH (id);
CREATE TABLE m1a PARTITION OF m1 FOR VALUES WITH (modulus 1, remainder 0);
CREATE TABLE r (id int PRIMARY KEY, m_id int, m_k int, CONSTRAINT r_m FOREIGN KEY (m_id, m_k) REFERENCES m);`)
	if err != nil {
		t.Fatal(err)
	}
	c, err := catalog.Read(ctx, conn, "public")
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for _, tb := range c.Tables {
		tables = append(tables, tb.Name)
	}
	if diff := cmp.Diff([]string{"m", "r"}, tables); diff != "" {
		t.Errorf("tables (-want +got):\n%s", diff)
	}
	m := c.Table("m")
	want := []catalog.Partition{{Name: "m0", Bound: "FOR VALUES FROM (MINVALUE) TO (0)"}, {Name: "m1", Bound: "FOR VALUES FROM (0) TO (10)",
		PartitionBy: "HASH (id)", Partitions: []catalog.Partition{{Name: "m1a", Bound: "FOR VALUES WITH (modulus 1, remainder 0)"}}}}
	if diff := cmp.Diff(want, m.Partitions); m == nil || m.PartitionBy != "RANGE (k)" || diff != "" {
		t.Errorf("partitioning of m: %q, partitions (-want +got):\n%s", m.PartitionBy, diff)
	}
	if fks := c.Table("r").ForeignKeys; len(fks) != 1 || fks[0].Name != "r_m" {
		t.Errorf("foreign keys of r: %+v, want r_m alone", fks)
	}
	if len(c.Others) > 0 {
		t.Errorf("others: %v, want none", c.Others)
	}
}

// A partition in another schema of a table with an index (its primary
// key's, here) is noted once, as a partition; the partition's index,
// which pg_inherits lists under the table's, is no partition.
func TestReadPartitionInOtherSchema(t *testing.T) {
	conn := pgtest.Conn(t)
	ctx := context.Background()
	_, err := conn.Exec(ctx, `
CREATE SCHEMA app; CREATE SCHEMA other;
CREATE TABLE app.m (id int NOT NULL, k int NOT NULL, PRIMARY KEY (id, k)) PARTITION BY LIST (k);
CREATE INDEX m_k ON app.m (k);
CREATE TABLE other.m2 PARTITION OF app.m FOR VALUES IN (2);`)
	if err != nil {
		t.Fatal(err)
	}
	c, err := catalog.Read(ctx, conn, "app")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"partition other.m2 of m FOR VALUES IN (2)"}
	if diff := cmp.Diff(want, c.Others); diff != "" {
		t.Errorf("others (-want +got):\n%s", diff)
	}
}

// PostgreSQL copies neither a column's statistics target and options nor
// an index's storage parameters or its columns' statistics targets to a
// partition created or attached later: such a partition is noted for
// lacking its table's (RESET, SET STATISTICS -1), not for having what
// it lacks.
func TestReadPartitionWithoutParentSettings(t *testing.T) {
	conn := pgtest.Conn(t)
	ctx := context.Background()
	_, err := conn.Exec(ctx, `
CREATE TABLE p (id int, v text) PARTITION BY RANGE (id);
ALTER TABLE p ALTER v SET (n_distinct = 10);
ALTER TABLE p ALTER v SET STATISTICS 500;
CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (0) TO (10);
CREATE INDEX p_v ON p (v) WITH (fillfactor = 70);
CREATE INDEX p_e ON p ((v || 'x'));
ALTER INDEX p_e ALTER COLUMN 1 SET STATISTICS 100;
CREATE TABLE q (id int, v text);
CREATE INDEX q_v ON q (v);
ALTER TABLE p ATTACH PARTITION q FOR VALUES FROM (10) TO (20);`)
	if err != nil {
		t.Fatal(err)
	}
	c, err := catalog.Read(ctx, conn, "public")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"column p.v SET (n_distinct=10)",
		"column p.v SET STATISTICS 500",
		"column p1.v of a partition RESET (n_distinct)",
		"column p1.v of a partition SET STATISTICS -1, not its table's 500",
		"column q.v of a partition RESET (n_distinct)",
		"column q.v of a partition SET STATISTICS -1, not its table's 500",
		"index p_e on p ALTER COLUMN 1 SET STATISTICS 100",
		"index p_v on p WITH (fillfactor=70)",
		"index q_expr_idx of partition q ALTER COLUMN 1 SET STATISTICS -1",
		"index q_v of partition q RESET (fillfactor)",
	}
	if diff := cmp.Diff(want, c.Others); diff != "" {
		t.Errorf("others (-want +got):\n%s", diff)
	}
}

// A foreign table that is a partition is noted, with its table, bound
// and server, rather than lost with the table it is part of.
func TestReadForeignPartition(t *testing.T) {
	conn := pgtest.Conn(t)
	ctx := context.Background()
	_, err := conn.Exec(ctx, `
CREATE EXTENSION postgres_fdw;
CREATE SERVER s FOREIGN DATA WRAPPER postgres_fdw;
CREATE TABLE pt (id int, k int) PARTITION BY LIST (k);
CREATE TABLE pt1 PARTITION OF pt FOR VALUES IN (1);
CREATE FOREIGN TABLE ptf PARTITION OF pt FOR VALUES IN (2) SERVER s;`)
	if err != nil {
		t.Fatal(err)
	}
	c, err := catalog.Read(ctx, conn, "public")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"foreign table ptf partition of pt FOR VALUES IN (2) SERVER s"}
	if diff := cmp.Diff(want, c.Others); diff != "" {
		t.Errorf("others (-want +got):\n%s", diff)
	}
}
