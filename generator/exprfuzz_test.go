package generator_test

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator"
	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/generator/postgres"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

// FuzzExprAgainstPostgres is the differential test of dsl.CheckExpr
// against PostgreSQL's own lexer and parser, the server's (a binding of
// libpg_query would need minutes of cgo build on every fresh machine).
// The fuzzed text is written into a model as a CHECK or a default; when
// ergen accepts the model, its DDL is applied, followed by another
// statement, and these must hold:
//
//  1. Extent: the DDL applies, creating exactly the declared objects and
//     the statement after it; or it fails with an error PostgreSQL places
//     inside the expression (or at the token right after it), that is not
//     one of the lexical errors ergen must have caught (an unterminated
//     string or comment...), and whose "at or near" token is the token
//     dsl.ScanSQL has at that place.
//  2. Tokens: the expression rewritten as ScanSQL's tokens joined by single
//     spaces (no newline, so a -- comment ergen missed would swallow the
//     rest) has the same outcome: the same constraint and default as the
//     server prints them back, or the same error.
//  3. Settings: standard_conforming_strings on and off give the same
//     outcome.
//
// The seeds run in go test; see the README for the long runs.
func FuzzExprAgainstPostgres(f *testing.F) {
	for _, s := range []string{
		"(a > 0)", "(b <> 'x')", "(b <> 'it''s')", `(b <> E'a\\b''c')`, "(b <> E'x'\n  '\\\\')",
		"(b <> ('x'\n 'y'))", "(a > 0 and c[1:2] = '{1,2}')", `("a" > 0)`, "(b ~ '^a$')",
		"(a > E'\\'' )); DROP TABLE victims; --')", "(a /* /* */ > 0)", "(a--1 > 0)", "(a > 0; )",
		"(a*-1 < 0)", "(a @- 1 > 0)", "(b <> '/* -- ;')", "(a > 1e5)", "(a > .5)", "(a > 1.)",
		"(b <> U&'d!0061t!+000061' UESCAPE '!')", "(b <> $$x$$)", "(a::text <> '')", "(a > :v)",
		"(b <> 'é')", `(b <> E'\u00e9')`, `(b <> E'\uD800')`, "((a))", "(a > 0) or (a < 0)",
	} {
		f.Add(s, false)
	}
	for _, s := range []string{
		"0", "'x'", "now()", "'a' || 'b'", `E'a\\b'`, "(1 +\n 2)", "-(-1)", "interval '1 day'",
		"'x'::text", "('x' --\n)", "'\\'", "1; DROP TABLE victims",
	} {
		f.Add(s, true)
	}
	conn := pgtest.Conn(f)
	f.Fuzz(func(t *testing.T, expr string, asDefault bool) {
		if !utf8.ValidString(expr) || strings.ContainsRune(expr, 0) {
			return
		}
		src := "entity Probe {\n  a integer\n  b text\n  c integer[]\n  check " + expr + "\n}\n"
		if asDefault {
			src = "entity Probe {\n  a integer\n  b text\n  c integer[]\n  d text = " + expr + "\n}\n"
		}
		s, diags := generator.Load("probe.er", []byte(src))
		if diags.HasErrors() || !isProbe(s, asDefault) {
			return
		}
		on := probe(t, conn, s, "on")
		if off := probe(t, conn, s, "off"); off != on {
			t.Fatalf("%q: standard_conforming_strings on gives %+v, off %+v", expr, on, off)
		}
		if joined := probe(t, conn, retokenized(t, s), "on"); joined != on {
			t.Fatalf("%q: as written gives %+v; as ScanSQL's tokens %+v", expr, on, joined)
		}
	})
}

// isProbe reports whether s holds the fuzzed text where the probe put it:
// a CHECK of the table, or the default of column d. Some texts make the
// line something else ("check 𱱱" declares a column named check of a type
// named 𱱱), and then there is no expression to compare.
func isProbe(s *model.Schema, asDefault bool) bool {
	if len(s.Tables) != 1 {
		return false
	}
	tb := s.Tables[0]
	if asDefault {
		return len(tb.Columns) == 4 && tb.Columns[3].Name == "d" && tb.Columns[3].Default != ""
	}
	return len(tb.Columns) == 3 && len(tb.Checks) > 0
}

// outcome is what applying a probe model's DDL did.
type outcome struct {
	Checks, Defaults string // as the server prints them back
	Code, Msg        string // the error
}

// probe applies s's DDL, then a sentinel statement, in a transaction that
// is rolled back, and checks rule 1 of FuzzExprAgainstPostgres.
func probe(t *testing.T, conn *pgx.Conn, s *model.Schema, setting string) outcome {
	t.Helper()
	ctx := context.Background()
	ddl, err := postgres.DDL(s, "probe.er")
	if err != nil {
		t.Fatal(err)
	}
	text := string(ddl) + "CREATE TABLE ergen_sentinel (x integer);\n"
	tx, err := conn.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx) //nolint:errcheck // nothing to keep
	pg := conn.PgConn()
	if _, err := pg.Exec(ctx, "SET LOCAL standard_conforming_strings = "+setting).ReadAll(); err != nil {
		t.Fatal(err)
	}
	_, err = pg.Exec(ctx, text).ReadAll()
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		checkErrorPlace(t, s, text, pgErr)
		return outcome{Code: pgErr.Code, Msg: pgErr.Message}
	}
	if err != nil {
		t.Fatal(err)
	}
	// The server prints expressions back for the session's setting.
	if _, err := pg.Exec(ctx, "SET LOCAL standard_conforming_strings = on").ReadAll(); err != nil {
		t.Fatal(err)
	}
	table := model.QuoteIdent(s.Tables[0].Name)
	var o outcome
	var checks, columns, sentinel int
	if err := tx.QueryRow(ctx, `SELECT
		(SELECT coalesce(string_agg(pg_get_constraintdef(oid), ' | ' ORDER BY conname), '')
			FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'c'),
		(SELECT coalesce(string_agg(pg_get_expr(adbin, adrelid), ' | ' ORDER BY adnum), '')
			FROM pg_attrdef WHERE adrelid = $1::regclass),
		(SELECT count(*) FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'c'),
		(SELECT count(*) FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0),
		(SELECT count(*) FROM pg_class WHERE relname = 'ergen_sentinel')`, table).
		Scan(&o.Checks, &o.Defaults, &checks, &columns, &sentinel); err != nil {
		t.Fatal(err)
	}
	if checks != len(s.Tables[0].Checks) || columns != len(s.Tables[0].Columns) || sentinel != 1 {
		t.Fatalf("the DDL made %d checks and %d columns (want %d and %d), sentinel %d:\n%s",
			checks, columns, len(s.Tables[0].Checks), len(s.Tables[0].Columns), sentinel, text)
	}
	return o
}

