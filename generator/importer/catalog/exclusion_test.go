package catalog_test

import (
	"context"
	"slices"
	"testing"

	"github.com/ergen-dev/ergen/internal/pgtest"
)

// An exclusion constraint's operator is read by the name a model writes
// only where the model's DDL, WITH &&, resolves that name to it for the
// key's type: an operator of public or of the model's schema with exactly
// the key's argument types (&& of int4range, in range_ops' family) wins
// over pg_catalog's && of anyrange, so the constraint over pg_catalog's
// is read as OPERATOR(pg_catalog.&&), and the one over the other by its
// name; for a key of another type (tstzrange), pg_catalog's is found.
func TestReadExclusionOperatorShadowed(t *testing.T) {
	for _, schema := range []string{"public", "app"} {
		conn := pgtest.Conn(t) // a database each: range_ops' family takes one && of int4range
		exec(t, conn, `CREATE SCHEMA IF NOT EXISTS app;
CREATE FUNCTION `+schema+`.ovl(a int4range, b int4range) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT a && b';
CREATE OPERATOR `+schema+`.&& (leftarg = int4range, rightarg = int4range, function = `+schema+`.ovl, commutator = OPERATOR(`+schema+`.&&));
ALTER OPERATOR FAMILY range_ops USING gist ADD OPERATOR 3 `+schema+`.&& (int4range, int4range);
CREATE TABLE `+schema+`.slots (id int PRIMARY KEY, r int4range NOT NULL, e int4range NOT NULL, t tstzrange);
ALTER TABLE `+schema+`.slots ADD CONSTRAINT slots_catalog EXCLUDE USING gist (r WITH OPERATOR(pg_catalog.&&), t WITH &&);
ALTER TABLE `+schema+`.slots ADD CONSTRAINT slots_expr EXCLUDE USING gist ((r * e) WITH OPERATOR(pg_catalog.&&));
ALTER TABLE `+schema+`.slots ADD CONSTRAINT slots_own EXCLUDE USING gist (r WITH OPERATOR(`+schema+`.&&));
SET search_path = `+schema+`, public`)
		var taken string
		exec(t, conn, "CREATE TABLE probe (r int4range, EXCLUDE USING gist (r WITH &&))")
		if err := conn.QueryRow(context.Background(), `SELECT o.oprnamespace::regnamespace::text FROM pg_constraint c
JOIN pg_operator o ON o.oid = c.conexclop[1] WHERE c.conrelid = 'probe'::regclass`).Scan(&taken); err != nil || taken != schema {
			t.Fatalf("WITH && of an int4range key takes the && of %s, not %s's (%v)", taken, schema, err)
		}
		exec(t, conn, "DROP TABLE probe; RESET search_path")
		tbl := read(t, conn, schema).Table("slots")
		for name, want := range map[string][]string{
			"slots_catalog": {"OPERATOR(pg_catalog.&&)", "&&"},
			"slots_expr":    {"OPERATOR(pg_catalog.&&)"},
			"slots_own":     {"&&"},
		} {
			if x := tbl.Exclusion(name); x == nil || !slices.Equal(x.Operators, want) {
				t.Errorf("%s: exclusion %s: %+v, want operators %q", schema, name, x, want)
			}
		}
	}
}
