package migrate_test

import (
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/generator/migrate"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

const columnsV1 = `
entity User { id serial pk }
entity Post { id serial pk }

relationship User 1:N Post {
  column user_ref
  on delete cascade
}

relationship User M:N Post {
  column User (liker)
  column Post liked
}
`

const columnsV2 = `
entity User { id serial pk }
entity Post { id serial pk }

relationship User 1:N Post {
  column author_ref was user_ref
  on delete cascade
}

relationship User M:N Post {
  columns User (fan) was (liker)
  column Post favourite was liked
}
`

// Foreign key columns named with ` + "`column`" + ` are renamed with was, on a
// child and on a junction, with the indexes named after them; the rows
// keep their links.
func TestColumnRenames(t *testing.T) {
	conn := pgtest.Conn(t)
	plan := convergeAfter(t, conn, columnsV1, columnsV2, `UPDATE posts SET user_ref = (SELECT max(id) FROM users);
UPDATE user_posts SET liker = liker + 0`)
	script := string(plan.Script())
	contains(t, script,
		"ALTER TABLE posts RENAME COLUMN user_ref TO author_ref;",
		"ALTER INDEX idx_posts_user_ref RENAME TO idx_posts_author_ref;",
		"ALTER TABLE user_posts RENAME COLUMN liker TO fan;",
		"ALTER TABLE user_posts RENAME COLUMN liked TO favourite;",
		"ALTER INDEX idx_user_posts_liked RENAME TO idx_user_posts_favourite;",
	)
	if strings.Contains(script, "DROP") || strings.Contains(script, "ADD") {
		t.Errorf("a rename dropped or added something:\n%s", script)
	}
	var wrong, links int
	if err := conn.QueryRow(ctx, `SELECT (SELECT count(*) FROM posts WHERE author_ref <> (SELECT max(id) FROM users)),
	(SELECT count(*) FROM user_posts WHERE fan IS NOT NULL AND favourite IS NOT NULL)`).Scan(&wrong, &links); err != nil {
		t.Fatal(err)
	}
	if wrong != 0 || links == 0 {
		t.Errorf("%d post(s) lost their author, %d link(s) kept", wrong, links)
	}
	// Applied, the renames are stale: NEW diffed with itself gives nothing.
	if plan, diags := diff(t, columnsV2, columnsV2, migrate.Options{}); diags.HasErrors() || !plan.Empty() {
		t.Errorf("diff of NEW with itself: %v\n%s", diags, plan.Script())
	}
}

// A column rename that names what the old model does not have is an
// error at the old name, with a hint; one the old model already has
// applied is nothing.
func TestColumnRenameErrors(t *testing.T) {
	for _, c := range []struct{ name, from, to, want string }{
		{"an unknown column", "was user_ref", "was usr_ref",
			"new.er:6:25: error: relationship User 1:N Post: column author_ref was usr_ref, but the old model names that side's columns user_ref"},
		{"the other side's column", "column Post favourite was liked", "column Post favourite was liker",
			"new.er:12:29: error: relationship User M:N Post: column favourite was liker, but the old model names that side's columns liked"},
		{"a count that differs", "columns User (fan) was (liker)", "columns User (fan) was (liker, other)",
			"new.er:11:27: error: relationship User M:N Post: 1 column(s) renamed from 2"},
		{"a relationship the old model lacks", "relationship User 1:N Post {", "relationship User 1:N Post as writer {",
			"new.er:6:25: error: relationship User 1:N Post renames its columns, but the old model has no such relationship"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, diags := diff(t, columnsV1, strings.Replace(columnsV2, c.from, c.to, 1), migrate.Options{})
			if len(diags) == 0 || diags[0].Error() != c.want {
				t.Errorf("got %v\nwant %s", diags, c.want)
			}
			if len(diags) > 0 && diags[0].Hint == "" {
				t.Error("no hint")
			}
		})
	}
	// The old model derives user_id: the error names it.
	derived := strings.Replace(columnsV1, "  column user_ref\n", "", 1)
	_, diags := diff(t, derived, columnsV2, migrate.Options{})
	if len(diags) == 0 || !strings.Contains(diags[0].Error(), "the old model names that side's columns user_id") {
		t.Errorf("got %v", diags)
	}
	// The old model has the new names already: the clause is stale.
	if plan, diags := diff(t, columnsV2, columnsV2, migrate.Options{}); diags.HasErrors() || !plan.Empty() {
		t.Errorf("a rename applied before: %v\n%s", diags, plan.Script())
	}
}