// extentErrors are PostgreSQL's lexical errors that mean it read an
// expression's extent differently from ergen: each must have been refused.
var extentErrors = regexp.MustCompile(`^(unterminated|zero-length delimited|trailing junk|unsafe use of string constant)`)

var atOrNear = regexp.MustCompile(`at or near "((?s:.*))"$`)

// checkErrorPlace checks that err, from applying text, lies in one of the
// expressions of s, and agrees with ScanSQL's token there.
func checkErrorPlace(t *testing.T, s *model.Schema, text string, err *pgconn.PgError) {
	t.Helper()
	if extentErrors.MatchString(err.Message) {
		t.Fatalf("PostgreSQL read an expression ergen accepted differently: %s\n%s", err.Message, text)
	}
	if err.Position == 0 {
		return // an error of the whole statement, such as a type mismatch
	}
	at := byteOffset(text, int(err.Position)-1)
	for _, e := range expressions(s) {
		// Each expression is found after its key word, as the DDL has it.
		start := strings.Index(text, e.keyword+e.text)
		if start < 0 {
			continue
		}
		start += len(e.keyword)
		end := start + len(e.text)
		next := end + len(text[end:]) - len(strings.TrimLeft(text[end:], " \t\n"))
		if at < start || at > next {
			continue
		}
		if m := atOrNear.FindStringSubmatch(err.Message); m != nil && at < end {
			toks, _ := dsl.ScanSQL(e.text)
			for _, tok := range toks {
				ours := e.text[tok.Off:tok.End]
				if strings.EqualFold(m[1], "N") && strings.HasPrefix(strings.ToUpper(ours), "N'") {
					ours = m[1] // scan.l returns the N of N'...' as a token of its own
				}
				if start+tok.Off == at && ours != m[1] {
					t.Fatalf("PostgreSQL's token at %d is %q, ScanSQL's %q:\n%s", at, m[1], ours, text)
				}
			}
		}
		return
	}
	t.Fatalf("error %q at %d lies outside every expression:\n%s", err.Message, at, text)
}

// expressions returns the CHECK and default texts of s, each with the
// key word the DDL writes before it.
func expressions(s *model.Schema) []struct{ keyword, text string } {
	var out []struct{ keyword, text string }
	for _, tb := range s.Tables {
		for _, ck := range tb.Checks {
			out = append(out, struct{ keyword, text string }{" CHECK ", trimLines(ck.Expr)})
		}
		for _, c := range tb.Columns {
			if c.Default != "" {
				out = append(out, struct{ keyword, text string }{" DEFAULT ", trimLines(c.Default)})
			}
		}
	}
	return out
}

// trimLines writes s as the DDL emitter writes every line: without
// spaces and tabs at the end, and with at most one blank line in a row.
func trimLines(s string) string {
	lines := strings.Split(s, "\n")
	out := lines[:0]
	for _, l := range lines {
		l = strings.TrimRight(l, " \t")
		if l == "" && len(out) > 0 && out[len(out)-1] == "" {
			continue
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// byteOffset converts PostgreSQL's 0-based character position in text to
// a byte offset.
func byteOffset(text string, chars int) int {
	for i := range text {
		if chars == 0 {
			return i
		}
		chars--
	}
	return len(text)
}

// retokenized returns s with each expression rewritten as its ScanSQL
// tokens, comments and spaces dropped, joined by single spaces.
func retokenized(t *testing.T, s *model.Schema) *model.Schema {
	join := func(e string) string {
		toks, err := dsl.ScanSQL(e)
		if err != nil {
			t.Fatalf("ScanSQL(%q) fails on an accepted expression: %s", e, err.Msg)
		}
		var parts []string
		for _, tok := range toks {
			if tok.Kind != dsl.SQLSpace && tok.Kind != dsl.SQLComment {
				parts = append(parts, e[tok.Off:tok.End])
			}
		}
		return strings.Join(parts, " ")
	}
	out := *s
	out.Tables = nil
	for _, tb := range s.Tables {
		tb2 := *tb
		tb2.Checks, tb2.Columns = nil, nil
		for _, ck := range tb.Checks {
			ck2 := *ck
			ck2.Expr = join(ck.Expr)
			tb2.Checks = append(tb2.Checks, &ck2)
		}
		for _, c := range tb.Columns {
			c2 := *c
			if c.Default != "" {
				c2.Default = join(c.Default)
			}
			tb2.Columns = append(tb2.Columns, &c2)
		}
		out.Tables = append(out.Tables, &tb2)
	}
	return &out
}
