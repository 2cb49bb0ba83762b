package model_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/internal/testkit"

	"github.com/google/go-cmp/cmp"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator/model"
)

// load parses and resolves src, failing the test on a syntax error: the
// cases here are about the resolver.
func load(t testing.TB, src string) (*model.Schema, dsl.Diagnostics) {
	t.Helper()
	return testkit.Resolve(t, "t.er", []byte(src))
}

// mustLoad is load for inputs that must resolve without any diagnostic.
func mustLoad(t testing.TB, src string) *model.Schema {
	t.Helper()
	s, diags := load(t, src)
	if len(diags) > 0 {
		t.Fatalf("unexpected diagnostics:\n%s", strings.Join(render(diags), "\n"))
	}
	return s
}

// render lists each diagnostic as its one-line form followed by its hint.
func render(diags dsl.Diagnostics) []string {
	var out []string
	for _, d := range diags {
		out = append(out, d.Error())
		if d.Hint != "" {
			out = append(out, "= hint: "+d.Hint)
		}
	}
	return out
}

func colNames(cols []*model.Column) string {
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.Name
	}
	return strings.Join(names, ", ")
}

// describeFK is one line per foreign key: where it lives, what it
// references, its name, nullability, index and deferral.
func describeFK(fk *model.ForeignKey) string {
	req := "required"
	if !fk.Required() {
		req = "optional"
	}
	idx := "none"
	if fk.Index != nil {
		idx = fk.Index.Name
	}
	s := fmt.Sprintf("%s(%s) -> %s(%s) %s %s index=%s", fk.Table.Name, colNames(fk.Columns), fk.RefTable.Name, colNames(fk.RefColumns), fk.Name, req, idx)
	if fk.Deferred {
		s += " deferred"
	}
	return s
}

// describeSchema is every table, in order, by describeTable, and its
// foreign keys by describeFK.
func describeSchema(s *model.Schema) []string {
	var out []string
	for _, t := range s.Tables {
		out = append(out, "table "+t.Name)
		out = append(out, describeTable(t)...)
		for _, fk := range t.ForeignKeys {
			out = append(out, describeFK(fk))
		}
	}
	return out
}

// describeTable is a table's columns (name, type, NOT NULL) and keys.
func describeTable(t *model.Table) []string {
	var out []string
	for _, c := range t.Columns {
		null := " NOT NULL"
		if c.Nullable {
			null = ""
		}
		decl := ""
		if !c.Declared {
			decl = " (added)"
		}
		out = append(out, fmt.Sprintf("%s %s%s%s", c.Name, c.Type.SQL(), null, decl))
	}
	if t.PrimaryKey != nil {
		out = append(out, fmt.Sprintf("%s PRIMARY KEY (%s)", t.PrimaryKey.Name, colNames(t.PrimaryKey.Columns)))
	}
	for _, k := range t.Uniques {
		out = append(out, fmt.Sprintf("%s UNIQUE (%s)", k.Name, colNames(k.Columns)))
	}
	for _, ck := range t.Checks {
		out = append(out, fmt.Sprintf("%s CHECK %s", ck.Name, ck.Expr))
	}
	for _, ix := range t.Indexes {
		out = append(out, fmt.Sprintf("%s INDEX (%s)", ix.Name, colNames(ix.Columns)))
	}
	return out
}

func allFKs(s *model.Schema) []string {
	var out []string
	for _, rel := range s.Relationships {
		for _, fk := range rel.ForeignKeys {
			out = append(out, describeFK(fk))
		}
	}
	return out
}

func tableNamed(t *testing.T, s *model.Schema, name string) *model.Table {
	t.Helper()
	for _, tb := range s.Tables {
		if tb.Name == name {
			return tb
		}
	}
	t.Fatalf("no table %q", name)
	return nil
}

const usersOrders = `entity User { id serial pk }
entity Order { id serial pk }
`

