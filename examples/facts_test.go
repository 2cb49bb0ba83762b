package examples_test

import (
	"slices"
	"testing"

	pgcatalog "github.com/ergen-dev/ergen/generator/importer/catalog"
	"github.com/ergen-dev/ergen/generator/model"
)

// facts are what an example's domain sources (the seeds it was written
// from) say its database must do, checked on the catalog and by running
// the deletes and updates they describe. They are written out here, not
// derived from the model, so that a model or emitter mistake cannot
// confirm itself.
type facts struct {
	catalog   func(t *testing.T, s *model.Schema, c *pgcatalog.Catalog)
	behaviour func(t *testing.T, d *db)
}

var exampleFacts = map[string]facts{
	"shopflow": {shopflowCatalog, shopflowBehaviour},
	"contacts": {contactsCatalog, contactsBehaviour},
	"products": {productsCatalog, productsBehaviour},
	"company":  {companyCatalog, companyBehaviour},
	"retail":   {retailCatalog, retailBehaviour},
}

// cat wraps a catalog with lookups that fail the test when something is
// missing.
type cat struct {
	t *testing.T
	c *pgcatalog.Catalog
}

func (c cat) table(name string) *pgcatalog.Table {
	c.t.Helper()
	t := c.c.Table(name)
	if t == nil {
		c.t.Fatalf("no table %q", name)
	}
	return t
}

func (c cat) column(table, name string) *pgcatalog.Column {
	c.t.Helper()
	col := c.table(table).Column(name)
	if col == nil {
		c.t.Fatalf("no column %s.%s", table, name)
	}
	return col
}

// fk checks a foreign key: columns, referenced table and columns, actions.
func (c cat) fk(table, name string, cols []string, ref string, refCols []string, onDelete, onUpdate string) {
	c.t.Helper()
	fk := c.table(table).ForeignKey(name)
	if fk == nil {
		c.t.Errorf("no foreign key %s on %s", name, table)
		return
	}
	if !slices.Equal(fk.Columns, cols) || fk.RefTable != ref || !slices.Equal(fk.RefColumns, refCols) {
		c.t.Errorf("%s: %v -> %s %v, want %v -> %s %v", name, fk.Columns, fk.RefTable, fk.RefColumns, cols, ref, refCols)
	}
	if fk.OnDelete != onDelete || fk.OnUpdate != onUpdate {
		c.t.Errorf("%s: ON DELETE %s ON UPDATE %s, want ON DELETE %s ON UPDATE %s", name, fk.OnDelete, fk.OnUpdate, onDelete, onUpdate)
	}
}

func (c cat) notNull(table, column string, want bool) {
	c.t.Helper()
	if got := c.column(table, column).NotNull; got != want {
		c.t.Errorf("%s.%s NOT NULL = %v, want %v", table, column, got, want)
	}
}

func (c cat) primaryKey(table string, cols ...string) {
	c.t.Helper()
	pk := c.table(table).PrimaryKey
	if pk == nil || !slices.Equal(pk.Columns, cols) {
		c.t.Errorf("%s primary key = %+v, want (%v)", table, pk, cols)
	}
}

// unique checks that a UNIQUE constraint over exactly cols exists.
func (c cat) unique(table string, cols ...string) {
	c.t.Helper()
	for _, k := range c.table(table).Uniques {
		if slices.Equal(k.Columns, cols) {
			return
		}
	}
	c.t.Errorf("%s has no UNIQUE (%v): %+v", table, cols, c.table(table).Uniques)
}

// indexed checks that some index leads with cols.
func (c cat) indexed(table string, cols ...string) {
	c.t.Helper()
	if c.table(table).IndexLeadingWith(cols) == nil {
		c.t.Errorf("no index of %s leads with %v", table, cols)
	}
}

