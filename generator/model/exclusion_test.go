package model_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestExclusionRules(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []string
	}{{
		name: "methods, operators, columns and options",
		src: `entity Booking {
  id     serial pk
  room   integer
  during tstzrange
  exclude using gin (during with = =, during with -- )
  exclude (nope with &&) nulls not distinct
  exclude using hash (room with =, during with =) using hash
  exclude (during with &&) using gist as pk_bookings
}
`,
		want: []string{
			`t.er:5:3: error: a gin index cannot enforce an exclusion constraint`,
			`= hint: use gist (or spgist, btree, hash): exclude using gist (...)`,
			`t.er:5:34: error: operator "= =" is written with spaces inside`,
			`= hint: write the operator as one word, as in with ==`,
			`t.er:5:51: error: operator "--" holds a comment's start`,
			`= hint: SQL reads -- and /* as the start of a comment, never as part of an operator`,
			`t.er:6:12: error: unknown column "nope" in exclude of "Booking"`,
			`t.er:6:26: error: ` + "`nulls not distinct`" + ` applies to unique keys only`,
			`= hint: write ` + "`unique (...) nulls not distinct`",
			`t.er:7:3: error: a hash index has one key, not 2`,
			`= hint: compare one column with hash, or use gist`,
			`t.er:7:17: error: ` + "`using`" + ` given twice in exclude`,
			`t.er:8:3: error: name "pk_bookings" of exclusion constraint of Booking is already used by primary key of Booking`,
			`= hint: give one of them another name`,
		},
	}, {
		name: "a scalar column under gist needs btree_gist",
		src: `entity Booking {
  id     serial pk
  room   integer
  during tstzrange
  exclude using gist (room with =, during with &&)
}
`,
		want: []string{
			`t.er:5:3: error: column "room" of "Booking" is integer, which a gist index compares only with the btree_gist extension`,
			"= hint: declare `extension btree_gist` in the model",
		},
	}, {
		name: "no exclusion constraint on a partitioned table",
		src: `extension btree_gist
entity Booking {
  id     bigserial
  room   integer
  during tstzrange
  pk (id, room)
  partition by list (room)
  exclude using gist (room with =, during with &&)
}
`,
		want: []string{
			`t.er:8:3: error: "Booking" is partitioned, and PostgreSQL 15 has no exclusion constraint on a partitioned table`,
			`= hint: declare the constraint on a table that is not partitioned`,
		},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			_, diags := load(t, tc.src)
			if diff := cmp.Diff(tc.want, render(diags)); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
		})
	}
}

// An exclusion constraint resolves to its SQL, named after its elements
// unless named, with the method given before or after the elements.
func TestExclusionModel(t *testing.T) {
	s := mustLoad(t, `extension btree_gist
entity Booking {
  id        serial pk
  room      integer
  during    tstzrange
  cancelled boolean
  exclude using gist (room with =, during with &&) where (not cancelled) as no_double_booking
  exclude (lower(during) with =, (upper(during)) with =) using gist include (id)
  exclude (room with =)
}
`)
	var got []string
	for _, x := range s.Tables[0].Exclusions {
		got = append(got, x.Name+" "+x.SQL())
	}
	want := []string{
		"no_double_booking EXCLUDE USING gist (room WITH =, during WITH &&) WHERE (not cancelled)",
		"ex_bookings_lower_during_upper_during EXCLUDE USING gist (lower(during) WITH =, (upper(during)) WITH =) INCLUDE (id)",
		"ex_bookings_room EXCLUDE USING btree (room WITH =)",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("exclusions (-want +got):\n%s", diff)
	}
}
