package importer_test

import (
	"testing"

	"github.com/ergen-dev/ergen/generator/importer/catalog"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

// tenantSchema keys every table by (tenant_id, id); a post's keys to its
// board and its author share its tenant_id.
const tenantSchema = `
CREATE TABLE tenants (id bigint PRIMARY KEY);
CREATE TABLE boards (tenant_id bigint REFERENCES tenants, id bigint, PRIMARY KEY (tenant_id, id));
CREATE TABLE users  (tenant_id bigint REFERENCES tenants, id bigint, PRIMARY KEY (tenant_id, id));
CREATE TABLE posts  (tenant_id bigint NOT NULL REFERENCES tenants, id bigint, board_id bigint NOT NULL, author_id bigint,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, board_id) REFERENCES boards ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, author_id) REFERENCES users ON DELETE SET NULL (author_id));
`

func TestImportSharedColumns(t *testing.T) {
	conn := pgtest.Conn(t)
	before, after, res, err := roundTrip(t, conn, tenantSchema, "public")
	if err != nil {
		t.Fatalf("%v\n--- imported:\n%s", err, resSource(res))
	}
	if len(res.Notes) > 0 {
		t.Errorf("notes: %v\n--- imported:\n%s", res.Notes, res.Source)
	}
	if d := catalog.Diff(after, before); len(d) > 0 {
		t.Errorf("the round trip changed the catalog: %v\n--- imported:\n%s", d, res.Source)
	}
	contains(t, res, "tenant_id bigint", "columns (tenant_id, board_id)", "columns (tenant_id, author_id)",
		"on delete set null (author_id)", "relationship Tenant 1:N Post {")

	// An optional key over a NOT NULL tenant_id without a SET NULL list;
	// and one whose SET NULL would change the shared column, which a
	// model refuses (the column is nullable here, so PostgreSQL takes it).
	res = importCase(t, conn, `CREATE TABLE users (tenant_id integer, id integer, PRIMARY KEY (tenant_id, id));
		CREATE TABLE boards (tenant_id integer, id integer, PRIMARY KEY (tenant_id, id));
		CREATE TABLE posts (id serial PRIMARY KEY, tenant_id integer NOT NULL, board_id integer NOT NULL, author_id integer,
		FOREIGN KEY (tenant_id, board_id) REFERENCES boards, FOREIGN KEY (tenant_id, author_id) REFERENCES users ON DELETE CASCADE);
		CREATE TABLE drafts (id serial PRIMARY KEY, tenant_id integer, board_id integer, author_id integer,
		FOREIGN KEY (tenant_id, board_id) REFERENCES boards, CONSTRAINT drafts_author FOREIGN KEY (tenant_id, author_id) REFERENCES users ON DELETE SET NULL);`)
	contains(t, res, "columns (tenant_id, author_id)", "author_id integer?")
	noted(t, res, "foreign key drafts_author: ON DELETE SET NULL changes column tenant_id, which another foreign key shares")
}