// shopflow: seed "Foreign Keys and Relationships: Linking Tables".
func shopflowCatalog(t *testing.T, s *model.Schema, c *pgcatalog.Catalog) {
	k := cat{t, c}
	k.notNull("orders", "user_id", true)
	k.fk("orders", "fk_orders_user", []string{"user_id"}, "users", []string{"id"}, pgcatalog.Restrict, pgcatalog.Cascade)
	k.fk("order_items", "fk_order_items_order", []string{"order_id"}, "orders", []string{"id"}, pgcatalog.Cascade, pgcatalog.Cascade)
	k.fk("order_items", "fk_order_items_product", []string{"product_id"}, "products", []string{"id"}, pgcatalog.Restrict, pgcatalog.Cascade)
	k.unique("order_items", "order_id", "product_id")
	k.notNull("products", "category_id", false)
	k.fk("products", "fk_products_category", []string{"category_id"}, "categories", []string{"id"}, pgcatalog.SetNull, pgcatalog.NoAction)
	// The profile's key is the user's: PRIMARY KEY (user_id), also the FK.
	k.primaryKey("user_profiles", "user_id")
	k.fk("user_profiles", "fk_user_profiles_user", []string{"user_id"}, "users", []string{"id"}, pgcatalog.Cascade, pgcatalog.NoAction)
	k.unique("users", "email")
	for _, ix := range [][]string{{"orders", "user_id"}, {"order_items", "order_id"}, {"order_items", "product_id"}, {"products", "category_id"}} {
		k.indexed(ix[0], ix[1])
	}
	if d := k.column("orders", "status").Default; !d.Equal("'pending'") {
		t.Errorf("orders.status default = %s, want 'pending'", d)
	}
}

func shopflowBehaviour(t *testing.T, d *db) {
	setup := []string{
		"INSERT INTO users (id, name, email) VALUES (1, 'Ann', 'ann@x'), (2, 'Bob', 'bob@x'), (3, 'Cy', 'cy@x')",
		"INSERT INTO user_profiles (user_id, bio) VALUES (1, 'a'), (2, 'b')",
		"INSERT INTO categories (id, name, slug) VALUES (1, 'Books', 'books')",
		"INSERT INTO products (id, category_id, name, price) VALUES (1, 1, 'Go', 30), (2, 1, 'SQL', 20), (3, NULL, 'Pen', 1)",
		"INSERT INTO orders (id, user_id) VALUES (1, 1), (2, 1), (3, 3)",
		"INSERT INTO order_items (order_id, product_id, quantity, price_at_purchase) VALUES (1, 1, 1, 30), (1, 2, 2, 20), (2, 2, 1, 20), (3, 3, 5, 1)",
	}
	d.scenario(t, "delete a user with orders is refused", setup, func(t *testing.T, x *tx) {
		x.wantError(t, "DELETE FROM users WHERE id = 1", "23503", "fk_orders_user")
		x.want(t, "SELECT count(*) FROM orders WHERE user_id = 1", "2")
	})
	d.scenario(t, "delete an order deletes its items", setup, func(t *testing.T, x *tx) {
		x.exec(t, "DELETE FROM orders WHERE id = 1")
		x.want(t, "SELECT order_id, product_id FROM order_items ORDER BY order_id, product_id", "2,2", "3,3")
	})
	d.scenario(t, "delete a category uncategorises its products", setup, func(t *testing.T, x *tx) {
		x.exec(t, "DELETE FROM categories WHERE id = 1")
		x.want(t, "SELECT id, category_id FROM products ORDER BY id", "1,NULL", "2,NULL", "3,NULL")
	})
	d.scenario(t, "delete a user without orders deletes the profile", setup, func(t *testing.T, x *tx) {
		x.exec(t, "DELETE FROM users WHERE id = 2")
		x.want(t, "SELECT user_id FROM user_profiles ORDER BY user_id", "1")
	})
	d.scenario(t, "delete an ordered product is refused", setup, func(t *testing.T, x *tx) {
		x.wantError(t, "DELETE FROM products WHERE id = 2", "23503", "fk_order_items_product")
	})
	d.scenario(t, "a user's new id follows to the orders", setup, func(t *testing.T, x *tx) {
		x.exec(t, "UPDATE users SET id = 30 WHERE id = 3")
		x.want(t, "SELECT id, user_id FROM orders WHERE id = 3", "3,30")
	})
	d.scenario(t, "a product's new id follows to the order items", setup, func(t *testing.T, x *tx) {
		x.exec(t, "UPDATE products SET id = 20 WHERE id = 2")
		x.want(t, "SELECT order_id, product_id FROM order_items WHERE product_id IN (2, 20) ORDER BY order_id", "1,20", "2,20")
	})
	d.scenario(t, "an order line appears once per product", setup, func(t *testing.T, x *tx) {
		x.wantError(t, "INSERT INTO order_items (order_id, product_id, quantity, price_at_purchase) VALUES (1, 1, 1, 30)", "23505", "uq_order_items_order_id_product_id")
		x.wantError(t, "INSERT INTO order_items (order_id, product_id, quantity, price_at_purchase) VALUES (2, 1, 0, 30)", "23514", "ck_order_items_quantity")
	})
}

