package model

import (
	"fmt"
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/dsl"
)

// resolveSrc parses and resolves src, failing the test on errors.
func resolveSrc(t *testing.T, src string) *Schema {
	t.Helper()
	f, diags := dsl.Parse("test.er", []byte(src))
	if diags.HasErrors() {
		t.Fatalf("parse: %v", diags)
	}
	s, diags := Resolve(f)
	if diags.HasErrors() {
		t.Fatalf("resolve: %v", diags)
	}
	return s
}

func table(t *testing.T, s *Schema, name string) *Table {
	t.Helper()
	for _, tb := range s.Tables {
		if tb.Name == name {
			return tb
		}
	}
	t.Fatalf("no table %q", name)
	return nil
}

// sketch writes a tree one node a line, indented by depth: kind, table,
// constraint, changed columns, marks.
func sketch(e *Effect) string {
	var b strings.Builder
	e.Walk(func(n *Effect, depth int) bool {
		fmt.Fprintf(&b, "%s%s %s", strings.Repeat("  ", depth), n.Kind, n.Table.Name)
		if n.FK != nil {
			fmt.Fprintf(&b, " via %s (on %s %s)", n.FK.Name, n.Event, n.Action)
		}
		if len(n.Columns) > 0 {
			var names []string
			for _, c := range n.Columns {
				names = append(names, c.Name)
			}
			fmt.Fprintf(&b, " [%s]", strings.Join(names, ", "))
		}
		if n.Repeat {
			b.WriteString(" repeat")
		}
		b.WriteString("\n")
		return true
	})
	return b.String()
}

