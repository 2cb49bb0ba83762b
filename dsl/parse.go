// Package dsl reads the .er language: it lexes and parses a file into an
// AST (File) and defines the diagnostics every later stage reports with.
// It knows the syntax only; names, types and relationship rules are checked
// by generator/model.
package dsl

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// parser is participle's parser of the grammar, built the first time a
// file needs it (a valid file is read by the reader alone, and building
// it took 3 ms of every ergen command's start).
var parser = sync.OnceValue(func() *participle.Parser[File] { return buildParser(lookahead) })

// buildParser builds participle's parser of the grammar, committing to an
// alternative once it got more than lookahead tokens into it (never when
// lookahead is negative).
func buildParser(lookahead int) *participle.Parser[File] {
	return participle.MustBuild[File](
		participle.Lexer(erLexer),
		participle.Elide("Comment", "Whitespace"),
		participle.UseLookahead(lookahead),
	)
}

// MaxNesting bounds how deeply parentheses and brackets may nest. The parser
// is recursive; the bound turns a pathological input into a diagnostic
// instead of an exhausted stack.
const MaxNesting = 200

// Grammar returns the EBNF of the language, as participle derives it from
// the AST. A golden copy in testdata/grammar.ebnf makes changes reviewable.
func Grammar() string { return parser().String() }

// Parse parses one .er file. filename is used in positions and should be the
// path the user gave. A valid file is read by the reader (reader.go);
// anything else goes to participle, which returns the partial AST and the
// syntax errors, one for each declaration that has one (see parse).
func Parse(filename string, src []byte) (*File, Diagnostics) {
	return parse(filename, src, true)
}

// WithoutBOM returns src without the byte order mark some editors write
// first: it is no character of the file, which Parse drops there, and
// only there (anywhere else U+FEFF is an invisible character, refused).
// A program that shows diagnostics with the file's lines reads them from
// src so trimmed, as Parse's positions count.
func WithoutBOM(src []byte) []byte { return bytes.TrimPrefix(src, []byte("\uFEFF")) }

// MaxSyntaxErrors bounds how many syntax errors Parse reports for one file.
const MaxSyntaxErrors = 50

// parse is Parse, with or without the reader (tests compare the two).
//
// The parser stops at the first syntax error. To report the errors of
// the whole file at once, parse then goes on after it: at the next line
// of the same block when the error's line is a clause of its own (the
// line is blanked and the declaration parsed again), else at the next
// declaration that starts a line, parsed on its own; the errors found
// there are moved to their place in the file. It stops when the rest
// parses or MaxSyntaxErrors is reached. A file that is not text at all
// (a NUL byte, invalid UTF-8) gets its one message.
func parse(filename string, src []byte, useReader bool) (*File, Diagnostics) {
	src = WithoutBOM(src)
	if d := checkEncoding(filename, src); d != nil {
		return &File{Name: filename, Source: src}, Diagnostics{d}
	}
	if ds := checkInvisible(filename, src); ds != nil {
		return &File{Name: filename, Source: src}, ds
	}
	f, diags := parseOnce(filename, src, useReader, 0)
	work := src // src with the lines of clauses in error blanked
	for last := diags; len(last) > 0 && len(diags) < MaxSyntaxErrors; {
		d := last[len(last)-1]
		if blanked, decl, ok := skipClause(work, d); ok {
			_, again := parseOnce(filename, blanked[decl:], useReader, lineOf(src, decl))
			moveTo(again, src, decl)
			if len(again) == 0 || again[0].Pos.Offset > d.End.Offset {
				work, last = blanked, again
				diags = append(diags, last...)
				continue
			}
		}
		next := nextDeclaration(src, d.End.Offset)
		if next < 0 {
			break
		}
		_, last = parseOnce(filename, work[next:], useReader, lineOf(src, next))
		moveTo(last, src, next)
		diags = append(diags, last...)
	}
	// Expressions are checked where the AST is whole: before the first
	// syntax error, which is where participle's partial AST stops.
	var exprs Diagnostics
	for _, d := range checkExprs(f) {
		if len(diags) > 0 && d.End.Offset >= diags[0].Pos.Offset || len(exprs)+len(diags) >= MaxSyntaxErrors {
			break
		}
		exprs = append(exprs, d)
	}
	diags = append(exprs, diags...)
	if len(diags) > MaxSyntaxErrors {
		diags = diags[:MaxSyntaxErrors]
	}
	// Lines and columns from the offsets, in the whole file: participle
	// counts the column of its end-of-file token in bytes, one too many
	// after a multibyte character on the last line.
	for _, d := range diags {
		d.Pos, d.End = PosAt(d.Pos.File, src, d.Pos.Offset), PosAt(d.End.File, src, d.End.Offset)
	}
	return f, diags
}

