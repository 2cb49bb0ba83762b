package migrate_test

import (
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/generator/migrate"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

// A new key that takes the name of a unique index OLD has, built alike,
// takes that index with USING INDEX: dropping it first and building it
// again would leave the column without uniqueness while the build runs.
// One built otherwise is dropped and built anew.
func TestKeyTakesUniqueIndexOfItsName(t *testing.T) {
	v1 := "entity User {\n  id    integer pk\n  email text\n  unique index (email) as users_email_key\n}\n"
	v2 := strings.Replace(v1, "unique index (email) as users_email_key", "unique (email) as users_email_key", 1)
	plan, before, after := convergeFilenode(t, pgtest.Conn(t), v1, v2, migrate.Options{}, "users_email_key")
	script := string(plan.Script())
	if strings.Contains(script, "DROP INDEX") || strings.Contains(script, "CREATE UNIQUE INDEX") || before != after {
		t.Errorf("index %d -> %d, want it kept, and the script neither drops nor builds it:\n%s", before, after, script)
	}
	contains(t, script, "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;")
	// Over other columns: dropped, then built as the key's.
	v3 := strings.Replace(v2, "unique (email)", "unique (email, id)", 1)
	plan = converge(t, pgtest.Conn(t), pgtest.Conn(t), v1, v3, migrate.Options{})
	contains(t, string(plan.Script()), "DROP INDEX CONCURRENTLY IF EXISTS users_email_key;",
		"CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email, id);")
}
