package model_test

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestPartitionRules(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []string
	}{{
		name: "the primary key and a unique key must hold the partition key",
		src: `entity Payment {
  id      bigserial pk
  paid_on date
  code    text unique
  partition by range (paid_on)
}
`,
		want: []string{
			`t.er:2:3: error: the primary key of "Payment" does not hold "paid_on", a column of its partition key`,
			`= hint: PostgreSQL checks uniqueness partition by partition, so a unique key of a partitioned table must hold the partition key (RANGE (paid_on))`,
			`t.er:4:16: error: unique key uq_payments_code of "Payment" does not hold "paid_on", a column of its partition key`,
			`= hint: PostgreSQL checks uniqueness partition by partition, so a unique key of a partitioned table must hold the partition key (RANGE (paid_on))`,
		},
	}, {
		name: "bounds that do not fit the method",
		src: `entity Visit {
  id     bigserial
  region text
  pk (id, region)
  partition by list (region)
  partition a from ('a') to ('b')
  partition b default
  partition c default
  partition d in ()
}
`,
		want: []string{
			`t.er:6:3: error: partition "a" does not fit list partitioning`,
			`= hint: a partition of "Visit" is written partition NAME in (...)`,
			`t.er:8:3: error: "Visit" has two default partitions`,
			`= hint: the other one is "b" at 7:13`,
			`t.er:9:18: error: partition "d" lists no value`,
			`= hint: list the values of its rows, as in partition d in ('a', 'b')`,
		},
	}, {
		name: "range bounds, hash bounds and methods",
		src: `entity Event {
  id  bigserial pk
  day date
  partition by hash (id)
  partition e0 with (modulus 2, remainder 2)
  partition e1 default
}
entity Log {
  id bigserial pk
  partition by range (id)
  partition l0 from (1, 2) to (10)
  partition events from (10) to (20)
}
entity Other {
  id bigserial pk
  partition by tree (id)
  partition o1 in (1)
}
entity Plain {
  id serial pk
  partition p1 in (1)
}
entity Twice {
  id bigserial pk
  partition by hash (id)
  partition by list (id)
}
`,
		want: []string{
			`t.er:5:16: error: modulus 2 and remainder 2 do not make a hash partition`,
			`= hint: the modulus is a positive integer, and the remainder an integer below it`,
			`t.er:6:3: error: a hash-partitioned table has no default partition`,
			`= hint: every row has a hash: declare one partition per remainder, partition NAME with (modulus 4, remainder 0)`,
			`t.er:11:21: error: a bound of 2 value(s) for a partition key of 1 column(s)`,
			`= hint: give one value per key column (RANGE (id)), or MINVALUE / MAXVALUE`,
			`t.er:12:13: error: name "events" of partition of Log is already used by table of Event`,
			`= hint: give one of them another name`,
			`t.er:16:16: error: unknown partitioning method "tree"`,
			`= hint: partition by range, list or hash, as in partition by range (id)`,
			`t.er:17:3: error: partition "o1" of "Other", which is not partitioned`,
			`= hint: partition the table first: partition by range (id), list or hash`,
			`t.er:21:3: error: partition "p1" of "Plain", which is not partitioned`,
			`= hint: partition the table first: partition by range (id), list or hash`,
			`t.er:26:3: error: "Twice" is partitioned twice`,
			`= hint: it is already partitioned at 25:3`,
		},
	}, {
		name: "a partition named like an index or a sequence",
		src: `entity Visit {
  id     bigserial
  region text
  pk (id, region)
  index (region)
  partition by list (region)
  partition idx_visits_region in ('a')
  partition visits_id_seq in ('b')
}
`,
		want: []string{
			`t.er:2:3: error: implicit sequence of column Visit.id would be named "visits_id_seq", which partition of Visit already uses`,
			`= hint: rename the column or the other object`,
			`t.er:5:9: error: name "idx_visits_region" of index of Visit is already used by partition of Visit`,
			`= hint: give one of them another name`,
		},
	}, {
		name: "a partition key of expressions",
		src: `entity Word {
  id   serial pk
  name text unique
  partition by list (lower(name), id)
}
entity Tag {
  id   serial
  name text
  partition by range (name text_pattern_ops desc, (), nope, id, id)
}
`,
		want: []string{
			`t.er:4:21: error: list partitioning takes one key, not 2`,
			`= hint: PostgreSQL lists the values of one column or expression per partition; partition by range or hash takes several`,
			`t.er:9:23: error: a partition key has no sort order`,
			`= hint: remove asc, desc and nulls first/last`,
			`t.er:9:51: error: empty index expression`,
			`t.er:9:55: error: unknown column "nope" in partition key of "Tag"`,
			`= hint: did you mean "name"?`,
			`t.er:9:65: error: column "id" listed twice in partition key`,
		},
	}, {
		name: "no key on a table partitioned by an expression",
		src: `entity Word {
  id   serial pk
  name text unique
  partition by list (lower(name))
}
`,
		want: []string{
			`t.er:2:3: error: the primary key of "Word" cannot be enforced: its partition key holds an expression, lower(name)`,
			`= hint: PostgreSQL 15 has no primary or unique key on a table partitioned by an expression; partition by columns, or drop the key`,
			`t.er:3:13: error: unique key uq_words_name of "Word" cannot be enforced: its partition key holds an expression, lower(name)`,
			`= hint: PostgreSQL 15 has no primary or unique key on a table partitioned by an expression; partition by columns, or drop the key`,
		},
	}, {
		name: "partitions partitioned in turn",
		src: `entity Sale {
  id      bigserial
  region  text
  sold_on date
  pk (id, region)
  partition by list (region)
  partition sales_eu in ('de') partition by range (sold_on)
  partition sales_eu_1 of sales_eu from ('2025-01-01') to ('2026-01-01')
  partition sales_eu_2 of sales_e default
  partition sales_us in ('us')
  partition sales_us_1 of sales_us default
  partition sales_eu_3 of sales_eu in ('x')
  partition sales_x in ('x') partition by list (lower(region))
}
`,
		want: []string{
			`t.er:5:6: error: the primary key of "Sale" cannot be enforced: its partition key holds an expression, lower(region)`,
			`= hint: PostgreSQL 15 has no primary or unique key on a table partitioned by an expression; partition by columns, or drop the key`,
			`t.er:9:27: error: unknown partition "sales_e" of "Sale"`,
			`= hint: did you mean "sales_eu"?`,
			`t.er:11:27: error: partition "sales_us" of "Sale" is not partitioned`,
			`= hint: partition it in turn where it is declared, as in partition sales_us ... partition by range (id)`,
			`t.er:12:3: error: partition "sales_eu_3" does not fit range partitioning`,
			`= hint: a partition of "Sale" is written partition NAME from (...) to (...)`,
		},
	}, {
		name: "a key must hold the key of every level",
		src: `entity Sale {
  id      bigserial
  region  text
  sold_on date
  pk (id, region)
  partition by list (region)
  partition sales_eu in ('de') partition by range (sold_on)
}
`,
		want: []string{
			`t.er:5:6: error: the primary key of "Sale" does not hold "sold_on", a column of its partition key`,
			`= hint: PostgreSQL checks uniqueness partition by partition, so a unique key of a partitioned table must hold the partition key (RANGE (sold_on))`,
		},
	}, {
		name: "a partition of a partition takes no name of another table",
		src: `entity Account { id serial pk }
entity Sale {
  id      bigserial
  region  text
  pk (id, region)
  partition by list (region)
  partition sales_eu in ('de') partition by hash (id)
  partition accounts of sales_eu with (modulus 1, remainder 0)
}
`,
		want: []string{
			`t.er:8:13: error: name "accounts" of partition of Sale is already used by table of Account`,
			`= hint: give one of them another name`,
		},
	}, {
		name: "no foreign key from a partitioned table is added not valid",
		src: `entity Account { id serial pk }
entity Sale {
  id      bigserial
  region  text
  pk (id, region)
  partition by list (region)
  partition sales_all default
}
relationship Account 1:N Sale { not valid }
relationship Sale 1:N Account { optional not valid }
`,
		want: []string{
			`t.er:9:33: error: foreign key fk_sales_account cannot be added NOT VALID: "Sale" is partitioned`,
			`= hint: PostgreSQL 15 adds no NOT VALID foreign key to a partitioned table; remove ` + "`not valid`" + ``,
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

// A partitioned table resolves its partitions in order, with their bounds
// as SQL, the values as written.
func TestPartitionModel(t *testing.T) {
	s := mustLoad(t, `entity Visit {
  id     bigserial
  region text
  pk (id, region)
  partition by list (region)
  partition visits_eu in ('de',  'fr')
  partition visits_other default
}
entity Event {
  id bigserial pk
  partition by hash (id)
  partition events_0 with (modulus 2, remainder 0)
}
`)
	var got []string
	for _, tb := range s.Tables {
		if p := tb.Partitioning; p != nil {
			got = append(got, tb.Name+" "+p.SQL())
			for _, part := range p.Partitions {
				got = append(got, part.Name+" "+part.Bound)
			}
		}
	}
	want := []string{
		"visits LIST (region)",
		"visits_eu FOR VALUES IN ('de',  'fr')",
		"visits_other DEFAULT",
		"events HASH (id)",
		"events_0 FOR VALUES WITH (modulus 2, remainder 0)",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("partitions (-want +got):\n%s", diff)
	}
}

// A hash partition keeps its modulus and remainder as numbers, for the
// outputs that reason about which hashes the partitions take.
func TestHashPartitionNumbers(t *testing.T) {
	s, diags := load(t, "entity T {\n  id integer pk\n  partition by hash (id)\n  partition t_0 with (modulus 4, remainder 3)\n  partition t_1 with (modulus 2, remainder 0)\n}\n")
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	var got [][2]int
	for _, p := range s.Tables[0].Partitioning.Partitions {
		got = append(got, [2]int{p.Modulus, p.Remainder})
	}
	if want := [][2]int{{4, 3}, {2, 0}}; !slices.Equal(got, want) {
		t.Errorf("hash partitions %v, want %v", got, want)
	}
}