// skipClause returns src with the line of d blanked, and the offset of the
// declaration holding it, when that line is a clause of a block on its
// own: inside the braces of a declaration, neither opening nor closing a
// block nor leaving a parenthesis open, and not the end of the file. The
// parser can then go on at the next line of the same block.
func skipClause(src []byte, d *Diagnostic) ([]byte, int, bool) {
	if d.Pos.Offset >= len(src) || d.Msg == "unexpected end of file" {
		return nil, 0, false
	}
	start, end := lineBounds(src, d.Pos.Offset)
	line := src[start:end]
	decl := declStart(src, start)
	if start == 0 || decl < 0 || decl == start || bytes.ContainsAny(line, "{}") ||
		bytes.Count(line, []byte("(")) != bytes.Count(line, []byte(")")) || unclosedBrace(src, start) >= 0 {
		return nil, 0, false
	}
	if _, braces := scanBrackets(src[decl:start]); braces <= 0 {
		return nil, 0, false
	}
	if d.Pos.Offset == end || src[d.Pos.Offset] == '\r' {
		// The clause ended too early: a more indented line after it is
		// likely its continuation, to be skipped with it.
		if next, nextEnd := lineBounds(src, min(end+1, len(src))); end < len(src) && indent(src[next:nextEnd]) > indent(line) {
			end = nextEnd
		}
	}
	blanked := bytes.Clone(src)
	for i := start; i < end; i++ {
		if blanked[i] != '\r' && blanked[i] != '\n' {
			blanked[i] = ' '
		}
	}
	return blanked, decl, true
}

// indent is how many blanks line starts with.
func indent(line []byte) int { return len(line) - len(bytes.TrimLeft(line, " \t")) }

// lineOf is how many lines of src come before offset at.
func lineOf(src []byte, at int) int { return bytes.Count(src[:at], []byte("\n")) }

// moveTo moves diagnostics found in src[at:], parsed on its own, to
// their place in src. at must start a line, so columns stand as they are.
func moveTo(ds Diagnostics, src []byte, at int) {
	lines := lineOf(src, at)
	for _, d := range ds {
		d.Pos.Offset, d.Pos.Line = d.Pos.Offset+at, d.Pos.Line+lines
		d.End.Offset, d.End.Line = d.End.Offset+at, d.End.Line+lines
	}
}

// declKeywords start the top-level declarations.
var declKeywords = []string{"schema ", "extension ", "type ", "enum ", "domain ", "sequence ", "entity ", "relationship "}

// startsDeclaration reports whether line, the source from the start of a
// line on, starts a declaration. Declarations are written from the first
// column and their contents indented, which is what fmt writes, so such a
// line is where a declaration begins, and a sound place to start again
// after a syntax error.
func startsDeclaration[T ~string | ~[]byte](line T) bool {
	for _, kw := range declKeywords {
		if len(line) >= len(kw) && string(line[:len(kw)]) == kw {
			return true
		}
	}
	return false
}

