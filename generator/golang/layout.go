package golang

import (
	"bytes"
	"go/token"
	"math"
	"strings"
	"sync"
	"unicode/utf8"
)

// layout prints jen's unformatted output (File.NoFormat) as gofmt prints
// it, in one pass over the tokens: go/format would parse the whole file
// and print it again, which was half the CPU of Go generation. jen keeps
// the line breaks of the code it builds and separates tokens by spaces;
// layout keeps the lines, drops jen's spacing, and writes gofmt's:
// indentation by open brackets, at most one blank line, spacing by the
// pair of neighbouring tokens, and the alignment of struct fields,
// trailing comments and const specs that gofmt's tabwriter makes.
//
// It knows the subset of Go that the emitter builds, and says so: ok is
// false for anything else (an arithmetic operator, a block comment, a
// doc comment that gofmt would rewrite, a struct tag ...), and the caller
// formats that file with go/format. A multiplication would be printed as
// a pointer type, since the emitter writes none; TestRandomModelsFormatted
// and the goldens compare every file with go/format's output.
//
// The file is appended to dst, which a caller laying out one file after
// another reuses.
func layout(dst, src []byte) (out []byte, ok bool) {
	sc, ok := newScanner(src)
	if !ok {
		return dst, false
	}
	l := layouters.Get().(*layouter)
	l.reset(src, dst)
	line := l.toks[:0] // the tokens of the current line
	defer func() {
		l.toks, l.src, l.out = line, nil, nil
		layouters.Put(l)
	}()
	for {
		tok, text, breaks, ok := sc.next()
		if !ok {
			return dst, false
		}
		if tok == token.EOF {
			break
		}
		if breaks > 0 && len(line) > 0 {
			if !l.line(line) {
				return dst, false
			}
			line = line[:0]
		}
		line = append(line, ltok{tok: tok, text: span{sc.off - len(text), sc.off}, blank: breaks > 1})
	}
	if len(line) > 0 && !l.line(line) {
		return dst, false
	}
	if !l.flush() || len(l.stack) > 0 || l.comment == bareComment {
		return dst, false
	}
	return l.out, true
}

// layouters keeps the layouters of the files laid out so far, whose
// slices have grown to the size of a file, for the next files: the
// render workers lay out files one after the other.
var layouters = sync.Pool{New: func() any { return new(layouter) }}

// reset readies l to lay out src, appending to dst.
func (l *layouter) reset(src, dst []byte) {
	l.src, l.out = src, dst
	l.stack, l.funcs = l.stack[:0], l.funcs[:0]
	l.section, l.cells, l.cellText = l.section[:0], l.cells[:0], l.cellText[:0]
	l.started, l.comment, l.blank = false, notComment, false
}

// ltok is a token of the source: where its text is, and whether blank
// lines came before it. It holds no pointer, so that filling the line's
// slice costs the garbage collector nothing.
type ltok struct {
	tok   token.Token
	text  span
	blank bool
}

// bracket is an open (, [ or { and the indentation of its line.
type bracket struct {
	tok    token.Token
	indent int
	kind   int // one of the kinds below
	// typed and untyped say, for a group, whether its specs have a type
	// (name | type | = value) or not (name | = value): gofmt keeps a type
	// column for a run mixing the two, which is not emitted.
	typed, untyped bool
	// elems is, for a composite literal, the sizes of its elements so far
	// (see elemBreak).
	elems elemSizes
}

// elemSizes follows go/printer's exprList over the elements of a composite
// literal, one a line: the size of the previous one, and the sum of the
// logarithms of the sizes and their count since the last section break.
type elemSizes struct {
	prev  int
	lnsum float64
	count int
}

const (
	kindOther     = iota
	kindBlock     // a statement block or a func body
	kindComposite // a composite literal
	kindStruct    // the fields of a struct type
	kindInterface // the methods of an interface type
	kindGroup     // const ( ... ), var ( ... ) or import ( ... )
)

// cellLine is a line of an aligned section: its indentation and the cells
// gofmt's tabwriter aligns, cells[first:end] of the layouter; the last
// cell is not padded.
type cellLine struct {
	indent     int
	first, end int
}

