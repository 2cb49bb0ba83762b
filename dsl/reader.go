package dsl

import (
	"math"
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// The grammar of the language is the one in ast.go, and participle is its
// reference implementation: it derives the grammar's EBNF and reports every
// syntax error. Participle's parser interprets the grammar by reflection and
// allocates on every alternative it tries, which made it the slowest stage
// of ergen by far. So a valid file is read by a reader generated from that
// grammar instead (reader_gen.go, by dsl/internal/readergen), which builds
// the very AST participle builds; whenever the reader fails, Parse hands
// the input to participle, which decides and reports.
//
// Participle is configured so that its meaning is plain, and the reader
// has exactly that meaning: alternatives are ordered and the first that
// matches wins, a failed one leaving no trace however far it got
// (unlimited lookahead); repetitions are greedy, never give back an
// iteration that matched, and have no bound. Pos is the first token of a
// node, EndPos the position just after its last token.
//
// This file is the reader's runtime: the tokens, the cursor, and the few
// operations the generated code is made of. reader_test.go and FuzzParse
// check that the reader and participle agree on every input they are
// given: the same AST when both succeed, and the reader never succeeding
// where participle fails.

//go:generate go run -tags ergen_readergen ./internal/cmd/genreader

// lookahead is how far a failed alternative may get before participle
// stops trying others: without a limit, so that no input is refused for
// how far apart the tokens that decide it are. Parse builds participle's
// parser with it.
const lookahead = -1

func init() {
	// Likewise, no repetition is bounded: a file of a million blank lines
	// is as valid as one of ten.
	participle.MaxIterations = math.MaxInt
}

// token is a token the grammar sees: comments and whitespace are dropped,
// as the parser elides them. Positions are kept small; pos rebuilds a
// lexer.Position.
type token struct {
	val               string
	typ               lexer.TokenType
	off, line, column int32
}

// reader is the state of one read.
type reader struct {
	file   string  // the file name in positions
	toks   []token // ends with an EOF token
	i      int     // the next token
	far    int     // the furthest token reached
	declAt int     // the first token of the root's repetition being read: the declaration
}

// readFailure says where the reader failed on a file that is not valid:
// decl is the offset of the declaration it was reading, end the offset of
// the first declaration keyword in the first column after the furthest
// token it reached (or the file's length). Participle, which reads as the
// reader does and so gets no further, need only read src[decl:end] to
// find the error. decl is -1 when the reader gave up for another reason.
type readFailure struct{ decl, end int }

// read returns the AST of src, or nil when src is not valid. With the AST
// it returns the error for the first string or block comment that is never
// closed, if any: the grammar accepts those tokens inside parentheses, but
// the file is not valid.
//
// When src is not valid, it says which declaration the reader failed in,
// so that participle need only read that one to report the error.
func read(filename string, src string) (*File, *Diagnostic, readFailure) {
	toks, ok := readTokens(src)
	if !ok {
		return nil, nil, readFailure{-1, -1}
	}
	r := &reader{file: filename, toks: toks}
	f := r.readFile()
	if f == nil || r.peek().typ != lexer.EOF {
		end := len(src)
		for _, t := range toks[r.far+1:] {
			if t.column == 1 && startsDeclaration(src[t.off:]) {
				end = int(t.off)
				break
			}
		}
		return nil, nil, readFailure{int(toks[r.declAt].off), end}
	}
	return f, firstUnclosed(filename, toks), readFailure{}
}

// firstUnclosed is the error for the first string or block comment of
// toks that is never closed, or nil.
func firstUnclosed(filename string, toks []token) *Diagnostic {
	for i := range toks {
		if t := &toks[i]; t.typ == tokUnclosedString || t.typ == tokUnclosedComment {
			return unclosedError(t.typ, t.val, t.position(filename))
		}
	}
	return nil
}

// readTokens lexes src with the language's lexer, keeping the tokens that
// the grammar sees (those participle does not elide). On a character no token starts with, it returns the
// tokens before it and false. It gives up on files of 2 GiB or more, whose
// offsets would not fit the tokens.
//
// The text of a token is a string of its own, one for all the tokens
// that read alike, never a part of src: the AST and the model made from
// it keep names and words, and each of those would keep the whole of
// src (as large as the model's columns are many) until the end of the
// run; a model names the same few attributes, types and keywords over
// and over.
func readTokens(src string) ([]token, bool) {
	if len(src) >= math.MaxInt32 {
		return nil, false
	}
	toks := make([]token, 0, len(src)/4+1) // .er source averages 5 bytes a token
	texts := make(map[string]string)
	off, line, col := 0, 1, 1
	var st scanState
	for off < len(src) {
		rest := src[off:]
		typ, n := scan(rest, &st)
		if n == 0 {
			return toks, false
		}
		if !elided(typ) {
			val, ok := texts[rest[:n]]
			if !ok {
				val = strings.Clone(rest[:n])
				texts[val] = val
			}
			toks = append(toks, token{val: val, typ: typ, off: int32(off), line: int32(line), column: int32(col)})
		}
		line, col = advance(line, col, rest[:n])
		off += n
	}
	return append(toks, token{typ: lexer.EOF, off: int32(off), line: int32(line), column: int32(col)}), true
}

// advance moves a line and column past text, as lexer.Position.Advance
// does.
func advance(line, col int, text string) (int, int) {
	ascii := true
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case c == '\n':
			line, col = advance(line+1+strings.Count(text[i+1:], "\n"), 1, text[strings.LastIndexByte(text, '\n')+1:])
			return line, col
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	if ascii {
		return line, col + len(text)
	}
	return line, col + utf8.RuneCountInString(text)
}

// pos is the position of t.
func (r *reader) pos(t *token) lexer.Position { return t.position(r.file) }

// position is t's position in the file named file.
func (t *token) position(file string) lexer.Position {
	return lexer.Position{Filename: file, Offset: int(t.off), Line: int(t.line), Column: int(t.column)}
}

// peek is the next token; at the end, the EOF token.
func (r *reader) peek() *token { return &r.toks[r.i] }

// next consumes the next token; EOF is never consumed.
func (r *reader) next() {
	if r.toks[r.i].typ != lexer.EOF {
		r.i++
		r.far = max(r.far, r.i)
	}
}

// end is the position just after the last token consumed, or the start of
// the file before the first: what participle gives an EndPos field.
func (r *reader) end() lexer.Position {
	if r.i == 0 {
		return lexer.Position{Filename: r.file, Line: 1, Column: 1}
	}
	t := &r.toks[r.i-1]
	line, col := advance(int(t.line), int(t.column), t.val)
	return lexer.Position{Filename: r.file, Offset: int(t.off) + len(t.val), Line: line, Column: col}
}

// lit consumes the next token if its text is v, as a literal of the
// grammar matches a token of any type by its text.
func (r *reader) lit(v string) bool {
	if r.toks[r.i].val == v {
		r.next()
		return true
	}
	return false
}

// litOf consumes the next token if it is of type typ and its text is v.
func (r *reader) litOf(typ lexer.TokenType, v string) bool {
	if t := &r.toks[r.i]; t.typ == typ && t.val == v {
		r.next()
		return true
	}
	return false
}

// tok consumes the next token if it is of type typ.
func (r *reader) tok(typ lexer.TokenType) bool {
	if r.toks[r.i].typ == typ {
		r.next()
		return true
	}
	return false
}

// mark is the cursor, for a capture: the tokens consumed from it on are
// captured.
func (r *reader) mark() int { return r.i }

// text captures into dst, when ok, the tokens consumed since from: their
// texts are appended, as participle captures into a string.
func (r *reader) text(dst *string, from int, ok bool) bool {
	if ok {
		for _, t := range r.toks[from:r.i] {
			if *dst == "" {
				*dst = t.val // not copied, as a concatenation would
			} else {
				*dst += t.val
			}
		}
	}
	return ok
}

// words captures into dst, when ok, the tokens consumed since from, one
// string each.
func (r *reader) words(dst *[]string, from int, ok bool) bool {
	if ok {
		if *dst == nil && r.i > from {
			*dst = make([]string, 0, r.i-from)
		}
		for _, t := range r.toks[from:r.i] {
			*dst = append(*dst, t.val)
		}
	}
	return ok
}

// flag captures into dst, when ok, whether any token was consumed since
// from.
func (r *reader) flag(dst *bool, from int, ok bool) bool {
	if ok && r.i > from {
		*dst = true
	}
	return ok
}

// textOne is text for a match of exactly one token.
func (r *reader) textOne(dst *string, ok bool) bool {
	if ok {
		if v := r.toks[r.i-1].val; *dst == "" {
			*dst = v
		} else {
			*dst += v
		}
	}
	return ok
}

// wordOne is words for a match of exactly one token.
func (r *reader) wordOne(dst *[]string, ok bool) bool {
	if ok {
		*dst = append(*dst, r.toks[r.i-1].val)
	}
	return ok
}

// flagOne is flag for a match of exactly one token.
func (r *reader) flagOne(dst *bool, ok bool) bool {
	if ok {
		*dst = true
	}
	return ok
}

// setPtr captures a production read into dst, unless it did not match.
func setPtr[T any](dst **T, v *T) bool {
	if v == nil {
		return false
	}
	*dst = v
	return true
}

// appendPtr captures a production read into the list dst, unless it did
// not match.
func appendPtr[T any](dst *[]*T, v *T) bool {
	if v == nil {
		return false
	}
	*dst = append(*dst, v)
	return true
}
