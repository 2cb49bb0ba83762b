package generator_test

import (
	"testing"

	"github.com/ergen-dev/ergen/generator"
	"github.com/ergen-dev/ergen/generator/importer/catalog"
	"github.com/ergen-dev/ergen/internal/pgtest"
	"github.com/ergen-dev/ergen/internal/testkit"
)

// spelledModel writes its checks, predicates and expression keys
// otherwise than PostgreSQL prints them: BETWEEN, LIKE with ESCAPE, a
// one-value IN, ISNULL, casts of its own, casts PostgreSQL adds, a NOT
// VALID check, domains' checks, and operands of AND and OR grouped by
// precedence alone.
const spelledModel = `domain Percent integer check (VALUE BETWEEN 0 AND 100)
domain Score integer check ((value > 0 or value < 10) and value <> 5)

entity Item {
  id       serial pk
  qty      integer check (qty BETWEEN 1 AND 99)
  code     text check (code LIKE 'A%' ESCAPE '!')
  kind     text check (kind IN ('box'))
  discount Percent
  score    Score
  note     text?
  v        varchar(20) check (v <> 'x'::varchar)
  big      bigint check (big > 0::int8)
  a        integer
  b        integer
  c        integer
  check (note ISNULL OR length(note) > 2 and a > 0) not valid
  check ((a > 0 or b > 0) and c > 0)
  index (qty) where (qty BETWEEN 2 AND 3 AND code LIKE 'B%')
  index ((code || 'x'))
  index (a) where (a > 0 or b > 0 and c > 0)
  index (((a + b) * c))
  index ((a::numeric / b))
}
`

// Drift finds nothing in the database a model's DDL made, however the
// model spells its expressions, and reports an expression of the
// database that reads as the model's but for its parentheses or casts
// (another rule in the same words), as diff --from-db plans it.
func TestDriftRegrouped(t *testing.T) {
	conn := pgtest.Conn(t)
	s := testkit.MustResolve(t, "spelled.er", []byte(spelledModel))
	ddl, err := generator.Generate(bg, generator.Request{Output: generator.SQL, Schema: s})
	if err != nil {
		t.Fatal(err)
	}
	execSQL(t, conn, string(ddl.Files[0].Data))
	drift := func(t *testing.T, db catalog.Beginner) []catalog.Difference {
		t.Helper()
		res, err := generator.Generate(bg, generator.Request{Output: generator.Drift, Schema: s, DB: db})
		if err != nil {
			t.Fatal(err)
		}
		return res.Differences
	}
	if diffs := drift(t, conn); len(diffs) > 0 {
		t.Fatalf("drift of the model that made the database: %v", diffs)
	}
	for _, c := range []struct{ name, alter, want string }{
		{"check", `ALTER TABLE items DROP CONSTRAINT ck_items_2;
ALTER TABLE items ADD CONSTRAINT ck_items_2 CHECK (a > 0 OR (b > 0 AND c > 0))`,
			"table items: check ck_items_2: the definition is CHECK ((a > 0 or (b > 0 and c > 0))) in the database, CHECK ((a > 0 or b > 0) and c > 0) in the model"},
		{"not valid check", `ALTER TABLE items DROP CONSTRAINT ck_items_1;
ALTER TABLE items ADD CONSTRAINT ck_items_1 CHECK ((note IS NULL OR length(note) > 2) AND a > 0) NOT VALID`,
			"table items: check ck_items_1: the definition is CHECK (((note is null or length(note) > 2) and a > 0)) in the database, CHECK (note ISNULL OR length(note) > 2 and a > 0) in the model"},
		{"domain check", `ALTER DOMAIN score DROP CONSTRAINT score_check;
ALTER DOMAIN score ADD CONSTRAINT score_check CHECK (VALUE > 0 OR (VALUE < 10 AND VALUE <> 5))`,
			"domain score: check score_check is CHECK ((value > 0 or (value < 10 and value <> 5))) in the database, CHECK ((value > 0 or value < 10) and value <> 5) in the model"},
		{"predicate", `DROP INDEX idx_items_a_partial;
CREATE INDEX idx_items_a_partial ON items (a) WHERE ((a > 0 OR b > 0) AND c > 0)`,
			"table items: index idx_items_a_partial: the predicate is (((a > 0) OR (b > 0)) AND (c > 0)) in the database, (a > 0 or b > 0 and c > 0) in the model"},
		{"key", `DROP INDEX idx_items_a_b_c;
CREATE INDEX idx_items_a_b_c ON items ((a + b * c))`,
			"table items: index idx_items_a_b_c: the expression of key 1 is (a + b * c) in the database, ((a + b) * c) in the model"},
		{"key cast", `DROP INDEX idx_items_a_numeric_b;
CREATE INDEX idx_items_a_numeric_b ON items (((a / b)::numeric))`,
			"table items: index idx_items_a_numeric_b: the expression of key 1 is ((a / b)::numeric) in the database, (a::numeric / b) in the model"},
	} {
		t.Run(c.name, func(t *testing.T) {
			tx, err := conn.Begin(bg)
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Rollback(bg) //nolint:errcheck // each change is undone
			if _, err := tx.Exec(bg, c.alter); err != nil {
				t.Fatalf("%v\n%s", err, c.alter)
			}
			diffs := drift(t, tx)
			if len(diffs) != 1 || diffs[0].String() != c.want {
				t.Errorf("drift after %s:\n%v\nwant %q alone", c.alter, diffs, c.want)
			}
		})
	}
}

// A default that reads as a number, written as a string or not, is the
// one PostgreSQL stores and prints as a literal cast ('-1'::integer,
// '-0'::text): drift finds nothing.
func TestDriftNumericDefaults(t *testing.T) {
	noDrift(t, "defaults.er", `domain Level integer = '-3'

entity Reading {
  a integer = '-1' check (a > -1)
  b integer = -1
  k numeric = '-1.5'
  z text = '-0'
  u text = 5
  l Level
}
`)
}

// LIKE on a column or domain of citext is citext's operator, which the
// server prints qualified (OPERATOR(public.~~)) when reading under
// pg_catalog alone: drift of the model that made the database finds
// nothing.
func TestDriftLikeOfExtensionType(t *testing.T) {
	noDrift(t, "like.er", `extension citext
domain Email citext check (value like '%@%')
entity User {
  id    bigint pk
  email citext check (email like '%@%') check (email not ilike 'x%')
  e2    Email
}
`)
}

// noDrift applies the DDL of the model src (named file) to a new database
// and fails when drift of that model finds anything in it.
func noDrift(t *testing.T, file, src string) {
	t.Helper()
	conn := pgtest.Conn(t)
	s := testkit.MustResolve(t, file, []byte(src))
	ddl, err := generator.Generate(bg, generator.Request{Output: generator.SQL, Schema: s})
	if err != nil {
		t.Fatal(err)
	}
	execSQL(t, conn, string(ddl.Files[0].Data))
	res, err := generator.Generate(bg, generator.Request{Output: generator.Drift, Schema: s, DB: conn})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Differences) > 0 {
		t.Errorf("drift of the model that made the database: %v", res.Differences)
	}
}