// TestDerivedForeignKeys checks where each kind of relationship puts its
// foreign keys, how their columns are named, whether they are NOT NULL and
// which index covers them.
func TestDerivedForeignKeys(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  string
		want []string
	}{
		{"1:N puts a required FK on the N side", usersOrders + "relationship User 1:N Order", []string{
			"orders(user_id) -> users(id) fk_orders_user required index=idx_orders_user_id",
		}},
		{"optional 1:N", usersOrders + "relationship User 1:N Order { optional }", []string{
			"orders(user_id) -> users(id) fk_orders_user optional index=idx_orders_user_id",
		}},
		{"a declared nullable column makes the FK optional", `entity User { id serial pk }
entity Order {
  id serial pk
  user_id integer?
}
relationship User 1:N Order`, []string{
			"orders(user_id) -> users(id) fk_orders_user optional index=idx_orders_user_id",
		}},
		{"role names the column and the constraint", `entity Employee { id serial pk }
relationship Employee 1:N Employee as manager { optional }`, []string{
			"employees(manager_id) -> employees(id) fk_employees_manager optional index=idx_employees_manager_id",
		}},
		{"a key already prefixed by the role is kept", `entity Product { product_no integer pk }
entity Review { id serial pk }
relationship Product 1:N Review`, []string{
			"reviews(product_no) -> products(product_no) fk_reviews_product required index=idx_reviews_product_no",
		}},
		{"any other key is prefixed by the role", `entity Country { code char(2) pk }
entity City { id serial pk }
relationship Country 1:N City
relationship Country 1:N City as birth_country { optional }`, []string{
			"cities(country_code) -> countries(code) fk_cities_country required index=idx_cities_country_code",
			"cities(birth_country_code) -> countries(code) fk_cities_birth_country optional index=idx_cities_birth_country_code",
		}},
		{"composite key", `entity Order {
  order_no integer
  year integer
  pk (year, order_no)
}
entity Item { id serial pk }
relationship Order 1:N Item`, []string{
			"items(order_year, order_no) -> orders(year, order_no) fk_items_order required index=idx_items_order_year_order_no",
		}},
		{"references a unique key", `entity User {
  id serial pk
  email text unique
}
entity Login { id serial pk }
relationship User 1:N Login { references (email) }`, []string{
			"logins(user_email) -> users(email) fk_logins_user required index=idx_logins_user_email",
		}},
		{"explicit columns and constraint name", `entity User { id serial pk }
entity Order { id serial pk }
relationship User 1:N Order {
  column buyer
  constraint orders_buyer_fkey
}`, []string{
			"orders(buyer) -> users(id) orders_buyer_fkey required index=idx_orders_buyer",
		}},
		{"1:1 adds a unique key that covers the FK", `entity Customer { id serial pk }
entity Card { card_no varchar(20) pk }
relationship Customer 1:1 Card`, []string{
			"cards(customer_id) -> customers(id) fk_cards_customer required index=none",
		}},
		{"1:1 shared key is the child's primary key", `entity User { id serial pk }
entity Profile { bio text? }
relationship User 1:1 Profile shared key`, []string{
			"profiles(user_id) -> users(id) fk_profiles_user required index=none",
		}},
		{"M:N gets a junction; the left FK leads the composite key", `entity Order { id serial pk }
entity Product { id serial pk }
relationship Order M:N Product`, []string{
			"order_products(order_id) -> orders(id) fk_order_products_order required index=none",
			"order_products(product_id) -> products(id) fk_order_products_product required index=idx_order_products_product_id",
		}},
		{"M:N self-reference with roles", `entity User { id serial pk }
relationship User M:N User as follower, followed`, []string{
			"user_users(follower_id) -> users(id) fk_user_users_follower required index=none",
			"user_users(followed_id) -> users(id) fk_user_users_followed required index=idx_user_users_followed_id",
		}},
		{"M:N via a named junction with a surrogate key", `entity Order { id serial pk }
entity Product { id serial pk }
relationship Order M:N Product via OrderItem { key surrogate }`, []string{
			"order_items(order_id) -> orders(id) fk_order_items_order required index=none",
			"order_items(product_id) -> products(id) fk_order_items_product required index=idx_order_items_product_id",
		}},
		{"an index leading with the FK columns covers it", `entity User { id serial pk }
entity Order {
  id serial pk
  placed date
  index (user_id, placed)
}
relationship User 1:N Order`, []string{
			"orders(user_id) -> users(id) fk_orders_user required index=none",
		}},
		{"a unique key leading with the FK columns covers it", `entity User { id serial pk }
entity Order {
  id serial pk
  no integer
  unique (user_id, no)
}
relationship User 1:N Order`, []string{
			"orders(user_id) -> users(id) fk_orders_user required index=none",
		}},
		{"an index not leading with the FK columns does not", `entity User { id serial pk }
entity Order {
  id serial pk
  placed date
  index (placed, user_id)
}
relationship User 1:N Order`, []string{
			"orders(user_id) -> users(id) fk_orders_user required index=idx_orders_user_id",
		}},
		{"no index", usersOrders + "relationship User 1:N Order { no index }", []string{
			"orders(user_id) -> users(id) fk_orders_user required index=none",
		}},
		{"no index on one side of an M:N", `entity Order { id serial pk }
entity Product { id serial pk }
relationship Order M:N Product { no index Product }`, []string{
			"order_products(order_id) -> orders(id) fk_order_products_order required index=none",
			"order_products(product_id) -> products(id) fk_order_products_product required index=none",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := mustLoad(t, tc.src)
			if diff := cmp.Diff(tc.want, allFKs(s)); diff != "" {
				t.Errorf("foreign keys (-want +got):\n%s", diff)
			}
		})
	}
}

