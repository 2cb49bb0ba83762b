package migrate_test

import (
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/generator/migrate"
	"github.com/ergen-dev/ergen/internal/pgtest"
	"github.com/jackc/pgx/v5"
)

// A column of the key of a partition partitioned in turn cannot change
// its type, as one of the table's own key cannot: PostgreSQL refuses the
// ALTER COLUMN, so ergen refuses the change at plan time (ER211).
func TestSubpartitionKeyRetypeRefused(t *testing.T) {
	const oldSrc = `entity Sale {
  region text
  num    integer
  pk (region, num)
  partition by list (region)
  partition sales_eu in ('de') partition by range (num)
  partition sales_eu_low of sales_eu from (MINVALUE) to (100)
  partition sales_eu_other of sales_eu default
  partition sales_other default
}
`
	wantOnlyRefusal(t, oldSrc, strings.Replace(oldSrc, "num    integer", "num    bigint", 1), []string{"rewrite"}, "new.er:3:3: error ER211: column sales.num of the partition key changes from integer to bigint")
}

// A column of the partition key cannot change its collation either:
// PostgreSQL refuses the ALTER COLUMN ... TYPE ... COLLATE that changes
// it, whatever rows the table holds, so ergen refuses the change at plan
// time (ER211), at the column.
func TestPartitionKeyCollationRefused(t *testing.T) {
	const oldSrc = `entity Sale {
  id     integer
  region text
  pk (id, region)
  partition by list (region)
  partition sales_eu in ('eu')
  partition sales_us in ('us')
}
`
	conn := pgtest.Conn(t)
	if _, err := conn.Exec(ctx, ddl(t, load(t, "old.er", oldSrc))+"INSERT INTO sales VALUES (1, 'eu'), (2, 'us');"); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, `ALTER TABLE sales ALTER COLUMN region TYPE text COLLATE "C"`); err == nil || !strings.Contains(err.Error(), "partition key") {
		t.Fatalf("PostgreSQL changes the collation of a partition key column (%v)", err)
	}
	wantOnlyRefusal(t, oldSrc, strings.Replace(oldSrc, "region text", `region text collate "C"`, 1), []string{"rewrite"},
		`new.er:3:3: error ER211: column sales.region of the partition key changes its collation from its type's default to C`)
}

// A column of the partition key whose domain changes its base type
// would be retyped, which PostgreSQL refuses for a partition key: the
// change is refused at plan time (ER211), at the column.
func TestDomainRebaseInPartitionKeyRefused(t *testing.T) {
	const oldSrc = `domain Amount integer
entity Sale {
  id  integer
  amt Amount
  pk (id, amt)
  partition by range (amt)
  partition sales_small from (MINVALUE) to (100)
  partition sales_other default
}
`
	wantOnlyRefusal(t, oldSrc, strings.Replace(oldSrc, "domain Amount integer", "domain Amount bigint", 1), []string{"rewrite"}, "new.er:4:3: error ER211: column sales.amt of the partition key changes the base type of its domain Amount")
}

// A generated column of a table with sub-partitions cannot be made plain
// on PostgreSQL 15, which applies DROP EXPRESSION one level down only:
// refused at plan time (ER218), at the column.
func TestNestedDropExpressionRefused(t *testing.T) {
	const oldSrc = `entity Sale {
  region text
  num    integer
  twice  bigint generated (num * 2)
  pk (region, num)
  partition by list (region)
  partition sales_eu in ('de') partition by range (num)
  partition sales_eu_low of sales_eu from (MINVALUE) to (100)
  partition sales_eu_other of sales_eu default
  partition sales_other default
}
`
	wantOnlyRefusal(t, oldSrc, strings.Replace(oldSrc, " generated (num * 2)", "", 1), []string{"drop", "rewrite"}, "new.er:4:3: error ER218: generated column sales.twice becomes a plain column, and sales has sub-partitions")
}

// wantOnlyRefusal checks that the diff from oldSrc to newSrc, allowing
// allow, is refused with exactly one diagnostic, which starts with want.
func wantOnlyRefusal(t *testing.T, oldSrc, newSrc string, allow []string, want string) {
	t.Helper()
	_, diags := diff(t, oldSrc, newSrc, migrate.Options{Allow: allow})
	if len(diags) != 1 || !strings.HasPrefix(diags[0].Error(), want) {
		t.Errorf("diagnostics %v, want %s...", diags, want)
	}
}

