package dsl

import (
	"github.com/alecthomas/participle/v2/lexer"
)

// Token is one lexical token of a source file, comments and layout
// included: Kind is the lexer rule that matched it ("Comment", "EOL",
// "Whitespace", "Ident", "String", "Punct", ...). The parser drops comments;
// tools that must keep them, such as the formatter, lex the source again
// with Tokens.
type Token struct {
	Kind  string
	Value string
	Pos   lexer.Position
}

// Tokens lexes src with the parser's own lexer and returns every token.
// It fails where Parse would report a lexical error.
func Tokens(filename string, src []byte) ([]Token, error) {
	// Tokens are appended as they are lexed, into room for the usual
	// count (a token every 3 to 5 bytes, layout included): collecting
	// participle's tokens first and copying them grew and copied a second
	// slice, which took most of the time of formatting a large model.
	lex := &erScanner{src: string(src), pos: lexer.Position{Filename: filename, Line: 1, Column: 1}}
	out := make([]Token, 0, len(src)/4+1)
	for {
		t, err := lex.Next()
		if err != nil {
			return nil, err
		}
		if t.EOF() {
			return out, nil
		}
		out = append(out, Token{Kind: tokenKinds[t.Type], Value: t.Value, Pos: t.Pos})
	}
}

// tokenKinds names each token type by its lexer rule.
var tokenKinds = func() map[lexer.TokenType]string {
	m := map[lexer.TokenType]string{}
	for name, typ := range erLexer.Symbols() {
		m[typ] = name
	}
	return m
}()
