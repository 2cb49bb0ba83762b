// Package dsl reads the .er language: it lexes and parses a file into an
// AST (File) and defines the diagnostics every later stage reports with.
// It knows the syntax only; names, types and relationship rules are checked
// by generator/model.
package dsl

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

var parser = participle.MustBuild[File](
	participle.Lexer(erLexer),
	participle.Elide("Comment", "Whitespace"),
	participle.UseLookahead(lookahead),
)

// MaxNesting bounds how deeply parentheses and brackets may nest. The parser
// is recursive; the bound turns a pathological input into a diagnostic
// instead of an exhausted stack.
const MaxNesting = 200

// Grammar returns the EBNF of the language, as participle derives it from
// the AST. A golden copy in testdata/grammar.ebnf makes changes reviewable.
func Grammar() string { return parser.String() }

// Parse parses one .er file. filename is used in positions and should be the
// path the user gave. A valid file is read by the reader (reader.go);
// anything else goes to participle, which returns the partial AST and the
// syntax errors, one for each declaration that has one (see parse).
func Parse(filename string, src []byte) (*File, Diagnostics) {
	return parse(filename, src, true)
}

// MaxSyntaxErrors bounds how many syntax errors Parse reports for one file.
const MaxSyntaxErrors = 50

// parse is Parse, with or without the reader (tests compare the two).
//
// The parser stops at the first syntax error. To report the errors of
// the whole file at once, parse then blanks the source up to the next
// declaration that starts a line (keeping every later position as it
// was) and parses again, until the rest parses or MaxSyntaxErrors is
// reached. A file that is not text at all (a NUL byte, invalid UTF-8)
// gets its one message.
func parse(filename string, src []byte, useReader bool) (*File, Diagnostics) {
	if d := checkEncoding(filename, src); d != nil {
		return &File{Name: filename, Source: src}, Diagnostics{d}
	}
	f, diags := parseOnce(filename, src, useReader)
	rest := src
	for last := diags; len(last) > 0 && len(diags) < MaxSyntaxErrors; {
		next := nextDeclaration(rest, last[len(last)-1].End.Offset)
		if next < 0 {
			break
		}
		rest = blankBefore(rest, next)
		_, last = parseOnce(filename, rest, useReader)
		diags = append(diags, last...)
	}
	return f, diags
}

// declKeywords start the top-level declarations.
var declKeywords = []string{"schema ", "enum ", "entity ", "relationship "}

// nextDeclaration returns the offset of the first line after offset from
// that starts, at its first column, with a declaration keyword; or -1.
// Declarations are written from the first column and their contents
// indented, which is what fmt writes, so such a line is a sound place to
// start again after a syntax error.
func nextDeclaration(src []byte, from int) int {
	for i := bytes.IndexByte(src[min(from, len(src)):], '\n'); i >= 0; {
		start := from + i + 1
		line := src[start:]
		for _, kw := range declKeywords {
			if bytes.HasPrefix(line, []byte(kw)) {
				return start
			}
		}
		from = start
		i = bytes.IndexByte(src[from:], '\n')
	}
	return -1
}

// blankBefore returns a copy of src whose first n bytes are spaces, line
// breaks kept, so that what follows keeps its line, column and offset.
func blankBefore(src []byte, n int) []byte {
	out := bytes.Clone(src)
	for i := range n {
		if out[i] != '\n' {
			out[i] = ' '
		}
	}
	return out
}

// parseOnce parses src, stopping at the first syntax error.
func parseOnce(filename string, src []byte, useReader bool) (*File, Diagnostics) {
	deep, braces := scanBrackets(src)
	if deep >= 0 {
		p := PosAt(filename, src, deep)
		d := &Diagnostic{Severity: Error, Pos: p, End: p,
			Msg:  fmt.Sprintf("brackets nested more than %d levels deep", MaxNesting),
			Hint: "simplify the expression"}
		return &File{Name: filename, Source: src}, Diagnostics{d}
	}
	// The grammar lets a parenthesis hold any token, so a quote or comment
	// that never ends may parse; the lexer's tokens tell.
	if useReader {
		if f, unclosed := read(filename, string(src)); f != nil {
			f.Name, f.Source = filename, src
			if unclosed != nil {
				return f, Diagnostics{unclosed}
			}
			return f, nil
		}
	}
	f, err := parser.ParseBytes(filename, src)
	if f == nil {
		f = &File{}
	}
	f.Name, f.Source = filename, src
	if err == nil {
		if d := unclosedToken(filename, src); d != nil {
			return f, Diagnostics{d}
		}
	}
	if err != nil {
		d := syntaxError(filename, src, err)
		// participle may give up at an earlier token than the stray quote
		// that derailed it; a quote never closed on its line is the better
		// report when it is on the same line or before.
		if lx := unclosedToken(filename, src); lx != nil && (lx.Pos.Offset <= d.Pos.Offset || lx.Pos.Line == d.Pos.Line) {
			d = lx
		}
		if d.Msg == "unexpected end of file" && braces <= 0 {
			d.Hint = "the file ends in the middle of a declaration"
		}
		return f, Diagnostics{d}
	}
	return f, nil
}