// span is a part of a text: a cell of a line, a token of the source.
type span struct{ start, end int }

// token is the text of t.
func (l *layouter) token(t *ltok) []byte { return l.src[t.text.start:t.text.end] }

type layouter struct {
	src      []byte // the text laid out
	out      []byte
	stack    []bracket
	funcs    []int      // bracket depths of func signatures awaiting their body
	section  []cellLine // consecutive aligned lines, written by flush
	cells    []span     // the cells of the section's lines, in cellText
	cellText []byte
	widths   []int  // the padded width of each cell, for flush
	cur      []byte // the text of the current line, reused
	spans    []span // the cells of the current line in cur, reused
	toks     []ltok // the tokens of the current line, reused
	started  bool
	comment  int  // what the previous line was, see commentLine
	blank    bool // a blank line is due before the next line
}

// line lays out the tokens of one source line.
func (l *layouter) line(toks []ltok) bool {
	first := toks[0]
	if !l.commentLine(toks) {
		return false
	}
	indent := l.indent(first.tok)
	if l.started && first.blank {
		l.blank = true
	}
	header := first.tok == token.IF || first.tok == token.FOR || first.tok == token.SWITCH || first.tok == token.SELECT ||
		(first.tok == token.RBRACE && len(toks) > 1 && toks[1].tok == token.ELSE)
	aligned := 0 // the kind of section this line belongs to
	if n := len(l.stack); n > 0 && !isCloser(first.tok) {
		aligned = l.stack[n-1].kind
	}
	if aligned == kindComposite && len(toks) > 1 && toks[1].tok == token.COLON {
		// A key: value line of a composite literal, which gofmt aligns
		// with its neighbours by a rule on the keys' sizes: not emitted.
		return false
	}
	base := len(l.stack) // the depth of the line's statement
	if isCloser(first.tok) {
		base-- // } else {
	}
	if !l.text(toks, indent, aligned, base, header) {
		return false
	}
	cur, cells := l.cur, l.spans
	if aligned == kindComposite {
		if len(l.stack) < base {
			return false // the element closes the literal: 0}
		}
		code := cur
		if len(cells) > 0 {
			code = cur[cells[0].start:cells[0].end]
		}
		if l.elemBreak(&l.stack[len(l.stack)-1].elems, toks, code, first.blank) && len(cells) > 0 && !l.flush() {
			return false
		}
	}
	if len(cells) == 0 {
		return l.emitPlain(indent, cur)
	}
	return l.emit(indent, cur, cells)
}

// text writes the tokens of a line to l.cur, spaced as gofmt spaces them,
// and when the line is one of an aligned section, marks its cells in
// l.spans; it keeps the brackets and func signatures up to date.
func (l *layouter) text(toks []ltok, indent, aligned, base int, header bool) bool {
	cells := l.spans[:0]
	cur := l.cur[:0]
	start := 0 // where the current cell starts in cur
	for i := range toks {
		t := &toks[i]
		if t.tok == token.COMMENT && i > 0 {
			if !simpleComment(l.token(t)) || i != len(toks)-1 {
				return false
			}
			cells = append(cells, span{start, len(cur)})
			start = len(cur)
			cur = append(cur, l.token(t)...)
			continue
		}
		kind := kindOther
		if t.tok == token.LBRACE {
			kind = l.braceKind(toks, i, base, header)
		}
		if i > 0 && l.space(toks, i, kind) {
			cur = append(cur, ' ')
		}
		if (t.tok == token.MUL || t.tok == token.AND) && i > 0 && operandEnd(toks[i-1].tok) &&
			!(t.tok == token.MUL && (len(l.funcs) > 0 || aligned == kindInterface || aligned == kindStruct && i == 1 || toks[0].tok == token.VAR && i == 2)) {
			return false // a multiplication or a bitwise and, not a pointer type
		}
		if tracked[t.tok] && !l.track(toks, i, kind, indent) {
			return false
		}
		split, ok := false, true
		if aligned == kindStruct || aligned == kindGroup {
			split, ok = l.cellBreak(toks, i, aligned)
		}
		if !ok {
			return false
		}
		if split {
			end := len(cur)
			if end > start && cur[end-1] == ' ' {
				end--
			}
			cells = append(cells, span{start, end})
			start = len(cur)
		}
		cur = append(cur, l.token(t)...)
	}
	l.funcs = l.funcs[:0]
	if len(cells) > 0 {
		cells = append(cells, span{start, len(cur)})
	}
	l.cur, l.spans = cur, cells
	return true
}

