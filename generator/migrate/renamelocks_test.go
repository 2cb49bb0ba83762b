package migrate_test

import (
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/internal/pgtest"
)

// Renaming a partitioned entity renames its foreign keys, whose copies in
// the partitions keep their names: PostgreSQL locks the partitioned table
// alone, and the plan claims no more (apply compares the locks held with
// the ones claimed). Its checks, which the partitions inherit, are
// renamed in every partition, under their locks.
func TestRenamePartitionedLocks(t *testing.T) {
	const v1 = `
schema renamelocks

entity User {
  region text
  num    integer
  pk (region, num)
  partition by hash (region, num)
  partition users_0 with (modulus 2, remainder 0)
  partition users_1 with (modulus 2, remainder 1)
}

relationship User 1:N User as manager {
  references (region, num)
  optional
}
`
	// Each model has a schema of its own, which converge drops after it.
	conn, fresh := pgtest.Conn(t), pgtest.Conn(t)
	rename := func(src string) string {
		src = strings.Replace(src, "entity User {", "entity Member was User {", 1)
		return strings.ReplaceAll(src, "relationship User 1:N User", "relationship Member 1:N Member")
	}
	converge(t, conn, fresh, v1, rename(v1), allowAll)
	withCheck := strings.Replace(v1, "  num    integer\n", "  num    integer check (num <> 0)\n", 1)
	withCheck = strings.Replace(withCheck, "schema renamelocks", "schema renamelocks_ck", 1)
	converge(t, conn, fresh, withCheck, rename(withCheck), allowAll)
}
