package migrate_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/ergen-dev/ergen/generator/migrate"
	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

// A column's collation is set, changed and removed in place, with the FK
// columns that take it from their key, and kept through a change of type;
// the database converges on NEW's DDL each way.
func TestChangeCollation(t *testing.T) {
	v1 := `
entity Tag {
  slug text pk
  name varchar(20) collate "POSIX"
  note text?
}
entity Post { id serial pk }
relationship Tag 1:N Post
`
	v2 := strings.NewReplacer(`slug text pk`, `slug text collate "C" pk`, `varchar(20) collate "POSIX"`, `varchar(40) collate "POSIX"`,
		`note text?`, `note text? collate "ucs_basic" = 'x'`).Replace(v1)
	// The table keeps its storage; the index on the column is rebuilt, a
	// hazard (TestCollationOfIndexedColumn).
	conn := pgtest.Conn(t)
	var tableBefore, tableAfter, keyBefore, keyAfter uint32
	const nodes = "SELECT pg_relation_filenode('tags'), pg_relation_filenode('pk_tags')"
	plan := convergeWith(t, conn, pgtest.Conn(t), v1, v2, migrate.Options{Allow: []string{"rewrite"}}, func(plan *migrate.Plan, _ string) error {
		if err := conn.QueryRow(ctx, nodes).Scan(&tableBefore, &keyBefore); err != nil {
			return err
		}
		if err := apply(conn, plan); err != nil {
			return err
		}
		return conn.QueryRow(ctx, nodes).Scan(&tableAfter, &keyAfter)
	})
	if tableAfter != tableBefore || keyAfter == keyBefore {
		t.Errorf("table %d -> %d, key index %d -> %d: want the table kept and the index rebuilt", tableBefore, tableAfter, keyBefore, keyAfter)
	}
	script := string(plan.Script())
	for _, want := range []string{
		// One ALTER TABLE changes the table's collations and types.
		`ALTER TABLE tags ALTER COLUMN slug TYPE text COLLATE "C", ALTER COLUMN name TYPE varchar(40) COLLATE "POSIX", ` +
			`ALTER COLUMN note TYPE text COLLATE "ucs_basic";`,
		`ALTER TABLE posts ALTER COLUMN tag_slug TYPE text COLLATE "C";`,
		`ALTER TABLE tags ALTER COLUMN note SET DEFAULT 'x';`,
	} {
		contains(t, script, want)
	}
	for _, s := range plan.Steps {
		if s.Rewrites || len(s.Hazards) > 0 && !slices.Equal(s.Hazards, []string{migrate.RewriteType}) {
			t.Errorf("step %q rewrites or carries hazards %v", s.What, s.Hazards)
		}
	}
	plan = converge(t, pgtest.Conn(t), pgtest.Conn(t), v2, v1, migrate.Options{Allow: []string{"rewrite"}})
	contains(t, string(plan.Script()), `ALTER TABLE tags ALTER COLUMN slug TYPE text, `)
}

// A change of collation of a column an index is over builds the index
// anew under the ACCESS EXCLUSIVE lock, reading every row: the step scans
// and carries ER206, refused without --allow rewrite. One of a column no
// index is over stays a catalog update, without a hazard.
func TestCollationOfIndexedColumn(t *testing.T) {
	v1 := "entity User {\n  id    integer pk\n  email text\n  note  text\n  index (email)\n}\n"
	v2 := strings.Replace(v1, "email text", `email text collate "C"`, 1)
	wantOnlyRefusal(t, v1, v2, nil, `new.er:3:3: error ER206: column users.email changes its collation from its type's default to C, which builds idx_users_email anew`)
	plan, before, after := convergeFilenode(t, pgtest.Conn(t), v1, v2, migrate.Options{Allow: []string{"rewrite"}}, "idx_users_email")
	if before == after {
		t.Errorf("index kept its file %d: want it built anew", before)
	}
	if len(plan.Steps) != 1 || !plan.Steps[0].Scans || !slices.Equal(plan.Steps[0].Hazards, []string{migrate.RewriteType}) {
		t.Errorf("steps %+v, want one that scans, with ER206", plan.Steps)
	}
	plan = converge(t, pgtest.Conn(t), pgtest.Conn(t), v1, strings.Replace(v1, "note  text", `note  text collate "C"`, 1), migrate.Options{})
	if len(plan.Steps) != 1 || plan.Steps[0].Scans || len(plan.Steps[0].Hazards) > 0 {
		t.Errorf("steps %+v, want one that neither scans nor carries a hazard", plan.Steps)
	}
}