// A column that an expression of the partition key reads, bare or named
// with the table's name (lower(docs.name)), is part of the key as a plain
// key column is: PostgreSQL changes neither its type nor its collation,
// and leaves the table's other columns free; so ergen refuses either
// change of that column at plan time (ER211), and no other.
func TestPartitionKeyExpressionColumnRefused(t *testing.T) {
	for _, key := range []string{"lower(name)", "lower(docs.name)"} {
		oldSrc := "entity Doc {\n  id   integer\n  name text\n  note text\n  partition by list (" + key +
			")\n  partition docs_a in ('a')\n  partition docs_other default\n}\n"
		conn := pgtest.Conn(t)
		if _, err := conn.Exec(ctx, ddl(t, load(t, "old.er", oldSrc))+"INSERT INTO docs VALUES (1, 'A', 'x'), (2, 'b', 'y');"); err != nil {
			t.Fatal(err)
		}
		for _, alter := range []string{`ALTER TABLE docs ALTER COLUMN name TYPE text COLLATE "C"`, `ALTER TABLE docs ALTER COLUMN name TYPE varchar(40)`} {
			if _, err := conn.Exec(ctx, alter); err == nil || !strings.Contains(err.Error(), "partition key") {
				t.Fatalf("%s: PostgreSQL runs %s (%v)", key, alter, err)
			}
		}
		if _, err := conn.Exec(ctx, `ALTER TABLE docs ALTER COLUMN note TYPE text COLLATE "C"`); err != nil {
			t.Fatalf("%s: PostgreSQL refuses to change the collation of docs.note: %v", key, err)
		}
		wantOnlyRefusal(t, oldSrc, strings.Replace(oldSrc, "name text", `name text collate "C"`, 1), []string{"rewrite"},
			`new.er:3:3: error ER211: column docs.name of the partition key changes its collation from its type's default to C`)
		wantOnlyRefusal(t, oldSrc, strings.Replace(oldSrc, "name text", "name varchar(40)", 1), []string{"rewrite"},
			`new.er:3:3: error ER211: column docs.name of the partition key changes from text to varchar(40)`)
		// The columns the expression does not read change as any other.
		plan := converge(t, pgtest.Conn(t), pgtest.Conn(t), oldSrc, strings.Replace(oldSrc, "note text", `note text collate "C"`, 1), migrate.Options{})
		contains(t, string(plan.Script()), `ALTER TABLE docs ALTER COLUMN note TYPE text COLLATE "C";`)
		if _, diags := diff(t, oldSrc, strings.Replace(oldSrc, "id   integer", "id   bigint", 1), migrate.Options{Allow: []string{"rewrite"}}); len(diags) != 0 {
			t.Errorf("%s: retyping docs.id: %v", key, diags)
		}
	}
}

