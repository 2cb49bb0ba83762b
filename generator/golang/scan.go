package golang

import (
	"bytes"
	"go/token"
	"strings"
	"unicode"
	"unicode/utf8"
)

// lscanner splits jen's output into tokens for layout. go/scanner, which
// it replaces, returns each literal, name and comment as a new string and
// wants a token.File: a third of layout's CPU and most of its
// allocations. lscanner knows the part of Go the emitter writes, gives
// each token as a part of the source, and declines anything else
// (ok false), as layout does: block comments, numbers other than decimal
// integers, //line directives, text go/scanner would report an error in.
// Whatever it accepts, it splits as go/scanner does (TestScanLikeGo and
// FuzzScan compare the two); it inserts no semicolons, which layout has
// no use for.
type lscanner struct {
	src []byte
	off int // where the next token is looked for
}

// newScanner starts a scanner on src, or returns ok false for a text that
// go/scanner would report an error in wherever it is, or take some other
// way than lscanner: invalid UTF-8, a NUL, a byte order mark, a carriage
// return (which go/scanner drops from comments and raw strings).
func newScanner(src []byte) (s lscanner, ok bool) {
	if !utf8.Valid(src) || bytes.IndexByte(src, 0) >= 0 || bytes.IndexByte(src, '\r') >= 0 ||
		bytes.Contains(src, []byte("\uFEFF")) {
		return s, false
	}
	return lscanner{src: src}, true
}

// next returns the next token, its text and the line breaks before it;
// tok is token.EOF at the end.
func (s *lscanner) next() (tok token.Token, text []byte, breaks int, ok bool) {
	src, i := s.src, s.off
	for ; i < len(src); i++ {
		if c := src[i]; c == '\n' {
			breaks++
		} else if c != ' ' && c != '\t' {
			break
		}
	}
	if i == len(src) {
		s.off = i
		return token.EOF, nil, breaks, true
	}
	end := -1
	switch c := src[i]; {
	case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' || c >= utf8.RuneSelf:
		tok, end = s.ident(i)
	case '0' <= c && c <= '9':
		tok, end = s.number(i)
	case c == '"':
		tok, end = token.STRING, s.quoted(i, '"')
	case c == '\'':
		tok, end = token.CHAR, s.char(i)
	case c == '`':
		if j := bytes.IndexByte(src[i+1:], '`'); j >= 0 {
			tok, end = token.STRING, i+j+2
		}
	case c == '/' && i+1 < len(src) && src[i+1] == '/':
		tok, end = token.COMMENT, len(src)
		if j := bytes.IndexByte(src[i:], '\n'); j >= 0 {
			end = i + j
		}
		if bytes.HasPrefix(src[i:], []byte("//line ")) {
			end = -1 // a line directive, which go/scanner interprets
		}
	case c == '/' && i+1 < len(src) && src[i+1] == '*':
		// a block comment, which layout declines
	case c == '.' && i+1 < len(src) && '0' <= src[i+1] && src[i+1] <= '9':
		// a number such as .5
	default:
		var n int
		if tok, n = operator(src[i:]); tok != token.ILLEGAL {
			end = i + n
		}
	}
	if end < 0 {
		return token.ILLEGAL, nil, 0, false
	}
	s.off = end
	return tok, src[i:end], breaks, true
}

// ident scans the name or key word at i, whose first byte is a letter,
// _ or the start of a multi-byte rune, with unicode's letters and digits
// as go/scanner takes them.
func (s *lscanner) ident(i int) (token.Token, int) {
	src, j := s.src, i
	for j < len(src) {
		c := src[j]
		if identByte[c] && (j > i || c > '9') {
			j++
			continue
		}
		if c < utf8.RuneSelf {
			break
		}
		r, size := utf8.DecodeRune(src[j:])
		if !unicode.IsLetter(r) && (j == i || !unicode.IsDigit(r)) {
			break
		}
		j += size
	}
	if j == i {
		return token.ILLEGAL, -1 // a rune go/scanner takes for an illegal character
	}
	if c := src[i]; j-i > 1 && j-i <= len("fallthrough") && 'a' <= c && c <= 'z' {
		return keyword(src[i:j]), j
	}
	return token.IDENT, j
}

