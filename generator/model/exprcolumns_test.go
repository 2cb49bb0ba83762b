package model

import (
	"testing"
)

// TestExprColumns: the columns an index expression names, every word
// that is a column's name counted, quoted ones as written; none when the
// expression names the row through the table's name.
func TestExprColumns(t *testing.T) {
	s := resolveSrc(t, `entity Member {
  id     serial pk
  email  text
  nick   text?
  lower  text?
  member text?
}
entity Note { id serial pk }
`)
	members := table(t, s, "members")
	notes := table(t, s, "notes")
	for _, tc := range []struct {
		tb   *Table
		expr string
		want string // the columns' names; "-" for not ok
	}{
		{members, "lower(email)", "email lower"},
		{members, "(id + 1)", "id"},
		{members, `coalesce("nick", EMAIL, 'id')`, "email nick"},
		{members, `"Nick" || /* id */ 'x'`, ""},
		{members, "members.email", "-"},
		{members, `upper("members" . email)`, "-"},
		{members, "member", "member"}, // the column, not the row
		{notes, "notes", "-"},
		{notes, "hashtext(notes::text)", "-"},
		{members, "'unterminated", "-"},
	} {
		cols, ok := tc.tb.ExprColumns(tc.expr)
		got := "-"
		if ok {
			got = ""
			for i, c := range cols {
				if i > 0 {
					got += " "
				}
				got += c.Name
			}
		}
		if got != tc.want {
			t.Errorf("%s.ExprColumns(%s) = %q, want %q", tc.tb.Name, tc.expr, got, tc.want)
		}
	}
}

// RenameColumnRefs renames the names that stand for columns, as
// PostgreSQL's RENAME COLUMN does, and nothing else.
func TestRenameColumnRefs(t *testing.T) {
	renames := map[string]string{"name": "full_name", "n": "Count", "x": "y"}
	for _, c := range []struct{ in, want string }{
		{"(length(name) > 0)", "(length(full_name) > 0)"},
		{`("name" <> 'name')`, "(full_name <> 'name')"},
		{"(name(n) + n)", `(name("Count") + "Count")`},           // a call keeps its name
		{"(x::name || people.name)", "(y::name || people.name)"}, // a type, and a qualified name, are left
		{"(nothing)", "(nothing)"},
		{"(x /* x */ -- x\n)", "(y /* x */ -- x\n)"},
		{"('unterminated", "('unterminated"},
	} {
		if got := RenameColumnRefs(c.in, renames); got != c.want {
			t.Errorf("RenameColumnRefs(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
