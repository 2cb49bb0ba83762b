package dsl

import (
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2/lexer"
)

// lexRules specify the tokens of the language as regular expressions.
// Rules are tried in order and the first match wins, so Card comes before
// Number ("1:N" is not the number 1) and the error rules for a lone quote or
// "/*" come after the complete forms they stand in for.
//
// erLexer implements exactly these rules by hand: participle's regexp
// lexer spent half of the time of a parse matching them. lexer_test.go
// checks on every input it is given that both agree token for token.
var lexRules = []lexer.SimpleRule{
	{Name: "Comment", Pattern: `//[^\n]*|/\*(?s:.*?)\*/`},
	{Name: "UnclosedComment", Pattern: `/\*`},
	{Name: "EOL", Pattern: `\r?\n`},
	{Name: "Whitespace", Pattern: `[ \t\r\f]+`},
	{Name: "Card", Pattern: `(?:1:1|1:N|M:N)\b`},
	// BadCard is a cardinality written the wrong way round; it is a token
	// of its own so the parser can say what to write instead.
	{Name: "BadCard", Pattern: `(?:N:1|N:M|1:M)\b`},
	{Name: "Number", Pattern: `[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?`},
	{Name: "String", Pattern: `'(?:[^'\n]|'')*'|"(?:[^"\n]|"")*"`},
	{Name: "UnclosedString", Pattern: `['"]`},
	{Name: "Ident", Pattern: identPattern},
	{Name: "Punct", Pattern: `::|\|\||<=|>=|<>|!=|[-+*/%<>=~!@#^&|?{}()\[\],.;:]`},
}

// identPattern is what a name is: a letter or '_', then letters, digits,
// '_' and '$'.
const identPattern = `[\p{L}_][\p{L}\p{N}_$]*`

var nameRE = regexp.MustCompile(`^` + identPattern + `$`)

// IsName reports whether s can be written bare as a name in .er, as the
// lexer reads one; any other name must be written as a string.
func IsName(s string) bool { return nameRE.MatchString(s) }

// Token types, in the order of lexRules (EOF is participle's).
const (
	tokComment lexer.TokenType = -(iota + 2)
	tokUnclosedComment
	tokEOL
	tokWhitespace
	tokCard
	tokBadCard
	tokNumber
	tokString
	tokUnclosedString
	tokIdent
	tokPunct
)

var erLexer = &erDefinition{symbols: func() map[string]lexer.TokenType {
	m := map[string]lexer.TokenType{"EOF": lexer.EOF}
	for i, r := range lexRules {
		m[r.Name] = tokComment - lexer.TokenType(i)
	}
	return m
}()}

// erDefinition is the hand-written lexer of the language.
type erDefinition struct {
	symbols map[string]lexer.TokenType
}

func (d *erDefinition) Symbols() map[string]lexer.TokenType { return d.symbols }

func (d *erDefinition) Lex(filename string, r io.Reader) (lexer.Lexer, error) {
	src, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return d.LexBytes(filename, src)
}

func (d *erDefinition) LexString(filename, src string) (lexer.Lexer, error) {
	return &erScanner{src: src, pos: lexer.Position{Filename: filename, Line: 1, Column: 1}}, nil
}

func (d *erDefinition) LexBytes(filename string, src []byte) (lexer.Lexer, error) {
	return d.LexString(filename, string(src))
}

// erScanner yields the tokens of one input.
type erScanner struct {
	src string
	pos lexer.Position
	st  scanState
}

func (s *erScanner) Next() (lexer.Token, error) {
	rest := s.src[s.pos.Offset:]
	if rest == "" {
		return lexer.Token{Type: lexer.EOF, Pos: s.pos}, nil
	}
	typ, n := scan(rest, &s.st)
	if n == 0 {
		r, _ := utf8.DecodeRuneInString(rest)
		return lexer.Token{}, &lexer.Error{Msg: fmt.Sprintf("invalid input text %q", string(r)), Pos: s.pos}
	}
	tok := lexer.Token{Type: typ, Value: rest[:n], Pos: s.pos}
	s.pos.Advance(tok.Value)
	return tok, nil
}

