package model_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/internal/testkit"

	"github.com/google/go-cmp/cmp"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator/model"
)

// load parses and resolves src, failing the test on a syntax error: the
// cases here are about the resolver.
func load(t testing.TB, src string) (*model.Schema, dsl.Diagnostics) {
	t.Helper()
	return testkit.Resolve(t, "t.er", []byte(src))
}

// mustLoad is load for inputs that must resolve without any diagnostic.
func mustLoad(t testing.TB, src string) *model.Schema {
	t.Helper()
	s, diags := load(t, src)
	if len(diags) > 0 {
		t.Fatalf("unexpected diagnostics:\n%s", strings.Join(render(diags), "\n"))
	}
	return s
}

// render lists each diagnostic as its one-line form followed by its hint.
func render(diags dsl.Diagnostics) []string {
	var out []string
	for _, d := range diags {
		out = append(out, d.Error())
		if d.Hint != "" {
			out = append(out, "= hint: "+d.Hint)
		}
	}
	return out
}

// checkCases give every check of the resolver an input that trips it and
// the exact diagnostics it must produce: position, message and hint, and
// nothing else. Inputs that must pass have no want. TestChecks runs them;
// FuzzResolve starts from them.
var checkCases = []struct {
	name string
	src  string
	want []string
}{
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
			"= hint: did you mean \"integer\"?",
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
  at moment
}
`,
		want: []string{
			"t.er:3:6: error: unknown type \"moment\"",
			"= hint: declare it with `enum moment { ... }`, or use a PostgreSQL type such as text or integer",
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
	{
		name: "schema twice",
		src: `schema a
schema b
`,
		want: []string{
			"t.er:2:8: error: schema declared twice",
			"= hint: a file describes one PostgreSQL schema",
		},
	},
	{
		name: "pk twice",
		src: `entity A {
  a int
  b int
  pk (a)
  pk (b)
}
`,
		want: []string{
			"t.er:5:3: error: primary key declared twice in \"A\"",
		},
	},
	{
		name: "pk on attribute and as list",
		src: `entity A {
  a int pk
  b int
  pk (a, b)
}
`,
		want: []string{
			"t.er:4:6: error: primary key of \"A\" declared both on attribute \"a\" and as a list",
			"= hint: keep one: `pk` on a single attribute, or `pk (a, b)` for a composite key",
		},
	},
	{
		name: "two pk attributes",
		src: `entity A {
  a int pk
  b int pk
}
`,
		want: []string{
			"t.er:3:3: error: \"A\" has more than one attribute marked pk",
			"= hint: for a composite key write `pk (a, b)` as its own line",
		},
	},
	{
		name: "table name twice and empty",
		src: `entity A {
  id serial pk
  table "x"
  table "y"
}
entity B {
  id serial pk
  table ""
}
`,
		want: []string{
			"t.er:4:9: error: table name given twice for \"A\"",
			"t.er:8:9: error: empty table name",
		},
	},
	{
		name: "two defaults and two comments",
		src: `entity A {
  id serial pk
  n int = 1 = 2 comment 'a' comment 'b'
}
`,
		want: []string{
			"t.er:3:13: error: attribute \"n\" has two defaults",
			"t.er:3:29: error: attribute \"n\" has two comments",
		},
	},
	{
		name: "identity and serial, identity with default, nullable identity",
		src: `entity A {
  a serial generated always as identity
  b int generated always as identity = 3
  c int? generated by default as identity
  d serial?
}
`,
		want: []string{
			"t.er:2:5: error: column \"a\" is both serial and an identity column",
			"= hint: use `integer generated always as identity`, or plain serial",
			"t.er:3:5: error: identity column \"b\" cannot have a default",
			"= hint: the identity sequence is its default",
			"t.er:4:5: error: column \"c\" cannot be nullable: identity columns are always NOT NULL",
			"= hint: remove the ?",
			"t.er:5:5: error: column \"d\" cannot be nullable: serial columns are always NOT NULL",
			"= hint: remove the ?",
		},
	},
	{
		name: "via on 1:N, shared key on 1:N, roles twice",
		src: `entity A { id serial pk }
entity B { id serial pk }
relationship A 1:N B via AB
relationship A 1:N B shared key as x
relationship A 1:N B as y as z
`,
		want: []string{
			"t.er:3:22: error: `via` names a junction table, which only an M:N relationship has",
			"t.er:4:22: error: `shared key` applies to 1:1 relationships only",
			"t.er:5:27: error: roles given twice",
		},
	},
	{
		name: "M:N roles",
		src: `entity A { id serial pk }
entity B { id serial pk }
relationship A M:N B as x
relationship A M:N B as y, y
relationship A 1:N B as p, q
`,
		want: []string{
			"t.er:3:25: error: an M:N relationship takes two role names, one per side",
			"= hint: write `as x, other`",
			"t.er:4:28: error: both sides have role \"y\"",
			"= hint: give the sides different roles",
			"t.er:5:28: error: a 1:N relationship takes one role name",
			"= hint: the role names what A is to B, as in `as manager`",
		},
	},
	{
		name: "M:N items that do not apply",
		src: `entity A { id serial pk }
