package migrate_test

import (
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/generator/migrate"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

// An FK column narrower than its key (integer toward bigint) is widened to
// the key's type, or kept while the key alone widens: either way the
// foreign key stays and the database converges on NEW's DDL.
func TestRetypeNarrowForeignKey(t *testing.T) {
	v1 := `
entity Artist { id bigint pk }
entity Album {
  id        serial pk
  artist_id integer
}
relationship Artist 1:N Album { on delete cascade }
`
	v2 := strings.ReplaceAll(v1, "artist_id integer", "artist_id bigint")
	plan := converge(t, pgtest.Conn(t), pgtest.Conn(t), v1, v2, migrate.Options{Allow: []string{"rewrite"}})
	contains(t, string(plan.Script()), "ALTER TABLE albums ALTER COLUMN artist_id TYPE bigint USING artist_id::bigint;")

	// The key widens; the FK column, declared integer, stays as it is.
	w1 := strings.ReplaceAll(v1, "id bigint pk", "id integer pk")
	plan = converge(t, pgtest.Conn(t), pgtest.Conn(t), w1, v1, migrate.Options{Allow: []string{"rewrite"}})
	script := string(plan.Script())
	contains(t, script, "ALTER TABLE artists ALTER COLUMN id TYPE bigint USING id::bigint;")
	if strings.Contains(script, "ALTER COLUMN artist_id") {
		t.Errorf("the declared integer FK column was retyped:\n%s", script)
	}
}