// An index over a column whose collation changes is built anew by the
// change when it is there as the column changes, whether NEW keeps it
// under its name or not: renamed after (NEW's idx_b built alike), or
// replaced after by an index NEW builds (idx_b over more columns, idx_a
// dropped once it is built). The step scans and carries ER206.
func TestCollationOfIndexRenamedOrReplaced(t *testing.T) {
	v1 := "entity Doc {\n  id   integer pk\n  name text\n  index (name) as idx_a\n}\n"
	for _, idx := range []string{"index (name) as idx_b", "index (name, id) as idx_b"} {
		v2 := strings.NewReplacer("name text", `name text collate "C"`, "index (name) as idx_a", idx).Replace(v1)
		wantOnlyRefusal(t, v1, v2, nil, `new.er:3:3: error ER206: column docs.name changes its collation from its type's default to C, which builds idx_a anew`)
		plan := converge(t, pgtest.Conn(t), pgtest.Conn(t), v1, v2, migrate.Options{Allow: []string{"rewrite"}})
		var found bool
		for _, s := range plan.Steps {
			if strings.Contains(strings.Join(s.SQL, "\n"), `ALTER COLUMN name TYPE text COLLATE "C"`) {
				found = true
				if !s.Scans || !slices.Equal(s.Hazards, []string{migrate.RewriteType}) {
					t.Errorf("%s: step %q scans %v, hazards %v: want it to scan, with ER206", idx, s.What, s.Scans, s.Hazards)
				}
			}
		}
		if !found {
			t.Errorf("%s: no step changes the collation:\n%s", idx, plan.Script())
		}
	}
}

// A change of collation of a column reaches every index, key and
// exclusion constraint that orders by it or reads it: a key over it, an
// index with it in an expression (named with the table's name or not)
// or in its predicate, an exclusion constraint with it as an element,
// and an index with an expression or a predicate that has it as an
// INCLUDE column (CheckIndexCompatible gives up on expressions and
// predicates). PostgreSQL builds each anew under the lock (its file
// changes), so each is named in ER206, and with --allow rewrite the plan
// applies to the table with its rows.
func TestCollationOfColumnEachIndexHolds(t *testing.T) {
	for _, c := range []struct{ name, decl, index string }{
		{"key", "unique (email)", "uq_users_email"},
		{"predicate", "index (code) where (email <> '')", "idx_users_code_partial"},
		{"expression", "index (lower(email))", "idx_users_lower_email"},
		{"qualified expression", "index (lower(users.email))", "idx_users_lower_users_email"},
		{"exclusion", "exclude using gist (email with =)", "ex_users_email"},
		{"include, partial", "index (code) include (email) where (code > 0)", "idx_users_code_partial"},
		{"include, expression", "index ((code + 1)) include (email)", "idx_users_code_1"},
	} {
		t.Run(c.name, func(t *testing.T) {
			v1 := "extension btree_gist\nentity User {\n  id    integer pk\n  code  integer\n  email text\n  " + c.decl + "\n}\n"
			v2 := strings.Replace(v1, "email text", `email text collate "C"`, 1)
			wantOnlyRefusal(t, v1, v2, nil, `new.er:5:3: error ER206: column users.email changes its collation from its type's default to C, which builds `+c.index+` anew:`)
			plan, before, after := convergeFilenode(t, pgtest.Conn(t), v1, v2, migrate.Options{Allow: []string{"rewrite"}}, c.index)
			if before == after {
				t.Errorf("%s kept its file %d: want it built anew", c.index, before)
			}
			if len(plan.Steps) != 1 || !plan.Steps[0].Scans || !slices.Equal(plan.Steps[0].Hazards, []string{migrate.RewriteType}) {
				t.Errorf("steps %+v, want one that scans, with ER206", plan.Steps)
			}
		})
	}
}

