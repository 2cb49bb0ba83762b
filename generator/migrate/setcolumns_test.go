package migrate_test

import (
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/generator/migrate"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

// A column list added to ON DELETE SET NULL, or removed, replaces the
// foreign key in one transaction; the database converges on NEW's DDL,
// confdelsetcols included.
func TestChangeSetNullColumns(t *testing.T) {
	v1 := `
entity Member {
  tenant_id integer
  member_id integer
  pk (tenant_id, member_id)
}
entity Note {
  id        serial pk
  tenant_id integer?
  author_id integer?
}
relationship Member 1:N Note as author {
  columns (tenant_id, author_id)
  on delete set null
}
`
	v2 := strings.ReplaceAll(v1, "on delete set null", "on delete set null (author_id)")
	plan := converge(t, pgtest.Conn(t), pgtest.Conn(t), v1, v2, migrate.Options{})
	contains(t, string(plan.Script()), "ON DELETE SET NULL (author_id)")
	plan = converge(t, pgtest.Conn(t), pgtest.Conn(t), v2, v1, migrate.Options{})
	if script := string(plan.Script()); !strings.Contains(script, "DROP CONSTRAINT fk_notes_author") {
		t.Errorf("removing the column list left the foreign key as it was:\n%s", script)
	}
}