// TestDerivedTables checks whole tables: column order and types, added
// columns, nullability, and the default names of keys, checks and indexes.
func TestDerivedTables(t *testing.T) {
	for _, tc := range []struct {
		name, src, table string
		want             []string
	}{
		{"FK columns go after the primary key", `entity User { id bigserial pk }
entity Order {
  id serial pk
  total numeric(10, 2) check (total >= 0) check (total < 1000000)
  check (id > 0)
}
relationship User 1:N Order`, "orders", []string{
			"id serial NOT NULL",
			"user_id bigint NOT NULL (added)",
			"total numeric(10,2) NOT NULL",
			"pk_orders PRIMARY KEY (id)",
			"ck_orders_total CHECK (total >= 0)",
			"ck_orders_total_2 CHECK (total < 1000000)",
			"ck_orders_1 CHECK (id > 0)",
			"idx_orders_user_id INDEX (user_id)",
		}},
		{"a declared attribute is used as the FK column where it stands", `entity User { id serial pk }
entity Order {
  id serial pk
  note text
  user_id integer
}
relationship User 1:N Order`, "orders", []string{
			"id serial NOT NULL",
			"note text NOT NULL",
			"user_id integer NOT NULL",
			"pk_orders PRIMARY KEY (id)",
			"idx_orders_user_id INDEX (user_id)",
		}},
		{"1:1 unique key", `entity Customer { id serial pk }
entity Card { card_no varchar(20) pk }
relationship Customer 1:1 Card { optional }`, "cards", []string{
			"card_no varchar(20) NOT NULL",
			"customer_id integer (added)",
			"pk_cards PRIMARY KEY (card_no)",
			"uq_cards_customer_id UNIQUE (customer_id)",
		}},
		{"shared key moves to the front", `entity User { id serial pk }
entity Profile { bio text? }
relationship User 1:1 Profile shared key`, "profiles", []string{
			"user_id integer NOT NULL (added)",
			"bio text",
			"pk_profiles PRIMARY KEY (user_id)",
		}},
		{"composite junction", `entity Order { id serial pk }
entity Product { id serial pk }
relationship Order M:N Product via OrderItem {
  quantity integer = 1
}`, "order_items", []string{
			"order_id integer NOT NULL (added)",
			"product_id integer NOT NULL (added)",
			"quantity integer NOT NULL",
			"pk_order_items PRIMARY KEY (order_id, product_id)",
			"idx_order_items_product_id INDEX (product_id)",
		}},
		{"surrogate junction key", `entity Order { id serial pk }
entity Product { id serial pk }
relationship Order M:N Product { key surrogate }`, "order_products", []string{
			"id bigint NOT NULL (added)",
			"order_id integer NOT NULL (added)",
			"product_id integer NOT NULL (added)",
			"pk_order_products PRIMARY KEY (id)",
			"uq_order_products_order_id_product_id UNIQUE (order_id, product_id)",
			"idx_order_products_product_id INDEX (product_id)",
		}},
		{"line junction key", `entity Order { id serial pk }
entity Product { id serial pk }
relationship Order M:N Product { key line }`, "order_products", []string{
			"order_id integer NOT NULL (added)",
			"line_no integer NOT NULL (added)",
			"product_id integer NOT NULL (added)",
			"pk_order_products PRIMARY KEY (order_id, line_no)",
			"idx_order_products_product_id INDEX (product_id)",
		}},
		{"types and their spellings", `enum Mood { happy sad }
entity T {
  a int pk
  b int8
  c decimal(5)
  d float8
  e character varying(3)
  f timestamp with time zone
  g text[]
  h integer[][]
  i Mood?
  j bool
  k int generated by default as identity
  l smallint generated always as identity
  m time(3)
}`, "ts", []string{
			"a integer NOT NULL",
			"b bigint NOT NULL",
			"c numeric(5) NOT NULL",
			"d double precision NOT NULL",
			"e varchar(3) NOT NULL",
			"f timestamptz NOT NULL",
			"g text[] NOT NULL",
			"h integer[][] NOT NULL",
			"i mood",
			"j boolean NOT NULL",
			"k integer NOT NULL",
			"l smallint NOT NULL",
			"m time(3) NOT NULL",
			"pk_ts PRIMARY KEY (a)",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := mustLoad(t, tc.src)
			if diff := cmp.Diff(tc.want, describeTable(tableNamed(t, s, tc.table))); diff != "" {
				t.Errorf("table %s (-want +got):\n%s", tc.table, diff)
			}
		})
	}
}

