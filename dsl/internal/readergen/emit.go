package readergen

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2/lexer"
)

// The reader is emitted production by production. Each production T
// becomes a method readT that returns a *T, or nil when T does not match
// (T is the type's name with its first letter upper-cased, as in the EBNF);
// each node of T's expression becomes a Go condition that consumes the
// tokens it matches and sets the fields it captures. A condition that
// fails may leave tokens consumed and fields set: every node that can go
// on after a failure (an alternative, an optional part, a repetition, a
// lookahead) puts the cursor and the fields its part captures back as they
// were, and a production that fails is thrown away. That is participle's
// meaning with unlimited lookahead, where a failed alternative leaves no
// trace (check makes sure it leaves none in participle either).
//
// The emitted code relies on the reader's runtime (dsl/reader.go): the
// reader r with its token slice r.toks and cursor r.i; r.peek, r.next,
// r.pos and r.end; r.lit, r.litOf and r.tok, which consume one token if it
// matches; r.mark, r.text, r.words and r.flag, which capture the tokens
// consumed since a mark, and r.textOne, r.wordOne and r.flagOne, which
// capture the one token just consumed; setPtr and appendPtr, which capture
// a production; r.declAt, the start of the root's current repetition; and
// a constant tok<Name> for each token type of the lexer. In return it
// provides elided, with which the runtime drops the tokens participle
// elides.

// emitter collects the emitted functions.
type emitter struct {
	a      *analysis
	root   *strct
	out    strings.Builder
	shared map[string]string // helpers that capture nothing, by body: the same for every production
}

// elided emits the function that tells the token types participle elides,
// which the reader drops as it lexes.
func (e *emitter) elided(names []string) {
	var terms []string
	for _, name := range names {
		terms = append(terms, "typ == tok"+name)
	}
	if len(terms) == 0 {
		terms = []string{"false"}
	}
	fmt.Fprintf(&e.out, "// elided reports whether participle elides tokens of type typ.\nfunc elided(typ lexer.TokenType) bool {\nreturn %s\n}\n\n", strings.Join(terms, " || "))
}

// production emits the reader of s, then the helpers its expression needs.
func (e *emitter) production(s *strct, ebnf string) {
	f := &fn{e: e, s: s, base: lowerFirst(s.typ.Name()), own: map[string]string{}}
	body := f.expr(s.expr, s == e.root)
	name := s.typ.Name()
	fmt.Fprintf(&e.out, "// read%s reads %s %s:\n//\n//\t%s = %s .\n", productionName(s), article(name), name, productionName(s), ebnf)
	fmt.Fprintf(&e.out, "func (r *reader) read%s() *%s {\n", productionName(s), name)
	guard := e.a.guard(s)
	if guard != "" || s.pos {
		e.out.WriteString("t := r.peek()\n")
	}
	if guard != "" {
		fmt.Fprintf(&e.out, "if !(%s) {\nreturn nil\n}\n", guard)
	}
	if s.pos {
		fmt.Fprintf(&e.out, "x := &%s{Pos: r.pos(t)}\n", name)
	} else {
		fmt.Fprintf(&e.out, "x := &%s{}\n", name)
	}
	fmt.Fprintf(&e.out, "if !%s {\nreturn nil\n}\n", body)
	if s.endPos {
		e.out.WriteString("x.EndPos = r.end()\n")
	}
	e.out.WriteString("return x\n}\n\n")
	e.out.WriteString(f.helpers.String())
}

// fn is the emission of one production's reader and helpers.
type fn struct {
	e       *emitter
	s       *strct
	base    string // the helpers' names: base1, base2, ...
	n       int
	own     map[string]string // helpers that capture, by body
	helpers strings.Builder
}

