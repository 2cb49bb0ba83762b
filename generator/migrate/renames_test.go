package migrate_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator/migrate"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

const catalogV1 = `
enum Stage { 'draft' 'live' }

entity Category {
  id   serial pk
  name text unique
}

entity Product {
  id    serial pk
  title text
  stage Stage
  index (title)
}

relationship Category 1:N Product {
  optional
  on delete set null
}

relationship Product M:N Category
`

const catalogV2 = `
enum Stage { 'draft' 'public' was 'live' }

entity Collection was Category {
  id    serial pk
  label text unique was name
}

entity Product {
  id      serial pk
  heading text was title
  stage   Stage
  index (heading)
}

relationship Collection 1:N Product {
  optional
  on delete set null
}

relationship Product M:N Collection
`

// Declared renames rename the table, the columns and every name derived
// from them, and the rows keep their values.
func TestRenames(t *testing.T) {
	conn := pgtest.Conn(t)
	plan := convergeAfter(t, conn, catalogV1, catalogV2, `UPDATE categories SET name = 'tools' WHERE id = 1;
UPDATE products SET title = 'hammer', category_id = 1, stage = 'live' WHERE id = 1`)
	script := string(plan.Script())
	contains(t, script,
		"ALTER TABLE categories RENAME TO collections;",
		"ALTER TABLE collections RENAME COLUMN name TO label;",
		"ALTER SEQUENCE categories_id_seq RENAME TO collections_id_seq;",
		"ALTER TABLE collections RENAME CONSTRAINT pk_categories TO pk_collections;",
		"ALTER TABLE collections RENAME CONSTRAINT uq_categories_name TO uq_collections_label;",
		"ALTER TABLE products RENAME COLUMN category_id TO collection_id;",
		"ALTER TABLE products RENAME CONSTRAINT fk_products_category TO fk_products_collection;",
		"ALTER INDEX idx_products_title RENAME TO idx_products_heading;",
		"ALTER TYPE stage RENAME VALUE 'live' TO 'public';",
	)
	if strings.Contains(script, "DROP") {
		t.Errorf("a rename dropped something:\n%s", script)
	}
	var label, heading, stage string
	if err := conn.QueryRow(ctx, `SELECT c.label, p.heading, p.stage FROM products p JOIN collections c ON c.id = p.collection_id WHERE p.id = 1`).Scan(&label, &heading, &stage); err != nil {
		t.Fatal(err)
	}
	if label != "tools" || heading != "hammer" || stage != "public" {
		t.Errorf("renamed columns hold %q, %q, %q; want tools, hammer, public", label, heading, stage)
	}
	// Applied, the renames are stale, not errors: NEW diffed with itself
	// gives nothing.
	if plan, diags := diff(t, catalogV2, catalogV2, migrate.Options{}); diags.HasErrors() || !plan.Empty() {
		t.Errorf("diff of NEW with itself: %v\n%s", diags, plan.Script())
	}
}

// A was that names nothing in OLD is an error, at the name.
func TestWasNamesNothing(t *testing.T) {
	_, diags := diff(t, catalogV1, strings.Replace(catalogV2, "was Category", "was Kategory", 1), migrate.Options{})
	want := "new.er:4:23: error: entity Collection was Kategory, but the old model has no entity Kategory"
	if len(diags) == 0 || diags[0].Error() != want {
		t.Errorf("got %v, want %s", diags, want)
	}
	_, diags = diff(t, catalogV1, strings.Replace(catalogV2, "was title", "was titel", 1), migrate.Options{})
	want = "new.er:11:20: error: attribute Product.heading was titel, but the old model has no such attribute"
	if len(diags) != 1 || diags[0].Error() != want {
		t.Errorf("got %v, want %s", diags, want)
	}
}

