package readergen

import (
	"fmt"
	"slices"
	"strings"

	"github.com/alecthomas/participle/v2/lexer"
)

// Which tokens can begin a match. The reader tries an alternative, an
// iteration or a production only when the next token can begin it: one
// that cannot would fail anyway, having changed nothing the caller does
// not undo, so skipping it changes no result, only the time.

// firstSet is the set of tokens that can begin a match of a node.
type firstSet struct {
	any   bool                     // any token but the end of the input
	types map[lexer.TokenType]bool // tokens of these types
	texts map[string]bool          // tokens of any type with this text
	typed map[literal]bool         // tokens of a type with a text ("x":Ident)
}

func (f *firstSet) add(g firstSet) {
	f.any = f.any || g.any
	for t := range g.types {
		f.types[t] = true
	}
	for t := range g.texts {
		f.texts[t] = true
	}
	for t := range g.typed {
		f.typed[t] = true
	}
}

func newFirstSet() firstSet {
	return firstSet{types: map[lexer.TokenType]bool{}, texts: map[string]bool{}, typed: map[literal]bool{}}
}

// analysis holds what is known of each node: whether it can match without
// consuming a token, and which tokens can begin it.
type analysis struct {
	nullable map[node]bool
	first    map[node]firstSet
	busy     map[*strct]bool
	tokName  map[lexer.TokenType]string // the lexer's names of token types
}

func newAnalysis(tokName map[lexer.TokenType]string) *analysis {
	return &analysis{nullable: map[node]bool{}, first: map[node]firstSet{}, busy: map[*strct]bool{}, tokName: tokName}
}

// of computes and remembers the nullability and first set of n.
func (a *analysis) of(n node) (bool, firstSet) {
	if f, ok := a.first[n]; ok {
		return a.nullable[n], f
	}
	f := newFirstSet()
	var nullable bool
	switch n := n.(type) {
	case *strct:
		if a.busy[n] {
			// Participle rejects left recursion, so a production is
			// never reached again before it consumed a token.
			panic(fmt.Sprintf("left recursion through %s", n.typ.Name()))
		}
		a.busy[n] = true
		nullable, f = a.of(n.expr)
		delete(a.busy, n)
	case *seq:
		nullable = true
		for _, item := range n.items {
			itemNullable, itemFirst := a.of(item)
			f.add(itemFirst)
			if !itemNullable {
				nullable = false
				break
			}
		}
	case *alt:
		for _, x := range n.alts {
			xNullable, xFirst := a.of(x)
			f.add(xFirst)
			nullable = nullable || xNullable
		}
	case *group:
		nullable, f = a.of(n.expr)
		nullable = nullable || n.mode == zeroOrOne || n.mode == zeroOrMore
	case *lookahead:
		nullable = true
	case *negation:
		f.any = true
	case *capture:
		nullable, f = a.of(n.expr)
	case *literal:
		if n.typ == lexer.EOF {
			f.texts[n.text] = true
		} else {
			f.typed[*n] = true
		}
	case *reference:
		f.types[n.typ] = true
	}
	a.nullable[n], a.first[n] = nullable, f
	return nullable, f
}

// guard returns a Go condition on t, the next token, that holds when t can
// begin a match of n, or "" when any token can (n is nullable, or begins
// with ~).
func (a *analysis) guard(n node) string {
	nullable, f := a.of(n)
	if nullable || f.any {
		return ""
	}
	return a.condition(f)
}

// condition renders a first set as a Go condition on t.
func (a *analysis) condition(f firstSet) string {
	var terms []string
	for _, typ := range sortedKeys(f.types) {
		terms = append(terms, "t.typ == "+a.tokConst(typ))
	}
	texts := sortedKeys(f.texts)
	for _, text := range texts {
		terms = append(terms, fmt.Sprintf("t.val == %q", text))
	}
	typed := make([]literal, 0, len(f.typed))
	for l := range f.typed {
		typed = append(typed, l)
	}
	slices.SortFunc(typed, func(x, y literal) int {
		return strings.Compare(x.typName+" "+x.text, y.typName+" "+y.text)
	})
	for _, l := range typed {
		terms = append(terms, fmt.Sprintf("t.typ == %s && t.val == %q", a.tokConst(l.typ), l.text))
	}
	if len(terms) == 0 {
		return "false"
	}
	return strings.Join(terms, " || ")
}

// tokConst is the Go constant the reader's package names a token type by:
// tok and the lexer's name of it.
func (a *analysis) tokConst(typ lexer.TokenType) string {
	return "tok" + a.tokName[typ]
}

// singleToken reports whether n matches exactly one token, chosen by the
// token alone (literals, token types and alternatives of them), so that
// its first set is the whole of what it matches.
func singleToken(n node) bool {
	switch n := n.(type) {
	case *literal, *reference:
		return true
	case *alt:
		for _, x := range n.alts {
			if !singleToken(x) {
				return false
			}
		}
		return true
	case *group:
		return n.mode == once && singleToken(n.expr)
	}
	return false
}

func sortedKeys[K interface{ ~string | ~int }, V any](m map[K]V) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
