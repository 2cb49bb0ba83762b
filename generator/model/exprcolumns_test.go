package model

import (
	"strings"
	"testing"
)

// TestExprColumns: the columns an index expression names, every word
// that is a column's name counted, quoted ones as written; none when the
// expression names the row through the table's name.
func TestExprColumns(t *testing.T) {
	members, notes := exprTables(t)
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
			got = joinNames(cols)
		}
		if got != tc.want {
			t.Errorf("%s.ExprColumns(%s) = %q, want %q", tc.tb.Name, tc.expr, got, tc.want)
		}
	}
}

// TestExprReads: the columns an expression reads as PostgreSQL records
// them, named with the table's name or not; whether it reads the whole
// row; not ok for text that does not scan. ExprColumns, which callers
// use to compute the expression apart from the table, still gives up on
// a name qualified by the table's.
func TestExprReads(t *testing.T) {
	members, notes := exprTables(t)
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
		// The table's name as a schema, of a function, a type or a typed
		// literal's type: neither a qualifier nor the row.
		{members, "members.lower(email)", "email lower", true},
		{members, "cast(id as members) || cast(id as members.t)", "id", true},
		{members, "members.t 'x' || id", "id", true},
		{members, "'unterminated", "-", false},
		{members, "", "", true},
	} {
		cols, whole, ok := tc.tb.ExprReads(tc.expr)
		got := "-"
		if ok {
			got = joinNames(cols)
			if whole {
				got += " whole"
			}
		}
		if got != tc.want {
			t.Errorf("%s.ExprReads(%s) = %q, want %q", tc.tb.Name, tc.expr, got, tc.want)
		}
		if ccols, cok := tc.tb.ExprColumns(tc.expr); cok != tc.columns || cok && joinNames(ccols) != got {
			t.Errorf("%s.ExprColumns(%s) = %q, %v; want ok %v", tc.tb.Name, tc.expr, joinNames(ccols), cok, tc.columns)
		}
	}
}

