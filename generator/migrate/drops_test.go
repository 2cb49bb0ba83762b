package migrate_test

import (
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/generator/migrate"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

// A sequence NEW no longer declares is dropped with --allow drop, after
// the default that took from it; an extension likewise, after the index
// that used its operator class. The rows stay and the catalog is NEW's.
func TestSequenceAndExtensionDropped(t *testing.T) {
	v1 := `
extension pg_trgm
sequence refund_id_seq

entity Refund {
  id   integer = nextval('refund_id_seq'::regclass) pk
  code text
  index (code gin_trgm_ops) using gin
}
`
	v2 := `
entity Refund {
  id   integer pk
  code text
}
`
	_, diags := diff(t, v1, v2, migrate.Options{})
	var got []string
	for _, d := range diags {
		got = append(got, d.Error())
	}
	for _, want := range []string{"old.er:3:10: error ER214: sequence refund_id_seq is gone", "old.er:2:11: error ER215: extension pg_trgm is gone"} {
		if !slicesHasPrefix(got, want) {
			t.Errorf("not refused without --allow drop: want %q, got %v", want, diags)
		}
	}
	conn := pgtest.Conn(t)
	plan := converge(t, conn, pgtest.Conn(t), v1, v2, migrate.Options{Allow: []string{"drop"}})
	script := string(plan.Script())
	contains(t, script, "DROP SEQUENCE IF EXISTS refund_id_seq;", "DROP EXTENSION IF EXISTS pg_trgm;")
	if strings.Index(script, "DROP DEFAULT") > strings.Index(script, "DROP SEQUENCE") ||
		strings.Index(script, "DROP INDEX") > strings.Index(script, "DROP EXTENSION") {
		t.Errorf("the sequence or the extension is dropped before what uses it:\n%s", script)
	}
	var left int
	if err := conn.QueryRow(ctx, "SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'").Scan(&left); err != nil || left != 0 {
		t.Errorf("pg_trgm still installed (%d, %v)", left, err)
	}
}

// A default of NEW that still takes from a sequence NEW no longer
// declares is refused (ER216), whatever is allowed: NEW contradicts
// itself, and DROP SEQUENCE would fail, as would NEW's DDL.
func TestDroppedSequenceStillUsed(t *testing.T) {
	v1 := "sequence s\nentity A {\n  id integer = nextval('s'::regclass) pk\n}\n"
	v2 := "entity A {\n  id integer = nextval('s'::regclass) pk\n}\n"
	_, diags := diff(t, v1, v2, migrate.Options{Allow: []string{"drop", "rewrite"}})
	refused(t, diags, v1, v2, `new.er:2:3: error ER216: column as.id takes its default (nextval('s'::regclass)) from sequence s, which NEW no longer declares: NEW's own DDL would fail: the default calls nextval on a sequence NEW does not create
 2 |   id integer = nextval('s'::regclass) pk
   |   ^^
   = hint: declare the sequence in NEW again, or change the default (to an identity, a serial, or another sequence NEW declares)
`)
	// A string default that spells the sequence's name takes nothing from it.
	v3 := "entity A {\n  id   integer pk\n  code text = 's'\n}\n"
	if _, diags := diff(t, v1, v3, migrate.Options{Allow: []string{"drop", "rewrite"}}); len(diags) > 0 {
		t.Errorf("dropping a sequence beside a default 's' refused: %v", diags)
	}
}

// A table NEW drops, which references a table NEW keeps, loses its
// foreign key first, under ALTER TABLE IF EXISTS: the script runs again
// after the table is gone.
func TestDroppedTableForeignKeyRunsAgain(t *testing.T) {
	v1 := "entity User {\n  id serial pk\n}\nentity Post {\n  id serial pk\n}\nrelationship User 1:N Post\n"
	v2 := "entity User {\n  id serial pk\n}\n"
	conn := pgtest.Conn(t)
	plan := convergeWith(t, conn, pgtest.Conn(t), v1, v2, migrate.Options{Allow: []string{"drop"}}, func(plan *migrate.Plan, _ string) error {
		if err := apply(conn, plan); err != nil {
			return err
		}
		return rerun(conn, plan)
	})
	contains(t, string(plan.Script()), "ALTER TABLE IF EXISTS posts DROP CONSTRAINT IF EXISTS fk_posts_user;", "DROP TABLE IF EXISTS posts;")
}
