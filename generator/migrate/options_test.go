package migrate_test

import (
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/generator/migrate"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

// TestIndexOptionsConverge migrates to a model whose indexes and keys use
// every option the language has (method, expression keys, sort order,
// INCLUDE, a predicate, NULLS NOT DISTINCT), whose optional composite FK
// gains MATCH FULL, and which needs an extension: each index is built
// with its whole definition (a unique key that gains INCLUDE and NULLS NOT
// DISTINCT is rebuilt), and the catalog ends as NEW's DDL makes it.
func TestIndexOptionsConverge(t *testing.T) {
	v1 := `
entity Account {
  id      serial pk
  email   text
  handle  text
  tags    text[]?
  deleted timestamptz?
  index (handle)
  unique (email)
}

entity Region {
  code text
  num  integer
  pk (code, num)
}

relationship Region 1:N Account {
  optional
}
`
	v2 := `
extension pg_trgm

entity Account {
  id      serial pk
  email   text
  handle  text
  tags    text[]?
  deleted timestamptz?
  index (handle desc nulls last)
  index (lower(email)) where (deleted is null)
  index (tags) using gin
  index (handle gin_trgm_ops) using gin as account_handle_trgm
  unique (email) include (handle) nulls not distinct
}

entity Region {
  code text
  num  integer
  pk (code, num)
}

relationship Region 1:N Account {
  optional
  match full
}
`
	plan := converge(t, pgtest.Conn(t), pgtest.Conn(t), v1, v2, migrate.Options{})
	script := string(plan.Script())
	for _, want := range []string{
		"CREATE EXTENSION IF NOT EXISTS pg_trgm;",
		"CREATE INDEX CONCURRENTLY idx_accounts_lower_email_partial ON accounts (lower(email)) WHERE (deleted is null);",
		"USING gin (tags)",
		"MATCH FULL",
		"DROP CONSTRAINT IF EXISTS uq_accounts_email;",
		"INCLUDE (handle) NULLS NOT DISTINCT",
	} {
		if !strings.Contains(script, want) {
			t.Errorf("the script has no %q:\n%s", want, script)
		}
	}
}
