package dsl

import (
	"bytes"

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
	lex, err := erLexer.Lex(filename, bytes.NewReader(src))
	if err != nil {
		return nil, err
	}
	toks, err := lexer.ConsumeAll(lex)
	if err != nil {
		return nil, err
	}
	names := map[lexer.TokenType]string{}
	for name, typ := range erLexer.Symbols() {
		names[typ] = name
	}
	out := make([]Token, 0, len(toks))
	for _, t := range toks {
		if t.EOF() {
			break
		}
		out = append(out, Token{Kind: names[t.Type], Value: t.Value, Pos: t.Pos})
	}
	return out, nil
}