entity B { id serial pk }
relationship A M:N B {
  required
  references (id)
  constraint fk_x
  column a_ref
  on delete C cascade
}
`,
		want: []string{
			"t.er:4:3: error: `required` does not apply to an M:N relationship",
			"= hint: junction columns are part of its key and always NOT NULL",
			"t.er:5:3: error: `references` does not apply to an M:N relationship",
			"= hint: a junction references the primary key of each entity",
			"t.er:6:3: error: an M:N relationship has two constraints; name the side",
			"= hint: write `constraint A fk_x`",
			"t.er:7:3: error: an M:N relationship has two foreign keys; name the side",
			"= hint: write `column A (a_ref)`",
			"t.er:8:13: error: \"C\" is not a side of A M:N B",
			"= hint: name a side by its entity (A or B) or its role",
		},
	},
	{
		name: "clauses written wrong, read as attributes",
		src: `entity A {
  id    serial pk
  email text
  unique email
  pk id
  table things
  comment hello
}
entity B { id serial pk }
relationship A M:N B {
  key surrogat
  on update
  no indx
  initially deferred
  references id
}
relationship A 1:N B {
  on delete
  deferrable initialy deferred
  constrant fk_x
}
`,
		want: []string{
			"t.er:4:3: error: `unique` takes its columns in parentheses",
			"= hint: write unique (email)",
			"t.er:5:3: error: `pk` takes its columns in parentheses",
			"= hint: write pk (id)",
			"t.er:6:3: error: the table name is a quoted string",
			"= hint: write table \"things\"",
			"t.er:7:3: error: the comment is a quoted string",
			"= hint: write comment 'hello'",
			"t.er:11:3: error: unknown junction key \"surrogat\"",
			"= hint: did you mean `key surrogate`?",
			"t.er:12:3: error: `on update` needs an action",
			"= hint: follow it with no action, restrict, cascade, set null or set default",
			"t.er:13:3: error: `no` is followed by index",
			"= hint: write no index, or no index SIDE for one side of an M:N relationship",
			"t.er:14:3: error: `initially` follows deferrable",
			"= hint: write deferrable initially deferred, or deferrable initially immediate",
			"t.er:15:3: error: `references` takes its columns in parentheses",
			"= hint: write references (id)",
			"t.er:18:3: error: `on delete` needs an action",
			"= hint: follow it with no action, restrict, cascade, set null or set default",
			"t.er:19:14: error: unknown clause \"initialy\"",
			"= hint: did you mean `initially`?",
			"t.er:20:3: error: unknown clause \"constrant\"",
			"= hint: did you mean `constraint`?",
		},
	},
	{
		// Keywords are contextual: with a type that exists, these are
		// attributes.
		name: "attributes named like clauses",
		src: `entity A {
  id     serial pk
  unique text
  table  text
  pk2    integer
  index  double precision
  check  Mood[]
}
enum Mood { happy sad }
entity B { id serial pk }
relationship A M:N B {
  key  text
  on   integer
  no   boolean
}
`,
		want: nil,
	},
	{
		name: "1:N items that do not apply",
		src: `entity A { id serial pk }
entity B { id serial pk }
relationship A 1:N B {
  key surrogate
  table "ab"
  qty integer
}
`,
		want: []string{
			"t.er:4:3: error: `key` only applies to an M:N relationship",
			"= hint: the key of an entity is declared on the entity",
			"t.er:5:3: error: `table` only applies to an M:N relationship",
			"= hint: the table of an entity is named in the entity block",
			"t.er:6:3: error: attribute \"qty\" only applies to an M:N relationship",
			"= hint: a 1:N relationship has no table of its own; declare the attribute on B",
		},
	},
	{
		name: "conflicting required, on delete twice, empty constraint",
		src: `entity A { id serial pk }
entity B { id serial pk }
relationship A 1:N B {
  required
  optional
  on delete cascade
  on delete restrict
  constraint ""
}
`,
		want: []string{
			"t.er:5:3: error: `optional` conflicts with an earlier required/optional",
			"t.er:7:3: error: on delete given twice",
			"t.er:8:3: error: empty constraint name",
		},
	},
	{
		name: "column count mismatch",
		src: `entity A {
  a int
  b int
  pk (a, b)
}
entity B { id serial pk }
relationship A 1:N B {
  column a_ref
}
`,
		want: []string{
			"t.er:8:3: error: 1 column(s) given for a key of 2 column(s) on \"A\"",
			"= hint: list one column per referenced column",
		},
	},
	{
		name: "column already belongs to fk",
		src: `entity A { id serial pk }
entity B { id serial pk }
relationship A 1:N B { column x }
relationship A 1:N B as other { column x }
`,
		want: []string{
			"t.er:4:33: error: column \"x\" of \"B\" already belongs to A 1:N B",
			"= hint: tell the relationships apart with a role (`as author`) or a `column` name",
		},
	},
	{
		name: "generated column as fk",
		src: `entity A { id serial pk }