// elemBreak reports whether gofmt starts a new section of alignment before
// an element of a composite literal written on a line of its own, code,
// and records its size: as go/printer's exprList does, when the element
// and the one before are not both short and the element's size is at
// least 2.5 times, or at most a 2.5th of, the geometric mean of the sizes
// since the last break. An element that goes on past its line has no
// size, and a blank line before it starts a section as well.
func (l *layouter) elemBreak(e *elemSizes, toks []ltok, code []byte, blank bool) bool {
	size := 0
	last := len(toks) - 1
	if toks[last].tok == token.COMMENT {
		last--
	}
	if last >= 0 && toks[last].tok == token.COMMA {
		// go/printer's nodeSize: the element's length in bytes, where
		// tabwriter's alignment counts runes (textWidth).
		size = len(bytes.TrimSuffix(code, []byte(",")))
	}
	const smallSize, r = 40, 2.5
	ff := false
	if e.prev > 0 && size > 0 && e.count > 0 && (e.prev > smallSize || size > smallSize) {
		ratio := float64(size) / math.Exp(e.lnsum/float64(e.count))
		ff = r*ratio <= 1 || r <= ratio
	}
	if ff || blank {
		e.lnsum, e.count = 0, 0
	}
	if size > 0 {
		e.lnsum += math.Log(float64(size))
		e.count++
	}
	e.prev = size
	return ff
}

// indent is the indentation of a line starting with first: one more than
// the line that opened the innermost bracket, the same for the line that
// closes it and for a case of a switch.
func (l *layouter) indent(first token.Token) int {
	n := len(l.stack)
	if n == 0 {
		return 0
	}
	top := l.stack[n-1]
	if isCloser(first) || (first == token.CASE || first == token.DEFAULT) && top.kind == kindBlock {
		return top.indent
	}
	return top.indent + 1
}

// cellBreak reports whether a tabwriter cell ends before token i of a line
// in an aligned section: a struct field is name | type, a const or var
// spec name | type | = value or name | = value. ok is false for the forms
// gofmt aligns otherwise (embedded fields, several names, a group mixing
// specs with and without a type, struct tags).
func (l *layouter) cellBreak(toks []ltok, i, aligned int) (split, ok bool) {
	t := toks[i].tok
	switch {
	case aligned == kindStruct && i == 1:
		return true, toks[0].tok == token.IDENT && t != token.PERIOD && t != token.COMMA
	case aligned == kindStruct && t == token.STRING:
		return false, false // a struct tag
	case aligned == kindGroup && i == 1 && toks[0].tok == token.IDENT:
		return true, l.groupSpec(toks)
	case aligned == kindGroup && i == 2 && toks[0].tok == token.IDENT && toks[1].tok != token.ASSIGN:
		return true, true
	}
	return false, true
}

// emitPlain writes a line of one cell. It ends every column of the
// section before it, which is written first.
func (l *layouter) emitPlain(indent int, text []byte) bool {
	if !l.flush() {
		return false
	}
	if l.blank {
		l.out = append(l.out, '\n')
		l.blank = false
	}
	l.started = true
	for range indent {
		l.out = append(l.out, '\t')
	}
	l.out = append(l.out, text...)
	l.out = append(l.out, '\n')
	return true
}