func TestIdentityKinds(t *testing.T) {
	s := mustLoad(t, `entity T {
  a int generated by default as identity pk
  b int generated always as identity
  c int
}`)
	tb := tableNamed(t, s, "ts")
	for name, want := range map[string]model.Identity{"a": model.IdentityByDefault, "b": model.IdentityAlways, "c": model.NoIdentity} {
		if got := tb.Column(name).Identity; got != want {
			t.Errorf("%s: identity %v, want %v", name, got.SQL(), want.SQL())
		}
	}
}

func TestDeferrable(t *testing.T) {
	s := mustLoad(t, `entity A { id serial pk }
entity B { id serial pk }
relationship A 1:N B as p
relationship A 1:N B as q { deferrable }
relationship A 1:N B as r { deferrable initially deferred }
relationship A 1:N B as s { deferrable initially immediate }
relationship A 1:N B as t { not deferrable }`)
	var got []model.Deferrability
	for _, rel := range s.Relationships {
		got = append(got, rel.ForeignKeys[0].Deferrable)
	}
	want := []model.Deferrability{model.NotDeferrable, model.DeferrableImmediate, model.DeferrableDeferred, model.DeferrableImmediate, model.NotDeferrable}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("deferrability (-want +got):\n%s", diff)
	}
}

func TestActions(t *testing.T) {
	s := mustLoad(t, `entity A { id serial pk }
entity B { id serial pk }
relationship A 1:N B as p
relationship A 1:N B as q {
  optional
  on delete set null
  on update cascade
}
relationship A 1:N B as r { on delete restrict }`)
	var got []string
	for _, rel := range s.Relationships {
		fk := rel.ForeignKeys[0]
		got = append(got, fmt.Sprintf("%s %s/%s set=%v/%v", fk.Role, fk.OnDelete.Action, fk.OnUpdate.Action, fk.OnDelete.Explicit, fk.OnUpdate.Explicit))
	}
	want := []string{
		"p NO ACTION/NO ACTION set=false/false",
		"q SET NULL/CASCADE set=true/true",
		"r RESTRICT/NO ACTION set=true/false",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("actions (-want +got):\n%s", diff)
	}
}

