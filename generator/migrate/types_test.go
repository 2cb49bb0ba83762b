package migrate_test

import (
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/generator/migrate"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

// TestTypesByNameConverge migrates columns to and from types the language
// knows by name only, an extension's among them, and adds columns of such
// types: each change of type is a rewrite through PostgreSQL's cast, and
// the catalog ends as NEW's DDL makes it, rows kept.
func TestTypesByNameConverge(t *testing.T) {
	v1 := `
schema bytype
entity Shop {
  id     serial pk
  email  text unique
  price  numeric(10, 2)
  at     point
  tag    varchar(20)
}
`
	v2 := `
schema bytype
extension citext

entity Shop {
  id     serial pk
  email  citext unique
  price  money
  at     point
  tag    text
  body   tsvector?
  open   tstzrange?
}
`
	if _, diags := diff(t, v1, v2, migrate.Options{}); !strings.Contains(diags.Error(), "ER206: column shops.email changes from text to citext") {
		t.Errorf("a type change that rewrites the table is not refused without --allow rewrite: %v", diags)
	}
	rewrite := migrate.Options{Allow: []string{"rewrite"}}
	conn, fresh := pgtest.Conn(t), pgtest.Conn(t)
	plan := converge(t, conn, fresh, v1, v2, rewrite)
	contains(t, string(plan.Script()),
		"CREATE EXTENSION IF NOT EXISTS citext;",
		"ALTER COLUMN email TYPE citext USING email::citext",
		"ALTER COLUMN price TYPE money USING price::money",
		"ADD COLUMN body tsvector",
		"ADD COLUMN open tstzrange")
	// Back to the old types; removing an extension is left to the user.
	back := converge(t, conn, fresh, v2, "extension citext\n"+v1, migrate.Options{Allow: []string{"rewrite", "drop"}})
	contains(t, string(back.Script()), "ALTER COLUMN email TYPE text USING email::text", "ALTER COLUMN price TYPE numeric(10,2) USING price::numeric(10,2)",
		"DROP COLUMN body")
}