// contacts: customers and contacts, ON DELETE SET NULL.
func contactsCatalog(t *testing.T, s *model.Schema, c *pgcatalog.Catalog) {
	k := cat{t, c}
	k.fk("contacts", "fk_customer", []string{"customer_id"}, "customers", []string{"customer_id"}, pgcatalog.SetNull, pgcatalog.NoAction)
	k.notNull("contacts", "customer_id", false)
	for _, col := range [][2]string{{"customers", "customer_id"}, {"contacts", "contact_id"}} {
		if got := k.column(col[0], col[1]).Identity; got != "ALWAYS" {
			t.Errorf("%s.%s identity = %q, want ALWAYS", col[0], col[1], got)
		}
	}
	if got := k.column("customers", "customer_name").Type; got != "character varying(255)" {
		t.Errorf("customers.customer_name is %s, want character varying(255)", got)
	}
	k.indexed("contacts", "customer_id")
}

func contactsBehaviour(t *testing.T, d *db) {
	setup := []string{
		// Explicit ids: sequences do not roll back with a scenario.
		"INSERT INTO customers (customer_id, customer_name) OVERRIDING SYSTEM VALUE VALUES (1, 'BlueBird Inc'), (2, 'Dolphin LLC')",
		"INSERT INTO contacts (customer_id, contact_name, phone, email) VALUES (1, 'John Doe', '(408)-111-1234', 'john.doe@bluebird.dev'), (1, 'Jane Doe', NULL, NULL), (2, 'David Wright', NULL, NULL)",
	}
	d.scenario(t, "delete a customer keeps its contacts, unlinked", setup, func(t *testing.T, x *tx) {
		x.exec(t, "DELETE FROM customers WHERE customer_id = 1")
		x.want(t, "SELECT contact_name, customer_id FROM contacts ORDER BY contact_name", "David Wright,2", "Jane Doe,NULL", "John Doe,NULL")
	})
	d.scenario(t, "identity ALWAYS refuses an explicit id", setup, func(t *testing.T, x *tx) {
		x.wantError(t, "INSERT INTO customers (customer_id, customer_name) VALUES (9, 'X')", "428C9", "")
	})
	d.scenario(t, "a contact of a missing customer is refused", setup, func(t *testing.T, x *tx) {
		x.wantError(t, "INSERT INTO contacts (customer_id, contact_name) VALUES (99, 'Nobody')", "23503", "fk_customer")
	})
}

// products: the PostgreSQL manual's natural keys and composite FK.
func productsCatalog(t *testing.T, s *model.Schema, c *pgcatalog.Catalog) {
	k := cat{t, c}
	k.primaryKey("order_items", "product_no", "order_id")
	k.fk("order_items", "fk_order_items_product", []string{"product_no"}, "products", []string{"product_no"}, pgcatalog.Restrict, pgcatalog.NoAction)
	k.fk("order_items", "fk_order_items_order", []string{"order_id"}, "orders", []string{"order_id"}, pgcatalog.Cascade, pgcatalog.NoAction)
	k.unique("other_table", "c1", "c2")
	k.fk("t1", "fk_t1_other_table", []string{"b", "c"}, "other_table", []string{"c1", "c2"}, pgcatalog.NoAction, pgcatalog.NoAction)
	k.notNull("t1", "b", false)
	k.notNull("t1", "c", false)
	k.primaryKey("t1", "a")
	k.indexed("t1", "b", "c")
	k.indexed("order_items", "order_id")
}

