package catalog_test

import (
	"context"
	"slices"
	"testing"

	"github.com/ergen-dev/ergen/internal/pgtest"
)

// An exclusion constraint's operator is read by the name a model writes
// only where the model's DDL, WITH &&, resolves that name to it for the
// key's type on the DDL's search_path, "$user", public: an operator of
// public with exactly the key's argument types (&& of int4range, in
// range_ops' family) wins over pg_catalog's && of anyrange, so the
// constraint over pg_catalog's is read as OPERATOR(pg_catalog.&&), and
// the one over public's by its name; for a key of another type
// (tstzrange), pg_catalog's is found. An operator of the model's schema
// (app) is not on that path: WITH && finds pg_catalog's, and app's is
// read qualified.
func TestReadExclusionOperatorShadowed(t *testing.T) {
	for _, tc := range []struct {
		schema string
		takes  string // the schema of the && that WITH && takes for an int4range key
		want   map[string][]string
	}{
		{"public", "public", map[string][]string{
			"slots_catalog": {"OPERATOR(pg_catalog.&&)", "&&"},
			"slots_expr":    {"OPERATOR(pg_catalog.&&)"},
			"slots_own":     {"&&"},
		}},
		{"app", "pg_catalog", map[string][]string{
			"slots_catalog": {"&&", "&&"},
			"slots_expr":    {"&&"},
			"slots_own":     {"OPERATOR(app.&&)"},
		}},
	} {
		schema := tc.schema
		conn := pgtest.Conn(t) // a database each: range_ops' family takes one && of int4range
		exec(t, conn, `CREATE SCHEMA IF NOT EXISTS app;
CREATE FUNCTION `+schema+`.ovl(a int4range, b int4range) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT a && b';
CREATE OPERATOR `+schema+`.&& (leftarg = int4range, rightarg = int4range, function = `+schema+`.ovl, commutator = OPERATOR(`+schema+`.&&));
ALTER OPERATOR FAMILY range_ops USING gist ADD OPERATOR 3 `+schema+`.&& (int4range, int4range);
CREATE TABLE `+schema+`.slots (id int PRIMARY KEY, r int4range NOT NULL, e int4range NOT NULL, t tstzrange);
ALTER TABLE `+schema+`.slots ADD CONSTRAINT slots_catalog EXCLUDE USING gist (r WITH OPERATOR(pg_catalog.&&), t WITH &&);
ALTER TABLE `+schema+`.slots ADD CONSTRAINT slots_expr EXCLUDE USING gist ((r * e) WITH OPERATOR(pg_catalog.&&));
ALTER TABLE `+schema+`.slots ADD CONSTRAINT slots_own EXCLUDE USING gist (r WITH OPERATOR(`+schema+`.&&))`)
		var taken string
		exec(t, conn, "CREATE TABLE public.probe (r int4range, EXCLUDE USING gist (r WITH &&))")
		if err := conn.QueryRow(context.Background(), `SELECT o.oprnamespace::regnamespace::text FROM pg_constraint c
JOIN pg_operator o ON o.oid = c.conexclop[1] WHERE c.conrelid = 'public.probe'::regclass`).Scan(&taken); err != nil || taken != tc.takes {
			t.Fatalf("WITH && of an int4range key takes the && of %s, not %s's (%v)", taken, tc.takes, err)
		}
		exec(t, conn, "DROP TABLE public.probe")
		tbl := read(t, conn, schema).Table("slots")
		for name, want := range tc.want {
			if x := tbl.Exclusion(name); x == nil || !slices.Equal(x.Operators, want) {
				t.Errorf("%s: exclusion %s: %+v, want operators %q", schema, name, x, want)
			}
		}
	}
}
