package model_test

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// checkCases give every check of the resolver an input that trips it and
// the exact diagnostics it must produce: position, message and hint, and
// nothing else. Inputs that must pass have no want. TestChecks runs them;
// FuzzResolve starts from them.
var checkCases = slices.Concat(nameCases, clauseCases, externalCases, collationCases, modifierCases)

// checkCase is one input and the diagnostics Resolve must report for it.
type checkCase struct {
	name string
	src  string
	want []string
}

// nameCases: names and types that do not resolve or collide, policies a
// key cannot take, references that are not keys, cycles, warnings.
var nameCases = []checkCase{
	{
		name: "names mixing scripts",
		src:  "entity User { id serial pk }\nentity Us\u0435r {\n  id serial pk\n  \u03bdame text\n}\nentity \u0417aкaз { id serial pk }\n",
		want: []string{
			"t.er:2:8: warning ER110: the name of entity \"Us\u0435r\" mixes Latin and Cyrillic letters, which look alike: it may pass for another name",
			"= hint: write the name in one script",
			"t.er:4:3: warning ER110: the name of column \"\u03bdame\" of Us\u0435r mixes Greek and Latin letters, which look alike: it may pass for another name",
			"= hint: write the name in one script",
			"t.er:6:8: warning ER110: the name of entity \"\u0417aкaз\" mixes Cyrillic and Latin letters, which look alike: it may pass for another name",
			"= hint: write the name in one script",
		},
	},
	{
		name: "check names a misspelt column, or a key word column unquoted",
		src: `entity A {
  id    serial pk
  qty   integer check (qyt > 0)
  check integer check (check > 0)
  user  text check (length(user) > 0)
  d     date check (extract(year from d) > 2000 and extract(day from d) < 32 and d at time zone 'UTC' is not null)
  days  integer
  zones integer
  t     text check ("check" > 0 and "user" <> t and between > 0)
  between integer
  s     text check (substring(ss from 2) <> '')
}
`,
		want: []string{
			"t.er:3:17: warning: unknown column \"qyt\" in a check of as",
			"= hint: did you mean \"qty\"?",
			"t.er:4:17: error: column \"check\" is written without quotes in a check of as, where it is an SQL key word",
			"= hint: write it quoted: \"check\"",
			"t.er:5:14: error: column \"user\" is written without quotes in a check of as, where it is an SQL key word",
			"= hint: write it quoted: \"user\"",
			"t.er:11:14: warning: unknown column \"ss\" in a check of as",
			"= hint: did you mean \"s\"?",
		},
	},
	{
		name: "unknown entity with suggestion",
		src: `entity Author { id serial pk }
entity Book { id serial pk }
relationship Autor 1:N Book
`,
		want: []string{
			"t.er:3:14: error: unknown entity \"Autor\"",
			"= hint: did you mean \"Author\"?",
		},
	},
	{
		name: "unknown entity without suggestion",
		src: `entity Book { id serial pk }
relationship Publisher 1:N Book
`,
		want: []string{
			"t.er:2:14: error: unknown entity \"Publisher\"",
			"= hint: declare it with `entity Publisher { ... }`",
		},
	},
	{
		name: "unknown column in pk",
		src: `entity A {
  id integer
  pk (idd)
}
`,
		want: []string{
			"t.er:3:7: error: unknown column \"idd\" in primary key of \"A\"",
			"= hint: did you mean \"id\"?",
		},
	},
	{
		name: "unknown column in unique and index",
		src: `entity A {
  id integer pk
  email text
  unique (emial)
  index (nmae)
}
`,
		want: []string{
			"t.er:4:11: error: unknown column \"emial\" in unique of \"A\"",
			"= hint: did you mean \"email\"?",
			"t.er:5:10: error: unknown column \"nmae\" in index of \"A\"",
		},
	},
	{
		name: "column listed twice",
		src: `entity A {
  a integer
  pk (a, a)
}
`,
		want: []string{
			"t.er:3:10: error: column \"a\" listed twice in primary key",
		},
	},
	{
		name: "unknown column in references",
		src: `entity A {
  id serial pk
  code text unique
}
entity B { id serial pk }
relationship A 1:N B {
  references (cod)
}
`,
		want: []string{
			"t.er:7:15: error: unknown column \"cod\" in references of \"A\"",
			"= hint: did you mean \"code\"?",
		},
	},
	{
		name: "unknown type with suggestion",
		src: `entity A {
  id intger pk
}
`,
		want: []string{
			"t.er:2:6: error: unknown type \"intger\"",
			"= hint: did you mean \"integer\"? If intger is a PostgreSQL type, declare it with `type intger`",
		},
	},
	{
		name: "unknown type naming an entity",
		src: `entity User { id serial pk }
entity Order {
  id serial pk
  buyer User
}
`,
		want: []string{
			"t.er:4:9: error: unknown type \"User\"",
			"= hint: \"User\" is an entity; relate to it with a relationship instead",
		},
	},
	{
		name: "unknown type without suggestion",
		src: `entity A {
  id serial pk
  at Moment
}
`,
		want: []string{
			"t.er:3:6: error: unknown type \"Moment\"",
			"= hint: declare it with `enum Moment { ... }`, or, if it is a PostgreSQL type, with `type Moment`",
		},
	},
	{
		name: "type parameter errors",
		src: `entity A {
  a varchar(0)
  b numeric(3, 5)
  c text(4)
  d timestamp(7)
  e serial[]
  f numeric(1, 2, 3)
}
`,
		want: []string{
			"t.er:2:5: error: length of varchar must be at least 1",
			"t.er:3:5: error: scale of numeric(3,5) must not exceed its precision",
			"t.er:4:5: error: type text takes no parameters",
			"t.er:5:5: error: precision of timestamp must be between 0 and 6",
			"t.er:6:5: error: serial cannot be an array",
			"t.er:7:5: error: type numeric takes at most 2 parameter(s)",
		},
	},
	{
		name: "duplicate entity",
		src: `entity A { id serial pk }
entity A { id serial pk }
`,
		want: []string{
			"t.er:2:8: error: duplicate entity \"A\"",
			"= hint: \"A\" is already declared at 1:8",
		},
	},
	{
		name: "entity named like an enum",
		src: `enum Status { a }
entity Status { id serial pk }
`,
		want: []string{
			"t.er:2:8: error: entity \"Status\" has the name of an enum",
			"= hint: rename one of them",
		},
	},
	{
		name: "duplicate attribute",
		src: `entity A {
  id serial pk
  name text
  name varchar(10)
}
`,
		want: []string{
			"t.er:4:3: error: duplicate attribute \"name\" in \"A\"",
		},
	},
	{
		name: "duplicate enum and enum value",
		src: `enum Status { open closed open }
enum Status { x }
`,
		want: []string{
			"t.er:1:27: error: duplicate value \"open\" in enum \"Status\"",
			"t.er:2:6: error: duplicate enum \"Status\"",
			`= hint: "Status" is already declared at 1:6`,
		},
	},
	{
		name: "empty enum",
		src: `enum Status { }
`,
		want: []string{
			"t.er:1:6: error: enum \"Status\" has no values",
			"= hint: list its values: enum Status { a b c }",
		},
	},
	{
		name: "duplicate role",
		src: `entity User { id serial pk }
entity Doc { id serial pk }
relationship User 1:N Doc as author { column written_by }
relationship User 1:N Doc as author { column signed_by }
`,
		want: []string{
			"t.er:4:1: error: duplicate role \"author\" on \"Doc\": User 1:N Doc as author already uses it",
			"= hint: tell them apart with role names, as in `User 1:N Doc as author` and `... as reviewer`",
			"t.er:4:1: error: name \"fk_docs_author\" of foreign key of User 1:N Doc as author is already used by foreign key of User 1:N Doc as author",
			"= hint: give one of them another name",
		},
	},
	{
		name: "duplicate constraint name",
		src: `entity User { id serial pk }
entity Doc { id serial pk }
relationship User 1:N Doc as author { constraint fk_doc_user }
relationship User 1:N Doc as editor { constraint fk_doc_user }
`,
		want: []string{
			"t.er:4:1: error: name \"fk_doc_user\" of foreign key of User 1:N Doc as editor is already used by foreign key of User 1:N Doc as author",
			"= hint: give one of them another name",
		},
	},
	{
		name: "duplicate name after shortening",
		src: `entity A {
  table "a_table_whose_name_is_far_longer_than_postgresql_allows_for_identifiers"
  id serial pk
}
entity B {
  table "a_table_whose_name_is_far_longer_than_postgresql_allow_8786af6e"
  id serial pk
}
`,
		want: []string{
			"t.er:5:8: error: name \"a_table_whose_name_is_far_longer_than_postgresql_allow_8786af6e\" of table of B is already used by table of A",
			"= hint: names are shortened to 63 bytes; choose a shorter or different name",
			"t.er:7:3: error: name \"pk_a_table_whose_name_is_far_longer_than_postgresql_al_fad3cb60\" of primary key of B is already used by primary key of A",
			"= hint: names are shortened to 63 bytes; choose a shorter or different name",
		},
	},
	{
		name: "set null on required fk",
		src: `entity User { id serial pk }
entity Order { id serial pk }
relationship User 1:N Order {
  required
  on delete set null
}
`,
		want: []string{
			"t.er:5:3: error: ON DELETE SET NULL on User 1:N Order, but orders.user_id is NOT NULL",
			"= hint: make the relationship `optional`, or use CASCADE or RESTRICT",
		},
	},
	{
		name: "set null on shared key",
		src: `entity User { id serial pk }
entity Profile { bio text? }
relationship User 1:1 Profile shared key {
  on delete set null
}
`,
		want: []string{
			"t.er:4:3: error: ON DELETE SET NULL on User 1:1 Profile, but profiles.user_id is part of the primary key",
			"= hint: primary key columns cannot be NULL: use CASCADE or RESTRICT",
		},
	},
	{
		name: "set null on declared pk attribute used as fk",
		src: `entity Order { id serial pk }
entity Line {
  order_id integer
  line_no integer
  pk (order_id, line_no)
}
relationship Order 1:N Line {
  on delete set null
}
`,
		want: []string{
			"t.er:8:3: error: ON DELETE SET NULL on Order 1:N Line, but lines.order_id is part of the primary key",
			"= hint: primary key columns cannot be NULL: use CASCADE or RESTRICT",
		},
	},
	{
		name: "set default without default",
		src: `entity Dept { id serial pk }
entity Emp { id serial pk }
relationship Dept 1:N Emp {
  optional
  on update set default
}
`,
		want: []string{
			"t.er:5:3: error: ON UPDATE SET DEFAULT on Dept 1:N Emp, but emps.dept_id has no default",
			"= hint: declare dept_id on Emp with a default, as in `dept_id integer = 1`, and make sure a row with that key exists",
		},
	},
	{
		name: "attributes equal once cut to 63 bytes",
		src: `entity T {
  id integer pk
  a_name_far_longer_than_the_sixty_three_bytes_postgresql_keeps_abone integer
  a_name_far_longer_than_the_sixty_three_bytes_postgresql_keeps_abtwo integer
}
`,
		want: []string{
			"t.er:4:3: error: duplicate attribute \"a_name_far_longer_than_the_sixty_three_bytes_postgresql_keeps_abtwo\" in \"T\"",
			"= hint: PostgreSQL cuts names to 63 bytes, and this one is then \"a_name_far_longer_than_the_sixty_three_bytes_postgresql_keeps_a\" like the attribute at 3:3",
		},
	},
	{
		name: "serial sequences equal once cut to 63 bytes",
		src: `entity T {
  table "a_table_name_of_forty_bytes_exactly_xxxx"
  id integer pk
  a_long_serial_column_name_that_differs_only_at_the_end_one bigserial
  a_long_serial_column_name_that_differs_only_at_the_end_two bigserial
}
`,
		want: []string{
			"t.er:5:3: error: implicit sequence of column T.a_long_serial_column_name_that_differs_only_at_the_end_two would be named \"a_table_name_of_forty_bytes_e_a_long_serial_column_name_tha_seq\", like the sequence of column T.a_long_serial_column_name_that_differs_only_at_the_end_one",
			"= hint: PostgreSQL cuts <table>_<column>_seq to 63 bytes; shorten the column names so they differ earlier",
		},
	},
	{
		name: "table named like a sequence",
		src: `entity User { id serial pk }
entity Seq {
  table "users_id_seq"
  id integer pk
}
`,
		want: []string{
			"t.er:1:15: error: implicit sequence of column User.id would be named \"users_id_seq\", which table of Seq already uses",
			"= hint: rename the column or the other object",
		},
	},
	{
		name: "json in a key or index",
		src: `entity T {
  id serial pk
  doc json unique
  d2 json[]
  index (d2)
}
`,
		want: []string{
			"t.er:3:12: error: column \"doc\" of \"T\" is json, which cannot be part of a unique key",
			"= hint: PostgreSQL cannot compare json values for equality; use jsonb",
			"t.er:5:9: error: column \"d2\" of \"T\" is json[], which cannot be part of an index",
			"= hint: PostgreSQL cannot compare json values for equality; use jsonb",
		},
	},
	{
		name: "junction key column named like an FK column",
		src: `entity Order { id serial pk }
entity Line { line_no integer pk }
relationship Order M:N Line { key line }
`,
		want: []string{
			"t.er:3:1: error: foreign key column \"line_no\" of Order M:N Line has the name of the junction's key column",
			"= hint: give the key column another name, as in `key line (position)`",
		},
	},
	{
		name: "fk type mismatch",
		src: `entity User { id serial pk }
entity Order {
  id serial pk
  user_id text
}
relationship User 1:N Order
`,
		want: []string{
			"t.er:4:3: error: column \"user_id\" of \"Order\" is text but references users.id of type integer",
			"= hint: declare it as integer, or remove the attribute and let ergen add it",
		},
	},
	{
		name: "references neither pk nor unique",
		src: `entity A {
  id serial pk
  code text
}
entity B { id serial pk }
relationship A 1:N B {
  references (code)
}
`,
		want: []string{
			"t.er:7:14: error: (code) is neither the primary key nor a unique key of \"A\"",
			"= hint: a foreign key must reference a unique column set: add `unique (code)` to A",
		},
	},
	{
		name: "referenced entity without pk",
		src: `entity A { code text }
entity B { id serial pk }
relationship A 1:N B
`,
		want: []string{
			"t.er:3:1: error: \"A\" has no primary key for A 1:N B to reference",
			"= hint: mark an attribute of A with `pk`, or reference a unique key with `references (col)`",
		},
	},
	{
		name: "required cycle",
		src: `entity A {
  table "a"
  id serial pk
}
entity B {
  table "b"
  id serial pk
}
relationship A 1:N B
relationship B 1:N A
`,
		want: []string{
			"t.er:10:1: error: required foreign keys form a cycle that no insert order can satisfy: a -> b -> a",
			"= hint: make one of them `optional`, or `deferrable initially deferred` and insert the rows in one transaction",
		},
	},
	{
		name: "shared key cycle",
		src: `entity A { x text }
entity B { y text }
relationship A 1:1 B shared key
relationship B 1:1 A shared key
`,
		want: []string{
			"t.er:3:1: error: shared keys form a cycle through \"A\"",
			"= hint: an entity cannot take its primary key from an entity that takes its key from it",
		},
	},
	{
		name: "mn self without roles",
		src: `entity User { id serial pk }
relationship User M:N User
`,
		want: []string{
			"t.er:2:1: error: M:N relationship of \"User\" with itself needs two role names",
			"= hint: name both sides: relationship User M:N User as follower, followed",
		},
	},
	{
		name: "side named on 1:N",
		src: `entity User { id serial pk }
entity Order { id serial pk }
relationship User 1:N Order {
  on delete User cascade
}
`,
		want: []string{
			"t.er:4:13: error: only M:N relationships have sides; \"User\" is not expected here",
			"= hint: a 1:N relationship has one foreign key, on Order",
		},
	},
	{
		name: "via names an entity",
		src: `entity Order { id serial pk }
entity Product { id serial pk }
entity OrderItem { id serial pk }
relationship Order M:N Product via OrderItem
`,
		want: []string{
			"t.er:4:36: error: junction \"OrderItem\" has the name of a declared entity",
			"= hint: the junction is declared by its relationship: move the entity's attributes into the relationship block and remove the entity",
		},
	},
	{
		name: "identity on non-integer",
		src: `entity A {
  id text generated always as identity pk
}
`,
		want: []string{
			"t.er:2:6: error: identity column \"id\" must be smallint, integer or bigint, not text",
		},
	},
	{
		name: "serial with default",
		src: `entity A {
  id serial pk = 1
}
`,
		want: []string{
			"t.er:2:6: error: serial column \"id\" cannot have a default",
			"= hint: serial already defaults to its sequence; use an integer type to give another default",
		},
	},
	{
		name: "nullable pk",
		src: `entity A {
  id integer? pk
}
`,
		want: []string{
			"t.er:2:3: error: primary key column \"id\" cannot be nullable",
			"= hint: remove the ? after its type",
		},
	},
	{
		name: "cascade chain warning",
		src: `entity User { id serial pk }
entity Order { id serial pk }
entity OrderItem { id serial pk }
relationship User 1:N Order { on delete cascade }
relationship Order 1:N OrderItem { on delete cascade }
`,
		want: []string{
			"t.er:4:31: warning ER101: deleting a row of User cascades 2 levels: users -> orders -> order_items",
			"= hint: make sure every step should delete; RESTRICT or SET NULL on one of them ends the chain",
		},
	},
}

func TestChecks(t *testing.T) {
	for _, tc := range checkCases {
		t.Run(tc.name, func(t *testing.T) {
			_, diags := load(t, tc.src)
			if diff := cmp.Diff(tc.want, render(diags)); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
			for _, d := range diags {
				if d.Pos.File != "t.er" || d.Pos.Line < 1 || d.Pos.Column < 1 {
					t.Errorf("%s: no position", d)
				}
				if d.End.Offset < d.Pos.Offset {
					t.Errorf("%s: span ends at %d, before it starts at %d", d, d.End.Offset, d.Pos.Offset)
				}
			}
		})
	}
}