// Text returns the source text between two positions of this file, as the
// user wrote it. Expressions (defaults and checks) are carried this way so
// that ergen never re-spells SQL it does not need to understand.
func (f *File) Text(from, to lexer.Position) string {
	if from.Offset < 0 || to.Offset > len(f.Source) || from.Offset > to.Offset {
		return ""
	}
	return strings.TrimSpace(string(f.Source[from.Offset:to.Offset]))
}

// Unquote returns the content of a string token: quotes removed, doubled
// quotes undone. A bare identifier is returned as is.
func (s *String) Unquote() string {
	v := s.Value
	if len(v) >= 2 && (v[0] == '\'' || v[0] == '"') && v[len(v)-1] == v[0] {
		q := v[:1]
		return strings.ReplaceAll(v[1:len(v)-1], q+q, q)
	}
	return v
}

func checkEncoding(filename string, src []byte) *Diagnostic {
	if i := bytes.IndexByte(src, 0); i >= 0 {
		p := PosAt(filename, src, i)
		return &Diagnostic{Severity: Error, Pos: p, End: p,
			Msg:  "file contains a NUL byte; it looks like a binary file, not .er source",
			Hint: "pass the .er text file"}
	}
	if !utf8.Valid(src) {
		i := 0
		for i < len(src) {
			r, n := utf8.DecodeRune(src[i:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			i += n
		}
		p := PosAt(filename, src, i)
		return &Diagnostic{Severity: Error, Pos: p, End: p,
			Msg:  fmt.Sprintf("invalid UTF-8 (byte 0x%02x)", src[i]),
			Hint: "save the file as UTF-8"}
	}
	return nil
}

// scanBrackets scans brackets outside strings and comments. It returns the
// offset of the first bracket nested deeper than MaxNesting (or -1) and how
// many braces are left open at the end.
func scanBrackets(src []byte) (deep, braces int) {
	depth := 0
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case '\'', '"':
			j := i + 1
			for j < len(src) && src[j] != c && src[j] != '\n' {
				j++
			}
			i = j
		case '/':
			if i+1 < len(src) && src[i+1] == '/' {
				for i < len(src) && src[i] != '\n' {
					i++
				}
			} else if i+1 < len(src) && src[i+1] == '*' {
				end := bytes.Index(src[i+2:], []byte("*/"))
				if end < 0 {
					return -1, braces // reported by the parser as an unclosed comment
				}
				i += end + 3
			}
		case '(', '[', '{':
			depth++
			if c == '{' {
				braces++
			}
			if depth > MaxNesting {
				return i, braces
			}
		case ')', ']', '}':
			if depth > 0 {
				depth--
			}
			if c == '}' {
				braces--
			}
		}
	}
	return -1, braces
}

// unclosedToken reports the first quote or "/*" that is never closed, or
// nil. Either can only be an error, wherever the parser stopped.
func unclosedToken(filename string, src []byte) *Diagnostic {
	lex, err := erLexer.LexString(filename, string(src))
	if err != nil {
		return nil
	}
	for {
		tok, err := lex.Next()
		if err != nil || tok.EOF() {
			return nil
		}
		if d := unclosedError(tok.Type, tok.Value, tok.Pos); d != nil {
			return d
		}
	}
}

// unclosedError is the diagnostic for a token of an unclosed string or
// block comment, or nil for any other token.
func unclosedError(typ lexer.TokenType, value string, pos lexer.Position) *Diagnostic {
	p := FromLexer(pos)
	switch typ {
	case tokUnclosedString:
		return &Diagnostic{Severity: Error, Pos: p, End: p.Advance(value),
			Msg: "unterminated string", Hint: "close it with " + value + " on the same line"}
	case tokUnclosedComment:
		return &Diagnostic{Severity: Error, Pos: p, End: p.Advance(value),
			Msg: "unterminated block comment", Hint: "close it with */"}
	}
	return nil
}