func productsBehaviour(t *testing.T, d *db) {
	setup := []string{
		"INSERT INTO products (product_no, name, price) VALUES (1, 'Cheese', 9.99), (2, 'Bread', 1.99)",
		"INSERT INTO orders (order_id, shipping_address) VALUES (10, 'here'), (11, 'there')",
		"INSERT INTO order_items (product_no, order_id, quantity) VALUES (1, 10, 1), (2, 10, 3), (2, 11, 1)",
		"INSERT INTO other_table (c1, c2) VALUES (1, 2), (3, 4)",
		"INSERT INTO t1 (a, b, c) VALUES (1, 1, 2), (2, NULL, 4)",
	}
	d.scenario(t, "delete an ordered product is refused", setup, func(t *testing.T, x *tx) {
		x.wantFK(t, "DELETE FROM products WHERE product_no = 1", "order_items", "products")
	})
	d.scenario(t, "delete an order deletes its items", setup, func(t *testing.T, x *tx) {
		x.exec(t, "DELETE FROM orders WHERE order_id = 10")
		x.want(t, "SELECT product_no, order_id FROM order_items", "2,11")
		x.exec(t, "DELETE FROM products WHERE product_no = 1")
	})
	d.scenario(t, "delete a referenced pair is refused", setup, func(t *testing.T, x *tx) {
		x.wantFK(t, "DELETE FROM other_table WHERE c1 = 1", "t1", "other_table")
		// (NULL, 4) matches nothing under MATCH SIMPLE: (3, 4) may go.
		x.exec(t, "DELETE FROM other_table WHERE c1 = 3")
	})
	d.scenario(t, "the pair must exist as a whole", setup, func(t *testing.T, x *tx) {
		x.wantFK(t, "INSERT INTO t1 (a, b, c) VALUES (3, 1, 4)", "t1", "other_table")
	})
}

// company: SET DEFAULT to department 3 and a self-reference SET NULL.
func companyCatalog(t *testing.T, s *model.Schema, c *pgcatalog.Catalog) {
	k := cat{t, c}
	if d := k.column("employee", "dept_id").Default; !d.Equal("3") {
		t.Errorf("employee.dept_id default = %s, want 3", d)
	}
	k.fk("employee", "fk_employee_department", []string{"dept_id"}, "department", []string{"dept_id"}, pgcatalog.SetDefault, pgcatalog.NoAction)
	k.fk("employee", "fk_employee_manager", []string{"manager_id"}, "employee", []string{"emp_id"}, pgcatalog.SetNull, pgcatalog.NoAction)
	k.notNull("employee", "manager_id", false)
	k.indexed("employee", "dept_id")
	k.indexed("employee", "manager_id")
}

func companyBehaviour(t *testing.T, d *db) {
	setup := []string{
		"INSERT INTO department VALUES (1, 'HR'), (2, 'IT'), (3, 'Finance')",
		"INSERT INTO employee (emp_id, first_name, last_name, dept_id) VALUES (1, 'Annie', 'Smith', 1)",
		"INSERT INTO employee (emp_id, first_name, last_name, dept_id, manager_id) VALUES (2, 'Susan', 'Klassen', 1, 1), (3, 'May', 'Kaasman', 2, 1)",
	}
	d.scenario(t, "delete a department moves its employees to department 3", setup, func(t *testing.T, x *tx) {
		x.exec(t, "DELETE FROM department WHERE dept_id = 1")
		x.want(t, "SELECT emp_id, dept_id FROM employee ORDER BY emp_id", "1,3", "2,3", "3,2")
	})
	d.scenario(t, "delete a manager leaves the reports unmanaged", setup, func(t *testing.T, x *tx) {
		x.exec(t, "DELETE FROM employee WHERE emp_id = 1")
		x.want(t, "SELECT emp_id, manager_id FROM employee ORDER BY emp_id", "2,NULL", "3,NULL")
	})
	d.scenario(t, "without department 3 the default has nowhere to go", setup, func(t *testing.T, x *tx) {
		x.exec(t, "UPDATE employee SET dept_id = 2 WHERE dept_id = 3")
		x.exec(t, "DELETE FROM department WHERE dept_id = 3")
		x.wantFK(t, "DELETE FROM department WHERE dept_id = 1", "employee", "department")
	})
}