// Roles renamed with was rename the FK columns, constraints and indexes
// derived from them, on a child and on a junction.
func TestRoleRenames(t *testing.T) {
	v1 := `
entity User { id serial pk }
entity Order { id serial pk }
relationship User 1:N Order {
  optional
}
relationship User M:N Order as watcher, watched {
  on delete watcher cascade
}
`
	v2 := `
entity User { id serial pk }
entity Order { id serial pk }
relationship User 1:N Order as buyer was user {
  optional
}
relationship User M:N Order as fan, favourite was watcher, watched {
  on delete fan cascade
}
`
	plan := converge(t, pgtest.Conn(t), pgtest.Conn(t), v1, v2, migrate.Options{})
	script := string(plan.Script())
	contains(t, script,
		"ALTER TABLE orders RENAME COLUMN user_id TO buyer_id;",
		"ALTER TABLE orders RENAME CONSTRAINT fk_orders_user TO fk_orders_buyer;",
		"RENAME COLUMN watcher_id TO fan_id;",
	)
	if strings.Contains(script, "DROP") {
		t.Errorf("a rename dropped something:\n%s", script)
	}
	if plan, diags := diff(t, v2, v2, migrate.Options{}); diags.HasErrors() || !plan.Empty() {
		t.Errorf("diff of NEW with itself: %v\n%s", diags, plan.Script())
	}
	_, diags := diff(t, v1, strings.Replace(v2, "was user", "was client", 1), migrate.Options{})
	if len(diags) == 0 || !strings.Contains(diags[0].Error(), "new.er:4:42: error: relationship User 1:N Order was client") {
		t.Errorf("got %v", diags)
	}
}

// convergeAfter is converge with rows updated by sql before the plan is
// applied, so that the test knows the values renamed objects must keep.
func convergeAfter(t *testing.T, conn *pgx.Conn, oldSrc, newSrc, sql string) *migrate.Plan {
	t.Helper()
	return convergeWith(t, conn, pgtest.Conn(t), oldSrc, newSrc, migrate.Options{},
		func(plan *migrate.Plan, schema string) error {
			if _, err := conn.Exec(ctx, sql); err != nil {
				return err
			}
			return apply(conn, plan)
		})
}

// A renamed entity whose attributes also change: renamed first, then
// the other changes planned on the new names: an attribute renamed and
// retyped, one retyped, one added, one dropped. The rows keep their
// values, the retyped ones converted.
func TestRenameWithColumnChanges(t *testing.T) {
	v1 := `
entity Category {
  id       serial pk
  name     text unique
  rank     integer
  old_code text?
}
entity Product { id serial pk }
relationship Category 1:N Product { optional }
`
	v2 := `
entity Collection was Category {
  id    serial pk
  label varchar(80) unique was name
  rank  bigint
  note  varchar(200)?
}
entity Product { id serial pk }
relationship Collection 1:N Product { optional }
`
	if _, diags := diff(t, v1, v2, migrate.Options{}); len(diags) != 3 {
		t.Errorf("want two rewrites and a drop refused, got %v", diags)
	}
	conn := pgtest.Conn(t)
	plan := convergeWith(t, conn, pgtest.Conn(t), v1, v2, migrate.Options{Allow: []string{"drop", "rewrite"}},
		func(plan *migrate.Plan, _ string) error {
			if _, err := conn.Exec(ctx, "UPDATE categories SET name = 'tools', rank = 7 WHERE id = 1; UPDATE products SET category_id = 1"); err != nil {
				return err
			}
			return apply(conn, plan)
		})
	script := string(plan.Script())
	rename := strings.Index(script, "ALTER TABLE categories RENAME TO collections;")
	contains(t, script, "ALTER TABLE collections RENAME COLUMN name TO label;",
		"ALTER TABLE collections ALTER COLUMN label TYPE varchar(80) USING label::varchar, ALTER COLUMN rank TYPE bigint USING rank::bigint;",
		"ALTER TABLE collections ADD COLUMN IF NOT EXISTS note varchar(200);", "ALTER TABLE collections DROP COLUMN IF EXISTS old_code;",
		"ALTER TABLE products RENAME COLUMN category_id TO collection_id;")
	if rename < 0 || rename > strings.Index(script, "ALTER TABLE collections ALTER") {
		t.Errorf("not renamed first:\n%s", script)
	}
	var label string
	var rank int64
	if err := conn.QueryRow(ctx, "SELECT c.label, c.rank FROM collections c JOIN products p ON p.collection_id = c.id").Scan(&label, &rank); err != nil || label != "tools" || rank != 7 {
		t.Errorf("got %q, %d (%v); want tools, 7", label, rank, err)
	}
}