// Columns the old model derives are renamed as well as named ones, and
// names may move between the sides of one relationship: each rename is
// of its side's columns, however the names cross.
func TestColumnRenamesDerivedAndCrossed(t *testing.T) {
	v1 := `
entity User { id serial pk }
entity Post { id serial pk }

relationship User 1:N Post {
  on delete cascade
}

relationship User M:N Post {
  column User a
  column Post b
}
`
	v2 := `
entity User { id serial pk }
entity Post { id serial pk }

relationship User 1:N Post {
  column author_id was user_id
  on delete cascade
}

relationship User M:N Post {
  column User b was a
  column Post a was b
}
`
	conn := pgtest.Conn(t)
	plan := convergeAfter(t, conn, v1, v2, `UPDATE posts SET user_id = (SELECT max(id) FROM users)`)
	script := string(plan.Script())
	contains(t, script, "ALTER TABLE posts RENAME COLUMN user_id TO author_id;")
	if strings.Contains(script, "DROP") || strings.Contains(script, "ADD") {
		t.Errorf("a rename dropped or added something:\n%s", script)
	}
	var wrong int
	if err := conn.QueryRow(ctx, `SELECT count(*) FROM posts WHERE author_id <> (SELECT max(id) FROM users)`).Scan(&wrong); err != nil || wrong != 0 {
		t.Errorf("%d post(s) lost their author: %v", wrong, err)
	}
	// The swap goes through temporary names (no DROP or ADD above), and
	// converge compared the catalog with NEW's: b references users.
	contains(t, script, "RENAME COLUMN a TO ergen_renaming_0;", "RENAME COLUMN ergen_renaming_0 TO b;")
	if _, diags := diff(t, v2, v2, migrate.Options{}); diags.HasErrors() {
		t.Errorf("diff of NEW with itself: %v", diags)
	}
	// The way back renames them back, the derived column included.
	down := string(planWithDown(t, v1, v2).Down.Script())
	contains(t, down, "ALTER TABLE posts RENAME COLUMN author_id TO user_id;")
	if strings.Contains(down, "DROP") || strings.Contains(down, "ADD") {
		t.Errorf("the way back dropped or added something:\n%s", down)
	}
}

// A column the old model also declares as an attribute (of the child, or
// among an M:N's own attributes, as an import declares them) is renamed
// by `column NEW was OLD` alone.
func TestColumnRenamesDeclared(t *testing.T) {
	v1 := `
entity User { id serial pk }
entity Post { id serial pk }
entity Note {
  id        serial pk
  writer_id integer = 1
}

relationship User 1:N Note {
  column writer_id
}

relationship User M:N Post {
  liker integer = 1
  column User liker
  column Post liked
}
`
	v2 := strings.NewReplacer("  writer_id integer = 1", "  author_id integer = 1", "column writer_id", "column author_id was writer_id",
		"  liker integer = 1", "  fan integer = 1", "column User liker", "column User fan was liker").Replace(v1)
	plan := converge(t, pgtest.Conn(t), pgtest.Conn(t), v1, v2, migrate.Options{})
	script := string(plan.Script())
	contains(t, script, "ALTER TABLE notes RENAME COLUMN writer_id TO author_id;", "ALTER TABLE user_posts RENAME COLUMN liker TO fan;")
	if strings.Contains(script, "DROP") || strings.Contains(script, "ADD") {
		t.Errorf("a rename dropped or added something:\n%s", script)
	}
}

