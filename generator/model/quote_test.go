package model

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/ergen-dev/ergen/internal/pgtest"
)

// literalCases are strings that could end a literal early or change its
// meaning: quotes and backslashes in every arrangement, and text that would
// run as SQL if the literal ended where it should not.
var literalCases = []string{
	"", "plain", "it's", `back\slash`, `x\'; DROP TABLE victims; --`, `\`, `\\`, `'\`, `\'`,
	`'; DROP TABLE victims; --`, "new\nline", "tab\tcr\r", `E'\''`, `$$`, `$x$ $x$`,
	"\u202e bidi \u200b zero width", `ends with \`, `\x41\101\u0041`,
}

func TestQuoteLiteral(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain", `'plain'`},
		{"it's", `'it''s'`},
		{`a\b`, `E'a\\b'`},
		{`x\'`, `E'x\\'''`},
	} {
		if got := QuoteLiteral(tc.in); got != tc.want {
			t.Errorf("QuoteLiteral(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

// TestQuoteLiteralMatchesPostgres reads every literal back from the server
// under both settings of standard_conforming_strings, each in a statement
// followed by a sentinel that an early end would swallow or break.
func TestQuoteLiteralMatchesPostgres(t *testing.T) {
	conn := pgtest.Conn(t)
	ctx := context.Background()
	for _, setting := range []string{"on", "off"} {
		if _, err := conn.Exec(ctx, "SET standard_conforming_strings = "+setting); err != nil {
			t.Fatal(err)
		}
		for _, s := range literalCases {
			// The simple query protocol sends the text as is, as psql
			// would; pgx itself refuses to with the setting off.
			q := "SELECT " + QuoteLiteral(s) + "::text, 'sentinel'::text"
			rs, err := conn.PgConn().Exec(ctx, q).ReadAll()
			if err != nil {
				t.Errorf("standard_conforming_strings=%s: %s: %v", setting, q, err)
				continue
			}
			if len(rs) != 1 || len(rs[0].Rows) != 1 || len(rs[0].Rows[0]) != 2 {
				t.Errorf("standard_conforming_strings=%s: %s: not one row of two columns", setting, q)
				continue
			}
			got, sentinel := string(rs[0].Rows[0][0]), string(rs[0].Rows[0][1])
			if got != s || sentinel != "sentinel" {
				t.Errorf("standard_conforming_strings=%s: %s reads as %q, %q; want %q", setting, q, got, sentinel, s)
			}
		}
	}
}

func TestSourceLabel(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"shop.er", "shop.er"},
		{"my model-2.er", "my model-2.er"},
		{"café.er", "café.er"},
		{"a\nb.er", "a%0Ab.er"},
		{"x*/y.er", "x%2A/y.er"},
		{"model/", "model/"},
		{"x-->.er", "x--%3E.er"},
		{"\u202eer.evil", "%E2%80%AEer.evil"},
		{"\xff.er", "%FF.er"},
	} {
		got := SourceLabel(tc.in)
		if got != tc.want {
			t.Errorf("SourceLabel(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if again := SourceLabel(got); again != got {
			t.Errorf("SourceLabel(%q) = %q, not a fixed point", got, again)
		}
		if strings.ContainsAny(got, "\n\r*<>") {
			t.Errorf("SourceLabel(%q) = %q keeps a comment delimiter", tc.in, got)
		}
	}
}

// TestErrorKeyColumnsMatchesPostgres: a duplicate key's Detail lists the
// key's columns as ErrorKeyColumns does, quoted where quote_ident would.
func TestErrorKeyColumnsMatchesPostgres(t *testing.T) {
	conn := pgtest.Conn(t)
	ctx := context.Background()
	cols := []*Column{{Name: "Code"}, {Name: "order"}, {Name: "id"}, {Name: `a"b c`}}
	var quoted []string
	for _, c := range cols {
		quoted = append(quoted, QuoteIdent(c.Name)+" text")
	}
	key := ErrorKeyColumns(cols)
	ddl := "CREATE TEMP TABLE k (" + strings.Join(quoted, ", ") + ", UNIQUE (" + key + "))"
	if _, err := conn.Exec(ctx, ddl); err != nil {
		t.Fatal(err)
	}
	_, err := conn.Exec(ctx, "INSERT INTO k VALUES ('a', 'b', 'c', 'd'), ('a', 'b', 'c', 'd')")
	var pe *pgconn.PgError
	if !errors.As(err, &pe) {
		t.Fatalf("a duplicate key: %v", err)
	}
	if !strings.HasPrefix(pe.Detail, "Key ("+key+")=(") {
		t.Errorf("Detail %q, want the columns %s", pe.Detail, key)
	}
}