// A renamed entity whose default role named a declared column, which was
// the foreign key's: the declared column stays, a plain column with its
// values, and the foreign key takes its new column, added as any new FK
// column (index built concurrently, NOT VALID, validated). Required, the
// new column would need a default (ER208).
func TestRenameLeavesForeignKeyColumn(t *testing.T) {
	v1 := "entity User {\n  id serial pk\n}\nentity Order {\n  id serial pk\n  user_id integer?\n}\nrelationship User 1:N Order {\n  optional\n}\n"
	v2 := strings.ReplaceAll(strings.Replace(v1, "entity User", "entity Customer was User", 1), "relationship User", "relationship Customer")
	conn := pgtest.Conn(t)
	plan := convergeWith(t, conn, pgtest.Conn(t), v1, v2, migrate.Options{},
		func(plan *migrate.Plan, _ string) error {
			if _, err := conn.Exec(ctx, "UPDATE orders SET user_id = (SELECT max(id) FROM users)"); err != nil {
				return err
			}
			return apply(conn, plan)
		})
	contains(t, string(plan.Script()), "ALTER TABLE users RENAME TO customers;",
		"ALTER TABLE orders RENAME CONSTRAINT fk_orders_user TO fk_orders_customer;",
		"ALTER TABLE orders DROP CONSTRAINT IF EXISTS fk_orders_customer;",
		"ALTER TABLE orders ADD COLUMN IF NOT EXISTS customer_id integer;",
		"CREATE INDEX CONCURRENTLY idx_orders_customer_id ON orders (customer_id);",
		"ALTER TABLE orders ADD CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE NO ACTION ON UPDATE NO ACTION NOT VALID;",
		"ALTER TABLE orders VALIDATE CONSTRAINT fk_orders_customer;")
	var kept int
	if err := conn.QueryRow(ctx, "SELECT count(*) FROM orders WHERE user_id = (SELECT max(id) FROM customers)").Scan(&kept); err != nil || kept == 0 {
		t.Errorf("user_id lost its values (%d rows, %v)", kept, err)
	}
	// The way back would drop customer_id: no down files, and why.
	oldFile, _ := dsl.Parse("old.er", []byte(v1))
	newFile, _ := dsl.Parse("new.er", []byte(v2))
	if down, notes := migrate.Down(oldFile, newFile, plan, migrate.Options{}); down != nil || !slicesHasPrefix(diagStrings(notes), "new.er:8:1: warning ER202: no down files: going back, column orders.customer_id is gone") {
		t.Errorf("down: %v, %v", down != nil, notes)
	}

	// The same, the relationship required: the new column cannot be added
	// to a table with rows.
	req := strings.NewReplacer("{\n  optional\n}\n", "\n", "integer?", "integer").Replace(v1)
	v3 := strings.ReplaceAll(strings.Replace(req, "entity User", "entity Customer was User", 1), "relationship User", "relationship Customer")
	_, diags := diff(t, req, v3, migrate.Options{Allow: []string{"drop", "rewrite"}})
	if !slicesHasPrefix(diagStrings(diags), "new.er:8:1: error ER208: new column orders.customer_id is NOT NULL") {
		t.Errorf("got %v, want ER208 for customer_id", diags)
	}

	// The same after an exclusive arc, which the model splits into a
	// relationship per parent, and before another relationship of the
	// same child: the pin goes to the renamed relationship.
	arc := "entity Post { id serial pk }\nentity Photo { id serial pk }\nentity Note {\n  id serial pk\n}\nrelationship Post | Photo 1:N Note { optional }\n"
	team := "entity Team {\n  id serial pk\n}\nrelationship Team 1:N Order {\n  optional\n}\n"
	v6 := arc + v1 + team
	v7 := arc + v2 + team
	plan6, diags := diff(t, v6, v7, migrate.Options{})
	if len(diags) > 0 {
		t.Fatalf("after an arc: %v", diags)
	}
	contains(t, string(plan6.Script()), "ALTER TABLE orders ADD COLUMN IF NOT EXISTS customer_id integer;")

	// The other way: the renamed role names a declared column, which the
	// foreign key takes, with its values; its column of OLD is dropped
	// (--allow drop).
	v4 := strings.Replace(v1, "user_id integer?", "customer_id integer?", 1)
	v5 := strings.ReplaceAll(strings.Replace(v4, "entity User", "entity Customer was User", 1), "relationship User", "relationship Customer")
	if _, diags := diff(t, v4, v5, migrate.Options{}); !slicesHasPrefix(diagStrings(diags), "old.er:8:1: error ER202: column orders.user_id is gone") {
		t.Errorf("got %v, want ER202 for user_id", diags)
	}
	conn = pgtest.Conn(t)
	plan = convergeWith(t, conn, pgtest.Conn(t), v4, v5, migrate.Options{Allow: []string{"drop"}},
		func(plan *migrate.Plan, _ string) error {
			if _, err := conn.Exec(ctx, "UPDATE orders SET customer_id = user_id"); err != nil {
				return err
			}
			return apply(conn, plan)
		})
	contains(t, string(plan.Script()), "ALTER TABLE orders DROP COLUMN IF EXISTS user_id;",
		"ALTER TABLE orders ADD CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE NO ACTION ON UPDATE NO ACTION NOT VALID;")
}

