package model_test

import (
	"testing"

	"github.com/ergen-dev/ergen/internal/testkit"
)

func TestCoveredBy(t *testing.T) {
	src := `
entity A { id integer pk }
entity B {
  id   integer pk
  x    integer
  a_id integer
  index (a_id, x)
}
entity C { id integer pk }
entity D { id integer pk }
entity E { note text }
relationship A 1:N B
relationship A 1:N C
relationship A 1:N D { no index }
relationship A 1:1 C as twin
relationship A M:N C
relationship A 1:1 E shared key as owner
`
	s := testkit.MustResolve(t, "t.er", []byte(src))
	want := map[string]string{
		"fk_bs_a":     "idx_bs_a_id_x", // a declared index leads with a_id
		"fk_cs_a":     "idx_cs_a_id",   // ergen's own index
		"fk_ds_a":     "",              // no index
		"fk_cs_twin":  "uq_cs_twin_id", // the 1:1's unique key
		"fk_a_cs_a":   "pk_a_cs",       // the junction's key leads with the left side
		"fk_a_cs_c":   "idx_a_cs_c_id", // the right side needs its own
		"fk_es_owner": "pk_es",         // a shared key is the primary key
	}
	seen := 0
	for _, tb := range s.Tables {
		for _, fk := range tb.ForeignKeys {
			w, ok := want[fk.Name]
			if !ok {
				t.Errorf("unexpected foreign key %s", fk.Name)
				continue
			}
			seen++
			if got := fk.CoveredBy(); got != w {
				t.Errorf("%s.CoveredBy() = %q, want %q", fk.Name, got, w)
			}
		}
	}
	if seen != len(want) {
		t.Errorf("checked %d foreign keys, want %d", seen, len(want))
	}
}
