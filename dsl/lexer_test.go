package dsl

import (
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/internal/testkit/corpus"

	"github.com/alecthomas/participle/v2/lexer"
	"github.com/google/go-cmp/cmp"
)

// ruleLexer is the specification erLexer implements by hand.
var ruleLexer = lexer.MustSimple(lexRules)

// tokensOf lexes src to the end, or to the first error, which is returned
// as a position and message.
func tokensOf(t testing.TB, def lexer.Definition, src string) (toks []lexer.Token, errPos lexer.Position, errMsg string) {
	t.Helper()
	l, err := def.(lexer.StringDefinition).LexString("t.er", src)
	if err != nil {
		t.Fatal(err)
	}
	for {
		tok, err := l.Next()
		if err != nil {
			lerr := err.(*lexer.Error)
			return toks, lerr.Pos, lerr.Msg
		}
		if tok.EOF() {
			return toks, tok.Pos, ""
		}
		toks = append(toks, tok)
	}
}

// checkSameTokens fails when erLexer and the rules disagree on src.
func checkSameTokens(t testing.TB, src string) {
	t.Helper()
	want, wantPos, wantErr := tokensOf(t, ruleLexer, src)
	got, gotPos, gotErr := tokensOf(t, erLexer, src)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("tokens of %q differ from the rules (-rules +erLexer):\n%s", src, diff)
	}
	// Where lexing stops matters, not the wording: syntaxError words
	// every lexer error the same way.
	if wantPos != gotPos || (wantErr == "") != (gotErr == "") {
		t.Fatalf("end of %q: rules %v %q, erLexer %v %q", src, wantPos, wantErr, gotPos, gotErr)
	}
}

func TestLexerMatchesRules(t *testing.T) {
	cases := []string{
		"", "entity User {\n  id serial pk\n}\n", "a\r\nb\rc \t\f d",
		"1:1 1:N M:N N:1 N:M 1:M 1:Nx M:Nb 1:N_ 1:N1 1:N: 1:1.5 1:",
		"12 1.5 1. .5 1e5 1E+5 2.5e-3 1e 1e+ 007x",
		"'a' 'it''s' '' 'open\n\"q\" \"a\"\"b\" \" '",
		"// c\n/* multi\nline */ /* open", "/ * */ //",
		":: || <= >= <> != - + * / % < > = ~ ! @ # ^ & | ? { } ( ) [ ] , . ; :",
		"naïve ñandú 名前 _x x$y x1 Ünïcödé Ⅻ x٣", "a\x00b", "`x`", "\\", "a\u00a0b",
		"\xff\xfe", "é\x80", "price numeric(10, 2) check (price >= 0) = -1.5::float8",
	}
	for _, src := range cases {
		checkSameTokens(t, src)
	}
	for _, src := range corpus.Read(t, corpus.Examples, corpus.Constructs) {
		checkSameTokens(t, string(src))
	}
}

func FuzzLexer(f *testing.F) {
	f.Add("entity A { id serial pk }\nrelationship A 1:N A as x { on delete set null }")
	f.Add("'it''s' \"q\" /* c */ // d\n1:Nx 2.5e-3 ::")
	f.Fuzz(func(t *testing.T, src string) {
		if strings.ContainsRune(src, 0) {
			return // Parse refuses NUL bytes before lexing
		}
		checkSameTokens(t, src)
	})
}