// syntaxError turns participle's error into a diagnostic, rewording the
// cases a user is most likely to hit.
func syntaxError(filename string, src []byte, err error) *Diagnostic {
	var perr participle.Error
	if !errors.As(err, &perr) {
		p := PosAt(filename, src, 0)
		return &Diagnostic{Severity: Error, Pos: p, End: p, Msg: err.Error()}
	}
	pos := FromLexer(perr.Position())
	d := &Diagnostic{Severity: Error, Pos: pos, End: pos, Msg: perr.Message()}
	var uerr *participle.UnexpectedTokenError
	if errors.As(err, &uerr) {
		tok := uerr.Unexpected
		d.End = pos.Advance(tok.Value)
		switch {
		case tok.EOF():
			d.Msg = "unexpected end of file"
			d.Hint = "a block opened with { is not closed"
		case tok.Value == "'" || tok.Value == `"`:
			d.Msg = "unterminated string"
			d.Hint = "close it with " + tok.Value + " on the same line"
		case tok.Value == "/*":
			d.Msg = "unterminated block comment"
			d.Hint = "close it with */"
		default:
			d.Msg = fmt.Sprintf("unexpected %s", describe(tok.Value))
			if uerr.Expect != "" {
				d.Msg += fmt.Sprintf(", expected %s", uerr.Expect)
			}
			d.Hint = hintFor(tok.Value)
			if h := contextHint(src, tok, pos); h != "" {
				d.Hint = h
			}
		}
	}
	var lerr *lexer.Error
	if errors.As(err, &lerr) {
		d.Msg = "invalid character"
		if r, _ := utf8.DecodeRune(src[min(pos.Offset, len(src)):]); r != utf8.RuneError {
			d.Msg = fmt.Sprintf("invalid character %q", r)
		}
		d.Hint = "names are letters, digits and _; strings are quoted with ' or \""
	}
	return d
}

// contextHint is the hint for an unexpected token that the line before it
// explains: a misspelt or upper-case keyword, SQL's NOT NULL, a comma or
// colon in an attribute, a declaration cut short. It returns "" when none
// applies.
func contextHint(src []byte, tok lexer.Token, pos Pos) string {
	before := lineTokens(src, pos.Offset)
	words := make([]string, len(before))
	for i, t := range before {
		words[i] = t.val
	}
	eol := tok.Type == tokEOL
	lower := strings.ToLower(tok.Value)
	entity := inEntity(src, pos.Offset)
	switch {
	case misspeltKeyword(src, tok, pos) != "":
		return fmt.Sprintf("did you mean %q?", misspeltKeyword(src, tok, pos))
	case (eol || tok.EOF() || tok.Value == "}") && unclosedParen(src, pos.Offset) >= 0:
		p := PosAt(pos.File, src, unclosedParen(src, pos.Offset))
		return fmt.Sprintf("the ( at line %d, column %d is not closed", p.Line, p.Column)
	case tok.Type == tokIdent && (lower == "not" || lower == "null"):
		return "a column is NOT NULL unless its type ends in ?: `name text` is NOT NULL, `name text?` may be NULL"
	case tok.Type == tokIdent && lower != tok.Value && slices.Contains(allKeywords(), lower):
		return fmt.Sprintf("keywords are lower case: %q", lower)
	case entity && len(before) >= 3 && before[1].typ == tokIdent && before[2].val == "(" && tok.Value != ")":
		return "a type's parameters are numbers separated by commas, as in numeric(10, 2) or varchar(80)"
	case entity && tok.Value == ",":
		return "an attribute ends at a line break or ;, not at a comma"
	case entity && tok.Value == ":" && len(before) == 1:
		return fmt.Sprintf("write the type after the name, without a colon: %s TYPE", words[0])
	case len(words) == 2 && words[0] == "entity" && before[1].typ == tokIdent:
		return fmt.Sprintf("an entity's attributes go in braces: entity %s { ... }", words[1])
	case eol && len(words) == 2 && words[0] == "relationship" && before[1].typ == tokIdent:
		return fmt.Sprintf("write the cardinality and the other entity: relationship %s 1:N Other", words[1])
	case eol && len(words) == 3 && words[0] == "relationship" && before[2].typ == tokCard:
		return fmt.Sprintf("name the entity on the other side: relationship %s %s Other", words[1], words[2])
	case eol && len(words) > 0 && (words[len(words)-1] == "=" || words[len(words)-1] == "default"):
		return "write the default value on the same line: = 0, = 'text', = now()"
	case tok.Type == tokIdent && entity:
		return "an attribute ends at a line break or ;"
	}
	return ""
}