// The review's cases: a rename onto a column the old table has is an
// error (the foreign key would take that column's values); the index and
// unique lists of the child and of the block follow a renamed column; a
// junction's declared columns may be swapped; and the way back is planned
// when only the new model declares the column.
func TestColumnRenamesWithLists(t *testing.T) {
	_, diags := diff(t, `
entity User { id serial pk }
entity Post {
  id        serial pk
  author_id integer?
}
relationship User 1:N Post
`, `
entity User { id serial pk }
entity Post { id serial pk }
relationship User 1:N Post {
  column author_id was user_id
}
`, migrate.Options{Allow: []string{"drop"}})
	if len(diags) == 0 || !strings.Contains(diags[0].Error(), "the old model's table has a column author_id already") {
		t.Errorf("a rename onto a column the table has: %v", diags)
	}

	v1 := `
entity User { id serial pk }
entity Post {
  id    serial pk
  title text
  index (user_id, title)
}
relationship User 1:N Post
relationship User M:N Post {
  a integer = 1
  b integer = 1
  column User a
  column Post b
  index (a, b)
}
`
	v2 := strings.NewReplacer("index (user_id, title)", "index (writer_id, title)",
		"relationship User 1:N Post\n", "relationship User 1:N Post {\n  column writer_id was user_id\n}\n",
		"column User a\n", "column User b was a\n", "column Post b\n", "column Post a was b\n", "index (a, b)", "index (b, a)").Replace(v1)
	plan := converge(t, pgtest.Conn(t), pgtest.Conn(t), v1, v2, migrate.Options{})
	script := string(plan.Script())
	contains(t, script, "ALTER TABLE posts RENAME COLUMN user_id TO writer_id;", "RENAME COLUMN ergen_renaming_0 TO b;")
	if strings.Contains(script, "DROP") || strings.Contains(script, "ADD") {
		t.Errorf("a rename dropped or added something:\n%s", script)
	}
	planWithDown(t, v1, v2)

	declared := strings.Replace(v2, "  title text\n", "  title text\n  writer_id integer\n", 1)
	planWithDown(t, strings.Replace(v1, "  index (user_id, title)\n", "", 1), strings.Replace(declared, "  index (writer_id, title)\n", "", 1))
}

// A composite key's old names listed in another order than the old model's
// columns are refused as such, and a change of cardinality with a rename
// says it is the cardinality.
func TestColumnRenameOrderAndCardinality(t *testing.T) {
	v1 := `
entity Org {
  tenant integer
  code   text
  pk (tenant, code)
}
entity Team { id serial pk }
relationship Org 1:N Team {
  columns (org_tenant, org_code)
}
`
	_, diags := diff(t, v1, strings.Replace(v1, "columns (org_tenant, org_code)", "columns (owner_tenant, owner_code) was (org_code, org_tenant)", 1), migrate.Options{})
	if len(diags) == 0 || !strings.Contains(diags[0].Error(), "lists that side's columns in another order: org_tenant, org_code") {
		t.Errorf("another order: %v", diags)
	}
	_, diags = diff(t, v1, strings.NewReplacer("Org 1:N Team", "Org 1:1 Team", "columns (org_tenant, org_code)", "columns (owner_tenant, owner_code) was (org_tenant, org_code)").Replace(v1), migrate.Options{})
	if len(diags) == 0 || !strings.Contains(diags[0].Hint, "of the same cardinality") {
		t.Errorf("another cardinality: %v", diags)
	}
}

