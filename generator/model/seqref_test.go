package model_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// In a model with a schema, a default names a declared sequence with the
// schema; without one, or in public, the search path finds it.
func TestSequenceRefs(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []string
	}{{
		name: "unqualified in a schema",
		src: `schema shop
sequence seq_a
entity Account {
  id bigint = nextval('seq_a'::regclass) pk
  n  bigint = nextval('shop.seq_a'::regclass)
  m  bigint = nextval('other_seq'::regclass)
  k  bigint = nextval('seq_a')
}
`,
		want: []string{
			`t.er:4:3: error: default of column Account.id names sequence seq_a without its schema shop`,
			`= hint: PostgreSQL looks the name up on the search path when it creates the default; write nextval('shop.seq_a'::regclass)`,
			`t.er:7:3: error: default of column Account.k names sequence seq_a without its schema shop`,
			`= hint: PostgreSQL looks the name up on the search path when it creates the default; write nextval('shop.seq_a'::regclass)`,
		},
	}, {
		name: "unqualified without a schema",
		src: `sequence seq_a
entity Account {
  id bigint = nextval('seq_a'::regclass) pk
}
`,
	}} {
		t.Run(tc.name, func(t *testing.T) {
			_, diags := load(t, tc.src)
			if diff := cmp.Diff(tc.want, render(diags)); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
		})
	}
}