func TestDeleteEffects(t *testing.T) {
	for _, tc := range []struct {
		name, src, table, want string
		update                 bool
	}{{
		name: "restrict and cascade",
		src: `entity User { id serial pk }
entity Order { id serial pk }
entity Profile { bio text? }
relationship User 1:N Order { on delete restrict }
relationship User 1:1 Profile shared key { on delete cascade }`,
		table: "users",
		want: `delete users
  blocked orders via fk_orders_user (on delete RESTRICT)
  delete profiles via fk_profiles_user (on delete CASCADE)
`,
	}, {
		name: "default is no action",
		src: `entity User { id serial pk }
entity Order { id serial pk }
relationship User 1:N Order`,
		table: "users",
		want: `delete users
  blocked orders via fk_orders_user (on delete NO ACTION)
`,
	}, {
		name: "set null does not recurse",
		src: `entity Category { id serial pk }
entity Product { id serial pk }
entity Line { id serial pk }
relationship Category 1:N Product { optional; on delete set null }
relationship Product 1:N Line { on delete restrict }`,
		table: "categories",
		want: `delete categories
  set null products via fk_products_category (on delete SET NULL) [category_id]
`,
	}, {
		name: "cycle",
		src: `entity A { id serial pk }
entity B { id serial pk }
relationship A 1:N B { optional; on delete cascade }
relationship B 1:N A { optional; on delete cascade }`,
		table: "as",
		want: `delete as
  delete bs via fk_bs_a (on delete CASCADE)
    delete as via fk_as_b (on delete CASCADE) repeat
`,
	}, {
		name: "self reference",
		src: `entity Node { id serial pk }
relationship Node 1:N Node as parent { optional; on delete cascade }
relationship Node 1:N Node as buddy { optional; on delete set null }`,
		table: "nodes",
		want: `delete nodes
  delete nodes via fk_nodes_parent (on delete CASCADE) repeat
  set null nodes via fk_nodes_buddy (on delete SET NULL) [buddy_id]
`,
	}, {
		name: "multiple paths",
		src: `entity Root { id serial pk }
entity A { id serial pk }
entity B { id serial pk }
entity C { id serial pk }
relationship Root 1:N A { on delete cascade }
relationship Root 1:N B { on delete cascade }
relationship A 1:N C as left { on delete cascade }
relationship B 1:N C as right { on delete restrict }`,
		table: "roots",
		want: `delete roots
  delete as via fk_as_root (on delete CASCADE)
    delete cs via fk_cs_left (on delete CASCADE)
  delete bs via fk_bs_root (on delete CASCADE)
    blocked cs via fk_cs_right (on delete RESTRICT)
`,
	}, {
		name: "set null of a referenced key updates it",
		src: `entity A { id serial pk }
entity B { id serial pk; code integer; unique (a_id, code) }
entity C { id serial pk; ba integer?; bc integer? }
relationship A 1:N B { optional; on delete set null }
relationship B 1:N C { optional; columns (ba, bc); references (a_id, code); on update cascade }`,
		table: "as",
		want: `delete as
  set null bs via fk_bs_a (on delete SET NULL) [a_id]
    update cs via fk_cs_b (on update CASCADE) [ba, bc]
`,
	}, {
		name:   "update cascades through a shared key",
		update: true,
		src: `entity User { id integer pk }
entity Profile { bio text? }
entity Post { id serial pk }
entity Order { id serial pk }
relationship User 1:1 Profile shared key { on update cascade; on delete cascade }
relationship Profile 1:N Post { on update cascade }
relationship User 1:N Order`,
		table: "users",
		want: `update users [id]
  update profiles via fk_profiles_user (on update CASCADE) [user_id]
    update posts via fk_posts_profile (on update CASCADE) [profile_user_id]
  blocked orders via fk_orders_user (on update NO ACTION)
`,
	}, {
		name:   "update of a self-referencing key",
		update: true,
		src: `entity Employee { id integer pk }
relationship Employee 1:N Employee as manager { optional; on update cascade }`,
		table: "employees",
		want: `update employees [id]
  update employees via fk_employees_manager (on update CASCADE) [manager_id]
`,
	}, {
		name:   "update with nothing referencing",
		update: true,
		src:    `entity Tag { id integer pk }`,
		table:  "tags",
		want:   "update tags\n",
	}} {
		t.Run(tc.name, func(t *testing.T) {
			s := resolveSrc(t, tc.src)
			tb := table(t, s, tc.table)
			e := tb.DeleteEffects()
			if tc.update {
				e = tb.UpdateEffects()
			}
			if got := sketch(e); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

func TestEffectSummary(t *testing.T) {
	s := resolveSrc(t, `entity Root { id serial pk }
entity A { id serial pk }
entity B { id serial pk }
entity C { id serial pk }
entity D { id serial pk; d integer = 1 }
relationship Root 1:N A { on delete cascade }
relationship Root 1:N B { on delete cascade }
relationship A 1:N C as left { on delete cascade }
relationship B 1:N C as right { on delete restrict }
relationship Root 1:N D { optional; on delete set null }
relationship A 1:N D { column d; on delete set default }`)
	e := table(t, s, "roots").DeleteEffects()
	var got []string
	for _, te := range e.Tables() {
		line := te.Table.Name + ":"
		if te.Root {
			line += " root"
		}
		for _, fk := range te.Deleted {
			line += " deleted by " + fk.Name
		}
		for _, c := range te.Nulled {
			line += " nulled " + c.Name
		}
		for _, c := range te.Defaulted {
			line += " defaulted " + c.Name
		}
		for _, fk := range te.Blocked {
			line += " blocked by " + fk.Name
		}
		got = append(got, line)
	}
	want := []string{
		"roots: root",
		"as: deleted by fk_as_root",
		"cs: deleted by fk_cs_left blocked by fk_cs_right",
		"ds: nulled root_id defaulted d",
		"bs: deleted by fk_bs_root",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if n := len(e.Blockers()); n != 1 {
		t.Errorf("Blockers: got %d, want 1", n)
	}
	if d := e.Depth(); d != 2 {
		t.Errorf("Depth: got %d, want 2", d)
	}
}

// TestEffectsBounded: many paths between the same tables must not make the
// tree explode.
func TestEffectsBounded(t *testing.T) {
	var b strings.Builder
	const n = 24
	for i := range n {
		fmt.Fprintf(&b, "entity T%d { id serial pk }\n", i)
	}
	for i := range n {
		for j := i + 1; j < n; j++ {
			fmt.Fprintf(&b, "relationship T%d 1:N T%d as r%d { on delete cascade }\n", i, j, i)
		}
	}
	s := resolveSrc(t, b.String())
	e := s.Tables[0].DeleteEffects()
	count, elided := 0, 0
	e.Walk(func(n *Effect, _ int) bool {
		count++
		if n.Elided {
			elided++
		}
		return true
	})
	if count > maxEffects+n*n || elided == 0 {
		t.Errorf("tree has %d nodes, %d elided; want at most about %d, some elided", count, elided, maxEffects)
	}
}