// identByte tells the ASCII bytes of a name: letters, digits and _.
var identByte = func() (t [256]bool) {
	for c := range 256 {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' || '0' <= c && c <= '9'
	}
	return t
}()

// number scans a decimal integer at i: 0, or digits from 1 to 9 on. Any
// other number (octal, hexadecimal, with a fraction, an exponent or _)
// is declined, as is one followed by a letter, a digit or a period.
func (s *lscanner) number(i int) (token.Token, int) {
	src, j := s.src, i+1
	if src[i] != '0' {
		for j < len(src) && '0' <= src[j] && src[j] <= '9' {
			j++
		}
	}
	if j < len(src) {
		c := src[j]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '.' || c >= utf8.RuneSelf {
			return token.ILLEGAL, -1
		}
	}
	return token.INT, j
}

// quoted scans the interpreted string literal at i, returning its end or
// -1 where go/scanner reports an error (an unknown or invalid escape, a
// line break or the end of the text before the closing quote).
func (s *lscanner) quoted(i int, quote byte) int {
	src := s.src
	for j := i + 1; j < len(src); {
		switch src[j] {
		case quote:
			return j + 1
		case '\n':
			return -1
		case '\\':
			if j = escape(src, j+1, quote); j < 0 {
				return -1
			}
		default:
			j++
		}
	}
	return -1
}

// char scans the rune literal at i: one rune or one escape, quoted.
func (s *lscanner) char(i int) int {
	src, j := s.src, i+1
	if j >= len(src) {
		return -1
	}
	switch src[j] {
	case '\\':
		j = escape(src, j+1, '\'')
	case '\'', '\n':
		return -1
	default:
		_, size := utf8.DecodeRune(src[j:])
		j += size
	}
	if j < 0 || j >= len(src) || src[j] != '\'' {
		return -1
	}
	return j + 1
}

// escape checks the escape sequence after the backslash, at j, in a
// literal quoted by quote, as go/scanner's scanEscape does, and returns
// where it ends, or -1.
func escape(src []byte, j int, quote byte) int {
	if j >= len(src) {
		return -1
	}
	var n int
	var base, limit rune
	switch c := src[j]; c {
	case 'a', 'b', 'f', 'n', 'r', 't', 'v', '\\', quote:
		return j + 1
	case '0', '1', '2', '3', '4', '5', '6', '7':
		n, base, limit = 3, 8, 255
	case 'x':
		j++
		n, base, limit = 2, 16, 255
	case 'u':
		j++
		n, base, limit = 4, 16, unicode.MaxRune
	case 'U':
		j++
		n, base, limit = 8, 16, unicode.MaxRune
	default:
		return -1
	}
	var x rune
	for ; n > 0; n-- {
		if j >= len(src) {
			return -1
		}
		d := digitVal(src[j])
		if d >= base {
			return -1
		}
		x = x*base + d
		j++
	}
	if x > limit || 0xD800 <= x && x < 0xE000 {
		return -1
	}
	return j
}

func digitVal(c byte) rune {
	switch {
	case '0' <= c && c <= '9':
		return rune(c - '0')
	case 'a' <= c && c <= 'f':
		return rune(c - 'a' + 10)
	case 'A' <= c && c <= 'F':
		return rune(c - 'A' + 10)
	}
	return 16
}