entity B {
  id serial pk
  a_id integer generated always as identity
}
relationship A 1:N B
`,
		want: []string{
			"t.er:4:3: error: column \"a_id\" is generated by the database and cannot be a foreign key",
		},
	},
	{
		name: "shared key with declared pk, optional shared key",
		src: `entity A { id serial pk }
entity B { id serial pk }
entity C { x text }
relationship A 1:1 B shared key
relationship A 1:1 C shared key { optional }
`,
		want: []string{
			"t.er:2:12: error: \"B\" declares a primary key, but A 1:1 B gives it a shared key",
			"= hint: remove the primary key from B: its key is the foreign key to A",
			"t.er:5:35: error: a shared key cannot be optional: it is \"C\"'s primary key",
			"= hint: drop `shared key` for a nullable UNIQUE foreign key",
		},
	},
	{
		name: "required but nullable column, optional but not null column",
		src: `entity A { id serial pk }
entity B {
  id serial pk
  a_id integer?
  p_id integer
}
relationship A 1:N B { required }
relationship A 1:N B as p { optional }
`,
		want: []string{
			"t.er:4:3: error: A 1:N B is required, but column \"a_id\" is declared nullable",
			"= hint: make them agree: remove the ? from the column",
			"t.er:5:3: error: A 1:N B as p is optional, but column \"p_id\" is declared NOT NULL",
			"= hint: make them agree: add ? to the column's type",
		},
	},
	{
		name: "fk columns disagree on nullability",
		src: `entity A {
  x int
  y int
  pk (x, y)
}
entity B {
  id serial pk
  a_x integer
  a_y integer?
}
relationship A 1:N B
`,
		want: []string{
			"t.er:9:3: error: columns of one foreign key must all be nullable or all NOT NULL",
		},
	},
	{
		name: "junction with two pk attributes",
		src: `entity A { id serial pk }
entity B { id serial pk }
relationship A M:N B {
  n integer pk
  m integer pk
}
`,
		want: []string{
			"t.er:5:3: error: junction \"a_bs\" has more than one attribute marked pk",
		},
	},
	{
		name: "composite junction key with a column",
		src: `entity A { id serial pk }
entity B { id serial pk }
relationship A M:N B {
  key composite (k)
}
`,
		want: []string{
			"t.er:4:18: error: a composite key is made of the two foreign keys and takes no column",
		},
	},
	{
		name: "pk attribute on a line-keyed junction",
		src: `entity A { id serial pk }
entity B { id serial pk }
relationship A M:N B {
  w integer pk
  key line
}
`,
		want: []string{
			"t.er:4:3: error: attribute \"w\" is marked pk, but the junction has a line key",
			"= hint: remove `pk`, or use `key surrogate (w)`",
		},
	},
	{
		name: "nullable junction key column",
		src: `entity A { id serial pk }
entity B { id serial pk }
relationship A M:N B {
  key surrogate (k)
  k integer?
}
`,
		want: []string{
			"t.er:5:3: error: key column \"k\" cannot be nullable",
		},
	},
	{
		name: "nullable junction fk column",
		src: `entity A { id serial pk }
entity B { id serial pk }
relationship A M:N B {
  a_id integer?
}
`,
		want: []string{
			"t.er:4:3: error: junction column \"a_id\" cannot be nullable",
		},
	},
	{
		name: "two M:N between the same entities need a junction name",
		src: `entity A { id serial pk }
entity B { id serial pk }
relationship A M:N B
relationship A M:N B as x, y
`,
		want: []string{
			"t.er:4:1: error: name \"a_bs\" of table of a_bs is already used by table of a_bs",
			"= hint: give one of them another name",
			"t.er:4:1: error: name \"pk_a_bs\" of primary key of a_bs is already used by primary key of a_bs",
			"= hint: give one of them another name",
		},
	},
	{
		name: "side that is not a side",
		src: `entity A { id serial pk }
entity B { id serial pk }
relationship A M:N B {
  on delete C cascade
}
`,
		want: []string{
			"t.er:4:13: error: \"C\" is not a side of A M:N B",
			"= hint: name a side by its entity (A or B) or its role",
		},
	},
	{
		name: "required cycle broken by deferrable",
		src: `entity A {
  table "a"
  id serial pk
}
entity B {
  table "b"
  id serial pk
}
relationship A 1:N B
relationship B 1:N A { deferrable initially deferred }
`,
	},
	{
		name: "required cycle broken by optional",
		src: `entity A {
  table "a"
  id serial pk
}
entity B {
  table "b"
  id serial pk
}
relationship A 1:N B { optional }
relationship B 1:N A
`,
	},
	{
		name: "three-table required cycle",
		src: `entity A {
  table "a"
  id serial pk
}
entity B {
  table "b"
  id serial pk
}
entity C {
  table "c"
  id serial pk
}
relationship A 1:N B
relationship B 1:N C
relationship C 1:N A
`,
		want: []string{
			"t.er:15:1: error: required foreign keys form a cycle that no insert order can satisfy: a -> c -> b -> a",
			"= hint: make one of them `optional`, or `deferrable initially deferred` and insert the rows in one transaction",
		},
	},
	{
		name: "self reference is no cycle",
		src: `entity Employee { id serial pk }