// A partition key over the whole row ((docs)) reads every column, though
// PostgreSQL records it as a dependency on the table alone: it drops a
// column, or changes its type, without refusing, and leaves rows in
// partitions their key's new value does not route to (the hash of the
// shorter row differs; a list bound, a value of the row's type, is read
// in the new one). It adds a column as silently (see
// addColumnMisplacesRows). ergen refuses each change of a column, and a
// new column, whatever the method (ER211).
func TestWholeRowPartitionKey(t *testing.T) {
	const oldSrc = `entity Doc {
  id   integer
  name text
  note text
  partition by hash ((docs))
  partition docs_0 with (modulus 2, remainder 0)
  partition docs_1 with (modulus 2, remainder 1)
}
`
	conn := pgtest.Conn(t)
	if _, err := conn.Exec(ctx, ddl(t, load(t, "old.er", oldSrc))+`INSERT INTO docs SELECT i, 'n' || i, 'x' || i FROM generate_series(1, 20) i;
ALTER TABLE docs DROP COLUMN note;`); err != nil {
		t.Fatal(err)
	}
	var misplaced int
	if err := conn.QueryRow(ctx, `SELECT count(*) FROM docs d
WHERE satisfies_hash_partition('docs'::regclass, 2, 0, d) <> (d.tableoid = 'docs_0'::regclass)`).Scan(&misplaced); err != nil || misplaced == 0 {
		t.Fatalf("after DROP COLUMN, %d rows are in a partition their key does not route to (%v)", misplaced, err)
	}
	if _, err := conn.Exec(ctx, `CREATE TABLE listed (id integer, name text) PARTITION BY LIST ((listed));
CREATE TABLE listed_a PARTITION OF listed FOR VALUES IN (ROW(1, 'a'));
ALTER TABLE listed ALTER COLUMN id TYPE bigint;`); err != nil {
		t.Fatal(err)
	}
	var bound string
	if err := conn.QueryRow(ctx, `SELECT pg_get_expr(relpartbound, oid) FROM pg_class WHERE relname = 'listed_a'`).Scan(&bound); err != nil || bound == "FOR VALUES IN ('(1,a)')" {
		t.Fatalf("after ALTER COLUMN TYPE, the bound reads %s (%v)", bound, err)
	}
	wantOnlyRefusal(t, oldSrc, strings.Replace(oldSrc, "id   integer", "id   bigint", 1), []string{"rewrite"},
		"new.er:2:3: error ER211: column docs.id of the partition key changes from integer to bigint")
	wantOnlyRefusal(t, oldSrc, strings.Replace(oldSrc, "name text", `name text collate "C"`, 1), []string{"rewrite"},
		`new.er:3:3: error ER211: column docs.name of the partition key changes its collation from its type's default to C`)
	wantOnlyRefusal(t, oldSrc, strings.Replace(oldSrc, "  note text\n", "", 1), []string{"drop"},
		"old.er:4:3: error ER211: column docs.note of the partition key is gone")
	addColumnMisplacesRows(t, conn)
	wantOnlyRefusal(t, oldSrc, strings.Replace(oldSrc, "  note text\n", "  note text\n  x    integer?\n", 1), nil,
		"new.er:5:3: error ER211: new column docs.x changes the partition key, which reads the whole row")
	for _, method := range []string{"list ((docs))\n  partition docs_0 in ('(1,a,b)')", "range ((docs))\n  partition docs_0 from (MINVALUE) to ('(1,a,b)')"} {
		src := oldSrc[:strings.Index(oldSrc, "hash")] + method + "\n  partition docs_1 default\n}\n"
		wantOnlyRefusal(t, src, strings.Replace(src, "  note text\n", "  note text\n  x    integer = 0\n", 1), nil,
			"new.er:5:3: error ER211: new column docs.x changes the partition key, which reads the whole row")
	}
	// A partition's key over its own row, named with its own name.
	sub := oldSrc[:strings.Index(oldSrc, "partition by")] + `partition by list (id)
  partition docs_a in (1) partition by hash ((docs_a))
  partition docs_a_0 of docs_a with (modulus 2, remainder 0)
  partition docs_a_1 of docs_a with (modulus 2, remainder 1)
}
`
	wantOnlyRefusal(t, sub, strings.Replace(sub, "  note text\n", "  note text\n  x    integer?\n", 1), nil,
		"new.er:5:3: error ER211: new column docs.x changes the partition key, which reads the whole row")
	wantOnlyRefusal(t, sub, strings.Replace(sub, "name text", `name text collate "C"`, 1), []string{"rewrite"},
		`new.er:3:3: error ER211: column docs.name of the partition key changes its collation from its type's default to C`)
}

