package migrate_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/generator/migrate"
	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

// Tables and enum types move to NEW's schema with SET SCHEMA: the catalog
// is NEW's, the rows stay, a serial key's sequence moves with its table
// and goes on after the existing ids, and a rename in the same migration
// is applied before the move. The move points at the `schema` declaration
// that causes it: NEW's, or OLD's when NEW has none.
func TestSchemaMoves(t *testing.T) {
	body := "enum Mood { calm busy }\n\nentity Team {\n  id serial pk\n  name text\n}\n\nentity %[1]s%[2]s {\n  id serial pk\n  mood Mood\n}\n\nrelationship Team 1:N %[1]s {\n  optional\n}\n"
	source := func(schema, entity, was string) string {
		src := fmt.Sprintf(body, entity, was)
		if schema != "" {
			src = "schema " + schema + "\n\n" + src
		}
		return src
	}
	for _, c := range []struct{ name, from, to, at string }{
		{"to another schema", "shop", "store", "new.er:1:8"},
		{"from public", "", "shop", "new.er:1:8"},
		{"to public", "shop", "", "old.er:1:8"},
	} {
		t.Run(c.name, func(t *testing.T) {
			conn := pgtest.Conn(t)
			oldSrc, newSrc := source(c.from, "Member", ""), source(c.to, "Person", " was Member")
			new := load(t, "new.er", newSrc)
			plan := convergeWith(t, conn, pgtest.Conn(t), oldSrc, newSrc, migrate.Options{},
				func(plan *migrate.Plan, schema string) error {
					if err := apply(conn, plan); err != nil {
						return err
					}
					for _, table := range []string{"teams", "people"} {
						var next, max int64
						q := fmt.Sprintf("SELECT (SELECT last_value FROM pg_sequences WHERE schemaname = %s AND sequencename = %s), (SELECT max(id) FROM %s)",
							model.QuoteLiteral(schemaLabel(c.to)), model.QuoteLiteral(table+"_id_seq"), new.Qualify(table))
						if err := conn.QueryRow(ctx, q).Scan(&next, &max); err != nil {
							return fmt.Errorf("%s: %w", table, err)
						}
						if next != max {
							return fmt.Errorf("%s: the sequence is at %d, the highest id is %d", table, next, max)
						}
					}
					return nil
				})
			contains(t, string(plan.Script()), "SET SCHEMA", "RENAME TO people")
			moves := slices.IndexFunc(plan.Steps, func(s *migrate.Step) bool { return strings.HasPrefix(s.What, "move the tables") })
			if moves < 0 {
				t.Fatalf("no step moves the tables:\n%s", plan.Script())
			}
			if at := plan.Steps[moves].Pos.String(); at != c.at {
				t.Errorf("the move points at %s, want %s", at, c.at)
			}
			if strings.Contains(string(plan.Script()), "DROP") {
				t.Errorf("a move dropped something:\n%s", plan.Script())
			}
		})
	}
}

func schemaLabel(name string) string {
	if name == "" {
		return "public"
	}
	return name
}
