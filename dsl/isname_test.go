package dsl_test

import (
	"testing"

	"github.com/ergen-dev/ergen/dsl"
)

// IsName says a string is a name exactly when the lexer reads it as one
// Ident token.
func TestIsNameAgreesWithLexer(t *testing.T) {
	for _, s := range []string{
		"order", "_x", "a$b", "Élève", "a²", "x1", "table", "a_b_c",
		"", "1a", "$a", "a b", "a-b", "a.b", "a\"b", "ab\n", "1:N", "'a'",
	} {
		toks, err := dsl.Tokens("n.er", []byte(s))
		lexed := err == nil && len(toks) == 1 && toks[0].Kind == "Ident" && toks[0].Value == s
		if got := dsl.IsName(s); got != lexed {
			t.Errorf("IsName(%q) = %v, but the lexer reads it as a name: %v (%+v, %v)", s, got, lexed, toks, err)
		}
	}
}