// TestTableOrder checks that tables are created after the tables they
// reference, in declaration order otherwise, and that a cycle is broken by
// deferring the FKs of its first-declared table.
func TestTableOrder(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		order     []string
		fks       []string
	}{
		{"referenced tables first", `entity Item { id serial pk }
entity Order { id serial pk }
entity User { id serial pk }
relationship Order 1:N Item
relationship User 1:N Order`, []string{"users", "orders", "items"}, nil},
		{"declaration order when independent", `entity B { id serial pk }
entity A { id serial pk }
entity C { id serial pk }`, []string{"bs", "as", "cs"}, nil},
		{"junction after both sides", `entity Order { id serial pk }
relationship Order M:N Product
entity Product { id serial pk }`, []string{"orders", "products", "order_products"}, nil},
		{"optional cycle", `entity A {
  table "a"
  id serial pk
}
entity B {
  table "b"
  id serial pk
}
relationship B 1:N A { optional }
relationship A 1:N B`, []string{"a", "b"}, []string{
			"a(b_id) -> b(id) fk_a_b optional index=idx_a_b_id deferred",
			"b(a_id) -> a(id) fk_b_a required index=idx_b_a_id",
		}},
		{"deferrable cycle", `entity A {
  table "a"
  id serial pk
}
entity B {
  table "b"
  id serial pk
}
relationship A 1:N B
relationship B 1:N A { deferrable initially deferred }`, []string{"a", "b"}, []string{
			"b(a_id) -> a(id) fk_b_a required index=idx_b_a_id",
			"a(b_id) -> b(id) fk_a_b required index=idx_a_b_id deferred",
		}},
		{"self-reference is not deferred", `entity Employee { id serial pk }
relationship Employee 1:N Employee as manager { optional }`, []string{"employees"}, []string{
			"employees(manager_id) -> employees(id) fk_employees_manager optional index=idx_employees_manager_id",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := mustLoad(t, tc.src)
			var order []string
			for _, tb := range s.Tables {
				order = append(order, tb.Name)
			}
			if diff := cmp.Diff(tc.order, order); diff != "" {
				t.Errorf("table order (-want +got):\n%s", diff)
			}
			if tc.fks != nil {
				if diff := cmp.Diff(tc.fks, allFKs(s)); diff != "" {
					t.Errorf("foreign keys (-want +got):\n%s", diff)
				}
			}
		})
	}
}

func TestReferenced(t *testing.T) {
	s := mustLoad(t, usersOrders+`entity Review { id serial pk }
relationship User 1:N Order
relationship User 1:N Review
relationship Order 1:N Review`)
	var got []string
	for _, fk := range tableNamed(t, s, "users").Referenced {
		got = append(got, fk.Name)
	}
	if diff := cmp.Diff([]string{"fk_orders_user", "fk_reviews_user"}, got); diff != "" {
		t.Errorf("users.Referenced (-want +got):\n%s", diff)
	}
}

func TestSchemaName(t *testing.T) {
	s := mustLoad(t, "schema shop\nenum Status { a }\nentity User { id serial pk\n s Status }")
	if s.Name != "shop" || s.File != "t.er" {
		t.Errorf("Name, File = %q, %q", s.Name, s.File)
	}
	if got, want := s.TypeSQL(tableNamed(t, s, "users").Column("s").Type), "shop.status"; got != want {
		t.Errorf("TypeSQL = %q, want %q", got, want)
	}
}

