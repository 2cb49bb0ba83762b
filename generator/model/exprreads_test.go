package model

import (
	"strings"
	"testing"
)

// TestExprReads: the columns an expression reads as PostgreSQL records
// them, named with the table's name or not; whether it reads the whole
// row; not ok for text that does not scan. ExprColumns, which callers
// use to compute the expression apart from the table, still gives up on
// a name qualified by the table's.
func TestExprReads(t *testing.T) {
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
	names := func(cols []*Column) string {
		var out []string
		for _, c := range cols {
			out = append(out, c.Name)
		}
		return strings.Join(out, " ")
	}
	for _, tc := range []struct {
		tb      *Table
		expr    string
		want    string // the columns' names, then " whole" for the whole row; "-" for not ok
		columns bool   // ExprColumns is ok too
	}{
		{members, "lower(email)", "email lower", true},
		{members, "members.email", "email", false},
		{members, `upper("members" . nick)`, "nick", false},
		{members, `upper(public.members."email") || id`, "id email", false},
		{members, "upper(members.email) || nick", "email nick", false},
		{members, "members.*", " whole", false},
		{members, "(members).email", "email whole", false},
		{members, "member", "member", true}, // the column, not the row
		{notes, "notes", " whole", false},
		{notes, "hashtext(notes::text)", " whole", false},
		{notes, "notes.id", "id", false},
		{members, "'unterminated", "-", false},
		{members, "", "", true},
	} {
		cols, whole, ok := tc.tb.ExprReads(tc.expr)
		got := "-"
		if ok {
			got = names(cols)
			if whole {
				got += " whole"
			}
		}
		if got != tc.want {
			t.Errorf("%s.ExprReads(%s) = %q, want %q", tc.tb.Name, tc.expr, got, tc.want)
		}
		if ccols, cok := tc.tb.ExprColumns(tc.expr); cok != tc.columns || cok && names(ccols) != got {
			t.Errorf("%s.ExprColumns(%s) = %q, %v; want ok %v", tc.tb.Name, tc.expr, names(ccols), cok, tc.columns)
		}
	}
}