// emit adds a line of several cells, the spans of text, to the current
// section.
func (l *layouter) emit(indent int, text []byte, cells []span) bool {
	if l.blank || (len(l.section) > 0 && l.section[0].indent != indent) {
		if !l.flush() {
			return false
		}
	}
	if l.blank {
		l.out = append(l.out, '\n')
		l.blank = false
	}
	l.started = true
	c := cellLine{indent: indent, first: len(l.cells)}
	for _, sp := range cells {
		n := len(l.cellText)
		l.cellText = append(l.cellText, text[sp.start:sp.end]...)
		l.cells = append(l.cells, span{n, len(l.cellText)})
	}
	c.end = len(l.cells)
	l.section = append(l.section, c)
	return true
}

// flush writes the section, aligning each column over the runs of
// consecutive lines that have a cell after it, as text/tabwriter does
// with go/printer's settings (padding 1, tabs for indentation).
func (l *layouter) flush() bool {
	sec := l.section
	if len(sec) == 0 {
		return true
	}
	widths := l.widths[:0]
	for range l.cells {
		widths = append(widths, 0)
	}
	l.widths = widths
	for col := 0; ; col++ {
		any := false
		for i := 0; i < len(sec); {
			if sec[i].end-sec[i].first <= col+1 {
				i++
				continue
			}
			any = true
			j, w := i, 0
			for j < len(sec) && sec[j].end-sec[j].first > col+1 {
				w = max(w, utf8.RuneCount(l.cell(sec[j].first+col)))
				j++
			}
			for k := i; k < j; k++ {
				widths[sec[k].first+col] = w + 1
			}
			i = j
		}
		if !any {
			break
		}
	}
	for _, c := range sec {
		for range c.indent {
			l.out = append(l.out, '\t')
		}
		for k := c.first; k < c.end; k++ {
			cell := l.cell(k)
			l.out = append(l.out, cell...)
			if k < c.end-1 {
				for range widths[k] - utf8.RuneCount(cell) {
					l.out = append(l.out, ' ')
				}
			}
		}
		l.out = append(l.out, '\n')
	}
	l.section, l.cells, l.cellText = l.section[:0], l.cells[:0], l.cellText[:0]
	return true
}

// cell is the text of the section's cell k; the width tabwriter counts
// is its runes.
func (l *layouter) cell(k int) []byte {
	return l.cellText[l.cells[k].start:l.cells[k].end]
}

// track keeps the bracket stack and the pending func signatures up to
// date with token i of a line.
func (l *layouter) track(toks []ltok, i, kind, indent int) bool {
	t := toks[i].tok
	switch t {
	case token.FUNC:
		l.funcs = append(l.funcs, len(l.stack))
	case token.LPAREN, token.LBRACK:
		kind = kindOther
		if t == token.LPAREN && i == 1 && (toks[0].tok == token.CONST || toks[0].tok == token.VAR || toks[0].tok == token.IMPORT) {
			kind = kindGroup
		}
		l.stack = append(l.stack, bracket{tok: t, indent: indent, kind: kind})
	case token.LBRACE:
		last := i == len(toks)-1
		if kind == kindBlock && !last || (kind == kindStruct || kind == kindInterface) && !last && toks[i+1].tok != token.RBRACE {
			return false // a block or struct on one line: not emitted
		}
		if n := len(l.funcs); n > 0 && l.funcs[n-1] == len(l.stack) {
			l.funcs = l.funcs[:n-1]
		}
		l.stack = append(l.stack, bracket{tok: t, indent: indent, kind: kind})
	case token.RPAREN, token.RBRACK, token.RBRACE:
		n := len(l.stack)
		if n == 0 || l.stack[n-1].tok != matching(t) {
			return false
		}
		l.stack = l.stack[:n-1]
		for len(l.funcs) > 0 && l.funcs[len(l.funcs)-1] > len(l.stack) {
			l.funcs = l.funcs[:len(l.funcs)-1]
		}
	case token.COMMA:
		if n := len(l.funcs); n > 0 && l.funcs[n-1] == len(l.stack) {
			l.funcs = l.funcs[:n-1]
		}
	case token.ADD, token.SUB, token.QUO, token.REM, token.OR, token.XOR, token.SHL, token.SHR,
		token.AND_NOT, token.ARROW, token.ELLIPSIS, token.TILDE, token.COLON:
		switch {
		case t == token.ELLIPSIS && i+1 < len(toks) && toks[i+1].tok == token.RPAREN:
		case t == token.COLON && !l.inBrackets():
		default:
			return false
		}
	}
	return true
}