// unclosedParen returns the offset of the innermost "(" left open between
// the start of the declaration holding offset and offset, or -1.
func unclosedParen(src []byte, offset int) int {
	start := 0
	for end := offset; end > 0; {
		line := bytes.LastIndexByte(src[:end], '\n') + 1
		if slices.ContainsFunc(declKeywords, func(kw string) bool { return bytes.HasPrefix(src[line:], []byte(kw)) }) {
			start = line
			break
		}
		end = line - 1
	}
	var open []int
	for i, s := start, string(src[start:offset]); s != ""; {
		typ, n := scan(s)
		if n == 0 {
			n = 1
		}
		switch {
		case typ == tokPunct && s[0] == '(':
			open = append(open, i)
		case typ == tokPunct && s[0] == ')' && len(open) > 0:
			open = open[:len(open)-1]
		}
		i, s = i+n, s[n:]
	}
	if len(open) == 0 {
		return -1
	}
	return open[len(open)-1]
}

// lineTokens returns the tokens of the line holding offset, from its start
// up to offset, without blanks and comments.
func lineTokens(src []byte, offset int) []token {
	start := bytes.LastIndexByte(src[:offset], '\n') + 1
	var out []token
	for s := string(src[start:offset]); s != ""; {
		typ, n := scan(s)
		if n == 0 {
			n = 1
		}
		if typ != tokWhitespace && typ != tokComment {
			out = append(out, token{typ: typ, val: s[:n]})
		}
		s = s[n:]
	}
	return out
}

// allKeywords are the words of the grammar.
var allKeywords = sync.OnceValue(func() []string {
	var out []string
	for _, m := range regexp.MustCompile(`"([a-z]+)"`).FindAllStringSubmatch(parser.String(), -1) {
		if !slices.Contains(out, m[1]) {
			out = append(out, m[1])
		}
	}
	slices.Sort(out)
	return out
})

// keywords are the words of the grammar that are four letters or longer:
// shorter ones are too close to too many names to suggest.
var keywords = sync.OnceValue(func() []string {
	return slices.DeleteFunc(slices.Clone(allKeywords()), func(w string) bool { return len(w) < 4 })
})

// misspeltKeyword returns the keyword that a word near the error is likely
// a typo of: the unexpected token ("chek"), the lone word of a line that
// ends too early ("requred"), or the first word of the line when a keyword
// follows it ("requred on delete cascade").
func misspeltKeyword(src []byte, tok lexer.Token, pos Pos) string {
	if tok.Type == tokIdent {
		if kw := typoOf(tok.Value); kw != "" {
			return kw
		}
	}
	start := bytes.LastIndexByte(src[:pos.Offset], '\n') + 1
	f := strings.Fields(string(src[start:pos.Offset]))
	switch {
	case tok.Type == tokEOL && len(f) == 1,
		len(f) >= 2 && slices.Contains(allKeywords(), f[1]):
		return typoOf(f[0])
	}
	return ""
}

// typoOf returns the keyword word is one edit from (two in a word of seven
// letters or more), or "". Words under four letters are left alone: they
// are too close to too many names.
func typoOf(word string) string {
	n := len([]rune(word))
	if n < 4 || slices.Contains(keywords(), word) {
		return ""
	}
	limit := 1
	if n >= 7 {
		limit = 2
	}
	for _, kw := range keywords() {
		if distance(word, kw) <= limit {
			return kw
		}
	}
	return ""
}

// inEntity reports whether offset lies inside the braces of an entity
// declaration: the last line before it that starts with a declaration
// keyword starts with "entity", and a brace it opens is still open.
func inEntity(src []byte, offset int) bool {
	for end := offset; end > 0; {
		start := bytes.LastIndexByte(src[:end], '\n') + 1
		for _, kw := range declKeywords {
			if bytes.HasPrefix(src[start:], []byte(kw)) {
				return kw == "entity " && openBraces(string(src[start:offset])) > 0
			}
		}
		end = start - 1
	}
	return false
}

// openBraces counts the braces of s left open, by its tokens.
func openBraces(s string) int {
	open := 0
	for s != "" {
		typ, n := scan(s)
		if n == 0 {
			n = 1
		}
		switch {
		case typ == tokPunct && s[0] == '{':
			open++
		case typ == tokPunct && s[0] == '}':
			open--
		}
		s = s[n:]
	}
	return open
}

func describe(tok string) string {
	if tok == "\n" || tok == "\r\n" {
		return "end of line"
	}
	return fmt.Sprintf("%q", tok)
}

func hintFor(tok string) string {
	switch tok {
	case "N:1", "N:M", "1:M":
		return "write the relationship as 1:N, 1:1 or M:N, with the one side on the left"
	case "\n", "\r\n":
		return "a clause may not be split across lines outside parentheses"
	}
	return ""
}