// scan returns the type and length of the token at the start of s, or a
// length of 0 when no rule matches.
func scan(s string, st *scanState) (lexer.TokenType, int) {
	c := s[0]
	switch {
	case c == '/' && len(s) > 1 && s[1] == '/':
		if i := indexByte(s, '\n'); i >= 0 {
			return tokComment, i
		}
		return tokComment, len(s)
	case c == '/' && len(s) > 1 && s[1] == '*':
		if len(s) <= st.openTo {
			return tokUnclosedComment, 2
		}
		if i := strings.Index(s[2:], "*/"); i >= 0 { // no copy of s: a copy per comment is quadratic
			return tokComment, i + 4
		}
		st.openTo = len(s)
		return tokUnclosedComment, 2
	case c == '\n':
		return tokEOL, 1
	case c == '\r' && len(s) > 1 && s[1] == '\n':
		return tokEOL, 2
	case c == ' ' || c == '\t' || c == '\r' || c == '\f':
		n := 1
		for n < len(s) && (s[n] == ' ' || s[n] == '\t' || s[n] == '\r' || s[n] == '\f') {
			n++
		}
		return tokWhitespace, n
	case c >= '0' && c <= '9' || c == 'M' || c == 'N':
		if len(s) >= 3 && s[1] == ':' && !wordAt(s, 3) {
			switch s[:3] {
			case "1:1", "1:N", "M:N":
				return tokCard, 3
			case "N:1", "N:M", "1:M":
				return tokBadCard, 3
			}
		}
		if c >= '0' && c <= '9' {
			return tokNumber, scanNumber(s)
		}
		return tokIdent, scanIdent(s)
	case c == '\'' || c == '"':
		// A doubled quote stands for one; but when the string then never
		// closes, its first quote closes the string instead, as the rule's
		// backtracking has it.
		lastClose := 0
		for i := 1; i < len(s); i++ {
			switch s[i] {
			case '\n':
				i = len(s)
			case c:
				if i+1 < len(s) && s[i+1] == c {
					lastClose = i + 1
					i++
					continue
				}
				return tokString, i + 1
			}
		}
		if lastClose > 0 {
			return tokString, lastClose
		}
		return tokUnclosedString, 1
	}
	if r, size := utf8.DecodeRuneInString(s); r == '_' || unicode.IsLetter(r) {
		if size == 1 || r != utf8.RuneError {
			return tokIdent, scanIdent(s)
		}
	}
	if len(s) >= 2 {
		switch s[:2] {
		case "::", "||", "<=", ">=", "<>", "!=":
			return tokPunct, 2
		}
	}
	if indexByte("-+*/%<>=~!@#^&|?{}()[],.;:", c) >= 0 {
		return tokPunct, 1
	}
	return 0, 0
}

// scanState is what scan keeps between the tokens of one source.
type scanState struct {
	// openTo is the length of the longest rest of the source in which a
	// "*/" was looked for and not found, 0 before: a "/*" in a shorter
	// rest is not closed either, without a search to the end of the file
	// once per "/*" (a file of "/* /* /* ...").
	openTo int
}

// wordAt reports whether a word character (as \b sees it) starts at s[i].
func wordAt(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	c := s[i]
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func scanNumber(s string) int {
	digits := func(i int) int {
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		return i
	}
	n := digits(0)
	if n+1 < len(s) && s[n] == '.' && s[n+1] >= '0' && s[n+1] <= '9' {
		n = digits(n + 1)
	}
	if n < len(s) && (s[n] == 'e' || s[n] == 'E') {
		i := n + 1
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if i < len(s) && s[i] >= '0' && s[i] <= '9' {
			n = digits(i)
		}
	}
	return n
}

func scanIdent(s string) int {
	n := 0
	for n < len(s) {
		r, size := utf8.DecodeRuneInString(s[n:])
		if r == utf8.RuneError && size <= 1 {
			break
		}
		if n == 0 && !(r == '_' || unicode.IsLetter(r)) {
			break
		}
		if n > 0 && !(r == '_' || r == '$' || unicode.IsLetter(r) || unicode.IsNumber(r)) {
			break
		}
		n += size
	}
	return n
}

func indexByte(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}