// PostgreSQL keeps an index, key or exclusion constraint whose keys keep
// their collations (CheckIndexCompatible compares only the keys): a
// change of collation of a column that is only an INCLUDE column of it
// leaves its file as it is, on a table with rows, and carries no ER206;
// one of its key column builds it anew (ER206).
func TestCollationOfIncludeColumnKeepsIndex(t *testing.T) {
	for _, c := range []struct{ name, decl, index string }{
		{"key", "unique (code) include (email)", "uq_users_code"},
		{"index", "index (code) include (email)", "idx_users_code"},
		{"exclusion", "exclude using gist (code with =) include (email)", "ex_users_code"},
	} {
		t.Run(c.name, func(t *testing.T) {
			v1 := "extension btree_gist\nentity User {\n  id    integer pk\n  code  text\n  email text\n  " + c.decl + "\n}\n"
			for _, col := range []string{"email", "code"} {
				decl := map[string]string{"email": "email text", "code": "code  text"}[col]
				v2 := strings.Replace(v1, decl, decl+` collate "C"`, 1)
				key := col == "code"
				opts := migrate.Options{}
				if key {
					wantOnlyRefusal(t, v1, v2, nil, `new.er:4:3: error ER206: column users.code changes its collation from its type's default to C, which builds `+c.index+` anew:`)
					opts.Allow = []string{"rewrite"}
				}
				conn := pgtest.Conn(t)
				plan, before, after := convergeFilenode(t, conn, v1, v2, opts, c.index)
				var rows int
				if err := conn.QueryRow(ctx, "SELECT count(*) FROM users").Scan(&rows); err != nil {
					t.Fatal(err)
				}
				if rows == 0 {
					t.Errorf("%s: the table has no rows", col)
				}
				if (before != after) != key {
					t.Errorf("%s: %s's file %d -> %d: want it built anew only for a key column", col, c.index, before, after)
				}
				if len(plan.Steps) != 1 || plan.Steps[0].Scans != key || (len(plan.Steps[0].Hazards) > 0) != key {
					t.Errorf("%s: steps %+v, want one that scans, with ER206, only for a key column", col, plan.Steps)
				}
			}
		})
	}
}

// A key column with a collation of its own (email collate "C") keeps it
// whatever the column's: PostgreSQL keeps such an index, exclusion
// constraint or unique index (its file stays) when the column changes
// its collation, on a table with rows, so the change carries no ER206.
// With an expression key or a predicate beside it, the index is built
// anew (CheckIndexCompatible gives up on them): ER206.
func TestCollationOfCollatedKeyKeepsIndex(t *testing.T) {
	for _, c := range []struct {
		name, decl, index string
		rebuilt           bool
	}{
		{"index", `index (email collate "C")`, "idx_users_email", false},
		{"unique, two keys", `unique (email collate "C", code)`, "uq_users_email_code", false},
		{"exclusion", `exclude using gist (email collate "C" with =)`, "ex_users_email", false},
		{"predicate", `index (email collate "C") where (code <> '')`, "idx_users_email_partial", true},
		{"expression", `index (email collate "C", lower(code))`, "idx_users_email_lower_code", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			v1 := "extension btree_gist\nentity User {\n  id    integer pk\n  code  text\n  email text\n  " + c.decl + "\n}\n"
			v2 := strings.Replace(v1, "email text", `email text collate "und-x-icu"`, 1)
			opts := migrate.Options{}
			if c.rebuilt {
				wantOnlyRefusal(t, v1, v2, nil, `new.er:5:3: error ER206: column users.email changes its collation from its type's default to und-x-icu, which builds `+c.index+` anew:`)
				opts.Allow = []string{"rewrite"}
			}
			conn := pgtest.Conn(t)
			plan, before, after := convergeFilenode(t, conn, v1, v2, opts, c.index)
			var rows int
			if err := conn.QueryRow(ctx, "SELECT count(*) FROM users").Scan(&rows); err != nil || rows == 0 {
				t.Errorf("the table has %d rows (%v)", rows, err)
			}
			if (before != after) != c.rebuilt {
				t.Errorf("%s's file %d -> %d: want it built anew %v", c.index, before, after, c.rebuilt)
			}
			if len(plan.Steps) != 1 || plan.Steps[0].Scans != c.rebuilt || (len(plan.Steps[0].Hazards) > 0) != c.rebuilt {
				t.Errorf("steps %+v, want one that scans, with ER206, only when the index is built anew", plan.Steps)
			}
		})
	}
}

