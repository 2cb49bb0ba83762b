package migrate_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/generator/migrate"
	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

// castTypes are the types whose casts TestCastable checks, pair by pair:
// every type the language has a keyword for, PostgreSQL's own types it
// takes by name, arrays, an enum and a domain.
var castTypes = []string{"smallint", "integer", "bigint", "numeric(10,2)", "real", "double precision",
	"varchar(20)", "char(3)", "text", "boolean", "date", "time", "timetz", "timestamp", "timestamptz", "interval",
	"uuid", "json", "jsonb", "bytea", "inet", "cidr", "Mood", "Positive",
	"integer[]", "bigint[]", "text[]", "uuid[]", "Mood[]",
	"money", "tsvector", "tsquery", "xml", "jsonpath", "point", "line", "lseg", "box", "path", "polygon", "circle",
	"macaddr", "macaddr8", "bit(4)", "varbit", "int4range", "int8range", "numrange", "tsrange", "tstzrange", "daterange",
	"int4multirange", "datemultirange", "oid", "pg_lsn", "regclass"}

// The casts ergen knows are the ones PostgreSQL has: for every pair of
// types, castable says yes exactly when PostgreSQL runs the USING
// expression a type change writes.
func TestCastable(t *testing.T) {
	var src strings.Builder
	src.WriteString("enum Mood { happy sad }\ndomain Positive integer check (value > 0)\nentity Sample {\n  id serial pk\n")
	for i, ty := range castTypes {
		fmt.Fprintf(&src, "  c%d %s\n", i, ty)
	}
	src.WriteString("}\n")
	s := load(t, "casts.er", src.String())
	conn := pgtest.Conn(t)
	if _, err := conn.Exec(ctx, ddl(t, s)); err != nil {
		t.Fatal(err)
	}
	cols := s.Tables[0].Columns[1:]
	for _, from := range cols {
		for _, to := range cols {
			using := "NULL::" + s.TypeSQL(from.Type)
			if from.Type.Base == model.EnumType || to.Type.Base == model.EnumType {
				using += "::text"
			}
			_, err := conn.Exec(ctx, "SELECT "+using+"::"+s.TypeSQL(to.Type))
			if got := migrate.Castable(from.Type, to.Type); got != (err == nil) {
				t.Errorf("castable(%s, %s) = %v; PostgreSQL: %v", from.Type.SQL(), to.Type.SQL(), got, err)
			}
		}
	}
}

// A type change PostgreSQL has no cast for is refused at plan time, at
// the attribute, with a hint to convert the values in a new attribute;
// one it has a cast for is planned, through text where that is the cast.
func TestNoCastRefused(t *testing.T) {
	old := "entity Event {\n  id serial pk\n  day date\n  ref uuid\n}\n"
	_, diags := diff(t, old, strings.Replace(old, "day date", "day integer", 1), migrate.Options{Allow: []string{"rewrite"}})
	want := "new.er:3:3: error ER212: column events.day changes from date to integer: PostgreSQL has no cast between these types, so ALTER COLUMN ... TYPE would fail"
	if len(diags) != 1 || diags[0].Error() != want || !strings.HasPrefix(diags[0].Hint, "add an attribute of the new type beside it") {
		t.Errorf("got %v, want %s", diags, want)
	}
	plan := converge(t, pgtest.Conn(t), pgtest.Conn(t), old, strings.Replace(old, "ref uuid", "ref text", 1), migrate.Options{Allow: []string{"rewrite"}})
	contains(t, string(plan.Script()), "ALTER COLUMN ref TYPE text USING ref::text;")
}

// An integer becomes bit(n) through its own cast to bit(n), its low n
// bits: PostgreSQL has no cast from integer to the type without its
// length, which a shortened bit string goes through.
func TestIntegerToBit(t *testing.T) {
	v1 := "entity Flag {\n  id   serial pk\n  bits integer\n}\n"
	v2 := strings.Replace(v1, "bits integer", "bits bit(8)", 1)
	conn := pgtest.Conn(t)
	plan := convergeWith(t, conn, pgtest.Conn(t), v1, v2, migrate.Options{Allow: []string{"rewrite"}}, func(plan *migrate.Plan, _ string) error {
		if _, err := conn.Exec(ctx, "UPDATE flags SET bits = 256 + 5"); err != nil {
			return err
		}
		return apply(conn, plan)
	})
	contains(t, string(plan.Script()), "ALTER COLUMN bits TYPE bit(8) USING bits::bit(8);")
	var wrong int
	if err := conn.QueryRow(ctx, "SELECT count(*) FROM flags WHERE bits <> B'00000101'").Scan(&wrong); err != nil || wrong != 0 {
		t.Errorf("%d row(s) without their low 8 bits: %v", wrong, err)
	}
}
