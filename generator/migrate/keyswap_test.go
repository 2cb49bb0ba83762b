package migrate_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/generator/migrate"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

// A primary key whose columns change keeps its name: its new index is
// built concurrently under a temporary name, then, in one transaction,
// the old key is dropped and the new one added over that index, which
// takes the key's name. The table has a primary key after every step, so
// that updates and deletes on a table published with REPLICA IDENTITY
// DEFAULT go on while the index is built.
func TestPrimaryKeyColumnsChange(t *testing.T) {
	v1 := "entity Item {\n  id     integer\n  tenant integer\n  name   text\n  pk (id)\n}\n"
	for _, pk := range []string{"pk (id, tenant)", "pk (tenant, id)"} {
		t.Run(pk, func(t *testing.T) {
			conn := pgtest.Conn(t)
			plan := convergeWith(t, conn, pgtest.Conn(t), v1, strings.Replace(v1, "pk (id)", pk, 1), migrate.Options{},
				func(plan *migrate.Plan, _ string) error {
					for _, s := range plan.Steps {
						if err := apply(conn, &migrate.Plan{Steps: []*migrate.Step{s}}); err != nil {
							return err
						}
						var keys int
						if err := conn.QueryRow(ctx, "SELECT count(*) FROM pg_constraint WHERE conrelid = 'items'::regclass AND contype = 'p'").Scan(&keys); err != nil {
							return err
						}
						if keys != 1 {
							return fmt.Errorf("after %q the table has %d primary keys", s.What, keys)
						}
					}
					return nil
				})
			contains(t, string(plan.Script()), "ALTER TABLE items DROP CONSTRAINT pk_items;", "ALTER TABLE items ADD CONSTRAINT pk_items PRIMARY KEY USING INDEX ergen_new_pk_items;")
			// Run again once complete, it keeps NEW's key.
			if err := rerun(conn, plan); err != nil {
				t.Fatalf("run again: %v\n%s", err, plan.Script())
			}
			var def string
			if err := conn.QueryRow(ctx, "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'items'::regclass AND contype = 'p'").Scan(&def); err != nil || def != "PRIMARY KEY "+strings.TrimPrefix(pk, "pk ") {
				t.Errorf("key %q (%v) once run again, want NEW's", def, err)
			}
			var indexes int
			if err := conn.QueryRow(ctx, "SELECT count(*) FROM pg_index WHERE indrelid = 'items'::regclass").Scan(&indexes); err != nil || indexes != 1 {
				t.Errorf("%d indexes (%v) once run again, want the key's", indexes, err)
			}
		})
	}
}