// ER206 names the indexes and keys over the column as the tables phase
// finds them: not OLD's primary key nor the index that steps before drop
// (pk_accts, idx_accts_note_code), but the unique key that takes over
// from the primary key, built before (uq_accts_code), which the change
// builds anew (its file changes).
func TestCollationOfIndexDroppedOrBuiltBefore(t *testing.T) {
	v1 := "entity Acct {\n  code text pk\n  note text\n  index (note, code)\n}\n"
	v2 := "entity Acct {\n  code text collate \"C\" unique\n  note text pk\n}\n"
	wantOnlyRefusal(t, v1, v2, nil, `new.er:2:3: error ER206: column accts.code changes its collation from its type's default to C, which builds uq_accts_code anew:`)
	conn := pgtest.Conn(t)
	var before, after uint32
	const node = "SELECT pg_relation_filenode('uq_accts_code')"
	plan := convergeWith(t, conn, pgtest.Conn(t), v1, v2, migrate.Options{Allow: []string{"rewrite"}}, func(plan *migrate.Plan, _ string) error {
		for _, s := range plan.Steps {
			if s.Phase == migrate.PhaseTables {
				if err := conn.QueryRow(ctx, node).Scan(&before); err != nil {
					return err
				}
			}
			if err := apply(conn, &migrate.Plan{Steps: []*migrate.Step{s}, LockTimeout: plan.LockTimeout}); err != nil {
				return err
			}
		}
		return conn.QueryRow(ctx, node).Scan(&after)
	})
	if before == after {
		t.Errorf("uq_accts_code kept its file %d across the change of collation: want it built anew", before)
	}
	contains(t, string(plan.Script()), "-- take-over: build index uq_accts_code", "-- drop: drop key pk_accts", "-- drop: drop index idx_accts_note_code")
}