// addColumnMisplacesRows shows that PostgreSQL adds a column to a table
// partitioned by its whole row without a word, and leaves rows where the
// key no longer routes them: a hash partition's rows hash differently,
// and a list bound is read with the new column null, which a default
// makes the rows' values not.
func addColumnMisplacesRows(t *testing.T, conn *pgx.Conn) {
	t.Helper()
	if _, err := conn.Exec(ctx, `CREATE TABLE hashed (id integer, name text) PARTITION BY HASH ((hashed));
CREATE TABLE hashed_0 PARTITION OF hashed FOR VALUES WITH (modulus 3, remainder 0);
CREATE TABLE hashed_1 PARTITION OF hashed FOR VALUES WITH (modulus 3, remainder 1);
CREATE TABLE hashed_2 PARTITION OF hashed FOR VALUES WITH (modulus 3, remainder 2);
INSERT INTO hashed SELECT i, 'n' || i FROM generate_series(1, 20) i;
ALTER TABLE hashed ADD COLUMN x integer;
CREATE TABLE listed_rows (id integer, name text) PARTITION BY LIST ((listed_rows));
CREATE TABLE listed_rows_a PARTITION OF listed_rows FOR VALUES IN (ROW(1, 'a'));
CREATE TABLE listed_rows_other PARTITION OF listed_rows DEFAULT;
INSERT INTO listed_rows VALUES (1, 'a');
ALTER TABLE listed_rows ADD COLUMN x integer NOT NULL DEFAULT 0;`); err != nil {
		t.Fatal(err)
	}
	var misplaced, found int
	if err := conn.QueryRow(ctx, `SELECT count(*) FROM hashed h WHERE NOT satisfies_hash_partition('hashed'::regclass, 3,
  CASE h.tableoid WHEN 'hashed_0'::regclass THEN 0 WHEN 'hashed_1'::regclass THEN 1 ELSE 2 END, h)`).Scan(&misplaced); err != nil || misplaced == 0 {
		t.Fatalf("after ADD COLUMN, %d hashed rows are in a partition their key does not route to (%v)", misplaced, err)
	}
	if err := conn.QueryRow(ctx, `SELECT count(*) FROM listed_rows l WHERE l = ROW(1, 'a', 0)::listed_rows`).Scan(&found); err != nil || found != 0 {
		t.Fatalf("after ADD COLUMN, a query for the listed row finds %d (%v)", found, err)
	}
}

// A column of a partition key, the table's or a partition's partitioned
// in turn, or an element of an exclusion constraint, may be renamed with
// `was`: PostgreSQL's RENAME COLUMN renames it there too (at every level
// of partitions), so the plan is the renames alone, and the database
// converges on NEW's DDL, rows in place.
func TestRenameKeyColumnsOfPartitionsAndExclusions(t *testing.T) {
	const oldSrc = `extension btree_gist
entity Doc {
  id     integer
  region text
  num    integer
  partition by list (region)
  partition docs_a in ('a') partition by range (num)
  partition docs_a_all of docs_a from (MINVALUE) to (MAXVALUE)
  partition docs_other default
}
entity Booking {
  id     serial pk
  room   integer
  during tstzrange
  exclude using gist (room with =, during with &&) as no_overlap
}
`
	newSrc := strings.NewReplacer("region text", "area   text was region", "list (region)", "list (area)",
		"num    integer", "n      integer was num", "range (num)", "range (n)",
		"room   integer", "desk   integer was room", "(room with =", "(desk with =").Replace(oldSrc)
	plan := converge(t, pgtest.Conn(t), pgtest.Conn(t), oldSrc, newSrc, migrate.Options{})
	script := string(plan.Script())
	if strings.Contains(script, "DROP") || strings.Contains(script, "CREATE") || strings.Contains(script, "ADD") {
		t.Errorf("want the renames alone:\n%s", script)
	}
	contains(t, script, "RENAME COLUMN region TO area;", "RENAME COLUMN num TO n;", "RENAME COLUMN room TO desk;")
}

// PostgreSQL renames a column in the expressions of the partition key
// that read it, at every level: lower(docs.name) becomes lower(title),
// a partition's upper(region) upper(area), and lower(docs_b.region),
// named with the partition's own name, lower(area). The rename is then
// no change of partitioning (ER211): the plan is the renames alone.
func TestPartitionKeyExpressionRenamed(t *testing.T) {
	const oldSrc = `entity Doc {
  id     integer
  name   text
  region text
  partition by list (lower(docs.name))
  partition docs_a in ('a') partition by list (upper(region))
  partition docs_a_all of docs_a default
  partition docs_b in ('b') partition by list (lower(docs_b.region))
  partition docs_b_all of docs_b default
  partition docs_other default
}
`
	newSrc := strings.NewReplacer("name   text", "title  text was name", "docs.name", "docs.title",
		"region text", "area   text was region", "upper(region)", "upper(area)", "docs_b.region", "docs_b.area").Replace(oldSrc)
	plan := converge(t, pgtest.Conn(t), pgtest.Conn(t), oldSrc, newSrc, migrate.Options{})
	script := string(plan.Script())
	if len(plan.Steps) != 1 || strings.Contains(script, "DROP") || strings.Contains(script, "CREATE") {
		t.Errorf("want the renames alone:\n%s", script)
	}
	contains(t, script, "RENAME COLUMN name TO title;", "RENAME COLUMN region TO area;")
}