relationship Employee 1:N Employee as manager
`,
	},
	{
		name: "empty check expression",
		src: `entity A {
  id serial pk check ()
  check ()
}
`,
		want: []string{
			"t.er:2:22: error: empty check expression",
			"= hint: write the condition inside the parentheses, as in check (price >= 0)",
			"t.er:3:9: error: empty check expression",
			"= hint: write the condition inside the parentheses, as in check (price >= 0)",
		},
	},
	{
		name: "enum value longer than 63 bytes and empty value",
		src: `enum E { 'a_label_that_is_much_longer_than_the_sixty_three_bytes_postgresql_allows' '' }
`,
		want: []string{
			"t.er:1:10: error: enum value \"a_label_that_is_much_longer_than_the_sixty_three_bytes_postgresql_allows\" is longer than 63 bytes",
			"= hint: PostgreSQL limits enum labels to 63 bytes",
			"t.er:1:85: error: empty value in enum \"E\"",
		},
	},
	{
		name: "serial array",
		src: `entity A {
  e serial[]
}
`,
		want: []string{
			"t.er:2:5: error: serial cannot be an array",
		},
	},
	{
		name: "nullable identity",
		src: `entity A {
  c int? generated by default as identity
}
`,
		want: []string{
			"t.er:2:5: error: column \"c\" cannot be nullable: identity columns are always NOT NULL",
			"= hint: remove the ?",
		},
	},
	{
		name: "enum type with parameters",
		src: `enum Mood { happy sad }
entity A {
  m Mood(3)
}
`,
		want: []string{
			"t.er:3:5: error: enum type \"Mood\" takes no parameters",
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

func colNames(cols []*model.Column) string {
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.Name
	}
	return strings.Join(names, ", ")
}

// describeFK is one line per foreign key: where it lives, what it
// references, its name, nullability, index and deferral.
func describeFK(fk *model.ForeignKey) string {
	req := "required"
	if !fk.Required() {
		req = "optional"
	}
	idx := "none"
	if fk.Index != nil {
		idx = fk.Index.Name
	}
	s := fmt.Sprintf("%s(%s) -> %s(%s) %s %s index=%s", fk.Table.Name, colNames(fk.Columns), fk.RefTable.Name, colNames(fk.RefColumns), fk.Name, req, idx)
	if fk.Deferred {
		s += " deferred"
	}
	return s
}

// describeTable is a table's columns (name, type, NOT NULL) and keys.
func describeTable(t *model.Table) []string {
	var out []string
	for _, c := range t.Columns {
		null := " NOT NULL"
		if c.Nullable {
			null = ""
		}
		decl := ""
		if !c.Declared {
			decl = " (added)"
		}
		out = append(out, fmt.Sprintf("%s %s%s%s", c.Name, c.Type.SQL(), null, decl))
	}
	if t.PrimaryKey != nil {
		out = append(out, fmt.Sprintf("%s PRIMARY KEY (%s)", t.PrimaryKey.Name, colNames(t.PrimaryKey.Columns)))
	}
	for _, k := range t.Uniques {
		out = append(out, fmt.Sprintf("%s UNIQUE (%s)", k.Name, colNames(k.Columns)))
	}
	for _, ck := range t.Checks {
		out = append(out, fmt.Sprintf("%s CHECK %s", ck.Name, ck.Expr))
	}
	for _, ix := range t.Indexes {
		out = append(out, fmt.Sprintf("%s INDEX (%s)", ix.Name, colNames(ix.Columns)))
	}
	return out
}

func allFKs(s *model.Schema) []string {
	var out []string
	for _, rel := range s.Relationships {
		for _, fk := range rel.ForeignKeys {
			out = append(out, describeFK(fk))
		}
	}
	return out
}

func tableNamed(t *testing.T, s *model.Schema, name string) *model.Table {
	t.Helper()
	for _, tb := range s.Tables {
		if tb.Name == name {
			return tb
		}
	}
	t.Fatalf("no table %q", name)
	return nil
}

const usersOrders = `entity User { id serial pk }
entity Order { id serial pk }
`

// TestDerivedForeignKeys checks where each kind of relationship puts its
// foreign keys, how their columns are named, whether they are NOT NULL and
// which index covers them.
func TestDerivedForeignKeys(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  string
		want []string
	}{
		{"1:N puts a required FK on the N side", usersOrders + "relationship User 1:N Order", []string{
			"orders(user_id) -> users(id) fk_orders_user required index=idx_orders_user_id",
		}},
		{"optional 1:N", usersOrders + "relationship User 1:N Order { optional }", []string{
			"orders(user_id) -> users(id) fk_orders_user optional index=idx_orders_user_id",
		}},
		{"a declared nullable column makes the FK optional", `entity User { id serial pk }
entity Order {
  id serial pk
  user_id integer?
}
relationship User 1:N Order`, []string{
			"orders(user_id) -> users(id) fk_orders_user optional index=idx_orders_user_id",
		}},
		{"role names the column and the constraint", `entity Employee { id serial pk }