// helper returns a call of a method of the reader with body, which reads
// n for the production. Helpers with the same body are one: those of n
// that capture into the production take it as x, those that capture
// nothing are shared by every production.
func (f *fn) helper(n node, body string) string {
	captures := hasCapture(n)
	known, param, arg := f.e.shared, "", ""
	if captures {
		known, param, arg = f.own, "x *"+f.s.typ.Name(), "x"
	}
	if name, ok := known[body]; ok {
		return fmt.Sprintf("r.%s(%s)", name, arg)
	}
	f.n++
	name := fmt.Sprintf("%s%d", f.base, f.n)
	known[body] = name
	fmt.Fprintf(&f.helpers, "// %s reads %s.\nfunc (r *reader) %s(%s) bool {\n%s}\n\n", name, ebnfOf(n), name, param, body)
	return fmt.Sprintf("r.%s(%s)", name, arg)
}

// expr returns a Go condition that reads n. top tells that n is at the
// top of the root production, where a repetition notes where each of its
// iterations starts (r.declAt).
func (f *fn) expr(n node, top bool) string {
	switch n := n.(type) {
	case *literal:
		if n.typ == lexer.EOF {
			return fmt.Sprintf("r.lit(%q)", n.text)
		}
		return fmt.Sprintf("r.litOf(%s, %q)", f.e.a.tokConst(n.typ), n.text)
	case *reference:
		return fmt.Sprintf("r.tok(%s)", f.e.a.tokConst(n.typ))
	case *seq:
		items := make([]string, len(n.items))
		for i, item := range n.items {
			items[i] = f.expr(item, top)
		}
		return "(" + strings.Join(items, " && ") + ")"
	case *capture:
		return f.capture(n)
	case *alt:
		return f.alt(n)
	case *group:
		return f.group(n, top)
	case *lookahead:
		return f.lookahead(n)
	case *negation:
		return f.negation(n)
	}
	panic(fmt.Sprintf("unexpected node %T", n))
}

func (f *fn) capture(n *capture) string {
	if target, ok := n.expr.(*strct); ok {
		set := "setPtr"
		if n.typ.Kind() == reflect.Slice {
			set = "appendPtr"
		}
		return fmt.Sprintf("%s(&x.%s, r.read%s())", set, n.field, productionName(target))
	}
	if singleToken(n.expr) {
		set := map[reflect.Kind]string{reflect.String: "textOne", reflect.Slice: "wordOne", reflect.Bool: "flagOne"}[n.typ.Kind()]
		return fmt.Sprintf("r.%s(&x.%s, %s)", set, n.field, f.expr(n.expr, false))
	}
	set := map[reflect.Kind]string{reflect.String: "text", reflect.Slice: "words", reflect.Bool: "flag"}[n.typ.Kind()]
	return fmt.Sprintf("r.%s(&x.%s, r.mark(), %s)", set, n.field, f.expr(n.expr, false))
}

// alt tries each alternative that the next token can begin, in order.
// Leading alternatives that begin with keywords are chosen by a switch
// on the token's text.
func (f *fn) alt(n *alt) string {
	if simple(n) {
		return f.helper(n, fmt.Sprintf("if t := r.peek(); %s {\nr.next()\nreturn true\n}\nreturn false\n", f.e.a.condition(f.first(n))))
	}
	keyed := f.keyed(n.alts)
	last := len(n.alts) - 1
	var undone []node // alternatives that may fail after consuming, when another may follow
	for i, x := range n.alts {
		if (i < last || i < keyed) && !simple(x) {
			undone = append(undone, x)
		}
	}
	save, restore := f.saving(undone...)
	guards := make([]string, len(n.alts))
	for i, x := range n.alts {
		guards[i] = f.e.a.guard(x)
	}
	var b strings.Builder
	if keyed > 0 || slices.ContainsFunc(guards, func(g string) bool { return g != "" }) {
		b.WriteString("t := r.peek()\n")
	}
	if len(undone) > 0 {
		b.WriteString(save)
	}
	if keyed > 0 {
		b.WriteString(f.keySwitch(n.alts[:keyed], restore))
	}
	for i := keyed; i < len(n.alts); i++ {
		x := n.alts[i]
		body := f.expr(x, false)
		switch {
		case i == last:
			fmt.Fprintf(&b, "return %s\n", and(guards[i], body))
		case guards[i] != "":
			fmt.Fprintf(&b, "if %s {\n%s}\n", guards[i], f.attempt(x, restore))
		default:
			b.WriteString(f.attempt(x, restore))
		}
	}
	if keyed == len(n.alts) {
		b.WriteString("return false\n")
	}
	return f.helper(n, b.String())
}

