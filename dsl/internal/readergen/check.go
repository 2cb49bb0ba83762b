package readergen

import (
	"encoding"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// The reader is exact only for grammars and settings whose meaning in
// participle is plain: ordered choice that backtracks fully, repetitions
// without a bound, and nothing a failed alternative leaves behind. check
// refuses everything else, each with the reason, so that a change to the
// grammar that the reader could not follow stops `go generate` instead of
// giving the reader another meaning than participle's.

// check reports every reason the reader could not follow s exactly.
func check(s settings, a *analysis) error {
	var errs []error
	fail := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if s.lookahead >= 0 {
		fail("participle's lookahead is limited to %d tokens: build the parser with participle.UseLookahead(-1), so that a failed alternative is never an error by itself", s.lookahead)
	}
	if participle.MaxIterations < math.MaxInt32 {
		fail("participle.MaxIterations is %d: raise it (to math.MaxInt) so that no repetition has a bound", participle.MaxIterations)
	}
	if s.caseless > 0 || s.mappers > 0 {
		fail("case-insensitive tokens and token mappers are not supported")
	}
	c := &checker{settings: s, a: a, fail: fail, done: map[*strct]bool{}, symbols: s.lexer.Symbols()}
	c.strct(s.root)
	return errors.Join(errs...)
}

type checker struct {
	settings
	a       *analysis
	fail    func(format string, args ...any)
	done    map[*strct]bool
	symbols map[string]lexer.TokenType
}

var (
	positionType = reflect.TypeOf(lexer.Position{})
	captureIface = reflect.TypeOf((*participle.Capture)(nil)).Elem()
	textIface    = reflect.TypeOf((*encoding.TextUnmarshaler)(nil)).Elem()
)

func (c *checker) strct(s *strct) {
	if c.done[s] {
		return
	}
	c.done[s] = true
	name := s.typ.Name()
	for _, f := range []struct {
		name string
		set  bool
	}{{"Pos", s.pos}, {"EndPos", s.endPos}} {
		if sf, ok := s.typ.FieldByName(f.name); f.set && ok && sf.Type != positionType {
			c.fail("%s.%s: a position field must be a lexer.Position", name, f.name)
		}
	}
	c.walk(s, s.expr, false)
	c.applies(s, s.expr, new(bool), false)
}

// walk checks the nodes of the expression of s; in tells whether n is
// inside a capture, lookahead or negation, where captures are not
// supported.
func (c *checker) walk(s *strct, n node, in bool) {
	name := s.typ.Name()
	switch n := n.(type) {
	case *strct:
		c.strct(n)
	case *seq:
		for _, item := range n.items {
			c.walk(s, item, in)
		}
	case *alt:
		for i, x := range n.alts {
			if nullable, _ := c.a.of(x); nullable {
				// Participle panics when such an alternative matches
				// before the end of the input.
				c.fail("%s: alternative %d of %s can match nothing; make it consume a token", name, i+1, ebnfOf(n))
			}
			c.walk(s, x, in)
		}
	case *group:
		if n.mode == nonEmpty {
			c.fail("%s: the ! modifier is not supported", name)
		}
		if nullable, _ := c.a.of(n.expr); nullable && (n.mode == zeroOrMore || n.mode == oneOrMore) {
			c.fail("%s: the body of %s can match nothing, so the repetition need not end", name, ebnfOf(n))
		}
		c.walk(s, n.expr, in)
	case *lookahead:
		c.walk(s, n.expr, true)
	case *negation:
		c.walk(s, n.expr, true)
	case *capture:
		if in {
			c.fail("%s.%s: a capture inside a capture, lookahead or negation is not supported", name, n.field)
		}
		c.capture(s, n)
		c.walk(s, n.expr, true)
	case *literal:
		c.literal(s, n)
	case *reference:
		if n.typ == lexer.EOF || slices.Contains(c.elide, n.name) {
			c.fail("%s: token type %s is the end of input or elided; the reader does not match it", name, n.name)
		}
	}
}

// capture checks that the field of n is of a kind the reader sets as
// participle does.
func (c *checker) capture(s *strct, n *capture) {
	t := n.typ
	where := s.typ.Name() + "." + n.field
	if t.Implements(captureIface) || reflect.PointerTo(t).Implements(captureIface) ||
		t.Implements(textIface) || reflect.PointerTo(t).Implements(textIface) {
		c.fail("%s: fields that capture or unmarshal their own values are not supported", where)
		return
	}
	if target, ok := n.expr.(*strct); ok {
		if t != reflect.PointerTo(target.typ) && t != reflect.SliceOf(reflect.PointerTo(target.typ)) {
			c.fail("%s: @@ is supported into *%s or []*%s, not %s", where, target.typ.Name(), target.typ.Name(), t)
		}
		return
	}
	switch t {
	case reflect.TypeOf(""), reflect.TypeOf([]string(nil)), reflect.TypeOf(false):
	default:
		c.fail("%s: tokens are captured into string, []string or bool fields, not %s", where, t)
	}
}

// literal checks that the lexer makes the text of l one token, of the
// right type and not elided: otherwise it can never match, or would match
// where the reader does not look.
func (c *checker) literal(s *strct, l *literal) {
	lex, err := c.lexer.Lex("", strings.NewReader(l.text))
	var toks []lexer.Token
	if err == nil {
		toks, err = lexer.ConsumeAll(lex)
	}
	switch {
	case l.text == "":
		c.fail("%s: an empty literal matches any token", s.typ.Name())
	case err != nil || len(toks) != 2 || toks[0].Value != l.text:
		c.fail("%s: literal %q is not one token of the lexer, so it never matches", s.typ.Name(), l.text)
	case l.typ != lexer.EOF && toks[0].Type != l.typ:
		c.fail("%s: literal %q is never a %s token", s.typ.Name(), l.text, l.typName)
	case slices.ContainsFunc(c.elide, func(name string) bool { return c.symbols[name] == toks[0].Type }):
		c.fail("%s: literal %q is an elided token", s.typ.Name(), l.text)
	}
}

// applies checks that no alternative or iteration that fails leaves
// captures behind. Participle defers the captures of an alternative until
// it is chosen, but a production read to its end (or to its failure)
// applies every capture deferred so far in the alternative it was read in:
// should that alternative then fail, those captures stay in the struct,
// and the reader, which undoes a failed alternative completely, would
// differ. So inside an alternative or iteration of s, no production may be
// read after a capture into s. pending tells whether one may be deferred
// in the current alternative; branch whether that is inside s at all.
func (c *checker) applies(s *strct, n node, pending *bool, branch bool) {
	switch n := n.(type) {
	case *seq:
		for _, item := range n.items {
			c.applies(s, item, pending, branch)
		}
	case *group:
		if n.mode == once {
			c.applies(s, n.expr, pending, branch)
			return
		}
		c.applies(s, n.expr, new(bool), true)
		*pending = *pending || hasCapture(n.expr)
	case *alt:
		for _, x := range n.alts {
			c.applies(s, x, new(bool), true)
			*pending = *pending || hasCapture(x)
		}
	case *capture:
		if _, ok := n.expr.(*strct); ok && *pending && branch {
			c.fail("%s.%s: participle would keep the captures before it if the alternative that reads it fails; capture them after it, or move them into a production of their own", s.typ.Name(), n.field)
		}
		*pending = true
	}
}

// hasCapture reports whether n captures into the production it is part of.
func hasCapture(n node) bool {
	switch n := n.(type) {
	case *capture:
		return true
	case *seq:
		return slices.ContainsFunc(n.items, hasCapture)
	case *alt:
		return slices.ContainsFunc(n.alts, hasCapture)
	case *group:
		return hasCapture(n.expr)
	}
	return false
}

// ebnfOf renders n as participle would inside a production.
func ebnfOf(n node) string {
	p := &ebnfPrinter{inline: true}
	var b strings.Builder
	p.node(&b, false, n)
	return b.String()
}