relationship Employee 1:N Employee as manager { optional }`, []string{
			"employees(manager_id) -> employees(id) fk_employees_manager optional index=idx_employees_manager_id",
		}},
		{"a key already prefixed by the role is kept", `entity Product { product_no integer pk }
entity Review { id serial pk }
relationship Product 1:N Review`, []string{
			"reviews(product_no) -> products(product_no) fk_reviews_product required index=idx_reviews_product_no",
		}},
		{"any other key is prefixed by the role", `entity Country { code char(2) pk }
entity City { id serial pk }
relationship Country 1:N City
relationship Country 1:N City as birth_country { optional }`, []string{
			"cities(country_code) -> countries(code) fk_cities_country required index=idx_cities_country_code",
			"cities(birth_country_code) -> countries(code) fk_cities_birth_country optional index=idx_cities_birth_country_code",
		}},
		{"composite key", `entity Order {
  order_no integer
  year integer
  pk (year, order_no)
}
entity Item { id serial pk }
relationship Order 1:N Item`, []string{
			"items(order_year, order_no) -> orders(year, order_no) fk_items_order required index=idx_items_order_year_order_no",
		}},
		{"references a unique key", `entity User {
  id serial pk
  email text unique
}
entity Login { id serial pk }
relationship User 1:N Login { references (email) }`, []string{
			"logins(user_email) -> users(email) fk_logins_user required index=idx_logins_user_email",
		}},
		{"explicit columns and constraint name", `entity User { id serial pk }
entity Order { id serial pk }
relationship User 1:N Order {
  column buyer
  constraint orders_buyer_fkey
}`, []string{
			"orders(buyer) -> users(id) orders_buyer_fkey required index=idx_orders_buyer",
		}},
		{"1:1 adds a unique key that covers the FK", `entity Customer { id serial pk }
entity Card { card_no varchar(20) pk }
relationship Customer 1:1 Card`, []string{
			"cards(customer_id) -> customers(id) fk_cards_customer required index=none",
		}},
		{"1:1 shared key is the child's primary key", `entity User { id serial pk }
entity Profile { bio text? }
relationship User 1:1 Profile shared key`, []string{
			"profiles(user_id) -> users(id) fk_profiles_user required index=none",
		}},
		{"M:N gets a junction; the left FK leads the composite key", `entity Order { id serial pk }
entity Product { id serial pk }
relationship Order M:N Product`, []string{
			"order_products(order_id) -> orders(id) fk_order_products_order required index=none",
			"order_products(product_id) -> products(id) fk_order_products_product required index=idx_order_products_product_id",
		}},
		{"M:N self-reference with roles", `entity User { id serial pk }
relationship User M:N User as follower, followed`, []string{
			"user_users(follower_id) -> users(id) fk_user_users_follower required index=none",
			"user_users(followed_id) -> users(id) fk_user_users_followed required index=idx_user_users_followed_id",
		}},
		{"M:N via a named junction with a surrogate key", `entity Order { id serial pk }
entity Product { id serial pk }
relationship Order M:N Product via OrderItem { key surrogate }`, []string{
			"order_items(order_id) -> orders(id) fk_order_items_order required index=none",
			"order_items(product_id) -> products(id) fk_order_items_product required index=idx_order_items_product_id",
		}},
		{"an index leading with the FK columns covers it", `entity User { id serial pk }
entity Order {
  id serial pk
  placed date
  index (user_id, placed)
}
relationship User 1:N Order`, []string{
			"orders(user_id) -> users(id) fk_orders_user required index=none",
		}},
		{"a unique key leading with the FK columns covers it", `entity User { id serial pk }
entity Order {
  id serial pk
  no integer
  unique (user_id, no)
}
relationship User 1:N Order`, []string{
			"orders(user_id) -> users(id) fk_orders_user required index=none",
		}},
		{"an index not leading with the FK columns does not", `entity User { id serial pk }
entity Order {
  id serial pk
  placed date
  index (placed, user_id)
}
relationship User 1:N Order`, []string{
			"orders(user_id) -> users(id) fk_orders_user required index=idx_orders_user_id",
		}},
		{"no index", usersOrders + "relationship User 1:N Order { no index }", []string{
			"orders(user_id) -> users(id) fk_orders_user required index=none",
		}},
		{"no index on one side of an M:N", `entity Order { id serial pk }
entity Product { id serial pk }
relationship Order M:N Product { no index Product }`, []string{
			"order_products(order_id) -> orders(id) fk_order_products_order required index=none",
			"order_products(product_id) -> products(id) fk_order_products_product required index=none",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := mustLoad(t, tc.src)
			if diff := cmp.Diff(tc.want, allFKs(s)); diff != "" {
				t.Errorf("foreign keys (-want +got):\n%s", diff)
			}
		})
	}
}

// TestDerivedTables checks whole tables: column order and types, added
// columns, nullability, and the default names of keys, checks and indexes.
func TestDerivedTables(t *testing.T) {
	for _, tc := range []struct {
		name, src, table string
		want             []string
	}{
		{"FK columns go after the primary key", `entity User { id bigserial pk }
