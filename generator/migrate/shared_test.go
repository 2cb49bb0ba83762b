package migrate_test

import (
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/generator/migrate"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

// A foreign key over a column another key already has (a tenant's id) is
// added NOT VALID and validated, as any foreign key, on a table with
// rows; dropping it leaves the other key and the column.
func TestSharedColumnForeignKey(t *testing.T) {
	v1 := `
entity Tenant { id bigint pk }
entity User { tenant_id bigint; id bigint; pk (tenant_id, id) }
entity Post {
  tenant_id bigint
  id        bigint
  author_id bigint?
  pk (tenant_id, id)
}
relationship Tenant 1:N User { on delete cascade }
relationship Tenant 1:N Post { on delete cascade }
`
	v2 := v1 + `relationship User 1:N Post as author {
  columns (tenant_id, author_id)
  on delete set null (author_id)
}
`
	conn := pgtest.Conn(t)
	plan := converge(t, conn, pgtest.Conn(t), v1, v2, migrate.Options{})
	script := string(plan.Script())
	var linked int
	if err := conn.QueryRow(ctx, "SELECT count(*) FROM posts WHERE author_id IS NOT NULL").Scan(&linked); err != nil || linked == 0 {
		t.Errorf("posts with an author after the migration: %d, %v; want some", linked, err)
	}
	contains(t, script,
		"ALTER TABLE posts ADD CONSTRAINT fk_posts_author FOREIGN KEY (tenant_id, author_id) REFERENCES users (tenant_id, id) ON DELETE SET NULL (author_id) ON UPDATE NO ACTION NOT VALID;",
		"ALTER TABLE posts VALIDATE CONSTRAINT fk_posts_author;")
	if strings.Contains(script, "fk_posts_tenant") || strings.Contains(script, "COLUMN") {
		t.Errorf("adding the key touched the column or the tenant's key:\n%s", script)
	}
	plan = converge(t, pgtest.Conn(t), pgtest.Conn(t), v2, v1, migrate.Options{})
	script = string(plan.Script())
	contains(t, script, "ALTER TABLE posts DROP CONSTRAINT IF EXISTS fk_posts_author;")
	if strings.Contains(script, "fk_posts_tenant") || strings.Contains(script, "COLUMN") {
		t.Errorf("dropping the key touched the column or the tenant's key:\n%s", script)
	}
}
