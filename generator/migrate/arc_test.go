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