entity Order {
  id serial pk
  total numeric(10, 2) check (total >= 0) check (total < 1000000)
  check (id > 0)
}
relationship User 1:N Order`, "orders", []string{
			"id serial NOT NULL",
			"user_id bigint NOT NULL (added)",
			"total numeric(10,2) NOT NULL",
			"pk_orders PRIMARY KEY (id)",
			"ck_orders_total CHECK (total >= 0)",
			"ck_orders_total_2 CHECK (total < 1000000)",
			"ck_orders_1 CHECK (id > 0)",
			"idx_orders_user_id INDEX (user_id)",
		}},
		{"a declared attribute is used as the FK column where it stands", `entity User { id serial pk }
entity Order {
  id serial pk
  note text
  user_id integer
}
relationship User 1:N Order`, "orders", []string{
			"id serial NOT NULL",
			"note text NOT NULL",
			"user_id integer NOT NULL",
			"pk_orders PRIMARY KEY (id)",
			"idx_orders_user_id INDEX (user_id)",
		}},
		{"1:1 unique key", `entity Customer { id serial pk }
entity Card { card_no varchar(20) pk }
relationship Customer 1:1 Card { optional }`, "cards", []string{
			"card_no varchar(20) NOT NULL",
			"customer_id integer (added)",
			"pk_cards PRIMARY KEY (card_no)",
			"uq_cards_customer_id UNIQUE (customer_id)",
		}},
		{"shared key moves to the front", `entity User { id serial pk }
entity Profile { bio text? }
relationship User 1:1 Profile shared key`, "profiles", []string{
			"user_id integer NOT NULL (added)",
			"bio text",
			"pk_profiles PRIMARY KEY (user_id)",
		}},
		{"composite junction", `entity Order { id serial pk }
entity Product { id serial pk }
relationship Order M:N Product via OrderItem {
  quantity integer = 1
}`, "order_items", []string{
			"order_id integer NOT NULL (added)",
			"product_id integer NOT NULL (added)",
			"quantity integer NOT NULL",
			"pk_order_items PRIMARY KEY (order_id, product_id)",
			"idx_order_items_product_id INDEX (product_id)",
		}},
		{"surrogate junction key", `entity Order { id serial pk }
entity Product { id serial pk }
relationship Order M:N Product { key surrogate }`, "order_products", []string{
			"id bigint NOT NULL (added)",
			"order_id integer NOT NULL (added)",
			"product_id integer NOT NULL (added)",
			"pk_order_products PRIMARY KEY (id)",
			"uq_order_products_order_id_product_id UNIQUE (order_id, product_id)",
			"idx_order_products_product_id INDEX (product_id)",
		}},
		{"line junction key", `entity Order { id serial pk }
entity Product { id serial pk }
relationship Order M:N Product { key line }`, "order_products", []string{
			"order_id integer NOT NULL (added)",
			"line_no integer NOT NULL (added)",
			"product_id integer NOT NULL (added)",
			"pk_order_products PRIMARY KEY (order_id, line_no)",
			"idx_order_products_product_id INDEX (product_id)",
		}},
		{"types and their spellings", `enum Mood { happy sad }
entity T {
  a int pk
  b int8
  c decimal(5)
  d float8
  e character varying(3)
  f timestamp with time zone
  g text[]
  h integer[][]
  i Mood?
  j bool
  k int generated by default as identity
  l smallint generated always as identity
  m time(3)
}`, "ts", []string{
			"a integer NOT NULL",
			"b bigint NOT NULL",
			"c numeric(5) NOT NULL",
			"d double precision NOT NULL",
			"e varchar(3) NOT NULL",
			"f timestamptz NOT NULL",
			"g text[] NOT NULL",
			"h integer[][] NOT NULL",
			"i mood",
			"j boolean NOT NULL",
			"k integer NOT NULL",
			"l smallint NOT NULL",
			"m time(3) NOT NULL",
			"pk_ts PRIMARY KEY (a)",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := mustLoad(t, tc.src)
			if diff := cmp.Diff(tc.want, describeTable(tableNamed(t, s, tc.table))); diff != "" {
				t.Errorf("table %s (-want +got):\n%s", tc.table, diff)
			}
		})
	}
}

func TestIdentityKinds(t *testing.T) {
	s := mustLoad(t, `entity T {
  a int generated by default as identity pk
  b int generated always as identity
  c int
}`)
	tb := tableNamed(t, s, "ts")
	for name, want := range map[string]model.Identity{"a": model.IdentityByDefault, "b": model.IdentityAlways, "c": model.NoIdentity} {
		if got := tb.Column(name).Identity; got != want {
			t.Errorf("%s: identity %v, want %v", name, got.SQL(), want.SQL())
		}
	}
}

func TestDeferrable(t *testing.T) {
	s := mustLoad(t, `entity A { id serial pk }