// A renamed entity renames its exclusion constraint's derived name, and
// the constraint's index with it; the constraint still refuses overlaps.
func TestRenameCarriesExclusion(t *testing.T) {
	v1 := "extension btree_gist\nentity Booking {\n  id     serial pk\n  room   integer\n  during tstzrange\n  exclude using gist (room with =, during with &&)\n}\n"
	v2 := "extension btree_gist\nentity Reservation was Booking {\n  id     serial pk\n  room   integer\n  during tstzrange\n  exclude using gist (room with =, during with &&)\n}\n"
	conn := pgtest.Conn(t)
	plan := converge(t, conn, pgtest.Conn(t), v1, v2, migrate.Options{})
	contains(t, string(plan.Script()), "ALTER TABLE reservations RENAME CONSTRAINT ex_bookings_room_during TO ex_reservations_room_during;")
	_, err := conn.Exec(ctx, "INSERT INTO reservations (room, during) VALUES (1, '[2026-01-01,2026-01-03)'), (1, '[2026-01-02,2026-01-04)')")
	if err == nil || !strings.Contains(err.Error(), "ex_reservations_room_during") {
		t.Errorf("overlapping bookings: %v, want a violation of ex_reservations_room_during", err)
	}
}

// A renamed column's checks, expression and partial indexes and generated
// columns are renamed with it by PostgreSQL: the plan renames the column
// and the names derived from it, and rebuilds nothing. So does the way
// back.
func TestRenameCarriesExpressions(t *testing.T) {
	v1 := `extension btree_gist
entity Person {
  id         serial pk
  name       text check (length(name) > 0)
  upper_name text generated (upper(name))
  index (lower(name))
  unique (lower(name)) where (name <> 'x')
  exclude using gist ((name || '') with =) where (name <> 'y')
}
`
	v2 := strings.NewReplacer("name       text check (length(name)", "full_name  text was name check (length(full_name)",
		"(upper(name))", "(upper(full_name))", "(lower(name))", "(lower(full_name))", "(name <>", "(full_name <>",
		"((name ||", "((full_name ||").Replace(v1)
	plan := converge(t, pgtest.Conn(t), pgtest.Conn(t), v1, v2, migrate.Options{})
	script := string(plan.Script())
	if len(plan.Steps) != 1 || strings.Contains(script, "DROP") || strings.Contains(script, "CREATE") {
		t.Errorf("want the renames alone:\n%s", script)
	}
	contains(t, script, "RENAME COLUMN name TO full_name;", "ALTER INDEX idx_people_lower_name RENAME TO idx_people_lower_full_name;")
	if down := planWithDown(t, v1, v2).Down; len(down.Steps) != 1 || strings.Contains(string(down.Script()), "DROP") {
		t.Errorf("want the renames alone on the way back:\n%s", down.Script())
	}
}

