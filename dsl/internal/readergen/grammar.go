package readergen

import (
	"fmt"
	"reflect"
	"unsafe"

	"github.com/alecthomas/participle/v2/lexer"
)

// The grammar as participle built it. Participle keeps its parse tree in
// unexported types; extract copies it, by reflection, into the node types
// below, which mean exactly what participle's nodes mean when it parses.
// An unknown node type (a participle upgrade, or a feature of the tag
// syntax the generator does not handle) is an error, never a guess; and
// Generate checks that the grammar printed from these nodes is the EBNF
// participle prints, so a misread node cannot pass unnoticed.

// node is one element of the grammar.
type node interface{ isNode() }

// strct is a production: a struct type and the expression of its tags.
type strct struct {
	typ    reflect.Type
	expr   node
	pos    bool // a Pos field receives the position of its first token
	endPos bool // an EndPos field receives the position after its last token
}

// seq matches its items one after the other.
type seq struct{ items []node }

// alt matches the first of its alternatives that matches.
type alt struct{ alts []node }

// Group modes, as participle numbers them.
const (
	once = iota
	zeroOrOne
	zeroOrMore
	oneOrMore
	nonEmpty
)

// group is a parenthesised expression with a modifier (?, *, + or !).
type group struct {
	expr node
	mode int
}

// lookahead is (?= expr) or, when negative, (?! expr): it consumes nothing.
type lookahead struct {
	expr     node
	negative bool
}

// negation is ~expr: any one token at which expr does not match.
type negation struct{ expr node }

// capture is @expr or @@: what expr matches is stored in a field of the
// production being read.
type capture struct {
	field string       // the field's selector from the production: Name, or Embedded.Name
	typ   reflect.Type // the field's type
	expr  node
}

// literal is "text", or "text":Type when typ is not lexer.EOF.
type literal struct {
	text    string
	typ     lexer.TokenType
	typName string
}

// reference is a token type: <ident>.
type reference struct {
	typ  lexer.TokenType
	name string
}

func (*strct) isNode()     {}
func (*seq) isNode()       {}
func (*alt) isNode()       {}
func (*group) isNode()     {}
func (*lookahead) isNode() {}
func (*negation) isNode()  {}
func (*capture) isNode()   {}
func (*literal) isNode()   {}
func (*reference) isNode() {}

// settings are the parts of participle's configuration the reader depends
// on.
type settings struct {
	root           *strct
	lookahead      int
	elide          []string
	caseless       int // token types matched case-insensitively
	mappers        int
	lexer          lexer.Definition
	productionEBNF string
}

// extract reads the grammar and settings of p, a *participle.Parser[G].
func extract(p any) (s settings, err error) {
	defer func() {
		// Reflection over another package's internals panics on a
		// mismatch; report it as the error it is.
		if r := recover(); r != nil {
			err = fmt.Errorf("reading participle's parser: %v (has participle changed?)", r)
		}
	}()
	v := reflect.ValueOf(p)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct || v.Type().Elem().PkgPath() != "github.com/alecthomas/participle/v2" {
		return s, fmt.Errorf("want a *participle.Parser, got %T", p)
	}
	s.lookahead = int(field(v, "useLookahead").Int())
	s.caseless = field(v, "caseInsensitive").Len()
	s.mappers = field(v, "mappers").Len()
	elide := field(v, "elide")
	for i := range elide.Len() {
		s.elide = append(s.elide, elide.Index(i).String())
	}
	s.lexer = v.MethodByName("Lexer").Call(nil)[0].Interface().(lexer.Definition)
	s.productionEBNF = v.MethodByName("String").Call(nil)[0].String()
	rootType := field(v, "rootType").Interface().(reflect.Type)
	root := field(v, "typeNodes").MapIndex(reflect.ValueOf(rootType))
	x := &extractor{strcts: map[uintptr]*strct{}}
	n, err := x.node(root, nil)
	if err != nil {
		return s, err
	}
	s.root = n.(*strct)
	return s, nil
}

// field returns the field name of the struct v points to, usable as if it
// were exported. Extraction only reads it.
func field(v reflect.Value, name string) reflect.Value {
	f := v.Elem().FieldByName(name)
	if !f.IsValid() {
		panic(fmt.Sprintf("%s has no field %s", v.Type(), name))
	}
	return reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem()
}

// extractor copies participle's nodes, each production once.
type extractor struct {
	strcts map[uintptr]*strct
}

// node copies the participle node n (an interface value). in is the
// production whose expression holds n, for the fields of captures.
func (x *extractor) node(n reflect.Value, in *strct) (node, error) {
	if n.Kind() == reflect.Interface {
		n = n.Elem()
	}
	switch kind := n.Type().String(); kind {
	case "*participle.strct":
		if s, ok := x.strcts[n.Pointer()]; ok {
			return s, nil
		}
		s := &strct{
			typ:    field(n, "typ").Interface().(reflect.Type),
			pos:    field(n, "posFieldIndex").Len() > 0,
			endPos: field(n, "endPosFieldIndex").Len() > 0,
		}
		if field(n, "tokensFieldIndex").Len() > 0 {
			return nil, fmt.Errorf("%s: a Tokens field is not supported", s.typ.Name())
		}
		x.strcts[n.Pointer()] = s
		expr, err := x.node(field(n, "expr"), s)
		s.expr = expr
		return s, err
	case "*participle.sequence":
		out := &seq{}
		for ; !n.IsNil(); n = field(n, "next") {
			item, err := x.node(field(n, "node"), in)
			if err != nil {
				return nil, err
			}
			out.items = append(out.items, item)
		}
		return out, nil
	case "*participle.disjunction":
		out := &alt{}
		nodes := field(n, "nodes")
		for i := range nodes.Len() {
			a, err := x.node(nodes.Index(i), in)
			if err != nil {
				return nil, err
			}
			out.alts = append(out.alts, a)
		}
		return out, nil
	case "*participle.group":
		expr, err := x.node(field(n, "expr"), in)
		return &group{expr: expr, mode: int(field(n, "mode").Int())}, err
	case "*participle.lookaheadGroup":
		expr, err := x.node(field(n, "expr"), in)
		return &lookahead{expr: expr, negative: field(n, "negative").Bool()}, err
	case "*participle.negation":
		expr, err := x.node(field(n, "node"), in)
		return &negation{expr: expr}, err
	case "*participle.capture":
		f := field(n, "field")
		index := f.FieldByName("Index").Interface().([]int)
		expr, err := x.node(field(n, "node"), in)
		name, typ := selector(in.typ, index)
		return &capture{field: name, typ: typ, expr: expr}, err
	case "*participle.literal":
		return &literal{text: field(n, "s").String(), typ: lexer.TokenType(field(n, "t").Int()), typName: field(n, "tt").String()}, nil
	case "*participle.reference":
		return &reference{typ: lexer.TokenType(field(n, "typ").Int()), name: field(n, "identifier").String()}, nil
	default:
		return nil, fmt.Errorf("participle node %s is not supported by the reader's generator", kind)
	}
}

// selector returns the selector and type of the field of t at index.
func selector(t reflect.Type, index []int) (string, reflect.Type) {
	name := ""
	for _, i := range index {
		f := t.Field(i)
		if name != "" {
			name += "."
		}
		name, t = name+f.Name, f.Type
	}
	return name, t
}
