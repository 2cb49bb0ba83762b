package importer_test

import (
	"strings"
	"testing"
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
