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

// TestNamedModifiersReachTheType checks the DDL of types whose modifiers
// are names on a server without PostGIS, which is all it can: PostgreSQL
// parses public.geometry(Point,4326) and stops only at the missing type
// (a syntax error would stop it earlier), and a type that has a modifier
// input function, reached by a qualified name, gets the name written
// (pg_catalog.varchar(Point) fails in varchar's, which wants a number).
func TestNamedModifiersReachTheType(t *testing.T) {
	conn := pgtest.Conn(t)
	for _, c := range []struct{ typ, state, msg string }{
		{"public.geometry(Point, 4326)", "42704", `type "public.geometry" does not exist`},
		{"geography(LineString,4326)[]", "42704", `type "geography[]" does not exist`},
		{"pg_catalog.varchar(Point)", "22P02", `"point"`},
	} {
		s := testkit.MustResolve(t, "t.er", []byte("entity Site {\n  id bigint pk\n  at "+c.typ+"\n}\n"))
		ddl := string(emit(t, s))
		_, err := conn.Exec(context.Background(), ddl)
		var pe *pgconn.PgError
		if !errors.As(err, &pe) || pe.Code != c.state || !strings.Contains(pe.Message, c.msg) {
			t.Errorf("%s: got %v; want SQLSTATE %s, %s\n%s", c.typ, err, c.state, c.msg, ddl)
		}
	}
}
