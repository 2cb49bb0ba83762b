package migrate_test

import (
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/generator/migrate"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

// The type changes of one table's columns are one ALTER TABLE, in one
// step: PostgreSQL rewrites the table once (it says so at DEBUG1), under
// one ACCESS EXCLUSIVE lock, with the defaults dropped before and set
// after. A value too long for one of the columns fails the step, and no
// column has changed.
func TestTypeChangesRewriteOnce(t *testing.T) {
	v1 := `
entity Customer {
  id    serial pk
  score integer? = 0
  age   smallint?
  note  varchar(20)?
  name  text
}
`
	v2 := strings.NewReplacer("integer? = 0", "bigint? = 0", "smallint?", "integer?", "varchar(20)?", "varchar(10)?").Replace(v1)
	conn, notices := debugConn(t)
	plan := convergeWith(t, conn, pgtest.Conn(t), v1, v2, migrate.Options{Allow: []string{"rewrite"}}, func(plan *migrate.Plan, _ string) error {
		seen := len(notices())
		if err := apply(conn, plan); err != nil {
			return err
		}
		var rewrites []string
		for _, n := range notices()[seen:] {
			if strings.HasPrefix(n, "rewriting table") {
				rewrites = append(rewrites, n)
			}
		}
		if len(rewrites) != 1 {
			t.Errorf("the table is rewritten %d times, want once: %v", len(rewrites), rewrites)
		}
		return nil
	})
	if len(plan.Steps) != 1 {
		t.Fatalf("want one step:\n%s", plan.Script())
	}
	s := plan.Steps[0]
	if want := []string{
		"ALTER TABLE customers ALTER COLUMN score DROP DEFAULT;",
		"ALTER TABLE customers ALTER COLUMN score TYPE bigint USING score::bigint, ALTER COLUMN age TYPE integer USING age::integer, " +
			"ALTER COLUMN note TYPE varchar(10) USING note::varchar;",
		"ALTER TABLE customers ALTER COLUMN score SET DEFAULT 0;",
	}; strings.Join(s.SQL, "\n") != strings.Join(want, "\n") || !s.Rewrites || strings.Join(s.Hazards, ",") != migrate.RewriteType ||
		s.What != "change the types of customers.score to bigint, customers.age to integer, customers.note to varchar(10)" {
		t.Errorf("got %q (%v, %v):\n%s", s.What, s.Rewrites, s.Hazards, strings.Join(s.SQL, "\n"))
	}

	// The third column's value is too long: the first two keep their types.
	before := "id integer, score integer, age smallint, note character varying(20), name text"
	shortenedTable(t, v1, v2, "INSERT INTO customers (score, age, note, name) VALUES (1, 2, 'far too long a note', 'n')", before)
}

// shortenedTable applies the plan from v1 to v2 to rows, one of which
// does not fit: it must fail, the columns of customers keeping types.
func shortenedTable(t *testing.T, v1, v2, rows, types string) {
	t.Helper()
	plan, diags := diff(t, v1, v2, migrate.Options{Allow: []string{"rewrite"}})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	conn := pgtest.Conn(t)
	if _, err := conn.Exec(ctx, ddl(t, load(t, "old.er", v1))+"; "+rows); err != nil {
		t.Fatal(err)
	}
	if err := apply(conn, plan); err == nil || !strings.Contains(err.Error(), "22001") {
		t.Errorf("the plan over a value too long: %v, want 22001", err)
	}
	var got string
	if err := conn.QueryRow(ctx, `SELECT string_agg(attname || ' ' || format_type(atttypid, atttypmod), ', ' ORDER BY attnum)
  FROM pg_attribute WHERE attrelid = 'customers'::regclass AND attnum > 0`).Scan(&got); err != nil || got != types {
		t.Errorf("after the failed migration: %s (%v), want %s", got, err, types)
	}
}