// keyed returns how many of the leading alternatives begin only with
// tokens of given texts, when there are two or more, or 0.
func (f *fn) keyed(alts []node) int {
	k := 0
	for _, x := range alts {
		nullable, first := f.e.a.of(x)
		if nullable || first.any || len(first.types) > 0 || len(first.typed) > 0 {
			break
		}
		k++
	}
	if k < 2 {
		return 0
	}
	return k
}

// keySwitch tries alts, which begin with the texts of their first sets,
// by a switch on the next token's text: for each text, the alternatives
// it can begin, in order.
func (f *fn) keySwitch(alts []node, restore func(node) string) string {
	type tryCase struct {
		texts []string // the case's texts, quoted
		alts  []int    // the alternatives they can begin, in order
	}
	var cases []*tryCase
	for _, text := range sortedKeys(f.textsOf(alts)) {
		var list []int
		for i, x := range alts {
			if _, first := f.e.a.of(x); first.texts[text] {
				list = append(list, i)
			}
		}
		at := slices.IndexFunc(cases, func(c *tryCase) bool { return slices.Equal(c.alts, list) })
		if at < 0 {
			cases = append(cases, &tryCase{alts: list})
			at = len(cases) - 1
		}
		cases[at].texts = append(cases[at].texts, fmt.Sprintf("%q", text))
	}
	slices.SortStableFunc(cases, func(x, y *tryCase) int { return slices.Compare(x.alts, y.alts) })
	var b strings.Builder
	b.WriteString("switch t.val {\n")
	for _, c := range cases {
		fmt.Fprintf(&b, "case %s:\n", strings.Join(c.texts, ", "))
		for _, i := range c.alts {
			b.WriteString(f.attempt(alts[i], restore))
		}
	}
	b.WriteString("}\n")
	return b.String()
}

// textsOf is the union of the texts that can begin alts.
func (f *fn) textsOf(alts []node) map[string]bool {
	texts := map[string]bool{}
	for _, x := range alts {
		_, first := f.e.a.of(x)
		for t := range first.texts {
			texts[t] = true
		}
	}
	return texts
}

// attempt tries alternative x, its first token known to fit: it returns
// true when x matches, and undoes what it consumed and captured when not.
func (f *fn) attempt(x node, restore func(node) string) string {
	if simple(x) {
		// The first token is the whole of the match.
		return "r.next()\nreturn true\n"
	}
	return fmt.Sprintf("if %s {\nreturn true\n}\n%s", f.expr(x, false), restore(x))
}

// simple reports whether n is one token chosen by its text or type,
// capturing nothing: its first set is the whole of its match.
func simple(n node) bool { return singleToken(n) && !hasCapture(n) }

func (f *fn) group(n *group, top bool) string {
	switch {
	case n.mode == once:
		return f.expr(n.expr, top)
	case simple(n.expr) && n.mode == zeroOrOne:
		return f.helper(n, fmt.Sprintf("if t := r.peek(); %s {\nr.next()\n}\nreturn true\n", f.e.a.condition(f.first(n.expr))))
	case simple(n.expr) && n.mode == zeroOrMore && !top:
		return f.helper(n, fmt.Sprintf("for t := r.peek(); %s; t = r.peek() {\nr.next()\n}\nreturn true\n", f.e.a.condition(f.first(n.expr))))
	case n.mode == zeroOrOne:
		save, restore := f.saving(n.expr)
		return f.helper(n, fmt.Sprintf("%s%sif !(%s) {\n%s}\nreturn true\n", f.peekFor(n.expr), save, and(f.e.a.guard(n.expr), f.expr(n.expr, false)), restore(n.expr)))
	}
	// zeroOrMore, and the rest of oneOrMore after its first iteration.
	save, restore := f.saving(n.expr)
	body := f.expr(n.expr, false)
	note := ""
	if top {
		note = "r.declAt = r.i\n"
	}
	loop := f.helper(&group{expr: n.expr, mode: zeroOrMore}, fmt.Sprintf("for {\n%s%s%sif !(%s) {\n%sreturn true\n}\n}\n", note, f.peekFor(n.expr), save, and(f.e.a.guard(n.expr), body), restore(n.expr)))
	if n.mode == oneOrMore {
		return "(" + body + " && " + loop + ")"
	}
	return loop
}

