package migrate_test

import (
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/generator/migrate"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

// An index whose key collation changes is built again, concurrently,
// keeping the rows; a UNIQUE constraint that gains a key collation
// becomes a UNIQUE index, as NEW's DDL makes it.
func TestKeyCollationChanged(t *testing.T) {
	v1 := "entity Person {\n  id    serial pk\n  name  text\n  email text\n  index (name, id)\n  unique (email)\n}\n"
	v2 := strings.NewReplacer("index (name, id)", `index (name collate "C", id)`, "unique (email)", `unique (email collate "POSIX")`).Replace(v1)
	plan := converge(t, pgtest.Conn(t), pgtest.Conn(t), v1, v2, migrate.Options{})
	contains(t, string(plan.Script()), "DROP INDEX CONCURRENTLY IF EXISTS idx_people_name_id;",
		`CREATE INDEX CONCURRENTLY idx_people_name_id ON people (name COLLATE "C", id);`,
		`CREATE UNIQUE INDEX CONCURRENTLY uq_people_email ON people (email COLLATE "POSIX");`)
	// And back: the collations go the same way.
	plan = converge(t, pgtest.Conn(t), pgtest.Conn(t), v2, v1, migrate.Options{})
	contains(t, string(plan.Script()), "CREATE INDEX CONCURRENTLY idx_people_name_id ON people (name, id);")
}
