package migrate_test

import (
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/generator/migrate"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

// An exclusive arc that gains a parent, or becomes optional, changes its
// CHECK and adds the new parent's foreign key; the database converges on
// NEW's DDL.
func TestChangeArc(t *testing.T) {
	v1 := `
entity Post { id serial pk }
entity Photo { id serial pk }
entity Video { id serial pk }
entity Comment { id serial pk }
relationship Post | Photo 1:N Comment { on delete cascade }
`
	v2 := strings.ReplaceAll(v1, "Post | Photo 1:N Comment { on delete cascade }", "Post | Photo | Video 1:N Comment { optional; on delete cascade }")
	plan := converge(t, pgtest.Conn(t), pgtest.Conn(t), v1, v2, migrate.Options{})
	contains(t, string(plan.Script()), "num_nonnulls(post_id, photo_id, video_id) <= 1", "fk_comments_video")
}

// A renamed parent of an arc whose default role named a declared column:
// the column stays, and the arc's foreign key to the parent takes its new
// column, pinned by its parent's name (see TestRenameLeavesForeignKeyColumn,
// which checks the values kept; fill leaves no row in an arc's table here).
func TestRenameArcParentLeavesColumn(t *testing.T) {
	v1 := `
entity Post { id serial pk }
entity Photo { id serial pk }
entity Comment {
  id      serial pk
  post_id integer?
}
relationship Post | Photo 1:N Comment { optional }
`
	v2 := strings.NewReplacer("entity Post", "entity Article was Post", "relationship Post", "relationship Article").Replace(v1)
	plan := converge(t, pgtest.Conn(t), pgtest.Conn(t), v1, v2, migrate.Options{})
	contains(t, string(plan.Script()), "ALTER TABLE posts RENAME TO articles;", "ALTER TABLE comments ADD COLUMN IF NOT EXISTS article_id integer;",
		"num_nonnulls(article_id, photo_id) <= 1")
}

// Renaming an arc's second parent renames its table, its derived FK
// column and the names built from it, as for the first parent.
func TestRenameArcSecondParent(t *testing.T) {
	v1 := `
entity Post { id serial pk }
entity Photo { id serial pk }
entity Comment {
  id      serial pk
  post_id integer?
}
relationship Post | Photo 1:N Comment { optional }
`
	v2 := strings.NewReplacer("entity Photo", "entity Picture was Photo", "| Photo", "| Picture").Replace(v1)
	plan := converge(t, pgtest.Conn(t), pgtest.Conn(t), v1, v2, migrate.Options{})
	contains(t, string(plan.Script()), "ALTER TABLE photos RENAME TO pictures;", "ALTER TABLE comments RENAME COLUMN photo_id TO picture_id;",
		"ALTER TABLE comments RENAME CONSTRAINT ck_comments_post_photo_arc TO ck_comments_post_picture_arc;")
}