func (f *fn) lookahead(n *lookahead) string {
	not := ""
	if n.negative {
		not = "!"
	}
	if singleToken(n.expr) {
		return f.helper(n, fmt.Sprintf("t := r.peek()\nreturn %s(%s)\n", not, f.e.a.condition(f.first(n.expr))))
	}
	return f.helper(n, fmt.Sprintf("c := r.i\nok := %s\nr.i = c\nreturn %sok\n", f.expr(n.expr, false), not))
}

func (f *fn) negation(n *negation) string {
	if singleToken(n.expr) {
		return f.helper(n, fmt.Sprintf("if t := r.peek(); t.typ == lexer.EOF || %s {\nreturn false\n}\nr.next()\nreturn true\n", f.e.a.condition(f.first(n.expr))))
	}
	return f.helper(n, fmt.Sprintf("if r.peek().typ == lexer.EOF {\nreturn false\n}\nc := r.i\nok := %s\nr.i = c\nif ok {\nreturn false\n}\nr.next()\nreturn true\n", f.expr(n.expr, false)))
}

func (f *fn) first(n node) firstSet {
	_, first := f.e.a.of(n)
	return first
}

// peekFor declares t, the next token, when the guard of n needs it.
func (f *fn) peekFor(n node) string {
	if f.e.a.guard(n) == "" {
		return ""
	}
	return "t := r.peek()\n"
}

// saving returns the statement that saves the cursor and the fields the
// nodes capture into, and a function that returns the statement that
// restores the cursor and the fields a node captures into.
func (f *fn) saving(nodes ...node) (save string, restore func(node) string) {
	var fields []string
	for _, n := range nodes {
		fields = capturedFields(n, fields)
	}
	vars, lhs := []string{"c"}, []string{"r.i"}
	for i, field := range fields {
		vars = append(vars, fmt.Sprintf("s%d", i))
		lhs = append(lhs, "x."+field)
	}
	restore = func(n node) string {
		vs, ls := []string{"c"}, []string{"r.i"}
		for _, field := range capturedFields(n, nil) {
			i := slices.Index(fields, field)
			vs, ls = append(vs, vars[i+1]), append(ls, lhs[i+1])
		}
		return fmt.Sprintf("%s = %s\n", strings.Join(ls, ", "), strings.Join(vs, ", "))
	}
	return fmt.Sprintf("%s := %s\n", strings.Join(vars, ", "), strings.Join(lhs, ", ")), restore
}

// capturedFields adds to fields those that n captures into, in order.
func capturedFields(n node, fields []string) []string {
	switch n := n.(type) {
	case *capture:
		if !slices.Contains(fields, n.field) {
			fields = append(fields, n.field)
		}
	case *seq:
		for _, item := range n.items {
			fields = capturedFields(item, fields)
		}
	case *alt:
		for _, x := range n.alts {
			fields = capturedFields(x, fields)
		}
	case *group:
		fields = capturedFields(n.expr, fields)
	}
	return fields
}

// and is the condition guard && body, or body alone without a guard.
func and(guard, body string) string {
	if guard == "" {
		return body
	}
	return "(" + guard + ") && " + body
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

// article is the indefinite article for name.
func article(name string) string {
	if strings.ContainsRune("AEIOU", rune(name[0])) {
		return "an"
	}
	return "a"
}
