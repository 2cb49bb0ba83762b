package postgres_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/ergen-dev/ergen/internal/pgtest"
	"github.com/ergen-dev/ergen/internal/testkit"
)

// TestGinOperatorClasses holds the model's rule for a gin index on a
// column without an operator class to the server's: each column type the
// model accepts builds its index on PostgreSQL, and each it refuses,
// PostgreSQL refuses too, for want of a default operator class.
func TestGinOperatorClasses(t *testing.T) {
	conn := pgtest.Conn(t)
	ctx := context.Background()
	for _, c := range []struct {
		typ, extension string
		accepted       bool
	}{
		{typ: "integer[]", accepted: true},
		{typ: "jsonb", accepted: true},
		{typ: "document", accepted: true}, // a domain over jsonb
		{typ: "tags", accepted: true},     // a domain over text[]
		{typ: "tsvector", accepted: true},
		{typ: "integer", extension: "btree_gin", accepted: true},
		{typ: "text", extension: "btree_gin", accepted: true},
		{typ: "text"},
		{typ: "integer"},
		{typ: "json"},
		{typ: "uuid"},
	} {
		src := "domain document jsonb\ndomain tags text[]\n"
		if c.extension != "" {
			src += "extension " + c.extension + "\n"
		}
		src += "entity Page {\n  id bigint pk\n  body " + c.typ + "\n  index (body) using gin\n}\n"
		s, diags := testkit.Resolve(t, "t.er", []byte(src))
		if got := len(diags) == 0; got != c.accepted {
			t.Errorf("%s (extension %q): model accepts the index: %v, want %v; %v", c.typ, c.extension, got, c.accepted, diags)
			continue
		}
		if !c.accepted {
			// The DDL the model would have written, by hand.
			src = "CREATE TABLE page (id bigint PRIMARY KEY, body " + c.typ + ");\nCREATE INDEX ON page USING gin (body);"
		} else {
			src = string(emit(t, s))
		}
		tx, err := conn.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		_, err = tx.Exec(ctx, src)
		tx.Rollback(ctx)
		var pe *pgconn.PgError
		switch {
		case c.accepted && err != nil:
			t.Errorf("%s (extension %q): the model accepts it, PostgreSQL refuses: %v\n%s", c.typ, c.extension, describe(err), src)
		case !c.accepted && (!errors.As(err, &pe) || !strings.Contains(pe.Message, "has no default operator class for access method \"gin\"")):
			t.Errorf("%s: the model refuses it, PostgreSQL says %v", c.typ, err)
		}
	}
}