// RenameColumnRefs renames the names that stand for columns, as
// PostgreSQL's RENAME COLUMN does, and nothing else: a name qualified by
// the table's is the column (PostgreSQL stores it as the column, and
// shows it unqualified after the rename), kept qualified; another
// table's, a type's or a function's is left, and so is (pairs).name
// where pairs is a column, a field of its value.
func TestRenameColumnRefs(t *testing.T) {
	s := resolveSrc(t, `entity Person {
  id   serial pk
  name text
  n    integer
  x    integer
}
entity Pair {
  id    serial pk
  name  text
  pairs text?
}
`)
	people, pairs := table(t, s, "people"), table(t, s, "pairs")
	renames := map[string]string{"name": "full_name", "n": "Count", "x": "y"}
	for _, c := range []struct {
		tb       *Table
		in, want string
	}{
		{people, "(length(name) > 0)", "(length(full_name) > 0)"},
		{people, `("name" <> 'name')`, "(full_name <> 'name')"},
		{people, "(name(n) + n)", `(name("Count") + "Count")`}, // a call keeps its name
		{people, "(x::name || others.name)", "(y::name || others.name)"},
		{people, "(nothing)", "(nothing)"},
		{people, "(x /* x */ -- x\n)", "(y /* x */ -- x\n)"},
		{people, "('unterminated", "('unterminated"},
		{people, "(people.name <> '')", "(people.full_name <> '')"},
		{people, `upper("people" . name) || people.n`, `upper("people" . full_name) || people."Count"`},
		{people, "lower(public.people.name)", "lower(public.people.full_name)"},
		{people, "hashtext((people).name)", "hashtext((people).full_name)"},
		{people, "x::people.name", "y::people.name"}, // a type in a schema
		{people, "people.name(x)", "people.name(y)"}, // a function in a schema
		{people, "people.name.x", "people.name.x"},   // a column of a table in a schema
		{people, "people.norm(name)", "people.norm(full_name)"},
		{people, "cast(name as people.name) || cast(x AS name)", "cast(full_name as people.name) || cast(y AS name)"},
		{people, "people.name 'x' || name", "people.name 'x' || full_name"},
		{pairs, "(pairs).name || pairs.name", "(pairs).name || pairs.full_name"},
	} {
		if got := RenameColumnRefs(c.in, c.tb, renames); got != c.want {
			t.Errorf("RenameColumnRefs(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	// Words of SQL's own syntax that read like names stay as they are
	// where columns of those names are renamed: extract's field, AT TIME
	// ZONE, the words of a type's name after :: or AS.
	syntax := resolveSrc(t, "entity Moment {\n  id serial pk\n  day integer\n  zone text\n  time timestamptz\n  precision integer\n  d date\n}\n")
	moments := table(t, syntax, "moments")
	words := map[string]string{"day": "dd", "zone": "zz", "time": "tt", "precision": "pp", "at": "aa"}
	for _, c := range []struct{ in, want string }{
		{"extract(day from d) > day", "extract(day from d) > dd"},
		{"time at time zone zone", "tt at time zone zz"},
		{"cast(d as timestamp with time zone) < time", "cast(d as timestamp with time zone) < tt"},
		{"precision::double precision > 0", "pp::double precision > 0"},
		{"'1'::interval day to second > interval '1' day", "'1'::interval day to second > interval '1' day"},
		{`"day" + day`, "dd + dd"},
	} {
		if got := RenameColumnRefs(c.in, moments, words); got != c.want {
			t.Errorf("RenameColumnRefs(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	// A column renamed to the table's name: the whole row stays the row,
	// written as PostgreSQL shows it once the name reads the column.
	for in, want := range map[string]string{
		"((people))":                       "((people.*))",
		"(people).n + x":                   "(people.*).n + people",
		"f(ROW(people, 1)) || people.*::t": "f(ROW(people.*::people, 1)) || people.*::t",
	} {
		if got := RenameColumnRefs(in, people, map[string]string{"x": "people"}); got != want {
			t.Errorf("RenameColumnRefs(%q) = %q, want %q", in, got, want)
		}
	}
}

// renameTableRefs names the table anew where a word stands for it, as
// PostgreSQL, which stores the row and its columns, shows it after the
// table is renamed: a qualifier, with a schema or not, and the whole row;
// not a type, a function, a schema, a column or a field of the name.
func TestRenameTableRefs(t *testing.T) {
	s := resolveSrc(t, `entity Doc {
  id   serial pk
  name text
}
entity Pair {
  id    serial pk
  pairs text?
}
entity Paper {
  id   serial pk
  name text
}
entity Folder {
  id      serial pk
  folders text?
}
`)
	docs, pairs, papers, folders := table(t, s, "docs"), table(t, s, "pairs"), table(t, s, "papers"), table(t, s, "folders")
	for _, c := range []struct {
		old      *Table
		in, want string
	}{
		{docs, "lower(docs.name)", "lower(papers.name)"},
		{docs, `upper("docs" . name) || public.docs.id`, "upper(papers . name) || public.papers.id"},
		{docs, "(docs)", "(papers)"},
		{docs, "(docs).name || docs.*::text", "(papers).name || papers.*::text"},
		{docs, "x::docs", "x::papers"},             // the row type
		{docs, "x::public.docs", "x::public.docs"}, // a type of a schema
		{docs, "docs(id)", "docs(id)"},             // a function
		{docs, "docs.t.name", "docs.t.name"},       // a schema
		{docs, "docs.norm(name) || docs.name", "docs.norm(name) || papers.name"},
		{docs, "cast(docs.id as docs.name)", "cast(papers.id as docs.name)"},
		{docs, "docs.name 'x' || docs.name", "docs.name 'x' || papers.name"},
		{docs, "cast(row(id, name) AS docs)", "cast(row(id, name) AS papers)"},
		{docs, "docs '(1,a)' || docs.name 'x'", "papers '(1,a)' || docs.name 'x'"},
		{docs, "(x).docs || t.docs", "(x).docs || t.docs"}, // fields, columns
		{pairs, "(pairs) || pairs.id", "(pairs) || papers.id"},
		{docs, "'docs", "'docs"},
	} {
		if got := renameTableRefs(c.in, c.old, papers); got != c.want {
			t.Errorf("renameTableRefs(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	// Renamed to the name of one of its columns: the whole row is written
	// as PostgreSQL shows it, which the bare name would read as the column.
	for in, want := range map[string]string{
		"((docs))":                        "((folders.*))",
		"(docs).name || docs.name":        "(folders.*).name || folders.name",
		"f(ROW(docs, 1)) || docs.*::text": "f(ROW(folders.*::folders, 1)) || folders.*::text",
	} {
		if got := renameTableRefs(in, docs, folders); got != want {
			t.Errorf("renameTableRefs(%q) = %q, want %q", in, got, want)
		}
	}
}

// exprTables resolves the tables TestExprColumns and TestExprReads read
// expressions over: members, with columns named as a function (lower)
// and as the row (member), and notes.
func exprTables(t *testing.T) (members, notes *Table) {
	t.Helper()
	s := resolveSrc(t, `entity Member {
  id     serial pk
  email  text
  nick   text?
  lower  text?
  member text?
}
entity Note { id serial pk }
`)
	return table(t, s, "members"), table(t, s, "notes")
}

// joinNames joins the columns' names with spaces.
func joinNames(cols []*Column) string {
	var out []string
	for _, c := range cols {
		out = append(out, c.Name)
	}
	return strings.Join(out, " ")
}