// Expressions may name a column with its table's name (people.name,
// "people".name, public.people.name, (people).name): PostgreSQL stores
// each as the column, renames it with the column and shows it bare. The
// plan renames the column and the names derived from it, and rebuilds
// nothing, as for bare names; so does the way back.
func TestRenameCarriesQualifiedExpressions(t *testing.T) {
	v1 := `entity Person {
  id         serial pk
  name       text check (length(people.name) > 0)
  upper_name text generated (upper("people".name))
  index (lower(public.people.name))
  index (hashtext((people).name))
  unique (id) where (people.name <> 'x')
  exclude ((people.name || '') with =) where (people.name <> 'y')
}
`
	v2 := strings.NewReplacer("name       text check", "full_name  text was name check", ".name", ".full_name").Replace(v1)
	conn := pgtest.Conn(t)
	plan := converge(t, conn, pgtest.Conn(t), v1, v2, migrate.Options{})
	script := string(plan.Script())
	if len(plan.Steps) != 1 || strings.Contains(script, "DROP") || strings.Contains(script, "CREATE") {
		t.Errorf("want the renames alone:\n%s", script)
	}
	contains(t, script, "RENAME COLUMN name TO full_name;",
		"ALTER INDEX idx_people_lower_public_people_name RENAME TO idx_people_lower_public_people_full_name;")
	if down := planWithDown(t, v1, v2).Down; len(down.Steps) != 1 || strings.Contains(string(down.Script()), "DROP") {
		t.Errorf("want the renames alone on the way back:\n%s", down.Script())
	}
}

// A renamed table's name in its expressions, qualifying a column
// (docs.name), standing for the row ((docs), docs.*) or naming its row
// type (::logs, AS logs), is the table's row, columns and type to
// PostgreSQL, which shows them under the new name
// after RENAME TO: written with the new name in NEW, nothing is built or
// computed again (ER207) nor repartitioned (ER211). The plan is the
// renames alone, both ways.
func TestRenameTableCarriesQualifiedExpressions(t *testing.T) {
	v1 := `entity Doc {
  id   integer pk
  name text check (length(docs.name) > 0)
  up   text generated (upper(docs.name))
  index (lower(public.docs.name))
  index ((docs))
  check (docs.* is not null)
}
entity Log {
  id   integer
  kind text
  check ((row(id, kind)::logs) is not null)
  check ((cast(row(id, kind) as logs)).kind <> '')
  partition by list (lower(logs.kind))
  partition logs_a in ('a')
  partition logs_other default
}
`
	v2 := strings.NewReplacer("entity Doc {", "entity Paper was Doc {", "docs", "papers",
		"entity Log {", "entity Entry was Log {", "(logs.kind)", "(entries.kind)",
		"::logs)", "::entries)", "as logs)", "as entries)").Replace(v1)
	plan := converge(t, pgtest.Conn(t), pgtest.Conn(t), v1, v2, migrate.Options{})
	script := string(plan.Script())
	for _, s := range plan.Steps {
		if s.Phase != migrate.PhaseRename {
			t.Errorf("step %q: want the renames alone:\n%s", s.What, script)
		}
	}
	contains(t, script, "ALTER INDEX idx_docs_lower_public_docs_name RENAME TO idx_papers_lower_public_papers_name;",
		"ALTER INDEX idx_docs_docs RENAME TO idx_papers_papers;")
	for _, s := range planWithDown(t, v1, v2).Down.Steps {
		if s.Phase != migrate.PhaseRename {
			t.Errorf("step %q of the way back: want the renames alone", s.What)
		}
	}
}

