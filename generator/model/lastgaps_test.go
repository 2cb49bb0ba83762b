package model_test

// The checks of a check's `not valid`, a key's collation, a sequence's
// settings and interval's fields join checkCases here.
func init() { checkCases = append(checkCases, lastGapCases...) }

var lastGapCases = []checkCase{
	{
		name: "not valid on a table check and an attribute check",
		src: `entity A {
  id  serial pk
  qty integer check (qty > 0) not valid check (qty < 9) as a_small not valid
  check (id > 0) as a_id not valid
  check (id < 10) not valid
}
`,
	},
	{
		name: "not valid after no check",
		src: `entity A {
  id  serial pk
  qty integer not valid
  n   integer check (n > 0) = 1 not valid
}
`,
		want: []string{
			"t.er:3:15: error: `not valid` follows no check",
			"= hint: write it right after the check it marks: check (price >= 0) not valid",
			"t.er:4:33: error: `not valid` follows no check",
			"= hint: write it right after the check it marks: check (price >= 0) not valid",
		},
	},
	{
		name: "collation on index keys",
		src: `entity A {
  id   serial pk
  name text
  n    integer
  index (name collate "C", id)
  unique (name collate "POSIX")
  index (n collate "C")
  index (lower(name) collate "C")
  index ((name || 'x') collate "C")
  index (name collate "")
}
entity P {
  id   serial
  name text
  pk (id, name)
  partition by list (name collate "C")
  partition p_a in ('a')
}
`,
		want: []string{
			"t.er:7:20: error: column \"n\" is of type integer, which takes no collation",
			"= hint: a collation applies to text, varchar, char, citext and domains over them",
			"t.er:8:30: error: a collation after an expression key goes inside its parentheses",
			"= hint: wrap the expression and its collation in parentheses of their own, as in index ((lower(name) collate \"C\")), whose COLLATE PostgreSQL keeps as the key's; or give the column its collation on the attribute",
			"t.er:9:32: error: a collation after an expression key goes inside its parentheses",
			"= hint: wrap the expression and its collation in parentheses of their own, as in index (((name || 'x') collate \"C\")), whose COLLATE PostgreSQL keeps as the key's; or give the column its collation on the attribute",
			"t.er:10:23: error: empty collation name",
			"= hint: name a collation of the server, as in collate \"C\" or collate \"und-x-icu\"",
			"t.er:16:35: error: ergen writes no collation on a partition key",
			"= hint: give the column its collation on the attribute: name text collate \"C\"",
		},
	},
	{
		name: "sequence names taken",
		src: `sequence accounts
sequence tally
sequence tally
sequence items_id_seq
entity Account {
  id integer pk
}
entity Item {
  id serial pk
}
`,
		want: []string{
			"t.er:1:10: error: name \"accounts\" of sequence is already used by table of Account",
			"= hint: give one of them another name",
			"t.er:3:10: error: sequence \"tally\" declared twice",
			"= hint: it is already declared at 2:10",
			"t.er:9:3: error: implicit sequence of column Item.id would be named \"items_id_seq\", like the sequence declared at 4:10",
			"= hint: rename the declared sequence, or declare the column integer = nextval('items_id_seq'::regclass)",
		},
	},
	{
		name: "domain over an enum in a foreign key or an exclusion",
		src: `enum Mood { happy sad }
domain Feeling Mood
entity Shelf {
  mood Feeling pk
  exclude using btree (mood with =)
}
entity Book {
  id   serial pk
  kind Feeling
}
entity Kind { mood Mood pk }
relationship Shelf 1:N Book
relationship Kind 1:N Book { column kind }
`,
		want: []string{
			"t.er:5:24: error: column \"mood\" of \"Shelf\" is feeling, a domain over an enum, and PostgreSQL has no operators for one",
			"= hint: exclude on the value as its enum: (mood::mood) with =",
			"t.er:9:3: error: column \"kind\" of \"Book\" is feeling but references kinds.mood of type mood",
			"= hint: declare it as mood, or remove the attribute and let ergen add it",
			"t.er:12:1: error: the foreign key of Shelf 1:N Book is on a column of feeling, a domain over an enum, and PostgreSQL cannot build a foreign key on one",
			"= hint: give the key columns on both sides the enum type mood itself",
		},
	},
	{
		name: "collate without its collation",
		src: `entity A {
  id   serial pk
  name text
  index (name collate, id)
}
`,
		want: []string{
			"t.er:4:15: error: collate without a collation",
			"= hint: name the collation after it: collate \"C\"",
		},
	},
	{
		name: "sequence settings",
		src: `sequence a as integer start 1000 increment 10 minvalue 5 maxvalue 99999 cache 20 cycle
sequence b increment -2
sequence c increment 0
sequence d minvalue 10 maxvalue 5
sequence e start 0
sequence f as smallint maxvalue 40000 start 50000
sequence g cache 0 cache 2
sequence h start 99999999999999999999
sequence i increment -1 start 5
`,
		want: []string{
			"t.er:3:12: error: increment of sequence \"c\" must not be zero",
			"t.er:4:12: error: minvalue 10 of sequence \"d\" must be less than its maxvalue 5",
			"t.er:5:12: error: start 0 of sequence \"e\" cannot be less than its minvalue 1",
			"t.er:6:24: error: maxvalue 40000 of sequence \"f\" is out of range for its type smallint",
			"= hint: a smallint sequence counts from -32768 to 32767",
			"t.er:6:39: error: start 50000 of sequence \"f\" cannot be greater than its maxvalue 40000",
			"t.er:7:12: error: cache 0 of sequence \"g\" must be greater than zero",
			"t.er:7:20: error: `cache` given twice in sequence \"g\"",
			"t.er:8:12: error: start 99999999999999999999 is not a whole number of bigint's range",
			"= hint: a sequence counts in whole numbers from -9223372036854775808 to 9223372036854775807",
			"t.er:9:25: error: start 5 of sequence \"i\" cannot be greater than its maxvalue -1",
		},
	},
	{
		name: "identity settings",
		src: `entity A {
  a bigint generated always as identity (start 1000 increment 5 minvalue 10 maxvalue 99999 cache 20 cycle) pk
  b smallint generated by default as identity (maxvalue 40000)
  c integer generated by default as identity (as bigint start 5)
  d integer generated by default as identity (start 0)
  e integer generated by default as identity (increment -1 start 5 cache 2 cache 3)
  f integer generated by default as identity (increment 0)
  g text generated by default as identity (start 5)
}
`,
		want: []string{
			"t.er:3:48: error: maxvalue 40000 of identity column A.b is out of range for its type smallint",
			"= hint: a smallint sequence counts from -32768 to 32767",
			"t.er:4:47: error: `as bigint` in the settings of identity column A.c",
			"= hint: its sequence has the column's type; change the type of c instead",
			"t.er:5:47: error: start 0 of identity column A.d cannot be less than its minvalue 1",
			"t.er:6:60: error: start 5 of identity column A.e cannot be greater than its maxvalue -1",
			"t.er:6:76: error: `cache` given twice in identity column A.e",
			"t.er:7:47: error: increment of identity column A.f must not be zero",
			"t.er:8:5: error: identity column \"g\" must be smallint, integer or bigint, not text",
		},
	},
	{
		name: "interval fields",
		src: `entity A {
  id serial pk
  a  interval day to second(3)
  b  interval(6)
  c  interval year to month[]?
  d  text day
  e  interval(3) second
  f  interval month to day
  g  interval day to hour(2)
  h  interval second(7)
  i  interval(7)
}
`,
		want: []string{
			"t.er:6:11: error: type text takes no fields",
			"= hint: only interval is restricted to fields, as in interval day to second",
			"t.er:7:6: error: interval's precision goes after its fields",
			"= hint: write interval second(3)",
			"t.er:8:15: error: interval month to day is not a range of fields PostgreSQL takes",
			"= hint: the ranges are year to month, day to hour, day to minute, day to second, hour to minute, hour to second, minute to second",
			"t.er:9:15: error: only seconds take a precision, not interval day to hour",
			"= hint: remove (2), or end the fields with second: interval day to second(2)",
			"t.er:10:15: error: precision of interval must be between 0 and 6",
			"t.er:11:6: error: precision of interval must be between 0 and 6",
		},
	},
	{
		name: "a foreign key to a unique key with a collation",
		src: `entity Country {
  id   serial pk
  code text
  unique (code collate "C")
}
entity City { id serial pk }
relationship Country 1:N City { references (code) }
`,
		want: []string{
			"t.er:7:44: error: the unique key of \"Country\" over (code) at 4:10 names a collation, which a UNIQUE constraint cannot: it is a UNIQUE index, which no foreign key references",
			"= hint: give the columns their collation on their attributes (collate after the type) and remove it from the key",
		},
	},
	{
		name: "collation on exclusion keys",
		src: `entity A {
  id     serial pk
  name   text
  n      integer
  during tstzrange
  exclude using gist (during collate "C" with &&)
  exclude using btree (n collate "C" with =)
  exclude using btree (lower(name) collate "C" with =)
  exclude using btree ((name || 'x') collate "C" with =)
  exclude using btree (name collate "C" text_pattern_ops with =)
}
`,
		want: []string{
			"t.er:6:38: error: column \"during\" is of type tstzrange, which takes no collation",
			"= hint: a collation applies to text, varchar, char, citext and domains over them",
			"t.er:7:34: error: column \"n\" is of type integer, which takes no collation",
			"= hint: a collation applies to text, varchar, char, citext and domains over them",
			"t.er:8:44: error: a collation after an expression key goes inside its parentheses",
			"= hint: wrap the expression and its collation in parentheses of their own, as in index ((lower(name) collate \"C\")), whose COLLATE PostgreSQL keeps as the key's; or give the column its collation on the attribute",
			"t.er:9:46: error: a collation after an expression key goes inside its parentheses",
			"= hint: wrap the expression and its collation in parentheses of their own, as in index (((name || 'x') collate \"C\")), whose COLLATE PostgreSQL keeps as the key's; or give the column its collation on the attribute",
		},
	},
}
