package postgres_test

import (
	"context"
	"testing"

	"github.com/ergen-dev/ergen/internal/pgtest"
	"github.com/ergen-dev/ergen/internal/testkit"
)

// TestCollatableTypes checks ergen's rule for `collate` against the
// server's: for each type, a column of it given a collation is accepted by
// ergen exactly when PostgreSQL's CREATE TABLE accepts it.
func TestCollatableTypes(t *testing.T) {
	conn := pgtest.Conn(t)
	ctx := context.Background()
	mustExec(t, conn, `CREATE EXTENSION citext;
CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE DOMAIN label AS text;
CREATE DOMAIN amount AS integer`)
	const decls = "extension citext\nenum Mood { happy sad }\ndomain Label text\ndomain Amount integer\n"
	for _, typ := range []string{
		"text", "varchar(20)", "char(2)", "citext", "Label", "text[]", "Label[]",
		"integer", "numeric(10, 2)", "boolean", "jsonb", "uuid", "Mood", "Amount", "integer[]", "tsvector", "daterange",
	} {
		src := decls + "entity T {\n  id integer pk\n  a " + typ + ` collate "C"` + "\n}\n"
		_, diags := testkit.Resolve(t, "t.er", []byte(src))
		ergen := !diags.HasErrors()
		sqlType := map[string]string{"Label": "label", "Label[]": "label[]", "Mood": "mood", "Amount": "amount", "numeric(10, 2)": "numeric(10,2)"}[typ]
		if sqlType == "" {
			sqlType = typ
		}
		_, err := conn.Exec(ctx, `CREATE TEMP TABLE t (a `+sqlType+` COLLATE "C"); DROP TABLE t`)
		if server := err == nil; server != ergen {
			t.Errorf("%s: PostgreSQL accepts a collation: %v (%v); ergen: %v (%v)", typ, server, err, ergen, diags)
		}
	}
}