// nextDeclaration returns the offset of the first line after offset from
// that starts a declaration, or one written with its keyword misspelt
// (misspeltDeclaration), or -1.
func nextDeclaration(src []byte, from int) int {
	for i := bytes.IndexByte(src[min(from, len(src)):], '\n'); i >= 0; {
		start := from + i + 1
		if startsDeclaration(src[start:]) || misspeltDeclaration(src[start:]) {
			return start
		}
		from = start
		i = bytes.IndexByte(src[from:], '\n')
	}
	return -1
}

// misspeltDeclaration reports whether line, the source from the start of
// a line on, starts with a misspelt declaration keyword followed by a
// name: `entiy B {`, `relationshp A 1:N B`. Such a line is where the user
// meant a declaration to begin, so parsing goes on there after an error
// before it, and its own misspelling is reported too. It is not one for
// the other uses of startsDeclaration, which look for declarations that
// read as such.
func misspeltDeclaration(line []byte) bool {
	if end := bytes.IndexByte(line, '\n'); end >= 0 {
		line = line[:end] // else a line without a space is searched to the end of the file
	}
	word, rest, ok := bytes.Cut(line, []byte(" "))
	if !ok || !IsName(string(word)) {
		return false
	}
	next, _ := utf8.DecodeRune(bytes.TrimLeft(rest, " \t"))
	if !IsName(string(next)) {
		return false
	}
	return Misspelling(string(word), declWords()) != ""
}

// declWords are declKeywords without their spaces.
var declWords = sync.OnceValue(func() []string {
	out := make([]string, len(declKeywords))
	for i, kw := range declKeywords {
		out[i] = strings.TrimSpace(kw)
	}
	return out
})

// parseOnce parses src, stopping at the first syntax error. src may be
// the rest of a file from a line on: lines is how many come before it, for
// hints that name a line.
func parseOnce(filename string, src []byte, useReader bool, lines int) (*File, Diagnostics) {
	deep, _ := scanBrackets(src)
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
		f, unclosed, fail := read(filename, string(src))
		if f != nil {
			f.Name, f.Source = filename, src
			if unclosed != nil {
				return f, Diagnostics{unclosed}
			}
			return f, nil
		}
		if at := fail.decl; at == 0 || at > 0 && src[at-1] == '\n' {
			// Everything before the declaration the reader failed in is
			// valid, and participle gets no further than the reader did:
			// participle need only read src[at:fail.end] to report the
			// error it would report reading the whole file.
			if _, err := parser().ParseBytes(filename, src[at:fail.end]); err != nil {
				// The declarations before it are kept, as participle's
				// partial tree keeps them, so that the checks run after
				// parsing (checkExprs) report what is wrong in them too.
				f := &File{Name: filename, Source: src}
				if prefix, _, _ := read(filename, string(src[:at])); prefix != nil {
					f.Decls = prefix.Decls
				}
				return f, syntaxErrors(filename, src, at, fail.end, lines, err)
			}
		}
	}
	f, err := parser().ParseBytes(filename, src)
	if f == nil {
		f = &File{}
	}
	f.Name, f.Source = filename, src
	if err != nil {
		return f, syntaxErrors(filename, src, 0, len(src), lines, err)
	}
	if d := unclosedToken(filename, src); d != nil {
		return f, Diagnostics{d}
	}
	return f, nil
}

// syntaxErrors is the diagnostic for participle's error err in reading
// src[from:to], placed in src; from starts a line, and lines come before
// src. It is the error participle reports for all of src: participle may
// give up at an earlier token than a stray quote that derailed it, and a
// quote never closed on its line is the better report when it is on the
// same line or before.
func syntaxErrors(filename string, src []byte, from, to, lines int, err error) Diagnostics {
	ds := Diagnostics{syntaxError(filename, src[from:to], err, lines+lineOf(src, from))}
	moveTo(ds, src, from)
	d := ds[0]
	if lx := unclosedToken(filename, src[:to]); lx != nil && (lx.Pos.Offset <= d.Pos.Offset || lx.Pos.Line == d.Pos.Line) {
		ds[0] = lx
	}
	if ds[0].Msg == "unexpected end of file" {
		ds[0].Hint = eofHint(src)
	}
	return ds
}

