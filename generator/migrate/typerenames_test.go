package migrate_test

import (
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/generator/migrate"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

const typesV1 = `
enum State { 'open' 'closed' }

entity Order {
  id    serial pk
  state State
}

entity Product { id serial pk }

relationship Order M:N Product via OrderItem {
  quantity integer
  state    State?
}
`

// An enum type renamed with was (its values too), and an M:N's junction
// renamed with was via, with the entity on one side.
const typesV2 = `
enum Status was State { 'open' 'done' was 'closed' }

entity Purchase was Order {
  id    serial pk
  state Status = 'open'
}

entity Product { id serial pk }

relationship Purchase M:N Product via PurchaseLine was via OrderItem {
  quantity integer
  state    Status?
}
`

// The type, the junction table and every name derived from them are
// renamed, nothing is dropped, and the rows keep their values.
func TestEnumAndJunctionRenames(t *testing.T) {
	conn := pgtest.Conn(t)
	plan := convergeAfter(t, conn, typesV1, typesV2, `UPDATE orders SET state = 'closed' WHERE id = 1;
UPDATE order_items SET quantity = 7, state = 'closed' WHERE order_id = 1`)
	script := string(plan.Script())
	contains(t, script,
		"ALTER TYPE state RENAME VALUE 'closed' TO 'done';",
		"ALTER TYPE state RENAME TO status;",
		"ALTER TABLE order_items RENAME TO purchase_lines;",
		"ALTER TABLE purchase_lines RENAME COLUMN order_id TO purchase_id;",
		"ALTER TABLE purchase_lines RENAME CONSTRAINT pk_order_items TO pk_purchase_lines;",
		"ALTER TABLE purchase_lines RENAME CONSTRAINT fk_order_items_order TO fk_purchase_lines_purchase;",
	)
	if strings.Contains(script, "DROP") || strings.Contains(script, "CREATE") {
		t.Errorf("a rename dropped or created something:\n%s", script)
	}
	var state, lineState string
	var quantity int
	if err := conn.QueryRow(ctx, `SELECT p.state, l.quantity, l.state FROM purchases p JOIN purchase_lines l ON l.purchase_id = p.id WHERE p.id = 1`).Scan(&state, &quantity, &lineState); err != nil {
		t.Fatal(err)
	}
	if state != "done" || quantity != 7 || lineState != "done" {
		t.Errorf("renamed objects hold %q, %d, %q; want done, 7, done", state, quantity, lineState)
	}
	if plan, diags := diff(t, typesV2, typesV2, migrate.Options{}); diags.HasErrors() || !plan.Empty() {
		t.Errorf("diff of NEW with itself: %v\n%s", diags, plan.Script())
	}
}

// A was naming no enum or junction of OLD is an error, at the name.
func TestTypeWasNamesNothing(t *testing.T) {
	for _, c := range []struct{ from, to, want string }{
		{"was State", "was Stat", "new.er:2:17: error: enum Status was Stat, but the old model has no enum Stat"},
		{"was via OrderItem", "was via OrderLine", "new.er:11:60: error: junction PurchaseLine was OrderLine, but the old model has no junction OrderLine"},
		{"via PurchaseLine was", "was", "new.er:11:43: error: relationship Purchase M:N Product: `was via OrderItem` renames a junction, but the relationship names none with `via`"},
	} {
		_, diags := diff(t, typesV1, strings.Replace(typesV2, c.from, c.to, 1), migrate.Options{})
		if len(diags) == 0 || diags[0].Error() != c.want {
			t.Errorf("got %v, want %s", diags, c.want)
		}
	}
}

// An enum's type name written with `as` belongs to the enum: when it
// changes, with or without a rename of the enum, the type is renamed.
func TestEnumTypeNameChanges(t *testing.T) {
	v1 := "enum Mood { calm busy }\n\nentity Team {\n  id serial pk\n  mood Mood\n}\n"
	for _, v2 := range []string{
		strings.Replace(v1, "enum Mood {", "enum Mood as mood_t {", 1),
		strings.NewReplacer("enum Mood {", "enum Feeling as feeling_t was Mood {", "mood Mood", "mood Feeling").Replace(v1),
	} {
		plan := converge(t, pgtest.Conn(t), pgtest.Conn(t), v1, v2, migrate.Options{})
		contains(t, string(plan.Script()), "ALTER TYPE mood RENAME TO ")
		if len(plan.Steps) != 1 || plan.Steps[0].Pos.Line != 1 || plan.Steps[0].Pos.File != "new.er" {
			t.Errorf("want one step at NEW's enum:\n%s", plan.Script())
		}
	}
}

// A table name declared with `table "..."` belongs to its entity:
// changing, adding or removing it renames the table and the names derived
// from it, with or without a rename of the entity.
func TestTableNameChanges(t *testing.T) {
	src := func(entity, clause string) string {
		return "entity " + entity + " {\n  id serial pk\n  name text unique\n" + clause + "}\n\nentity Ship {\n  id serial pk\n}\n\nrelationship Crew 1:N Ship {\n  optional\n}\n"
	}
	for _, c := range []struct{ old, new, want string }{
		{src("Crew", "  table \"crew\"\n"), src("Crew", "  table \"staff\"\n"), "ALTER TABLE crew RENAME TO staff;"},
		{src("Crew", ""), src("Crew", "  table \"staff\"\n"), "ALTER TABLE crews RENAME TO staff;"},
		{src("Crew", "  table \"staff\"\n"), src("Crew", ""), "ALTER TABLE staff RENAME TO crews;"},
	} {
		plan := converge(t, pgtest.Conn(t), pgtest.Conn(t), c.old, c.new, migrate.Options{})
		contains(t, string(plan.Script()), c.want)
		if strings.Contains(string(plan.Script()), "DROP") {
			t.Errorf("a table rename dropped something:\n%s", plan.Script())
		}
	}
}

// A default naming an enum value that NEW renames is renamed with it: OLD
// still reads as valid, and the plan is the RENAME VALUE alone, which
// renames the stored default too. Each way, with down files.
func TestEnumValueRenameKeepsDefault(t *testing.T) {
	v1 := "enum Kind { a b }\n\nentity Customer {\n  id   serial pk\n  kind Kind = 'b'\n}\n"
	v2 := "enum Kind { a 'c' was 'b' }\n\nentity Customer {\n  id   serial pk\n  kind Kind = 'c'\n}\n"
	plan := converge(t, pgtest.Conn(t), pgtest.Conn(t), v1, v2, migrate.Options{})
	if script := string(plan.Script()); len(plan.Steps) != 1 || !strings.Contains(script, "ALTER TYPE kind RENAME VALUE 'b' TO 'c';") {
		t.Errorf("want the value renamed and nothing else:\n%s", script)
	}
	// OLD's default is another value: the way back renames the value NEW's
	// default names.
	v1a := strings.Replace(v1, "= 'b'", "= 'a'", 1)
	converge(t, pgtest.Conn(t), pgtest.Conn(t), v1a, v2, migrate.Options{})
	for _, old := range []string{v1, v1a} {
		if down := planWithDown(t, old, v2).Down; !strings.Contains(string(down.Script()), "RENAME VALUE 'c' TO 'b'") {
			t.Errorf("the way back from %q does not rename the value back:\n%s", old, down.Script())
		}
	}
}