// tracked tells the tokens track does something for; layout skips the
// call for the others (names, literals, periods), most of the tokens.
var tracked = func() (t [token.TILDE + 1]bool) {
	for _, tok := range []token.Token{token.FUNC, token.LPAREN, token.LBRACK, token.LBRACE, token.RPAREN,
		token.RBRACK, token.RBRACE, token.COMMA, token.ADD, token.SUB, token.QUO, token.REM, token.OR,
		token.XOR, token.SHL, token.SHR, token.AND_NOT, token.ARROW, token.ELLIPSIS, token.TILDE, token.COLON} {
		t[tok] = true
	}
	return t
}()

// braceKind tells what a { opens.
func (l *layouter) braceKind(toks []ltok, i, base int, header bool) int {
	if i > 0 && toks[i-1].tok == token.STRUCT {
		return kindStruct
	}
	if i > 0 && toks[i-1].tok == token.INTERFACE {
		return kindInterface
	}
	if n := len(l.funcs); n > 0 && l.funcs[n-1] == len(l.stack) {
		return kindBlock
	}
	if header && len(l.stack) == base {
		return kindBlock
	}
	return kindComposite
}

func (l *layouter) inBrackets() bool {
	n := len(l.stack)
	return n > 0 && l.stack[n-1].tok == token.LBRACK
}

// space reports whether gofmt writes a space between tokens i-1 and i of
// a line; kind is what token i opens when it is a {.
func (l *layouter) space(toks []ltok, i, kind int) bool {
	prev, cur := toks[i-1].tok, toks[i].tok
	next := token.ILLEGAL
	if i+1 < len(toks) {
		next = toks[i+1].tok
	}
	switch {
	case isBinary(cur) || isBinary(prev):
		return true
	case cur == token.COMMA || cur == token.SEMICOLON || cur == token.PERIOD || cur == token.COLON ||
		cur == token.INC || cur == token.DEC || isCloser(cur):
		return false
	case cur == token.ELLIPSIS && next == token.RPAREN:
		return false
	case prev == token.COMMA || prev == token.SEMICOLON:
		return true
	case prev == token.COLON:
		return !l.inBrackets()
	case prev == token.LPAREN || prev == token.LBRACK || prev == token.LBRACE || prev == token.PERIOD ||
		prev == token.MUL || prev == token.AND || prev == token.NOT || prev == token.ELLIPSIS:
		return false
	case cur == token.LPAREN:
		switch prev {
		case token.FUNC:
			return i == 1 && len(l.stack) == 0 // a declaration, not a literal
		case token.IDENT, token.RBRACK, token.RBRACE:
			return false // a call, an instantiation, a func literal called
		}
		return true
	case cur == token.LBRACK:
		if next == token.RBRACK {
			return prev != token.RBRACK
		}
		if prev == token.IDENT || prev == token.RPAREN {
			return arrayType(toks, i) // x [16]byte, not x[16]
		}
		return prev != token.MAP && prev != token.RBRACK
	case cur == token.LBRACE:
		return kind == kindBlock || (kind == kindStruct || kind == kindInterface) && next != token.RBRACE
	case prev == token.RBRACK:
		return false
	}
	return true
}

// arrayType reports whether the [ at i starts an array type: its ] is
// followed by a type, where an index or an instantiation is followed by
// an operator, a selector, a call or the end of the operand.
func arrayType(toks []ltok, i int) bool {
	depth := 0
	for j := i; j < len(toks); j++ {
		switch toks[j].tok {
		case token.LBRACK:
			depth++
		case token.RBRACK:
			depth--
			if depth == 0 {
				if j+1 == len(toks) {
					return false
				}
				switch toks[j+1].tok {
				case token.IDENT, token.MUL, token.LBRACK, token.MAP, token.FUNC, token.STRUCT, token.INTERFACE, token.CHAN:
					return true
				}
				return false
			}
		}
	}
	return false
}

