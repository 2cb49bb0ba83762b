package migrate_test

import (
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/ergen-dev/ergen/generator/migrate"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

// junctionSrc is a model with an M:N between Order (or what it is
// renamed to) and Product: header is written after the two entities,
// body inside the relationship's block.
func junctionSrc(order, header, body string) string {
	return "entity " + order + " {\n  id serial pk\n}\n\nentity Product {\n  id serial pk\n}\n\nrelationship " +
		strings.Fields(order)[0] + " M:N Product" + header + " {\n  quantity integer\n" + body + "}\n"
}

// checkJunctionRename converges OLD to NEW with a row in the junction,
// checks that the junction was renamed (want), that nothing was dropped
// or created, that the row keeps its values in table, and that the way
// back is planned, as renames again.
func checkJunctionRename(t *testing.T, oldSrc, newSrc, from, table string, want ...string) {
	t.Helper()
	conn := pgtest.Conn(t)
	plan := convergeAfter(t, conn, oldSrc, newSrc, "UPDATE "+from+" SET quantity = 42")
	script := string(plan.Script())
	contains(t, script, want...)
	if strings.Contains(script, "DROP") || strings.Contains(script, "CREATE") {
		t.Errorf("a junction rename dropped or created something:\n%s", script)
	}
	kept(t, conn, table)
	down := planWithDown(t, oldSrc, newSrc).Down
	if s := string(down.Script()); !strings.Contains(s, "RENAME TO "+from+";") || strings.Contains(s, "DROP") {
		t.Errorf("the way back does not rename %s back:\n%s", from, s)
	}
	if err := apply(conn, down); err != nil {
		t.Fatalf("down: %v", err)
	}
	kept(t, conn, from)
	if plan, diags := diff(t, newSrc, newSrc, migrate.Options{}); diags.HasErrors() || !plan.Empty() {
		t.Errorf("diff of NEW with itself: %v\n%s", diags, plan.Script())
	}
}

// kept checks that every row of table has the quantity set before the
// migration.
func kept(t *testing.T, conn *pgx.Conn, table string) {
	t.Helper()
	var rows, set int
	if err := conn.QueryRow(ctx, "SELECT count(*), count(*) FILTER (WHERE quantity = 42) FROM "+table).Scan(&rows, &set); err != nil {
		t.Fatal(err)
	}
	if rows == 0 || set != rows {
		t.Errorf("%s has %d rows, %d of them with their quantity", table, rows, set)
	}
}

// A junction OLD derived from its entities is renamed by `via NEW was via
// DERIVED`, DERIVED written as a via (OrderProduct) or as the table name,
// with or without a rename of an entity.
func TestDerivedJunctionRenames(t *testing.T) {
	old := junctionSrc("Order", "", "")
	for _, c := range []struct{ name, new, table string }{
		{"as a via", junctionSrc("Order", " via OrderLine was via OrderProduct", ""), "order_lines"},
		{"as the table", junctionSrc("Order", " via OrderLine was via order_products", ""), "order_lines"},
		{"with the entity", junctionSrc("Purchase was Order", " via PurchaseLine was via OrderProduct", ""), "purchase_lines"},
	} {
		t.Run(c.name, func(t *testing.T) {
			checkJunctionRename(t, old, c.new, "order_products", c.table,
				"ALTER TABLE order_products RENAME TO "+c.table+";",
				"RENAME CONSTRAINT pk_order_products TO pk_"+c.table+";")
		})
	}
}

// `via NAME` without `was via` where OLD derived the junction's name is a
// new junction: a drop and an add, refused with a hint to declare the
// rename.
func TestDerivedJunctionNeedsWas(t *testing.T) {
	_, diags := diff(t, junctionSrc("Order", "", ""), junctionSrc("Order", " via OrderLine", ""), migrate.Options{})
	if !strings.Contains(diags.Error(), "error ER210: table order_lines is new and order_products is gone, with the same columns (write `via NEW was via order_products`") {
		t.Errorf("a via replacing a derived junction was not refused with a hint to write was: %v", diags)
	}
	_, diags = diff(t, junctionSrc("Order", "", ""), junctionSrc("Order", " via OrderLine was via OrderItem", ""), migrate.Options{})
	if want := "new.er:9:54: error: junction OrderLine was OrderItem, but the old model has no junction OrderItem"; !strings.Contains(diags.Error(), want) {
		t.Errorf("got %v, want %s", diags, want)
	}
}

// Removing a junction's `via` gives it back the name derived from its
// entities: a rename, since OLD's via names the old junction, with every
// derived name, an entity's rename included.
func TestDroppedViaRenames(t *testing.T) {
	for _, c := range []struct{ name, old, new, table string }{
		{"via removed", junctionSrc("Order", " via OrderItem", ""), junctionSrc("Order", "", ""), "order_products"},
		{"with the entity", junctionSrc("Order", " via OrderItem", ""), junctionSrc("Purchase was Order", "", ""), "purchase_products"},
	} {
		t.Run(c.name, func(t *testing.T) {
			checkJunctionRename(t, c.old, c.new, "order_items", c.table,
				"ALTER TABLE order_items RENAME TO "+c.table+";",
				"RENAME CONSTRAINT pk_order_items TO pk_"+c.table+";")
		})
	}
}

// A junction's `table "..."` belongs to its relationship: changing,
// adding or removing it renames the junction and every name derived from
// it, as it does an entity's table.
func TestJunctionTableChanges(t *testing.T) {
	table := func(name string) string { return "  table \"" + name + "\"\n" }
	for _, c := range []struct{ name, old, new, from, to string }{
		{"changed", junctionSrc("Order", "", table("items")), junctionSrc("Order", "", table("lines")), "items", "lines"},
		{"added", junctionSrc("Order", "", ""), junctionSrc("Order", "", table("lines")), "order_products", "lines"},
		{"removed", junctionSrc("Order", " via OrderItem", table("lines")), junctionSrc("Order", " via OrderItem", ""), "lines", "order_items"},
		{"with the entity", junctionSrc("Order", "", table("items")), junctionSrc("Purchase was Order", "", table("lines")), "items", "lines"},
	} {
		t.Run(c.name, func(t *testing.T) {
			checkJunctionRename(t, c.old, c.new, c.from, c.to,
				"ALTER TABLE "+c.from+" RENAME TO "+c.to+";",
				"RENAME CONSTRAINT pk_"+c.from+" TO pk_"+c.to+";")
		})
	}
}

// orderItems is an M:N between order (or what it is renamed to) and
// Product, header written after the two entities, whose junction declares
// attr, with an index in its block over the attribute named col.
func orderItems(order, header, attr, col string) string {
	return "entity " + order + " {\n  id serial pk\n}\n\nentity Product {\n  id serial pk\n}\n\nrelationship " +
		strings.Fields(order)[0] + " M:N Product" + header + " {\n  " + attr + "\n  index (" + col + ")\n}\n"
}

// An attribute of an M:N's block renamed with `was` renames the junction's
// column, and the names derived from it, before any other change of the
// column (its type, its default) is applied to the new name; with the
// junction or an entity renamed too. The rows keep their values, and the
// way back renames it back. Applied, the `was` is stale: NEW diffed with
// itself plans nothing.
func TestJunctionAttributeRenames(t *testing.T) {
	old := orderItems("Order", " via OrderItem", "quantity smallint check (quantity > 0)", "quantity")
	renamed := "qty smallint check (qty > 0) was quantity"
	rewrite := migrate.Options{Allow: []string{"rewrite"}}
	for _, c := range []struct {
		name, new, table string
		opts             migrate.Options
		want             []string
	}{
		{"renamed", orderItems("Order", " via OrderItem", renamed, "qty"), "order_items", migrate.Options{}, nil},
		{"renamed and retyped with a default", orderItems("Order", " via OrderItem", "qty integer = 1 check (qty > 0) was quantity", "qty"), "order_items", rewrite,
			[]string{"ALTER TABLE order_items ALTER COLUMN qty TYPE integer USING qty::integer;", "ALTER TABLE order_items ALTER COLUMN qty SET DEFAULT 1;"}},
		{"with the junction", orderItems("Order", " via OrderLine was via OrderItem", renamed, "qty"), "order_lines", migrate.Options{},
			[]string{"ALTER TABLE order_items RENAME TO order_lines;"}},
		{"via removed", orderItems("Order", "", renamed, "qty"), "order_products", migrate.Options{},
			[]string{"ALTER TABLE order_items RENAME TO order_products;"}},
		{"with the entity", orderItems("Purchase was Order", " via OrderItem", renamed, "qty"), "order_items", migrate.Options{},
			[]string{"ALTER TABLE order_items RENAME COLUMN order_id TO purchase_id;"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			checkAttributeRename(t, old, c.new, c.table, c.opts, c.want...)
		})
	}
}

// checkAttributeRename converges OLD to NEW, which renames the junction
// attribute quantity of order_items to qty in table, with rows in the
// junction: the plan renames the column and its index, then holds want,
// in that order, drops and adds nothing, and the rows keep their values.
// A plan without a rewrite has a way back, which renames qty back.
func checkAttributeRename(t *testing.T, oldSrc, newSrc, table string, opts migrate.Options, want ...string) {
	t.Helper()
	conn := pgtest.Conn(t)
	const values = "(product_id % 2) * 2 + 7" // 7 and 9
	plan := convergeWith(t, conn, pgtest.Conn(t), oldSrc, newSrc, opts, func(plan *migrate.Plan, _ string) error {
		if _, err := conn.Exec(ctx, "UPDATE order_items SET quantity = "+values); err != nil {
			return err
		}
		return apply(conn, plan)
	})
	script := string(plan.Script())
	rename := "ALTER TABLE " + table + " RENAME COLUMN quantity TO qty;"
	contains(t, script, append([]string{rename, "ALTER INDEX idx_order_items_quantity RENAME TO idx_" + table + "_qty;"}, want...)...)
	if strings.Contains(script, "DROP") || strings.Contains(script, "ADD COLUMN") {
		t.Errorf("a renamed junction attribute was dropped and added:\n%s", script)
	}
	if i := strings.Index(script, "ALTER COLUMN"); i >= 0 && i < strings.Index(script, rename) {
		t.Errorf("the column changed before it was renamed:\n%s", script)
	}
	var rows, kept int
	if err := conn.QueryRow(ctx, "SELECT count(*), count(*) FILTER (WHERE qty = "+values+") FROM "+table).Scan(&rows, &kept); err != nil {
		t.Fatal(err)
	}
	if rows == 0 || kept != rows {
		t.Errorf("%s has %d rows, %d of them with their quantity", table, rows, kept)
	}
	if plan, diags := diff(t, newSrc, newSrc, migrate.Options{}); diags.HasErrors() || !plan.Empty() {
		t.Errorf("diff of NEW with itself: %v\n%s", diags, plan.Script())
	}
	if len(opts.Allow) > 0 {
		return
	}
	down := planWithDown(t, oldSrc, newSrc).Down
	if s := string(down.Script()); !strings.Contains(s, "RENAME COLUMN qty TO quantity;") || strings.Contains(s, "DROP") {
		t.Errorf("the way back does not rename qty back:\n%s", s)
	}
	if err := apply(conn, down); err != nil {
		t.Fatalf("down: %v", err)
	}
	if err := conn.QueryRow(ctx, "SELECT count(*) FILTER (WHERE quantity = "+values+") FROM order_items").Scan(&kept); err != nil || kept != rows {
		t.Errorf("back in order_items, %d of %d rows with their quantity (%v)", kept, rows, err)
	}
}

// A `was` on a junction attribute that names no attribute of the old
// model's M:N is an error at the old name, as on an entity; so is one
// whose old and new names the old model both declares.
func TestJunctionAttributeWasNamesNothing(t *testing.T) {
	old := orderItems("Order", " via OrderItem", "quantity smallint", "quantity")
	newSrc := orderItems("Order", " via OrderItem", "qty smallint was quantitty", "qty")
	_, diags := diff(t, old, newSrc, migrate.Options{})
	refused(t, diags, old, newSrc, `new.er:10:20: error: relationship Order M:N Product: attribute qty was quantitty, but the old model's junction has no such attribute
 10 |   qty smallint was quantitty
    |                    ^^^^^^^^^
    = hint: `+"`was`"+` names the attribute as the old model declares it in the relationship's block
`)
	both := strings.Replace(old, "  index", "  qty smallint\n  index", 1)
	_, diags = diff(t, both, orderItems("Order", " via OrderItem", "qty smallint was quantity", "qty"), migrate.Options{})
	if want := "new.er:10:20: error: relationship Order M:N Product: attribute qty was quantity, but the old model has both"; len(diags) != 1 || diags[0].Error() != want {
		t.Errorf("got %v, want %s", diags, want)
	}
}