entity B { id serial pk }
relationship A 1:N B as p
relationship A 1:N B as q { deferrable }
relationship A 1:N B as r { deferrable initially deferred }
relationship A 1:N B as s { deferrable initially immediate }
relationship A 1:N B as t { not deferrable }`)
	var got []model.Deferrability
	for _, rel := range s.Relationships {
		got = append(got, rel.ForeignKeys[0].Deferrable)
	}
	want := []model.Deferrability{model.NotDeferrable, model.DeferrableImmediate, model.DeferrableDeferred, model.DeferrableImmediate, model.NotDeferrable}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("deferrability (-want +got):\n%s", diff)
	}
}

func TestActions(t *testing.T) {
	s := mustLoad(t, `entity A { id serial pk }
entity B { id serial pk }
relationship A 1:N B as p
relationship A 1:N B as q {
  optional
  on delete set null
  on update cascade
}
relationship A 1:N B as r { on delete restrict }`)
	var got []string
	for _, rel := range s.Relationships {
		fk := rel.ForeignKeys[0]
		got = append(got, fmt.Sprintf("%s %s/%s set=%v/%v", fk.Role, fk.OnDelete, fk.OnUpdate, fk.OnDeleteSet, fk.OnUpdateSet))
	}
	want := []string{
		"p NO ACTION/NO ACTION set=false/false",
		"q SET NULL/CASCADE set=true/true",
		"r RESTRICT/NO ACTION set=true/false",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("actions (-want +got):\n%s", diff)
	}
}

// TestTableOrder checks that tables are created after the tables they
// reference, in declaration order otherwise, and that a cycle is broken by
// deferring the FKs of its first-declared table.
func TestTableOrder(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		order     []string
		fks       []string
	}{
		{"referenced tables first", `entity Item { id serial pk }
entity Order { id serial pk }
entity User { id serial pk }
relationship Order 1:N Item
relationship User 1:N Order`, []string{"users", "orders", "items"}, nil},
		{"declaration order when independent", `entity B { id serial pk }
entity A { id serial pk }
entity C { id serial pk }`, []string{"bs", "as", "cs"}, nil},
		{"junction after both sides", `entity Order { id serial pk }
relationship Order M:N Product
entity Product { id serial pk }`, []string{"orders", "products", "order_products"}, nil},
		{"optional cycle", `entity A {
  table "a"
  id serial pk
}
entity B {
  table "b"
  id serial pk
}
relationship B 1:N A { optional }
relationship A 1:N B`, []string{"a", "b"}, []string{
			"a(b_id) -> b(id) fk_a_b optional index=idx_a_b_id deferred",
			"b(a_id) -> a(id) fk_b_a required index=idx_b_a_id",
		}},
		{"deferrable cycle", `entity A {
  table "a"
  id serial pk
}
entity B {
  table "b"
  id serial pk
}
relationship A 1:N B
relationship B 1:N A { deferrable initially deferred }`, []string{"a", "b"}, []string{
			"b(a_id) -> a(id) fk_b_a required index=idx_b_a_id",
			"a(b_id) -> b(id) fk_a_b required index=idx_a_b_id deferred",
		}},
		{"self-reference is not deferred", `entity Employee { id serial pk }
relationship Employee 1:N Employee as manager { optional }`, []string{"employees"}, []string{
			"employees(manager_id) -> employees(id) fk_employees_manager optional index=idx_employees_manager_id",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := mustLoad(t, tc.src)
			var order []string
			for _, tb := range s.Tables {
				order = append(order, tb.Name)
			}
			if diff := cmp.Diff(tc.order, order); diff != "" {
				t.Errorf("table order (-want +got):\n%s", diff)
			}
			if tc.fks != nil {
				if diff := cmp.Diff(tc.fks, allFKs(s)); diff != "" {
					t.Errorf("foreign keys (-want +got):\n%s", diff)
				}
			}
		})
	}
}

func TestReferenced(t *testing.T) {
	s := mustLoad(t, usersOrders+`entity Review { id serial pk }