// A table renamed to the name of one of its columns, or a column renamed
// to the table's name, leaves PostgreSQL's whole-row index ((docs)) over
// the row, which it shows as ((papers.*)): the bare name now reads the
// column. Written so in NEW, the plan is the renames alone; written
// ((papers)), the index over the column is built instead.
func TestRenameToAColumnsNameKeepsWholeRow(t *testing.T) {
	for _, c := range []struct{ v1, v2 string }{
		{"entity Doc {\n  id     integer pk\n  papers text\n  index ((docs))\n}\n",
			"entity Paper was Doc {\n  id     integer pk\n  papers text\n  index ((KEY))\n}\n"},
		{"entity Doc {\n  id    integer pk\n  title text\n  index ((docs))\n}\n",
			"entity Doc {\n  id    integer pk\n  docs  text was title\n  index ((KEY))\n}\n"},
	} {
		name := "papers"
		if !strings.Contains(c.v2, "Paper") {
			name = "docs"
		}
		plan := converge(t, pgtest.Conn(t), pgtest.Conn(t), c.v1, strings.Replace(c.v2, "KEY", name+".*", 1), migrate.Options{})
		for _, s := range plan.Steps {
			if s.Phase != migrate.PhaseRename {
				t.Errorf("step %q: want the renames alone:\n%s", s.What, plan.Script())
			}
		}
		plan = converge(t, pgtest.Conn(t), pgtest.Conn(t), c.v1, strings.Replace(c.v2, "KEY", name, 1), migrate.Options{})
		contains(t, string(plan.Script()), "DROP INDEX", "CREATE INDEX")
	}
}

// A schema named as a renamed table keeps its name where it qualifies a
// function, a type or a typed literal's type (docs.norm(name),
// CAST(name AS docs.label), docs.label 'x'): PostgreSQL stores the
// function and the type, and shows them under their own names after
// RENAME TO. Written so in NEW, the plan is the renames alone, the
// partition key no change of partitioning (ER211).
func TestRenameTableKeepsSchemaOfItsName(t *testing.T) {
	v1 := `entity Doc {
  id   integer
  name text
  index ((cast(name as docs.label)))
  check ((docs.label 'x') is not null)
  partition by list ((docs.norm(name)))
  partition docs_a in ('a')
  partition docs_other default
}
`
	v2 := strings.Replace(v1, "entity Doc {", "entity Paper was Doc {", 1)
	conn, fresh := pgtest.Conn(t), pgtest.Conn(t)
	for _, c := range []*pgx.Conn{conn, fresh} {
		if _, err := c.Exec(ctx, `CREATE SCHEMA docs; CREATE DOMAIN docs.label AS text;
CREATE FUNCTION docs.norm(text) RETURNS text IMMUTABLE LANGUAGE sql AS 'SELECT lower($1)'`); err != nil {
			t.Fatal(err)
		}
	}
	plan := converge(t, conn, fresh, v1, v2, migrate.Options{})
	for _, s := range plan.Steps {
		if s.Phase != migrate.PhaseRename {
			t.Errorf("step %q: want the renames alone:\n%s", s.What, plan.Script())
		}
	}
}