// eofHint is the hint for a file that ends too early: in a block, or in a
// declaration without one.
func eofHint(src []byte) string {
	if _, braces := scanBrackets(src); braces > 0 {
		return "a block opened with { is not closed"
	}
	return "the file ends in the middle of a declaration"
}

// Text returns the source text between two positions of this file, as the
// user wrote it. Expressions (defaults and checks) are carried this way so
// that ergen never re-spells SQL it does not need to understand.
func (f *File) Text(from, to lexer.Position) string {
	src := f.source(from)
	if from.Offset < 0 || to.Offset > len(src) || from.Offset > to.Offset {
		return ""
	}
	return strings.TrimSpace(string(src[from.Offset:to.Offset]))
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
	toks, _ := readTokens(string(src))
	return firstUnclosed(filename, toks)
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

// syntaxError turns participle's error into a diagnostic at the token
// that is wrong (see locate.go), rewording the cases a user is most likely
// to hit. src is a declaration or more from the start of a line; lines
// come before it.
func syntaxError(filename string, src []byte, err error, lines int) *Diagnostic {
	var perr participle.Error
	if !errors.As(err, &perr) {
		p := PosAt(filename, src, 0)
		return &Diagnostic{Severity: Error, Pos: p, End: p, Msg: err.Error()}
	}
	var uerr *participle.UnexpectedTokenError
	if errors.As(err, &uerr) {
		if _, deep := deepParser().ParseBytes(filename, src); deep != nil {
			var duerr *participle.UnexpectedTokenError
			if errors.As(deep, &duerr) && duerr.Position().Offset > uerr.Position().Offset {
				uerr = duerr
			}
		}
		return unexpectedToken(filename, src, uerr.Unexpected, lines)
	}
	pos := FromLexer(perr.Position())
	d := &Diagnostic{Severity: Error, Pos: pos, End: pos, Msg: perr.Message()}
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

// unexpectedToken is the diagnostic for tok, the furthest token any
// reading of src reached: "expected X, found tok" with a hint, or the
// earlier word of its line that is a misspelt keyword.
func unexpectedToken(filename string, src []byte, tok lexer.Token, lines int) *Diagnostic {
	pos := FromLexer(tok.Pos)
	pos.File = filename
	d := &Diagnostic{Severity: Error, Pos: pos, End: pos.Advance(tok.Value)}
	switch {
	case tok.EOF():
		d.Msg = "unexpected end of file"
		d.Hint = "a block opened with { is not closed"
		return d
	case tok.Value == "'" || tok.Value == `"`:
		d.Msg = "unterminated string"
		d.Hint = "close it with " + tok.Value + " on the same line"
		return d
	case tok.Value == "/*":
		d.Msg = "unterminated block comment"
		d.Hint = "close it with */"
		return d
	}
	if line, _ := lineBounds(src, pos.Offset); line < pos.Offset && unclosedBrace(src, line) >= 0 {
		// The block before ran into this declaration, which then read as
		// its attribute: the declaration's keyword is what was unexpected.
		tok.Value, pos = tokenAt(src, line).Value, PosAt(filename, src, line)
		d.Pos, d.End = pos, pos.Advance(tok.Value)
		d.Msg = fmt.Sprintf(`expected "}", found %s`, Quote(tok.Value))
		d.Hint = contextHint(src, tok, pos, lines)
		return d
	}
	if tok.Type == tokEOL {
		if side, want := sideRead(src, pos.Offset); want != "" {
			if side >= 0 {
				tok.Value, pos = tokenAt(src, side).Value, PosAt(filename, src, side)
				d.Pos, d.End = pos, pos.Advance(tok.Value)
			}
			d.Msg = fmt.Sprintf("expected %s, found %s", want, describe(tok.Value))
			d.Hint = "the action is one of no action, restrict, cascade, set null, set default"
			if kw := Misspelling(tok.Value, []string{"restrict", "cascade"}); side >= 0 && kw != "" {
				// Read as an M:N side, a misspelt action never reaches
				// repairLine's keyword check: name the action meant.
				d.Msg = fmt.Sprintf("misspelt keyword %s", Quote(tok.Value))
				d.Hint = fmt.Sprintf("did you mean %q?", kw)
			}
			return d
		}
	}
	decl := max(declStart(src, pos.Offset), 0)
	if r, upper, ok := repairLine(src, decl, pos.Offset); ok {
		return keywordRepair(filename, src, decl, r, upper)
	}
	d.Msg = fmt.Sprintf("unexpected %s", describe(tok.Value))
	want := describeExpected(expectedAt(src[decl:pos.Offset]))
	before := lineTokens(src, pos.Offset)
	if line, _ := lineBounds(src, pos.Offset); want == "a name" && len(before) == 1 && !startsDeclaration(src[line:]) {
		// The name of an attribute: what it lacks is its type.
		d.Msg = fmt.Sprintf("expected a type, found %s", describe(tok.Value))
		d.Hint = contextHint(src, tok, pos, lines)
		if d.Hint == "" {
			d.Hint = fmt.Sprintf("an attribute is a name and a type on one line: %s TYPE", Excerpt(before[0].val))
		}
		return d
	}
	if want != "" {
		d.Msg = fmt.Sprintf("expected %s, found %s", want, describe(tok.Value))
	}
	d.Hint = hintFor(tok.Value)
	if strings.Contains(d.Msg, "a cardinality") {
		d.Hint = hintFor("N:1")
	}
	if h := contextHint(src, tok, pos, lines); h != "" {
		d.Hint = h
	}
	return d
}

func describe(tok string) string {
	if tok == "\n" || tok == "\r\n" {
		return "end of line"
	}
	return Quote(tok)
}

// clauseMisfits says why the relationship clause led by kw does not apply
// to the relationship declared at decl ("does not apply to an M:N
// relationship"), or "" when it applies or decl is no relationship. It
// follows the model's rules, so that a did-you-mean never suggests a
// clause the model then refuses.
func clauseMisfits(src []byte, decl int, kw string) string {
	header, _, _ := bytes.Cut(src[decl:], []byte("{"))
	fields := strings.Fields(string(header))
	if len(fields) < 3 || fields[0] != "relationship" {
		return ""
	}
	mn := fields[2] == "M:N"
	switch kw {
	case "required", "optional", "references", "match":
		if mn {
			return "it does not apply to an M:N relationship"
		}
	case "key", "unique", "index":
		if !mn {
			return "it applies to an M:N relationship only"
		}
	}
	return ""
}

// keywordRepair is the diagnostic for a keyword written in upper case or
// misspelt, r being the one change that makes its line parse.
func keywordRepair(filename string, src []byte, decl int, r repair, upper bool) *Diagnostic {
	word := string(src[r.off : r.off+r.len])
	p := PosAt(filename, src, r.off)
	d := &Diagnostic{Severity: Error, Pos: p, End: p.Advance(word)}
	if upper {
		d.Msg = fmt.Sprintf("keyword %s in upper case", Quote(strings.Fields(word)[0]))
		d.Hint = fmt.Sprintf("keywords are lower case: %s", Quote(r.kw))
		return d
	}
	d.Msg = fmt.Sprintf("misspelt keyword %s", Quote(word))
	d.Hint = fmt.Sprintf("did you mean %q?", r.kw)
	if why := clauseMisfits(src, decl, r.kw); why != "" {
		// The keyword parses, but the model would refuse it here: a hint
		// must not lead to another error.
		d.Hint = fmt.Sprintf("%q would be refused here too: %s; remove the line", r.kw, why)
	}
	return d
}
