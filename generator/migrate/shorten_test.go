package migrate_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/ergen-dev/ergen/generator/migrate"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

// Types shortened: text to varchar(10), varchar(20) to varchar(5),
// char(6) to char(3), varbit(20) to varbit(16), text to a domain over
// varchar(5), and a domain's base from text to varchar(5). Every value
// that fits is kept as it was; a value too long makes the step fail with
// 22001 and leaves the table as it was, where a cast to the shorter type
// would cut it.
func TestShortenedTypes(t *testing.T) {
	v1 := `
domain Code text
entity Customer {
  id    serial pk
  name  text
  code  varchar(20)
  tag   char(6)?
  flags varbit(20)?
  label text?
  ref   Code?
}
`
	v2 := strings.NewReplacer("name  text", "name  varchar(10)", "varchar(20)", "varchar(5)", "char(6)", "char(3)",
		"varbit(20)", "varbit(16)", "label text", "label Short", "domain Code text", "domain Code varchar(5)\ndomain Short varchar(5)").Replace(v1)
	rewrite := migrate.Options{Allow: []string{"rewrite"}}
	// The rows converge's fill inserts, given values of their own.
	const rows = `UPDATE customers SET (name, code, tag, flags, label, ref) = ('Bart', 'AB-12', 'xyz', B'1011', 'short', 'r1')
  WHERE id = (SELECT min(id) FROM customers);
UPDATE customers SET (name, code, tag, flags, label, ref) = ('Featherst', 'C', 'q', NULL, NULL, NULL)
  WHERE id = (SELECT max(id) FROM customers)`
	const values = `SELECT string_agg(concat_ws('|', name, code, tag, flags::text, label, ref), ';' ORDER BY name) FROM customers`
	conn := pgtest.Conn(t)
	plan := convergeWith(t, conn, pgtest.Conn(t), v1, v2, rewrite, func(plan *migrate.Plan, _ string) error {
		if _, err := conn.Exec(ctx, rows); err != nil {
			return err
		}
		return apply(conn, plan)
	})
	script := string(plan.Script())
	for _, cut := range []string{"::varchar(", "::char(", "::bpchar(", "::varbit(", "::short", "::code"} {
		if strings.Contains(script, cut) {
			t.Errorf("a USING casts to a length, which cuts a longer value (%s):\n%s", cut, script)
		}
	}
	var got string
	if err := conn.QueryRow(ctx, values).Scan(&got); err != nil || got != "Bart|AB-12|xyz|1011|short|r1;Featherst|C|q  " {
		t.Errorf("values after the migration: %q, %v", got, err)
	}

	// Each column in turn shortened, over a value too long for it.
	for _, c := range []struct{ col, from, to, long string }{
		{"name", "name  text", "name  varchar(10)", "'Bartholomew Featherstonehaugh'"},
		{"code", "varchar(20)", "varchar(5)", "'AB-123'"},
		{"tag", "char(6)", "char(3)", "'abcd'"},
		{"flags", "varbit(20)", "varbit(16)", "B'10110101101011010'"},
		{"label", "label text", "label Short", "'longer'"},
		{"ref", "domain Code text", "domain Code varchar(5)", "'r12345'"},
	} {
		t.Run(c.col, func(t *testing.T) {
			v2 := strings.Replace(v1, c.from, c.to, 1)
			if c.col == "label" {
				v2 = "domain Short varchar(5)\n" + v2
			}
			shortened(t, v1, v2, "INSERT INTO customers (name, code) VALUES ('', ''), ('', ''); "+rows+"; UPDATE customers SET "+c.col+" = "+c.long+" WHERE name = 'Bart'", values, c.col != "ref")
		})
	}
}

// shortened applies the plan from v1 to v2 to rows, one of which does not
// fit: it must fail with 22001 and leave every value as it was, and every
// type when sameTypes (a domain's new base type is a new domain, made in
// a step before).
func shortened(t *testing.T, v1, v2, rows, values string, sameTypes bool) {
	plan, diags := diff(t, v1, v2, migrate.Options{Allow: []string{"rewrite"}})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	conn := pgtest.Conn(t)
	if _, err := conn.Exec(ctx, ddl(t, load(t, "old.er", v1))+"; "+rows); err != nil {
		t.Fatal(err)
	}
	const types = `SELECT string_agg(attname || ' ' || format_type(atttypid, atttypmod), ', ' ORDER BY attnum)
  FROM pg_attribute WHERE attrelid = 'customers'::regclass AND attnum > 0`
	var typesBefore, before, typesAfter, after string
	if err := conn.QueryRow(ctx, types).Scan(&typesBefore); err != nil {
		t.Fatal(err)
	}
	if err := conn.QueryRow(ctx, values).Scan(&before); err != nil {
		t.Fatal(err)
	}
	err := apply(conn, plan)
	if pgErr := (*pgconn.PgError)(nil); !errors.As(err, &pgErr) || pgErr.Code != "22001" {
		t.Errorf("the plan over a value too long: %v, want 22001", err)
	}
	if err := conn.QueryRow(ctx, types).Scan(&typesAfter); err != nil {
		t.Fatal(err)
	}
	if err := conn.QueryRow(ctx, values).Scan(&after); err != nil {
		t.Fatal(err)
	}
	if sameTypes && typesAfter != typesBefore || after != before {
		t.Errorf("the failed migration changed the table:\n%s\n%s\nto\n%s\n%s", typesBefore, before, typesAfter, after)
	}
}