// A rename to a name close to the old one: OLD, read with NEW's names,
// still writes the old one in its check, which is no misspelling of the
// new one there.
func TestRenameToACloseName(t *testing.T) {
	v1 := "entity P {\n  id     serial pk\n  colour text check (length(colour) > 0)\n}\n"
	v2 := "entity P {\n  id    serial pk\n  color text was colour check (length(color) > 0)\n}\n"
	plan := converge(t, pgtest.Conn(t), pgtest.Conn(t), v1, v2, migrate.Options{})
	contains(t, string(plan.Script()), "RENAME COLUMN colour TO color;")
}

// Columns named like words of SQL's own syntax (day, zone): a rename of
// one leaves extract's field, AT TIME ZONE and a type's words as they
// are, as PostgreSQL does, so the check that reads both is kept.
func TestRenameColumnNamedLikeSyntax(t *testing.T) {
	v1 := "entity M {\n  id   serial pk\n  day  integer check (extract(day from ts) > 0 and day > 0)\n" +
		"  zone text check ((ts at time zone zone) is not null and ts::timestamp with time zone is not null)\n  ts   timestamptz\n}\n"
	v2 := strings.NewReplacer("day  integer", "dd   integer was day", "and day >", "and dd >",
		"zone text", "tz   text was zone", "time zone zone)", "time zone tz)").Replace(v1)
	plan := converge(t, pgtest.Conn(t), pgtest.Conn(t), v1, v2, migrate.Options{})
	for _, s := range plan.Steps {
		if s.Phase != migrate.PhaseRename {
			t.Errorf("step %q: want the renames alone:\n%s", s.What, plan.Script())
		}
	}
}

// An attribute named like a function that a key or an exclusion
// element calls (lower, of lower(name)): renaming the attribute leaves
// the call alone, as PostgreSQL stores the function, not the name.
func TestRenameAttributeNamedLikeAFunction(t *testing.T) {
	v1 := "entity P {\n  id    serial pk\n  lower text\n  name  text\n  index (lower(name))\n  exclude using btree (lower(name) with =)\n}\n"
	v2 := strings.Replace(v1, "  lower text\n", "  lwr   text was lower\n", 1)
	plan := converge(t, pgtest.Conn(t), pgtest.Conn(t), v1, v2, migrate.Options{})
	for _, s := range plan.Steps {
		if s.Phase != migrate.PhaseRename {
			t.Errorf("step %q: want the renames alone:\n%s", s.What, plan.Script())
		}
	}
	contains(t, string(plan.Script()), "RENAME COLUMN lower TO lwr;")
}

// The sequence an identity column owns is named after its table and
// column, as a serial's is, and is renamed with them: the migrated
// database names it as NEW's DDL does.
func TestRenameIdentitySequences(t *testing.T) {
	conn := pgtest.Conn(t)
	plan := convergeAfter(t, conn, `entity Ticket {
  id  bigint generated always as identity pk
  seq integer generated by default as identity
  n   serial
}
`, `entity Pass was Ticket {
  id     bigint generated always as identity pk
  number integer generated by default as identity was seq
  n      serial
}
`, `SELECT 1`)
	contains(t, string(plan.Script()),
		"ALTER SEQUENCE tickets_id_seq RENAME TO passes_id_seq;",
		"ALTER SEQUENCE tickets_seq_seq RENAME TO passes_number_seq;",
		"ALTER SEQUENCE tickets_n_seq RENAME TO passes_n_seq;")
	var seqs []string
	rows, _ := conn.Query(ctx, `SELECT relname FROM pg_class WHERE relkind = 'S' AND relname LIKE 'passes%' ORDER BY 1`)
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		seqs = append(seqs, name)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if want := []string{"passes_id_seq", "passes_n_seq", "passes_number_seq"}; !slices.Equal(seqs, want) {
		t.Errorf("sequences %v, want %v", seqs, want)
	}
}
