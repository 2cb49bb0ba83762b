package dsl_test

import (
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/dsl"
)

// TestScanSQL pins PostgreSQL's lexical rules where they differ from the
// .er language's: each input is one token of PostgreSQL (or an error).
func TestScanSQL(t *testing.T) {
	for _, tc := range []struct {
		in   string
		kind dsl.SQLKind
		err  string
	}{
		{`'it''s'`, dsl.SQLString, ""},
		{"'a'\n  'b'", dsl.SQLString, ""},
		{"'a' -- c\n'b'", dsl.SQLString, ""},
		{`E'\''`, dsl.SQLString, ""},
		{`e'\\'`, dsl.SQLString, ""},
		{"E'a'\n'\\''", dsl.SQLString, ""}, // the continuation keeps escapes
		{`U&'\0041'`, dsl.SQLString, ""},
		{`B'\'`, dsl.SQLString, ""},
		{`X'1F'`, dsl.SQLString, ""},
		{`$$a'b$$`, dsl.SQLDollar, ""},
		{`$x$ $y$ $x$`, dsl.SQLDollar, ""},
		{`"a""b"`, dsl.SQLQuoted, ""},
		{`U&"a"`, dsl.SQLQuoted, ""},
		{"-- x", dsl.SQLComment, ""},
		{"/* /* */ */", dsl.SQLComment, ""},
		{"$1", dsl.SQLParam, ""},
		{"1.5e-3", dsl.SQLNumber, ""},
		{".5", dsl.SQLNumber, ""},
		{"::", dsl.SQLOperator, ""},
		{"->>", dsl.SQLOperator, ""},
		{"`", dsl.SQLOperator, ""},
		{`\`, dsl.SQLOther, ""},
		{`'a\'`, 0, "backslash in a '...' string"},
		{`N'a\'`, 0, "backslash in a '...' string"},
		{`E'\'`, 0, "unterminated quoted string"},
		{`E'\u12'`, 0, "invalid Unicode escape"},
		{"/* /* */", 0, "unterminated /* comment"},
		{`""`, 0, "zero-length delimited identifier"},
		{`$a$ x`, 0, "unterminated dollar-quoted string"},
		{"1x", 0, "trailing junk after numeric literal"},
		{"0x1F", 0, "trailing junk after numeric literal"},
	} {
		toks, err := dsl.ScanSQL(tc.in)
		switch {
		case tc.err != "":
			if err == nil || err.Msg != tc.err {
				t.Errorf("ScanSQL(%q): error %v, want %q", tc.in, err, tc.err)
			}
		case err != nil:
			t.Errorf("ScanSQL(%q): %s", tc.in, err.Msg)
		case len(toks) != 1 || toks[0].Kind != tc.kind || toks[0].End != len(tc.in):
			t.Errorf("ScanSQL(%q) = %+v, want one token of kind %d", tc.in, toks, tc.kind)
		}
	}
	// An operator ends where a comment starts, and loses a trailing - or +.
	toks, _ := dsl.ScanSQL("a+--x\nb*-1")
	var got []string
	for _, tok := range toks {
		if tok.Kind != dsl.SQLSpace {
			got = append(got, "a+--x\nb*-1"[tok.Off:tok.End])
		}
	}
	if want := "a|+|--x|b|*|-|1"; strings.Join(got, "|") != want {
		t.Errorf("tokens %q, want %s", got, want)
	}
}

func TestCheckExpr(t *testing.T) {
	for _, tc := range []struct {
		in    string
		paren bool
		err   string
	}{
		{"now()", false, ""},
		{"'a' || 'b'", false, ""},
		{"interval '1 day'", false, ""},
		{`E'a\\b'`, false, ""},
		{"(a > 0 and b[1:2] = '{}')", true, ""},
		{"(a ->> 'k' ~ '^x$')", true, ""},
		{"(a > 0) or (b > 0)", true, "this ) closes the expression before its end"},
		{"(a > E'\\'' )); DROP TABLE victims; --')", true, "this ) closes the expression before its end"},
		{"(a > 0 -- )\n)", true, "comment inside an expression"},
		{"(x /* /* */ )", true, "unterminated /* comment"},
		{"(x /* c */ )", true, "comment inside an expression"},
		{"1; DROP TABLE victims", false, "; inside an expression"},
		{`(a \! rm)`, true, "backslash outside a string"},
		{"(a = :v)", true, "psql variable reference in an expression"},
		{"(a = :'v')", true, "psql variable reference in an expression"},
		{"(a[1: 2] > 0)", true, ""},
		{"(a", true, "unbalanced brackets in the expression"},
		{"1)", false, "this ) closes the expression before its end"},
		{`'x\'`, false, "backslash in a '...' string"},
		{`U&'\0041'`, false, "U&'...' string in an expression"},
		{`U&"a" > 0`, false, ""},
	} {
		err := dsl.CheckExpr(tc.in, tc.paren)
		got := ""
		if err != nil {
			got = err.Msg
		}
		if got != tc.err {
			t.Errorf("CheckExpr(%q) = %q, want %q", tc.in, got, tc.err)
		}
	}
}
