package migrate_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/generator/migrate"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

// TestIntervalRewrites changes an interval column's fields and precision
// as a typmod change, and checks on the server that the plan says a
// rewrite exactly when PostgreSQL writes the table anew (its file node
// changes): never to a plain interval or to finer fields; always to
// coarser fields, or to fewer digits of the seconds.
func TestIntervalRewrites(t *testing.T) {
	for _, c := range []struct {
		from, to string
		rewrites bool
	}{
		{"interval(3)", "interval", false},
		{"interval day to minute", "interval day to second", false},
		{"interval minute", "interval(3)", false},
		{"interval", "interval(3)", true},
		{"interval day to second", "interval day to minute", true},
		{"interval(3)", "interval second(2)", true},
	} {
		t.Run(fmt.Sprintf("%s to %s", c.from, c.to), func(t *testing.T) {
			v1 := "entity Shift {\n  id serial pk\n  length " + c.from + "\n}\n"
			checkRewrite(t, v1, strings.Replace(v1, c.from, c.to, 1), c.rewrites)
		})
	}
}

// TestTypeChangeRewrites does the same for the other type changes
// PostgreSQL makes in place, and some close to them that it does not: the
// plan says a rewrite exactly when the table's file node changes.
func TestTypeChangeRewrites(t *testing.T) {
	const domains = "domain Plain integer\ndomain Positive integer check (value > 0)\ndomain Name text\n"
	for _, c := range []struct {
		from, to string
		rewrites bool
	}{
		{"text", "varchar", false},
		{"text", "varchar(20)", true},
		{"timestamp(3)", "timestamp", false},
		{"timestamp(3)", "timestamp(6)", false},
		{"timestamp", "timestamp(3)", true},
		{"timestamptz(0)", "timestamptz(3)", false},
		{"timestamptz(3)", "timestamptz(0)", true},
		{"time(3)", "time", false},
		{"timetz(2)", "timetz(4)", false},
		{"Plain", "integer", false},
		{"integer", "Plain", false},
		{"integer", "Positive", true},
		{"Positive", "integer", false},
		{"Name", "text", true},
		{"text", "Name", true},
		{"Name", "varchar", true},
		{"integer", "bigint", true},
	} {
		t.Run(fmt.Sprintf("%s to %s", c.from, c.to), func(t *testing.T) {
			v1 := domains + "entity Shift {\n  id serial pk\n  value " + c.from + "\n}\n"
			checkRewrite(t, v1, strings.Replace(v1, "value "+c.from, "value "+c.to, 1), c.rewrites)
		})
	}
}

// checkRewrite migrates the table shifts from v1 to v2 on PostgreSQL and
// checks that the plan says it rewrites the table exactly when the server
// writes it anew (its file node changes), and that it does as rewrites
// says.
func checkRewrite(t *testing.T, v1, v2 string, rewrites bool) {
	t.Helper()
	conn := pgtest.Conn(t)
	var before, after uint32
	node := "SELECT relfilenode FROM pg_class WHERE relname = 'shifts'"
	plan := convergeWith(t, conn, pgtest.Conn(t), v1, v2, migrate.Options{Allow: []string{"rewrite"}},
		func(plan *migrate.Plan, _ string) error {
			if err := conn.QueryRow(ctx, node).Scan(&before); err != nil {
				return err
			}
			if err := apply(conn, plan); err != nil {
				return err
			}
			return conn.QueryRow(ctx, node).Scan(&after)
		})
	planned := slices.ContainsFunc(plan.Steps, func(s *migrate.Step) bool { return s.Rewrites })
	if server := before != after; server != rewrites || planned != rewrites {
		t.Errorf("rewrites: server %v, plan %v, want %v\n%s", server, planned, rewrites, plan.Script())
	}
}
