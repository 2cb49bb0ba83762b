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
// of ergen by far. So a valid file is read by the recursive-descent reader
// below instead, which builds the very AST participle would build; whenever
// the reader fails, or cannot be sure participle would read the input the
// same way, Parse hands the input to participle, which decides and reports.
//
// The reader mirrors participle's semantics, production by production:
// alternatives are ordered and the first that matches wins; repetitions are
// greedy and never give back an iteration that matched; a failed
// alternative or iteration is undone and parsing goes on, unless it got
// more than `lookahead` tokens past where it started, in which case
// participle reports an error (so the reader gives up). Pos is the first
// token of a node, EndPos the position just after its last token.
//
// reader_test.go and FuzzParse check that the reader and participle agree
// on every input they are given: the same AST when both succeed, and the
// reader never succeeding where participle fails.

// lookahead is how far a failed alternative may get before participle
// stops trying others. Parse builds participle's parser with it.
const lookahead = 8

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
	hi     int     // the furthest token reached since the innermost open choice began
	far    int     // the furthest token reached at all
	declAt int     // the first token of the declaration being read
	bail   bool    // participle may read the input differently: leave it to participle
}

// readFailure says where the reader failed on a file that is not valid:
// decl is the offset of the declaration it was reading, end the offset of
// the first declaration keyword in the first column after the furthest
// token it reached (or the file's length). Participle, which never gets
// further than the reader, need only read src[decl:end] to find the
// error. decl is -1 when the reader gave up for another reason.
type readFailure struct{ decl, end int }