// TestAllErrorsAtOnce checks that one run reports every problem of a file,
// from every stage of resolution, not just the first.
func TestAllErrorsAtOnce(t *testing.T) {
	_, diags := load(t, `entity User {
  id serial pk
  name txt
  name text
}
entity Order {
  id integer? pk
  code text
  index (cdoe)
}
relationship Usr 1:N Order
relationship User 1:N Order {
  on delete set null
}
relationship Order M:N Order
entity Profile { id text generated always as identity pk }
relationship User 1:N Profile {
  references (name)
}
`)
	want := []string{
		`t.er:3:8: error: unknown type "txt"`,
		`t.er:7:3: error: primary key column "id" cannot be nullable`,
		`t.er:9:10: error: unknown column "cdoe" in index of "Order"`,
		`t.er:11:14: error: unknown entity "Usr"`,
		`t.er:13:3: error: ON DELETE SET NULL on User 1:N Order, but orders.user_id is NOT NULL`,
		`t.er:15:1: error: M:N relationship of "Order" with itself needs two role names`,
		`t.er:16:21: error: identity column "id" must be smallint, integer or bigint, not text`,
		`t.er:18:14: error: (name) is neither the primary key nor a unique key of "User"`,
	}
	var got []string
	for _, d := range diags {
		got = append(got, d.Error())
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
	if err := diags.Err(); err == nil || !strings.Contains(err.Error(), "(and 7 more)") {
		t.Errorf("Err() = %v, want the first error and 7 more", err)
	}
}

// seedSources returns the example schemas.
func seedSources(t testing.TB) [][]byte {
	t.Helper()
	return testkit.Read(t, testkit.Examples)
}

// FuzzResolve checks that resolving any parsable input never panics, that
// every diagnostic points inside the input, that resolving it again gives
// the same diagnostics and the same tables (Resolve walks maps, and its
// output must not follow their order), and that a schema without errors
// has foreign keys PostgreSQL accepts: columns on both sides, as many on
// each, of matching types.
func FuzzResolve(f *testing.F) {
	for _, b := range seedSources(f) {
		f.Add(b)
	}
	for _, tc := range checkCases {
		f.Add([]byte(tc.src))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		file, diags := dsl.Parse("f.er", src)
		if diags.HasErrors() {
			return
		}
		s, diags := model.Resolve(file)
		again, _ := dsl.Parse("f.er", src)
		s2, diags2 := model.Resolve(again)
		if diff := cmp.Diff(diags, diags2); diff != "" {
			t.Fatalf("resolved twice, the diagnostics differ (-first +second):\n%s", diff)
		}
		if s != nil && s2 != nil {
			if diff := cmp.Diff(describeSchema(s), describeSchema(s2)); diff != "" {
				t.Fatalf("resolved twice, the tables differ (-first +second):\n%s", diff)
			}
		}
		for _, d := range diags {
			for _, p := range []dsl.Pos{d.Pos, d.End} {
				if p.Offset < 0 || p.Offset > len(src) {
					t.Fatalf("%s: offset %d outside the %d-byte input", d, p.Offset, len(src))
				}
				if want := dsl.PosAt(p.File, src, p.Offset); p != want {
					t.Fatalf("%s: position %+v disagrees with its offset (%+v)", d, p, want)
				}
			}
			if d.End.Offset < d.Pos.Offset {
				t.Fatalf("%s: ends before it starts", d)
			}
		}
		if diags.HasErrors() {
			return
		}
		seen := map[*model.Table]bool{}
		for _, tb := range s.Tables {
			if seen[tb] {
				t.Fatalf("table %s listed twice in Tables", tb.Name)
			}
			seen[tb] = true
		}
		for _, tb := range s.Tables {
			for _, fk := range tb.ForeignKeys {
				if len(fk.Columns) == 0 || len(fk.Columns) != len(fk.RefColumns) {
					t.Fatalf("%s: %d columns reference %d", fk.Name, len(fk.Columns), len(fk.RefColumns))
				}
				if !seen[fk.RefTable] {
					t.Fatalf("%s references table %s, which is not in Tables", fk.Name, fk.RefTable.Name)
				}
				for i, c := range fk.Columns {
					if c == nil || fk.RefColumns[i] == nil {
						t.Fatalf("%s: nil column", fk.Name)
					}
					if want := fk.RefColumns[i].Type.Referencing(); !c.Type.CanReference(want) {
						t.Fatalf("%s: %s is %s but references %s of type %s", fk.Name, c.Name, c.Type.SQL(), fk.RefColumns[i].Name, want.SQL())
					}
					if c.Table != tb {
						t.Fatalf("%s: column %s belongs to %s", fk.Name, c.Name, c.Table.Name)
					}
				}
			}
		}
	})
}

// TestPolicySpans checks that diagnostics about a policy clause underline
// the clause as written, side and extra blanks included, and that the
// model keeps the same span for review output.
func TestPolicySpans(t *testing.T) {
	src := `entity Order { id serial pk }
entity Product { id serial pk }
entity Note { id serial pk }
relationship Order M:N Product {
  on delete Order   set null
}
relationship Product 1:N Note {
  on delete cascade
}
relationship Order 1:N Product { on   delete cascade }
`
	_, diags := load(t, src)
	want := []string{"on delete Order   set null", "on   delete cascade"}
	var got []string
	for _, d := range diags {
		got = append(got, src[d.Pos.Offset:d.End.Offset])
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("underlined text (-want +got):\n%s\n%v", diff, diags)
	}

	s := mustLoad(t, `entity A { id serial pk }
entity B { id serial pk }
relationship A 1:N B { on  update   cascade; on delete restrict }
`)
	fk := s.Tables[1].ForeignKeys[0]
	line := "relationship A 1:N B { on  update   cascade; on delete restrict }"
	for _, c := range []struct {
		at   dsl.Span
		want string
	}{
		{fk.OnUpdate.Span(), "on  update   cascade"},
		{fk.OnDelete.Span(), "on delete restrict"},
	} {
		if got := line[c.at.Pos.Column-1 : c.at.End.Column-1]; got != c.want {
			t.Errorf("span %v-%v is %q, want %q", c.at.Pos, c.at.End, got, c.want)
		}
	}
}
