package golang

import (
	"strings"
	"testing"
)

// TestSQLLines: a long statement is laid out a clause a line, a long clause
// wrapped at its list's commas (not inside a call in it) or before AND,
// and the text, with its line breaks read as spaces, is the statement.
func TestSQLLines(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"SELECT id FROM users WHERE id = $1", "SELECT id FROM users WHERE id = $1"},
		{
			"SELECT id, name, email, created_at FROM users WHERE email = $1 AND deleted_at IS NULL",
			"SELECT id, name, email, created_at\nFROM users\nWHERE email = $1 AND deleted_at IS NULL",
		},
		{
			// FROM stays with DELETE; the parenthesised FROM is not a clause.
			`DELETE FROM "Order Items" WHERE (a, b) IN (SELECT * FROM unnest($1::integer[], $2::integer[]))`,
			"DELETE FROM \"Order Items\"\nWHERE (a, b) IN (SELECT * FROM unnest($1::integer[], $2::integer[]))",
		},
		{
			"INSERT INTO t (aaaaaaaaaa, bbbbbbbbbb, cccccccccc, dddddddddd, eeeeeeeeee, ffffffffff, gggggggggg) VALUES ($1, $2, COALESCE($3::timestamptz, now()), $4, $5, $6, $7) RETURNING id",
			"INSERT INTO t (aaaaaaaaaa, bbbbbbbbbb, cccccccccc, dddddddddd, eeeeeeeeee,\n\tffffffffff, gggggggggg)\nVALUES ($1, $2, COALESCE($3::timestamptz, now()), $4, $5, $6, $7)\nRETURNING id",
		},
		{
			// Long items (a CASE per column) go one a line.
			"UPDATE orders SET user_id = CASE WHEN $2 THEN $3 ELSE user_id END, status = CASE WHEN $4 THEN $5 ELSE status END WHERE id = $1 RETURNING id, user_id, status",
			"UPDATE orders\nSET user_id = CASE WHEN $2 THEN $3 ELSE user_id END,\n\tstatus = CASE WHEN $4 THEN $5 ELSE status END\nWHERE id = $1\nRETURNING id, user_id, status",
		},
		{
			// A condition wraps before IN rather than inside its tuple.
			"SELECT a FROM t WHERE (t.aaaaaaaaaaaaaaa, t.bbbbbbbbbbbbbbb) IN (SELECT * FROM unnest($1::text[], $2::integer[]))",
			"SELECT a\nFROM t\nWHERE (t.aaaaaaaaaaaaaaa, t.bbbbbbbbbbbbbbb)\n\tIN (SELECT * FROM unnest($1::text[], $2::integer[]))",
		},
		{
			// The FROM of IS [NOT] DISTINCT FROM is no clause.
			"SELECT aaaaaaaaaaaaaaaaaaaaaa, bbbbbbbbbbbbbbbbbbbbbbbbb FROM t WHERE c IS NOT DISTINCT FROM $1 AND d IS DISTINCT FROM $2",
			"SELECT aaaaaaaaaaaaaaaaaaaaaa, bbbbbbbbbbbbbbbbbbbbbbbbb\nFROM t\nWHERE c IS NOT DISTINCT FROM $1 AND d IS DISTINCT FROM $2",
		},
		{
			// A keyword inside a quoted identifier is not a clause.
			`SELECT "a FROM b", "WHERE x", ccccccccccccccccccccc, ddddddddddddddddddddd FROM t WHERE "ORDER BY" = $1`,
			"SELECT \"a FROM b\", \"WHERE x\", ccccccccccccccccccccc, ddddddddddddddddddddd\nFROM t\nWHERE \"ORDER BY\" = $1",
		},
	} {
		got := sqlLines(c.in)
		if got != c.want {
			t.Errorf("sqlLines(%q) =\n%s\nwant\n%s", c.in, got, c.want)
		}
		if flat := strings.NewReplacer("\n\t", " ", "\n", " ").Replace(got); flat != c.in {
			t.Errorf("sqlLines(%q) changed the statement: %q", c.in, flat)
		}
	}
}

// TestDefaultAs: a default in COALESCE is cast to its column's type,
// unless it is one quoted literal, which takes the parameter's type.
func TestDefaultAs(t *testing.T) {
	for _, c := range []struct{ def, want string }{
		{"'pending'", "'pending'"},
		{"'it''s'", "'it''s'"},
		{"'a' || 'b'", "('a' || 'b')::text"},
		{"0", "(0)::text"},
		{"now()", "(now())::text"},
		{"''", "''"},
		{"'", "(')::text"},
	} {
		if got := defaultAs(c.def, "text"); got != c.want {
			t.Errorf("defaultAs(%q) = %q, want %q", c.def, got, c.want)
		}
	}
	// A number to a numeric type converts implicitly; to money it does not.
	for _, c := range []struct{ def, typ, want string }{
		{"3", "integer", "3"},
		{"-2.5", "numeric", "-2.5"},
		{"0", "numeric(10,2)", "0"},
		{"0", "money", "(0)::money"},
		{"1e3", "integer", "(1e3)::integer"},
		{"current_date", "date", "(current_date)::date"},
	} {
		if got := defaultAs(c.def, c.typ); got != c.want {
			t.Errorf("defaultAs(%q) = %q, want %q", c.def, got, c.want)
		}
	}
}