// Names swapped between two relationships of one table: no clash, and
// the indexes named after them are swapped through names of their own;
// a role's `was` naming no role of an old model that names the column
// with `column` is an error, though the column's rename is applied.
func TestColumnRenamesAcrossRelationships(t *testing.T) {
	v1 := `
entity User { id serial pk }
entity Post { id serial pk }
relationship User 1:N Post as author
relationship User 1:N Post as editor
`
	v2 := `
entity User { id serial pk }
entity Post { id serial pk }
relationship User 1:N Post as author {
  column editor_id was author_id
}
relationship User 1:N Post as editor {
  column author_id was editor_id
}
`
	plan := converge(t, pgtest.Conn(t), pgtest.Conn(t), v1, v2, migrate.Options{})
	contains(t, string(plan.Script()), "ALTER INDEX idx_posts_author_id RENAME TO ergen_renaming_0;", "ALTER INDEX ergen_renaming_0 RENAME TO idx_posts_editor_id;")

	named := "entity User { id serial pk }\nentity Post { id serial pk }\nrelationship User 1:N Post as author {\n  column writer_id\n}\n"
	misspelt := strings.Replace(named, "as author {\n  column writer_id\n", "as creator was auther {\n  column writer_id was user_id\n", 1)
	if _, diags := diff(t, named, misspelt, migrate.Options{}); len(diags) == 0 || !strings.Contains(diags[0].Error(), "was auther, but the old model has no such relationship") {
		t.Errorf("a misspelt role: %v", diags)
	}
}

// Index names are the schema's: renames that give each of two tables the
// old name of the other's index go through names of their own until
// both tables are renamed, both ways.
func TestIndexRenamesAcrossTables(t *testing.T) {
	v1 := `
entity A {
  table "a"
  id  serial pk
  b_c integer
  index (b_c)
}
entity AB {
  table "a_b"
  id serial pk
  d  integer
  index (d)
}
`
	v2 := strings.NewReplacer("  b_c integer\n", "  b_d integer was b_c\n", "index (b_c)", "index (b_d)",
		"  d  integer\n", "  c  integer was d\n", "index (d)", "index (c)").Replace(v1)
	plan := converge(t, pgtest.Conn(t), pgtest.Conn(t), v1, v2, migrate.Options{})
	contains(t, string(plan.Script()), "ALTER INDEX ergen_renaming_index_0 RENAME TO idx_a_b_d;")
	conn := pgtest.Conn(t)
	if _, err := conn.Exec(ctx, ddl(t, load(t, "new.er", v2))); err != nil {
		t.Fatal(err)
	}
	if err := apply(conn, planWithDown(t, v1, v2).Down); err != nil {
		t.Errorf("the way back: %v", err)
	}
}

// Names traded go through temporary names, ergen_renaming_N, which must
// be free: a column of the table, or an index of the schema, may have the
// first ones. Here two foreign key columns swap names beside a column
// ergen_renaming_0, and their indexes swap theirs beside an index
// ergen_renaming_0; the values stay with their columns.
func TestTemporaryNamesTaken(t *testing.T) {
	v1 := `
entity User { id serial pk }
entity Post {
  id               serial pk
  ergen_renaming_0 integer
  index (ergen_renaming_0) as ergen_renaming_0
}
relationship User 1:N Post as author
relationship User 1:N Post as editor
`
	v2 := strings.Replace(v1, "relationship User 1:N Post as author\nrelationship User 1:N Post as editor\n",
		"relationship User 1:N Post as author {\n  column editor_id was author_id\n}\nrelationship User 1:N Post as editor {\n  column author_id was editor_id\n}\n", 1)
	conn := pgtest.Conn(t)
	plan := convergeAfter(t, conn, v1, v2,
		`UPDATE posts SET author_id = (SELECT min(id) FROM users), editor_id = (SELECT max(id) FROM users)`)
	contains(t, string(plan.Script()), "RENAME COLUMN author_id TO ergen_renaming_1;", "ALTER INDEX idx_posts_author_id RENAME TO ergen_renaming_1;")
	var wrong int
	if err := conn.QueryRow(ctx, `SELECT count(*) FROM posts WHERE editor_id <> (SELECT min(id) FROM users) OR author_id <> (SELECT max(id) FROM users)`).Scan(&wrong); err != nil || wrong != 0 {
		t.Errorf("%d row(s) lost their values: %v", wrong, err)
	}
}