// operator is the operator or punctuation src starts with, the longest
// one as go/scanner takes it, and its length; ILLEGAL for none.
func operator(src []byte) (token.Token, int) {
	var c1, c2 byte
	if len(src) > 1 {
		c1 = src[1]
	}
	if len(src) > 2 {
		c2 = src[2]
	}
	if k := strings.IndexByte(punctuation, src[0]); k >= 0 {
		return punctuationTokens[k], 1
	}
	switch src[0] {
	case '.':
		if c1 == '.' && c2 == '.' {
			return token.ELLIPSIS, 3
		}
		return token.PERIOD, 1
	case ':':
		return pick(c1, token.COLON, '=', token.DEFINE)
	case '=':
		return pick(c1, token.ASSIGN, '=', token.EQL)
	case '!':
		return pick(c1, token.NOT, '=', token.NEQ)
	case '*':
		return pick(c1, token.MUL, '=', token.MUL_ASSIGN)
	case '/':
		return pick(c1, token.QUO, '=', token.QUO_ASSIGN)
	case '%':
		return pick(c1, token.REM, '=', token.REM_ASSIGN)
	case '^':
		return pick(c1, token.XOR, '=', token.XOR_ASSIGN)
	case '+':
		if c1 == '+' {
			return token.INC, 2
		}
		return pick(c1, token.ADD, '=', token.ADD_ASSIGN)
	case '-':
		if c1 == '-' {
			return token.DEC, 2
		}
		return pick(c1, token.SUB, '=', token.SUB_ASSIGN)
	case '|':
		if c1 == '|' {
			return token.LOR, 2
		}
		return pick(c1, token.OR, '=', token.OR_ASSIGN)
	case '&':
		switch c1 {
		case '&':
			return token.LAND, 2
		case '^':
			if c2 == '=' {
				return token.AND_NOT_ASSIGN, 3
			}
			return token.AND_NOT, 2
		}
		return pick(c1, token.AND, '=', token.AND_ASSIGN)
	case '<':
		switch c1 {
		case '-':
			return token.ARROW, 2
		case '<':
			if c2 == '=' {
				return token.SHL_ASSIGN, 3
			}
			return token.SHL, 2
		}
		return pick(c1, token.LSS, '=', token.LEQ)
	case '>':
		if c1 == '>' {
			if c2 == '=' {
				return token.SHR_ASSIGN, 3
			}
			return token.SHR, 2
		}
		return pick(c1, token.GTR, '=', token.GEQ)
	}
	return token.ILLEGAL, 0
}

// keyword is the key word name is, or IDENT. A switch on the text
// compares it with the few key words of its length, where a map would
// hash it; TestScanLikeGo checks every key word.
func keyword(name []byte) token.Token {
	switch string(name) {
	case "break":
		return token.BREAK
	case "case":
		return token.CASE
	case "chan":
		return token.CHAN
	case "const":
		return token.CONST
	case "continue":
		return token.CONTINUE
	case "default":
		return token.DEFAULT
	case "defer":
		return token.DEFER
	case "else":
		return token.ELSE
	case "fallthrough":
		return token.FALLTHROUGH
	case "for":
		return token.FOR
	case "func":
		return token.FUNC
	case "go":
		return token.GO
	case "goto":
		return token.GOTO
	case "if":
		return token.IF
	case "import":
		return token.IMPORT
	case "interface":
		return token.INTERFACE
	case "map":
		return token.MAP
	case "package":
		return token.PACKAGE
	case "range":
		return token.RANGE
	case "return":
		return token.RETURN
	case "select":
		return token.SELECT
	case "struct":
		return token.STRUCT
	case "switch":
		return token.SWITCH
	case "type":
		return token.TYPE
	case "var":
		return token.VAR
	}
	return token.IDENT
}

// punctuation is the bytes that are a token by themselves, whatever
// follows, and punctuationTokens those tokens.
const punctuation = "()[]{},;~"

var punctuationTokens = [...]token.Token{token.LPAREN, token.RPAREN, token.LBRACK, token.RBRACK,
	token.LBRACE, token.RBRACE, token.COMMA, token.SEMICOLON, token.TILDE}

// pick is long, of two bytes, when the byte after the first is c, and
// short, of one, otherwise.
func pick(next byte, short token.Token, c byte, long token.Token) (token.Token, int) {
	if next == c {
		return long, 2
	}
	return short, 1
}