// retail: singular table names, "order" quoted, a UNIQUE 1:1.
func retailCatalog(t *testing.T, s *model.Schema, c *pgcatalog.Catalog) {
	k := cat{t, c}
	k.table("order")
	k.notNull("order", "customer_id", true)
	k.fk("order", "fk_order_customer", []string{"customer_id"}, "customer", []string{"customer_id"}, pgcatalog.Restrict, pgcatalog.NoAction)
	k.primaryKey("order_item", "order_id", "product_id")
	k.fk("order_item", "fk_order_item_order", []string{"order_id"}, "order", []string{"order_id"}, pgcatalog.Cascade, pgcatalog.NoAction)
	k.fk("order_item", "fk_order_item_product", []string{"product_id"}, "product", []string{"product_id"}, pgcatalog.Restrict, pgcatalog.NoAction)
	k.unique("loyalty_card", "customer_id")
	k.notNull("loyalty_card", "customer_id", true)
	k.fk("loyalty_card", "fk_loyalty_card_customer", []string{"customer_id"}, "customer", []string{"customer_id"}, pgcatalog.Cascade, pgcatalog.NoAction)
	k.primaryKey("loyalty_card", "card_no")
	k.indexed("order", "customer_id")
	k.indexed("order_item", "product_id")
}

func retailBehaviour(t *testing.T, d *db) {
	setup := []string{
		"INSERT INTO customer (customer_id, full_name, email) VALUES (1, 'Ann', 'ann@x'), (2, 'Bob', 'bob@x')",
		`INSERT INTO "order" (order_id, customer_id) VALUES (1, 1)`,
		"INSERT INTO product (product_id, sku, name, unit_price) VALUES (1, 'P1', 'Pen', 1.50)",
		"INSERT INTO order_item (order_id, product_id, quantity) VALUES (1, 1, 2)",
		"INSERT INTO loyalty_card (card_no, customer_id) VALUES ('C1', 1), ('C2', 2)",
	}
	d.scenario(t, "delete a customer with orders is refused", setup, func(t *testing.T, x *tx) {
		x.wantFK(t, "DELETE FROM customer WHERE customer_id = 1", "order", "customer")
	})
	d.scenario(t, "delete a customer without orders deletes the card", setup, func(t *testing.T, x *tx) {
		x.exec(t, "DELETE FROM customer WHERE customer_id = 2")
		x.want(t, "SELECT card_no FROM loyalty_card", "C1")
	})
	d.scenario(t, "delete an order deletes its items, then its customer may go", setup, func(t *testing.T, x *tx) {
		x.exec(t, `DELETE FROM "order" WHERE order_id = 1`)
		x.want(t, "SELECT count(*) FROM order_item", "0")
		x.exec(t, "DELETE FROM customer WHERE customer_id = 1")
		x.want(t, "SELECT card_no FROM loyalty_card", "C2")
	})
	d.scenario(t, "delete an ordered product is refused", setup, func(t *testing.T, x *tx) {
		x.wantFK(t, "DELETE FROM product WHERE product_id = 1", "order_item", "product")
	})
	d.scenario(t, "one card per customer", setup, func(t *testing.T, x *tx) {
		x.wantError(t, "INSERT INTO loyalty_card (card_no, customer_id) VALUES ('C3', 1)", "23505", "uq_loyalty_card_customer_id")
	})
	d.scenario(t, "an order date defaults to today", setup, func(t *testing.T, x *tx) {
		x.want(t, `SELECT order_date = current_date FROM "order"`, "t")
	})
}
