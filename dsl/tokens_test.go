package dsl

import (
	"strings"
	"testing"
)

func TestTokensKeepComments(t *testing.T) {
	src := "// head\nentity A { /* in */ id integer pk } // tail\n"
	toks, err := Tokens("a.er", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var comments []string
	var all strings.Builder
	for _, tok := range toks {
		all.WriteString(tok.Value)
		if tok.Kind == "Comment" {
			comments = append(comments, tok.Value)
		}
	}
	if all.String() != src {
		t.Errorf("tokens do not cover the source: %q", all.String())
	}
	if want := []string{"// head", "/* in */", "// tail"}; strings.Join(comments, "|") != strings.Join(want, "|") {
		t.Errorf("comments = %q, want %q", comments, want)
	}
	if _, err := Tokens("bad.er", []byte("entity A { id integer \x01 }")); err == nil {
		t.Error("want a lexical error for a control character")
	}
}
