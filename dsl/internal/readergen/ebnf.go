package readergen

import (
	"fmt"
	"strings"
)

// The EBNF of the extracted grammar, printed as participle prints its own
// (participle's ebnf.go, rule for rule). Generate compares the two, and
// the generated reader shows each production's EBNF above the function
// that reads it.

// production is one line of the EBNF, name = expr, for s.
type production struct {
	s          *strct
	name, expr string
}

// grammarEBNF returns the productions reachable from root, in participle's
// order: depth first, each production once.
func grammarEBNF(root *strct) []production {
	p := &ebnfPrinter{seen: map[*strct]bool{}}
	p.strct(root)
	return p.out
}

// String renders productions as participle's Parser.String does.
func ebnfString(ps []production) string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = fmt.Sprintf("%s = %s .", p.name, p.expr)
	}
	return strings.Join(lines, "\n")
}

type ebnfPrinter struct {
	seen   map[*strct]bool
	out    []production
	inline bool // print one node: name the productions it refers to, no more
}

// productionName is participle's name for the production of s.
func productionName(s *strct) string {
	n := s.typ.Name()
	return strings.ToUpper(n[:1]) + n[1:]
}

// strct adds the production of s, and those it refers to.
func (p *ebnfPrinter) strct(s *strct) {
	if p.seen[s] {
		return
	}
	p.seen[s] = true
	p.out = append(p.out, production{s: s, name: productionName(s)})
	at := len(p.out) - 1
	var b strings.Builder
	p.node(&b, true, s.expr)
	p.out[at].expr = b.String()
}

func (p *ebnfPrinter) node(b *strings.Builder, root bool, n node) {
	switch n := n.(type) {
	case *alt:
		if !root {
			b.WriteString("(")
		}
		for i, a := range n.alts {
			if i > 0 {
				b.WriteString(" | ")
			}
			p.node(b, false, a)
		}
		if !root {
			b.WriteString(")")
		}
	case *strct:
		b.WriteString(productionName(n))
		if !p.inline {
			p.strct(n)
		}
	case *seq:
		grouped := len(n.items) > 1 && !root
		if grouped {
			b.WriteString("(")
		}
		for i, item := range n.items {
			if i > 0 {
				b.WriteString(" ")
			}
			p.node(b, false, item)
		}
		if grouped {
			b.WriteString(")")
		}
	case *capture:
		p.node(b, false, n.expr)
	case *reference:
		b.WriteString("<" + strings.ToLower(n.name) + ">")
	case *negation:
		b.WriteString("~")
		p.node(b, false, n.expr)
	case *literal:
		fmt.Fprintf(b, "%q", n.text)
	case *group:
		p.node(b, false, groupBody(n))
		b.WriteString([]string{once: "", zeroOrOne: "?", zeroOrMore: "*", oneOrMore: "+", nonEmpty: "!"}[n.mode])
	case *lookahead:
		if n.negative {
			b.WriteString("(?! ")
		} else {
			b.WriteString("(?= ")
		}
		p.node(b, true, n.expr)
		b.WriteString(")")
	}
}

// groupBody is what participle prints for the body of g: a group within a
// group, or within a capture within a group, is printed once.
func groupBody(g *group) node {
	switch child := g.expr.(type) {
	case *group:
		if child.mode == once {
			return child.expr
		}
	case *capture:
		if grandchild, ok := child.expr.(*group); ok && grandchild.mode == once {
			return grandchild.expr
		}
	}
	return g.expr
}