// An index whose expression reads the whole row ((users)) orders rows by
// every column's collation, but depends on the table, on none of its
// columns: PostgreSQL keeps it as it is when a column changes its
// collation (its file stays), and its order is then wrong, so that an
// index scan misses rows. The plan rebuilds it with REINDEX in the step
// that changes the collation, which scans and carries ER206.
func TestCollationOfWholeRowIndexRebuildsIt(t *testing.T) {
	// The row compares by email first.
	v1 := "entity User {\n  email text collate \"und-x-icu\"\n  id    integer pk\n  index ((users)) as idx_users_row\n}\n"
	v2 := strings.Replace(v1, `collate "und-x-icu"`, `collate "C"`, 1)
	words := []string{"a", "B", "c", "D", "é", "Z", "z", "A"}
	const rows = "INSERT INTO users SELECT x, 1000000 + i FROM unnest(ARRAY['a', 'B', 'c', 'D', 'é', 'Z', 'z', 'A']) WITH ORDINALITY AS r(x, i);"
	conn := pgtest.Conn(t)
	const node = "SELECT pg_relation_filenode('idx_users_row')"
	var before, after uint32
	if _, err := conn.Exec(ctx, ddl(t, load(t, "old.er", v1))+rows); err != nil {
		t.Fatal(err)
	}
	if err := conn.QueryRow(ctx, node).Scan(&before); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, `ALTER TABLE users ALTER COLUMN email TYPE text COLLATE "C"`); err != nil {
		t.Fatal(err)
	}
	if err := conn.QueryRow(ctx, node).Scan(&after); err != nil || after != before {
		t.Fatalf("PostgreSQL builds idx_users_row anew (file %d -> %d, %v)", before, after, err)
	}
	if found := indexFinds(t, conn, words); found == len(words) {
		t.Fatal("PostgreSQL's index scan finds every row after the change alone")
	}
	if _, err := conn.Exec(ctx, "DROP TABLE users"); err != nil {
		t.Fatal(err)
	}
	wantOnlyRefusal(t, v1, v2, nil, `new.er:2:3: error ER206: column users.email changes its collation from und-x-icu to C, which builds idx_users_row anew:`)
	plan := convergeWith(t, conn, pgtest.Conn(t), v1, v2, migrate.Options{Allow: []string{"rewrite"}}, func(plan *migrate.Plan, _ string) error {
		if _, err := conn.Exec(ctx, rows); err != nil {
			return err
		}
		if err := conn.QueryRow(ctx, node).Scan(&before); err != nil {
			return err
		}
		if err := apply(conn, plan); err != nil {
			return err
		}
		if found := indexFinds(t, conn, words); found != len(words) {
			t.Errorf("the index scan finds %d of %d rows", found, len(words))
		}
		if err := conn.QueryRow(ctx, node).Scan(&after); err != nil {
			return err
		}
		// converge counts the rows of the table before and after.
		_, err := conn.Exec(ctx, "DELETE FROM users WHERE id > 1000000")
		return err
	})
	if before == after {
		t.Errorf("idx_users_row kept its file %d: want it built anew", before)
	}
	if len(plan.Steps) != 1 || !plan.Steps[0].Scans || !slices.Equal(plan.Steps[0].Hazards, []string{migrate.RewriteType}) {
		t.Errorf("steps %+v, want one that scans, with ER206", plan.Steps)
	}
	contains(t, string(plan.Script()), `ALTER TABLE users ALTER COLUMN email TYPE text COLLATE "C";
REINDEX INDEX idx_users_row;`)
	// A step that rewrites the table (id to bigint) builds every index
	// anew: no REINDEX after it.
	v3 := strings.Replace(v2, "id    integer pk", "id    bigint pk", 1)
	plan = converge(t, pgtest.Conn(t), pgtest.Conn(t), v1, v3, migrate.Options{Allow: []string{"rewrite"}})
	if script := string(plan.Script()); strings.Contains(script, "REINDEX") || !strings.Contains(script, "TYPE bigint") {
		t.Errorf("a rewrite and a collation change, want no REINDEX:\n%s", script)
	}
}

// indexFinds counts the rows of users, with emails words and ids from
// 1000001, that an index scan finds, each by its whole row.
func indexFinds(t *testing.T, conn *pgx.Conn, words []string) int {
	t.Helper()
	if _, err := conn.Exec(ctx, "SET enable_seqscan = off"); err != nil {
		t.Fatal(err)
	}
	defer conn.Exec(ctx, "RESET enable_seqscan") //nolint:errcheck // the connection is the test's
	found := 0
	for i, w := range words {
		var n int
		if err := conn.QueryRow(ctx, fmt.Sprintf("SELECT count(*) FROM users WHERE users = ROW(%s, %d)::users", model.QuoteLiteral(w), 1000001+i)).Scan(&n); err != nil {
			t.Fatal(err)
		}
		found += n
	}
	return found
}