// What a line was, for commentLine.
const (
	notComment    = iota
	bareComment   // "//"
	textComment   // "// text"
	textAfterBare // "// text" after "//"
)

// commentLine reports whether gofmt leaves the comment lines up to toks
// as they are. In a doc comment it drops blank comment lines at either
// end and repeated ones, and makes a heading of a line that stands
// between blank comment lines; all three are left to go/format.
func (l *layouter) commentLine(toks []ltok) bool {
	last := l.comment
	l.comment = notComment
	only := toks[0].tok == token.COMMENT && len(toks) == 1
	if last == bareComment && (toks[0].blank || !only) {
		return false // a comment ending in "//"
	}
	if !only {
		return true
	}
	prev := last
	if toks[0].blank {
		prev = notComment
	}
	switch c := l.token(&toks[0]); {
	case string(c) == "//":
		l.comment = bareComment
		return prev == textComment
	case !simpleComment(c):
		return false
	case prev == bareComment:
		l.comment = textAfterBare
	default:
		l.comment = textComment
	}
	return true
}

// simpleComment reports whether gofmt leaves a line comment as it is.
// Its doc comment reformatting rewrites code blocks (indented lines),
// lists (-, *, +, • or a number, then a blank), headings (#) and link
// definitions ([); old-style headings stand between blank comment lines.
// Those comments, blank comment lines, directives and trailing blanks
// are left to go/format.
func simpleComment(c []byte) bool {
	body, ok := bytes.CutPrefix(c, []byte("// "))
	if !ok || len(body) == 0 || body[len(body)-1] == ' ' || body[len(body)-1] == '\t' {
		return false
	}
	switch body[0] {
	case ' ', '\t', '#', '[':
		return false
	}
	rest := bytes.TrimLeft(body, "0123456789")
	if len(rest) < len(body) && len(rest) > 0 && (rest[0] == '.' || rest[0] == ')') {
		rest = rest[1:]
	} else if r, size := utf8.DecodeRune(body); strings.ContainsRune("-*+\u2022", r) {
		rest = body[size:]
	} else {
		return true
	}
	return len(rest) > 0 && rest[0] != ' ' && rest[0] != '\t'
}

// operandEnd reports whether t can end an operand, after which * and &
// are binary. After ], * is taken for a pointer type ([]*T, map[K]*V).
func operandEnd(t token.Token) bool {
	switch t {
	case token.IDENT, token.INT, token.FLOAT, token.IMAG, token.CHAR, token.STRING, token.RPAREN:
		return true
	}
	return false
}

func isCloser(t token.Token) bool {
	return t == token.RPAREN || t == token.RBRACK || t == token.RBRACE
}

func matching(t token.Token) token.Token {
	switch t {
	case token.RPAREN:
		return token.LPAREN
	case token.RBRACK:
		return token.LBRACK
	}
	return token.LBRACE
}

// isBinary: the operators the emitter writes between two operands, which
// gofmt always surrounds with spaces (comparisons and logical operators
// bind less than its cut-off for dropping them; assignments are
// statements).
func isBinary(t token.Token) bool {
	switch t {
	case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ, token.LAND, token.LOR,
		token.ASSIGN, token.DEFINE, token.ADD_ASSIGN, token.SUB_ASSIGN, token.MUL_ASSIGN, token.QUO_ASSIGN,
		token.REM_ASSIGN, token.AND_ASSIGN, token.OR_ASSIGN, token.XOR_ASSIGN, token.SHL_ASSIGN,
		token.SHR_ASSIGN, token.AND_NOT_ASSIGN:
		return true
	}
	return false
}

// groupSpec reports whether a spec line of a const or var group is one
// that layout prints: a name, a type when every spec of the group has
// one, and a value.
func (l *layouter) groupSpec(toks []ltok) bool {
	g := &l.stack[len(l.stack)-1]
	switch {
	case toks[1].tok == token.ASSIGN && len(toks) > 2:
		g.untyped = true
	case toks[1].tok == token.IDENT && len(toks) >= 4 && toks[2].tok == token.ASSIGN:
		g.typed = true
	default:
		return false
	}
	return !(g.typed && g.untyped)
}