// read returns the AST of src, or nil when src is not valid or participle
// may read it differently. With the AST it returns the error for the first
// string or block comment that is never closed, if any: the grammar
// accepts those tokens inside parentheses, but the file is not valid.
//
// When src is not valid, it says which declaration the reader failed in,
// so that participle need only read that one to report the error.
func read(filename string, src string) (*File, *Diagnostic, readFailure) {
	toks, ok := readTokens(src)
	if !ok {
		return nil, nil, readFailure{-1, -1}
	}
	r := &reader{file: filename, toks: toks}
	f := r.fileDecl()
	if f == nil {
		if r.bail {
			return nil, nil, readFailure{-1, -1}
		}
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
// the grammar sees. On a character no token starts with, it returns the
// tokens before it and false. It gives up on files of 2 GiB or more, whose
// offsets would not fit the tokens.
func readTokens(src string) ([]token, bool) {
	if len(src) >= math.MaxInt32 {
		return nil, false
	}
	toks := make([]token, 0, len(src)/4+1) // .er source averages 5 bytes a token
	off, line, col := 0, 1, 1
	for off < len(src) {
		rest := src[off:]
		typ, n := scan(rest)
		if n == 0 {
			return toks, false
		}
		if typ != tokWhitespace && typ != tokComment {
			toks = append(toks, token{val: rest[:n], typ: typ, off: int32(off), line: int32(line), column: int32(col)})
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

func (r *reader) peek() *token { return &r.toks[r.i] }

// peekAt returns the token k places after the next one, or the EOF token.
func (r *reader) peekAt(k int) *token { return &r.toks[min(r.i+k, len(r.toks)-1)] }

// next consumes the next token; EOF is never consumed.
func (r *reader) next() *token {
	t := &r.toks[r.i]
	if t.typ != lexer.EOF {
		r.i++
		r.hi = max(r.hi, r.i)
		r.far = max(r.far, r.i)
	}
	return t
}

// accept consumes the next token if it is the literal v, as a quoted
// literal of the grammar matches a token of any type by its text.
func (r *reader) accept(v string) bool {
	if t := &r.toks[r.i]; t.typ != lexer.EOF && t.val == v {
		r.next()
		return true
	}
	return false
}

// end is the position just after the last token consumed: what participle
// gives an EndPos field.
func (r *reader) end() lexer.Position {
	t := &r.toks[r.i-1]
	line, col := advance(int(t.line), int(t.column), t.val)
	return lexer.Position{Filename: r.file, Offset: int(t.off) + len(t.val), Line: line, Column: col}
}

// at is the position of the next token: what participle gives a Pos field.
func (r *reader) at() lexer.Position { return r.pos(r.peek()) }

// choice is where an alternative or an iteration began.
type choice struct{ i, hi int }

// try begins an alternative or an iteration.
func (r *reader) try() choice {
	c := choice{r.i, r.hi}
	r.hi = r.i
	return c
}

// undo abandons an alternative or an iteration that failed.
func (r *reader) undo(c choice) {
	if r.hi-c.i > lookahead {
		r.bail = true
	}
	r.i = c.i
	r.hi = max(c.hi, r.hi)
}

// keep ends an alternative or an iteration that matched.
func (r *reader) keep(c choice) { r.hi = max(c.hi, r.hi) }

// more reports whether a repetition that has matched n times may try
// again; participle fails a repetition that reaches MaxIterations.
func (r *reader) more(n int) bool {
	if n >= participle.MaxIterations {
		r.bail = true
		return false
	}
	return !r.bail
}

// many reads item as a repetition does: as often as it matches, undoing
// the attempt that does not. item returns nil when it does not match.
func many[T any](r *reader, item func() *T) []*T {
	var out []*T
	for n := 0; r.more(n); n++ {
		c := r.try()
		x := item()
		if x == nil {
			r.undo(c)
			break
		}
		r.keep(c)
		out = append(out, x)
	}
	return out
}

// isEOLOr reports whether t is an EOL token or the literal sep.
func isEOLOr(t *token, sep string) bool { return t.typ == tokEOL || t.val == sep }

// File = (<eol> | ";" | Decl)* .
func (r *reader) fileDecl() *File {
	f := &File{Pos: r.at()}
	for n := 0; r.more(n); n++ {
		if isEOLOr(r.peek(), ";") {
			r.next()
			continue
		}
		r.declAt = r.i
		c := r.try()
		d := r.decl()
		if d == nil {
			r.undo(c)
			break
		}
		r.keep(c)
		f.Decls = append(f.Decls, d)
	}
	if r.bail || r.peek().typ != lexer.EOF {
		return nil
	}
	return f
}

// Decl = SchemaDecl | EnumDecl | EntityDecl | RelationshipDecl .
func (r *reader) decl() *Decl {
	switch r.peek().val {
	case "schema":
		if s := r.schemaDecl(); s != nil {
			return &Decl{Schema: s}
		}
	case "enum":
		if e := r.enumDecl(); e != nil {
			return &Decl{Enum: e}
		}
	case "entity":
		if e := r.entityDecl(); e != nil {
			return &Decl{Entity: e}
		}
	case "relationship":
		if rel := r.relationshipDecl(); rel != nil {
			return &Decl{Relationship: rel}
		}
	case "extension":
		r.bail = true // extensions are left to participle
	}
	return nil
}

// SchemaDecl = "schema" Name .
func (r *reader) schemaDecl() *SchemaDecl {
	s := &SchemaDecl{Pos: r.pos(r.next())}
	if s.Name = r.name(); s.Name == nil {
		return nil
	}
	return s
}

// EnumDecl = "enum" Name "{" (<eol> | "," | EnumValue)* "}" .
func (r *reader) enumDecl() *EnumDecl {
	e := &EnumDecl{Pos: r.pos(r.next())}
	if e.Name = r.name(); e.Name != nil && r.peek().val == "as" {
		r.bail = true // a named type is left to participle
		return nil
	}
	if e.Name == nil || !r.accept("{") {
		return nil
	}
	for n := 0; r.more(n); n++ {
		t := r.peek()
		if isEOLOr(t, ",") {
			r.next()
			continue
		}
		if t.typ != tokIdent && t.typ != tokString {
			break
		}
		r.next()
		e.Values = append(e.Values, &EnumValue{Pos: r.pos(t), EndPos: r.end(), Value: t.val})
	}
	if !r.accept("}") {
		return nil
	}
	return e
}

// EntityDecl = "entity" Name "{" (<eol> | ";")*
// (EntityItem (?= (<eol> | ";" | "}")) (<eol> | ";")*)* "}" .
func (r *reader) entityDecl() *EntityDecl {
	e := &EntityDecl{Pos: r.pos(r.next())}
	if e.Name = r.name(); e.Name == nil || !r.accept("{") {
		return nil
	}
	r.skipSeparators()
	e.Items = many(r, func() *EntityItem {
		it := r.entityItem()
		if it == nil {
			return nil
		}
		if t := r.peek(); !isEOLOr(t, ";") && t.val != "}" {
			return nil
		}
		r.skipSeparators()
		return it
	})
	if !r.accept("}") {
		return nil
	}
	return e
}

// skipSeparators reads (<eol> | ";")*.
func (r *reader) skipSeparators() {
	for n := 0; r.more(n) && isEOLOr(r.peek(), ";"); n++ {
		r.next()
	}
}

// EntityItem = (("pk" | ("primary" "key")) ColumnList) | ("unique" ColumnList)
// | ("index" ColumnList) | ("check" Paren) | ("comment" (?= <string>) String)
// | ("table" (?= <string>) String) | Attribute .
//
// Each keyword alternative starts with its own keyword, so at most one of
// them can match before Attribute is tried.
func (r *reader) entityItem() *EntityItem {
	it := &EntityItem{Pos: r.at()}
	c := r.try()
	switch r.peek().val {
	case "pk", "primary":
		if r.primaryKey() {
			it.PrimaryKey = r.columnList()
		}
	case "unique":
		r.next()
		it.Unique = r.indexDecl()
	case "index":
		r.next()
		it.Index = r.indexDecl()
	case "check":
		r.next()
		it.Check = r.paren()
	case "comment":
		r.next()
		it.Comment = r.stringAhead()
	case "table":
		r.next()
		it.Table = r.stringAhead()
	}
	if (it.PrimaryKey != nil || it.Check != nil) && r.peek().val == "as" {
		r.bail = true // a named key or check is left to participle
		return nil
	}
	if it.PrimaryKey != nil || it.Unique != nil || it.Index != nil || it.Check != nil || it.Comment != nil || it.Table != nil {
		r.keep(c)
		return it
	}
	r.undo(c)
	if it.Attribute = r.attribute(); it.Attribute == nil {
		return nil
	}
	return it
}

// primaryKey consumes ("pk" | ("primary" "key")).
func (r *reader) primaryKey() bool {
	if r.accept("pk") {
		return true
	}
	c := r.try()
	if r.accept("primary") && r.accept("key") {
		r.keep(c)
		return true
	}
	r.undo(c)
	return false
}

// stringAhead reads (?= <string>) String.
func (r *reader) stringAhead() *String {
	if r.peek().typ != tokString {
		return nil
	}
	return r.str()
}

// Attribute = Name TypeRef AttrOption* .
func (r *reader) attribute() *Attribute {
	a := &Attribute{Pos: r.at()}
	if a.Name = r.name(); a.Name == nil {
		return nil
	}
	if a.Type = r.typeRef(); a.Type == nil {
		return nil
	}
	a.Options = many(r, r.attrOption)
	a.EndPos = r.end()
	return a
}

// TypeRef = <ident> ("precision" | "varying")? ("(" <number> ("," <number>)* ")")?
// (("with" | "without") "time" "zone")? ("[" "]")* "?"? .
func (r *reader) typeRef() *TypeRef {
	t := r.peek()
	if t.typ != tokIdent {
		return nil
	}
	r.next()
	tr := &TypeRef{Pos: r.pos(t), Name: t.val}
	if v := r.peek().val; v == "precision" || v == "varying" {
		r.next()
		tr.Second = v
	}
	if r.peek().val == "(" {
		c := r.try()
		if params := r.typeParams(); params != nil {
			r.keep(c)
			tr.Params = params
		} else {
			r.undo(c)
		}
	}
	if v := r.peek().val; v == "with" || v == "without" {
		c := r.try()
		r.next()
		if r.accept("time") && r.accept("zone") {
			r.keep(c)
			tr.TimeZone = v
		} else {
			r.undo(c)
		}
	}
	for n := 0; r.more(n) && r.peek().val == "["; n++ {
		c := r.try()
		r.next()
		if !r.accept("]") {
			r.undo(c)
			break
		}
		r.keep(c)
		tr.Array = append(tr.Array, "[", "]")
	}
	if r.accept("?") {
		tr.Nullable = true
	}
	tr.EndPos = r.end()
	return tr
}

// typeParams reads "(" <number> ("," <number>)* ")".
func (r *reader) typeParams() []string {
	r.next() // "("
	t := r.peek()
	if t.typ != tokNumber {
		return nil
	}
	r.next()
	params := []string{t.val}
	for n := 0; r.more(n) && r.peek().val == ","; n++ {
		c := r.try()
		r.next()
		t := r.peek()
		if t.typ != tokNumber {
			r.undo(c)
			break
		}
		r.next()
		r.keep(c)
		params = append(params, t.val)
	}
	if !r.accept(")") {
		return nil
	}
	return params
}

// AttrOption = ("pk" | ("primary" "key")) | "unique" | (("=" | "default") Expr)
// | ("check" Paren) | ("generated" ("always" | ("by" "default")) "as" "identity")
// | ("comment" String) .
func (r *reader) attrOption() *AttrOption {
	o := &AttrOption{Pos: r.at()}
	switch r.peek().val {
	case "pk", "primary":
		if o.PrimaryKey = r.primaryKey(); !o.PrimaryKey {
			return nil
		}
	case "unique":
		r.next()
		o.Unique = true
	case "=", "default":
		r.next()
		if o.Default = r.expr(); o.Default == nil {
			return nil
		}
	case "check":
		r.next()
		if o.Check = r.paren(); o.Check == nil {
			return nil
		}
	case "generated":
		r.next()
		switch {
		case r.accept("always"):
			o.Identity = "always"
		case r.accept("by") && r.accept("default"):
			o.Identity = "bydefault" // participle joins the captured words
		default:
			return nil
		}
		if !r.accept("as") || !r.accept("identity") {
			return nil
		}
	case "comment":
		r.next()
		if o.Comment = r.str(); o.Comment == nil {
			return nil
		}
	case "as":
		r.bail = true // naming a pk, unique or check is left to participle
		return nil
	default:
		return nil
	}
	return o
}

// Expr = Term (("+" | "-" | "*" | "/" | "%" | "||") Term)* .
func (r *reader) expr() *Expr {
	e := &Expr{Pos: r.at()}
	t := r.term()
	if t == nil {
		return nil
	}
	e.Terms = append([]*Term{t}, many(r, func() *Term {
		switch r.peek().val {
		case "+", "-", "*", "/", "%", "||":
			r.next()
			return r.term()
		}
		return nil
	})...)
	e.EndPos = r.end()
	return e
}

// Term = ("-" | "+")? (<number> | <string> | Paren | Call) Cast* .
func (r *reader) term() *Term {
	t := &Term{}
	if v := r.peek().val; v == "-" || v == "+" {
		r.next()
		t.Sign = v
	}
	switch tok := r.peek(); {
	case tok.typ == tokNumber:
		r.next()
		t.Number = tok.val
	case tok.typ == tokString:
		r.next()
		t.String = tok.val
	case tok.val == "(":
		if t.Paren = r.paren(); t.Paren == nil {
			return nil
		}
	case tok.typ == tokIdent:
		t.Call = r.call()
	default:
		return nil
	}
	t.Casts = many(r, func() *Cast {
		if !r.accept("::") {
			return nil
		}
		if tr := r.typeRef(); tr != nil {
			return &Cast{Type: tr}
		}
		return nil
	})
	return t
}

// Call = <ident> (Paren | <string>)? .
func (r *reader) call() *Call {
	c := &Call{Name: r.next().val}
	switch t := r.peek(); {
	case t.val == "(":
		ch := r.try()
		if c.Args = r.paren(); c.Args != nil {
			r.keep(ch)
		} else {
			r.undo(ch)
		}
	case t.typ == tokString:
		r.next()
		c.Literal = t.val
	}
	return c
}

// Paren = "(" ParenItem* ")" .
// ParenItem = Paren | ~("(" | ")") .
func (r *reader) paren() *Paren {
	p := &Paren{Pos: r.at()}
	if !r.accept("(") {
		return nil
	}
	p.Open = true
	for n := 0; r.more(n); n++ {
		t := r.peek()
		if t.val == "(" {
			c := r.try()
			g := r.paren()
			if g == nil {
				r.undo(c)
				break
			}
			r.keep(c)
			p.Items = append(p.Items, &ParenItem{Group: g})
			continue
		}
		if t.typ == lexer.EOF || t.val == ")" {
			break
		}
		r.next()
		p.Items = append(p.Items, &ParenItem{Token: t.val})
	}
	if !r.accept(")") {
		return nil
	}
	p.EndPos = r.end()
	return p
}

// RelationshipDecl = "relationship" Name Card Name RelHeader*
// ("{" (<eol> | ";" | RelItem)* "}")? .
func (r *reader) relationshipDecl() *RelationshipDecl {
	d := &RelationshipDecl{Pos: r.pos(r.next())}
	if d.Left = r.name(); d.Left == nil {
		return nil
	}
	t := r.peek()
	if t.typ != tokCard {
		return nil
	}
	r.next()
	d.Card = &Card{Pos: r.pos(t), EndPos: r.end(), Value: t.val}
	if d.Right = r.name(); d.Right == nil {
		return nil
	}
	d.Header = many(r, r.relHeader)
	if r.peek().val == "{" {
		c := r.try()
		if items, ok := r.relBlock(); ok {
			r.keep(c)
			d.Items = items
		} else {
			r.undo(c)
		}
	}
	d.EndPos = r.end()
	return d
}

// relBlock reads "{" (<eol> | ";" | RelItem)* "}".
func (r *reader) relBlock() ([]*RelItem, bool) {
	r.next() // "{"
	var items []*RelItem
	for n := 0; r.more(n); n++ {
		if isEOLOr(r.peek(), ";") {
			r.next()
			continue
		}
		c := r.try()
		it := r.relItem()
		if it == nil {
			r.undo(c)
			break
		}
		r.keep(c)
		items = append(items, it)
	}
	return items, r.accept("}")
}

// RelHeader = ("via" Name) | ("as" Name ("," Name)?) | ("shared" "key") .
func (r *reader) relHeader() *RelHeader {
	h := &RelHeader{Pos: r.at()}
	switch r.peek().val {
	case "via":
		r.next()
		if h.Via = r.name(); h.Via == nil {
			return nil
		}
	case "as":
		r.next()
		role := r.name()
		if role == nil {
			return nil
		}
		h.Roles = []*Name{role}
		if r.peek().val == "," {
			c := r.try()
			r.next()
			if role := r.name(); role != nil {
				r.keep(c)
				h.Roles = append(h.Roles, role)
			} else {
				r.undo(c)
			}
		}
	case "shared":
		r.next()
		if !r.accept("key") {
			return nil
		}
		h.SharedKey = true
	default:
		return nil
	}
	h.EndPos = r.end()
	return h
}

// RelItem = "required" | "optional" | OnClause | Deferrable | ("constraint" SidedName)
// | (("column" | "columns") SidedColumns) | ("references" ColumnList) | NoIndex
// | ("key" JunctionKey) | ("table" (?= <string>) String)
// | ("comment" (?= <string>) String) | (Attribute (?= (<eol> | ";" | "}"))) .
//
// As in EntityItem, the keyword alternatives start with distinct keywords.
func (r *reader) relItem() *RelItem {
	it := &RelItem{Pos: r.at()}
	c := r.try()
	matched := false
	switch r.peek().val {
	case "required":
		r.next()
		it.Required, matched = true, true
	case "optional":
		r.next()
		it.Optional, matched = true, true
	case "on":
		it.On = r.onClause()
		matched = it.On != nil
	case "not", "deferrable":
		it.Deferrable = r.deferrable()
		matched = it.Deferrable != nil
	case "constraint":
		r.next()
		it.Constraint = r.sidedName()
		matched = it.Constraint != nil
	case "column", "columns":
		r.next()
		it.Column = r.sidedColumns()
		matched = it.Column != nil
	case "references":
		r.next()
		it.References = r.columnList()
		matched = it.References != nil
	case "no":
		it.NoIndex = r.noIndex()
		matched = it.NoIndex != nil
	case "key":
		r.next()
		it.Key = r.junctionKey()
		matched = it.Key != nil
	case "match":
		// MATCH FULL is left to participle.
		if v := r.peekAt(1).val; v == "full" || v == "simple" {
			r.bail = true
			return nil
		}
	case "unique", "index":
		// Keys and indexes of a junction are left to participle.
		if r.peekAt(1).val == "(" {
			r.bail = true
			return nil
		}
	case "table":
		r.next()
		it.Table = r.stringAhead()
		matched = it.Table != nil
	case "comment":
		r.next()
		it.Comment = r.stringAhead()
		matched = it.Comment != nil
	}
	if matched {
		r.keep(c)
	} else {
		r.undo(c)
		if it.Attribute = r.attribute(); it.Attribute == nil {
			return nil
		}
		if t := r.peek(); !isEOLOr(t, ";") && t.val != "}" {
			return nil
		}
	}
	it.EndPos = r.end()
	return it
}

// isActionWord reports whether v can begin an Action.
func isActionWord(v string) bool {
	return v == "no" || v == "restrict" || v == "cascade" || v == "set"
}

// OnClause = "on" ("delete" | "update") (Name (?= (("no" "action") | "restrict" | "cascade" | "set")))? Action .
func (r *reader) onClause() *OnClause {
	o := &OnClause{Pos: r.pos(r.next())}
	switch v := r.peek().val; v {
	case "delete", "update":
		r.next()
		o.Event = v
	default:
		return nil
	}
	// "cascade no index" is an action and the next clause, not a side.
	if next := r.peekAt(1).val; r.peek().typ == tokIdent && isActionWord(next) && (next != "no" || r.peekAt(2).val == "action") {
		o.Side = r.name()
	}
	if o.Action = r.action(); o.Action == nil {
		return nil
	}
	o.EndPos = r.end()
	return o
}

// Action = (("no" "action") | "restrict" | "cascade" | ("set" "null") | ("set" "default")) .
func (r *reader) action() *Action {
	a := &Action{Pos: r.at()}
	switch v := r.peek().val; v {
	case "no":
		r.next()
		if !r.accept("action") {
			return nil
		}
		a.Words = []string{"no", "action"}
	case "restrict", "cascade":
		r.next()
		a.Words = []string{v}
	case "set":
		r.next()
		w := r.peek().val
		if w != "null" && w != "default" {
			return nil
		}
		r.next()
		a.Words = []string{"set", w}
	default:
		return nil
	}
	a.EndPos = r.end()
	return a
}

// Deferrable = (("not" "deferrable") | ("deferrable" ("initially" ("deferred" | "immediate"))?)) .
func (r *reader) deferrable() *Deferrable {
	d := &Deferrable{Pos: r.at()}
	switch {
	case r.accept("not"):
		if !r.accept("deferrable") {
			return nil
		}
		d.Not = true
	case r.accept("deferrable"):
		d.Deferrable = true
		if r.peek().val == "initially" {
			c := r.try()
			r.next()
			if v := r.peek().val; v == "deferred" || v == "immediate" {
				r.next()
				r.keep(c)
				d.Initially = v
			} else {
				r.undo(c)
			}
		}
	default:
		return nil
	}
	d.EndPos = r.end()
	return d
}

// SidedName = (Name (?! clause word) (?= (<ident> | <string>)))? String .
func (r *reader) sidedName() *SidedName {
	s := &SidedName{Pos: r.at()}
	if next := r.peekAt(1); r.peek().typ == tokIdent && (next.typ == tokIdent || next.typ == tokString) && !clauseWords[next.val] {
		s.Side = r.name()
	}
	if s.Name = r.str(); s.Name == nil {
		return nil
	}
	return s
}

// SidedColumns = (Name (?! clause word) (?= (<ident> | "(")))? (Name | ColumnList) .
func (r *reader) sidedColumns() *SidedColumns {
	s := &SidedColumns{Pos: r.at()}
	if next := r.peekAt(1); r.peek().typ == tokIdent && (next.typ == tokIdent || next.val == "(") && !clauseWords[next.val] {
		s.Side = r.name()
	}
	if r.peek().typ == tokIdent {
		s.Single = r.name()
	} else if s.Columns = r.columnList(); s.Columns == nil {
		return nil
	}
	return s
}

// clauseWords begin the clauses of a relationship block: a side or
// name is never one of them, so that the next clause may follow on the
// same line.
var clauseWords = map[string]bool{
	"required": true, "optional": true, "on": true, "not": true, "deferrable": true, "constraint": true,
	"column": true, "columns": true, "references": true, "no": true, "key": true, "unique": true,
	"index": true, "table": true, "comment": true, "match": true,
}

// NoIndex = ("no" "index") ((?! clause word) Name)? .
func (r *reader) noIndex() *NoIndex {
	n := &NoIndex{Pos: r.pos(r.next())}
	if !r.accept("index") {
		return nil
	}
	n.NoIndex = true
	if !clauseWords[r.peek().val] {
		n.Side = r.name()
	}
	n.EndPos = r.end()
	return n
}

// JunctionKey = ("composite" | "surrogate" | "line") ("(" Name ")")? .
func (r *reader) junctionKey() *JunctionKey {
	k := &JunctionKey{Pos: r.at()}
	switch v := r.peek().val; v {
	case "composite", "surrogate", "line":
		r.next()
		k.Kind = v
	default:
		return nil
	}
	if r.peek().val == "(" {
		c := r.try()
		r.next()
		if col := r.name(); col != nil && r.accept(")") {
			r.keep(c)
			k.Column = col
		} else {
			r.undo(c)
		}
	}
	k.EndPos = r.end()
	return k
}

// ColumnList = "(" <eol>* Name (<eol>* "," <eol>* Name)* <eol>* ")" .
func (r *reader) columnList() *ColumnList {
	l := &ColumnList{Pos: r.at()}
	if !r.accept("(") {
		return nil
	}
	r.skipEOL()
	col := r.name()
	if col == nil {
		return nil
	}
	l.Columns = append([]*Name{col}, many(r, func() *Name {
		r.skipEOL()
		if !r.accept(",") {
			return nil
		}
		r.skipEOL()
		return r.name()
	})...)
	r.skipEOL()
	if !r.accept(")") {
		return nil
	}
	l.EndPos = r.end()
	return l
}

// indexDecl reads the plainest IndexDecl, a list of column names and no
// option: "(" <eol>* IndexKey (<eol>* "," <eol>* IndexKey)* <eol>* ")" with
// each key a bare Name. Anything more (expressions, sort orders, options)
// is left to participle: the reader gives up rather than guess.
func (r *reader) indexDecl() *IndexDecl {
	if r.peek().val != "(" {
		return nil // an attribute named unique or index
	}
	start := r.at()
	l := r.columnList()
	if l == nil {
		r.bail = true
		return nil
	}
	if t := r.peek(); !isEOLOr(t, ";") && t.val != "}" {
		r.bail = true
		return nil
	}
	d := &IndexDecl{Pos: start, EndPos: l.EndPos, Keys: make([]*IndexKey, len(l.Columns))}
	for i, n := range l.Columns {
		d.Keys[i] = &IndexKey{Pos: n.Pos, EndPos: n.EndPos, Column: n}
	}
	return d
}

// skipEOL reads <eol>*.
func (r *reader) skipEOL() {
	for n := 0; r.more(n) && r.peek().typ == tokEOL; n++ {
		r.next()
	}
}

// Name = <ident> .
func (r *reader) name() *Name {
	t := r.peek()
	if t.typ != tokIdent {
		return nil
	}
	r.next()
	return &Name{Pos: r.pos(t), EndPos: r.end(), Value: t.val}
}

// String = (<string> | <ident>) .
func (r *reader) str() *String {
	t := r.peek()
	if t.typ != tokString && t.typ != tokIdent {
		return nil
	}
	r.next()
	return &String{Pos: r.pos(t), EndPos: r.end(), Value: t.val}
}