relationship User 1:N Order
relationship User 1:N Review
relationship Order 1:N Review`)
	var got []string
	for _, fk := range tableNamed(t, s, "users").Referenced {
		got = append(got, fk.Name)
	}
	if diff := cmp.Diff([]string{"fk_orders_user", "fk_reviews_user"}, got); diff != "" {
		t.Errorf("users.Referenced (-want +got):\n%s", diff)
	}
}

func TestSchemaName(t *testing.T) {
	s := mustLoad(t, "schema shop\nenum Status { a }\nentity User { id serial pk\n s Status }")
	if s.Name != "shop" || s.File != "t.er" {
		t.Errorf("Name, File = %q, %q", s.Name, s.File)
	}
	if got, want := s.TypeSQL(tableNamed(t, s, "users").Column("s").Type), "shop.status"; got != want {
		t.Errorf("TypeSQL = %q, want %q", got, want)
	}
}

// TestAllErrorsAtOnce checks that one run reports every problem of a file,
// from every stage of resolution, not just the first.
func TestAllErrorsAtOnce(t *testing.T) {
	_, diags := load(t, `entity User {
  id serial pk
  name txt
  name text
}
entity Order {
  id integer? pk
  code text
  index (cdoe)
}
relationship Usr 1:N Order
relationship User 1:N Order {
  on delete set null
}
relationship Order M:N Order
entity Profile { id text generated always as identity pk }
relationship User 1:N Profile {
  references (name)
}
`)
	want := []string{
		`t.er:3:8: error: unknown type "txt"`,
		`t.er:7:3: error: primary key column "id" cannot be nullable`,
		`t.er:9:10: error: unknown column "cdoe" in index of "Order"`,
		`t.er:11:14: error: unknown entity "Usr"`,
		`t.er:13:3: error: ON DELETE SET NULL on User 1:N Order, but orders.user_id is NOT NULL`,
		`t.er:15:1: error: M:N relationship of "Order" with itself needs two role names`,
		`t.er:16:21: error: identity column "id" must be smallint, integer or bigint, not text`,
		`t.er:18:14: error: (name) is neither the primary key nor a unique key of "User"`,
	}
	var got []string
	for _, d := range diags {
		got = append(got, d.Error())
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
	if err := diags.Err(); err == nil || !strings.Contains(err.Error(), "(and 7 more)") {
		t.Errorf("Err() = %v, want the first error and 7 more", err)
	}
}

// seedSources returns the example schemas.
func seedSources(t testing.TB) [][]byte {
	t.Helper()
	return testkit.Read(t, testkit.Examples)
}

// FuzzResolve checks that resolving any parsable input never panics, that
// every diagnostic points inside the input, and that a schema without
// errors has foreign keys PostgreSQL accepts: columns on both sides, as
// many on each, of matching types.
func FuzzResolve(f *testing.F) {
	for _, b := range seedSources(f) {
		f.Add(b)
	}
	for _, tc := range checkCases {
		f.Add([]byte(tc.src))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		file, diags := dsl.Parse("f.er", src)
		if diags.HasErrors() {
			return
		}
		s, diags := model.Resolve(file)
		for _, d := range diags {
			for _, p := range []dsl.Pos{d.Pos, d.End} {
				if p.Offset < 0 || p.Offset > len(src) {
					t.Fatalf("%s: offset %d outside the %d-byte input", d, p.Offset, len(src))
				}
				if want := dsl.PosAt(p.File, src, p.Offset); p != want {
					t.Fatalf("%s: position %+v disagrees with its offset (%+v)", d, p, want)
				}
			}
			if d.End.Offset < d.Pos.Offset {
				t.Fatalf("%s: ends before it starts", d)
			}
		}
		if diags.HasErrors() {
			return
		}
		seen := map[*model.Table]bool{}
		for _, tb := range s.Tables {
			if seen[tb] {
				t.Fatalf("table %s listed twice in Tables", tb.Name)
			}
			seen[tb] = true
		}
		for _, tb := range s.Tables {
			for _, fk := range tb.ForeignKeys {
				if len(fk.Columns) == 0 || len(fk.Columns) != len(fk.RefColumns) {
					t.Fatalf("%s: %d columns reference %d", fk.Name, len(fk.Columns), len(fk.RefColumns))
				}
				if !seen[fk.RefTable] {
					t.Fatalf("%s references table %s, which is not in Tables", fk.Name, fk.RefTable.Name)
				}
				for i, c := range fk.Columns {
					if c == nil || fk.RefColumns[i] == nil {
						t.Fatalf("%s: nil column", fk.Name)
					}
					if want := fk.RefColumns[i].Type.Referencing(); !c.Type.Equal(want) {
						t.Fatalf("%s: %s is %s but references %s of type %s", fk.Name, c.Name, c.Type.SQL(), fk.RefColumns[i].Name, want.SQL())
					}
					if c.Table != tb {
						t.Fatalf("%s: column %s belongs to %s", fk.Name, c.Name, c.Table.Name)
					}
				}
			}
		}
	})
}

// TestPolicySpans checks that diagnostics about a policy clause underline
// the clause as written, side and extra blanks included, and that the
// model keeps the same span for review output.
func TestPolicySpans(t *testing.T) {
	src := `entity Order { id serial pk }
entity Product { id serial pk }
entity Note { id serial pk }
relationship Order M:N Product {
  on delete Order   set null
}
relationship Product 1:N Note {
  on delete cascade
}
relationship Order 1:N Product { on   delete cascade }
`
	_, diags := load(t, src)
	want := []string{"on delete Order   set null", "on   delete cascade"}
	var got []string
	for _, d := range diags {
		got = append(got, src[d.Pos.Offset:d.End.Offset])
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("underlined text (-want +got):\n%s\n%v", diff, diags)
	}

	s := mustLoad(t, `entity A { id serial pk }
entity B { id serial pk }
relationship A 1:N B { on  update   cascade; on delete restrict }
`)
	fk := s.Tables[1].ForeignKeys[0]
	line := "relationship A 1:N B { on  update   cascade; on delete restrict }"
	for _, c := range []struct {
		p, e dsl.Pos
		want string
	}{
		{fk.OnUpdatePos, fk.OnUpdateEnd, "on  update   cascade"},
		{fk.OnDeletePos, fk.OnDeleteEnd, "on delete restrict"},
	} {
		if got := line[c.p.Column-1 : c.e.Column-1]; got != c.want {
			t.Errorf("span %v-%v is %q, want %q", c.p, c.e, got, c.want)
		}
	}
}
