package importer_test

import (
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/internal/pgtest"
)

// TestRoundTripPartitionKeys: tables partitioned by expressions import
// to a model that makes the same database, with nothing noted, the key
// written as the server prints it.
func TestRoundTripPartitionKeys(t *testing.T) {
	res := roundTripModel(t, `entity Name {
  name text
  partition by list (lower(left(name, 1)))
  partition names_a in ('a')
}
entity Reading {
  at   timestamp
  code text
  partition by range (date_trunc('day', at), (code || '') text_pattern_ops)
  partition readings_2026 from ('2026-01-01 00:00:00', MINVALUE) to ('2027-01-01 00:00:00', MAXVALUE)
}
`, "")
	for _, want := range []string{"partition by list (lower(\"left\"(name, 1)))",
		"partition by range (date_trunc('day'::text, at), ((code || ''::text)) text_pattern_ops)"} {
		if !strings.Contains(string(res.Source), want) {
			t.Errorf("imported model lacks %q:\n%s", want, res.Source)
		}
	}
}

// TestRoundTripSubpartitions: a table whose partitions are partitioned in
// turn imports to a model that makes the same database, with nothing
// noted, each partition declared after the one it belongs to.
func TestRoundTripSubpartitions(t *testing.T) {
	res := roundTripModel(t, `entity Sale {
  id      bigserial
  region  text
  sold_on date
  pk (id, region, sold_on)
  partition by list (region)
  partition sales_eu in ('de', 'fr') partition by range (sold_on)
  partition sales_eu_2025 of sales_eu from ('2025-01-01') to ('2026-01-01')
  partition sales_eu_other of sales_eu default partition by hash (id)
  partition sales_eu_other_0 of sales_eu_other with (modulus 1, remainder 0)
  partition sales_us in ('us')
}
`, "")
	for _, want := range []string{
		"partition sales_eu in ('de', 'fr') partition by range (sold_on)\n  partition sales_eu_2025 of sales_eu from ('2025-01-01') to ('2026-01-01')\n",
		"partition sales_eu_other of sales_eu default partition by hash (id)\n  partition sales_eu_other_0 of sales_eu_other with (modulus 1, remainder 0)\n",
	} {
		if !strings.Contains(string(res.Source), want) {
			t.Errorf("imported model lacks %q:\n%s", want, res.Source)
		}
	}
}

// A partition of another schema's table is no partition of the schema's
// table of that name: it is noted as one of the other table, and left
// out, and the table of the schema keeps no partitions.
func TestImportPartitionOfOtherSchemasTable(t *testing.T) {
	res := importCase(t, pgtest.Conn(t), `CREATE SCHEMA other;
		CREATE TABLE t (id int, k int);
		CREATE TABLE other.t (id int, k int) PARTITION BY LIST (k);
		CREATE TABLE t1 PARTITION OF other.t FOR VALUES IN (1);`)
	noted(t, res, "table t1: a partition of other.t, a table of another schema")
	for _, n := range res.Notes {
		if n.Table == "t" {
			t.Errorf("noted on table t: %s", n)
		}
	}
}
