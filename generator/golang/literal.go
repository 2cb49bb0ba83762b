package golang

import (
	"slices"
	"strconv"

	"github.com/dave/jennifer/jen"
)

// A composite literal of constants ([]int{2, 0}, []string{"id"}, the
// orderBy of an Ordering) imports nothing and declares nothing, so the
// emitter writes it as one jen token whose text is built here: jen would
// make a token of every element, bracket and comma, and a package of
// hundreds of tables holds tens of thousands of such literals, whose
// tokens were the larger part of what building its files allocated.
// layout reads the tokens of the text as it reads jen's, so the file
// comes out the same. Anything that names another package stays jen's
// (jen.Qual), which tracks the file's imports.

// Values many declarations hold, made once: every file's tree holds the
// same value, which jen only reads while rendering it.
var (
	noSQL    jen.Code = jen.Lit("")         // the SQL of a statement a table has none of
	nilValue jen.Code = jen.Nil()           // nil
	noType   jen.Code = jen.Struct()        // struct{}, a type argument a table has no use for
	int64s   jen.Code = jen.Index().Int64() // []int64, the counts of a Ref
	trueLit  jen.Code = jen.Lit(true)
	falseLit jen.Code = jen.Lit(false)
)

// boolLit is true or false.
func boolLit(v bool) jen.Code {
	if v {
		return trueLit
	}
	return falseLit
}

// litText is the Go text of a literal being written.
type litText struct{ b []byte }

// literal is f's litText, emptied: one buffer for all the literals of a
// file, one at a time, each copied out of it by code or String when it
// is written.
func (f *file) literal() *litText {
	f.lit.b = f.lit.b[:0]
	return &f.lit
}

// grow makes room for n more bytes.
func (l *litText) grow(n int) *litText {
	l.b = slices.Grow(l.b, n)
	return l
}

// raw writes Go text as it is.
func (l *litText) raw(text string) *litText {
	l.b = append(l.b, text...)
	return l
}

// quote writes s as a Go string literal, as goString does.
func (l *litText) quote(s string) *litText {
	l.b = strconv.AppendQuote(l.b, s)
	return l
}

// ints writes []int{ns...}.
func (l *litText) ints(ns []int) *litText {
	l.b = appendElems(append(l.b, "[]int"...), ns, func(b []byte, n int) []byte { return strconv.AppendInt(b, int64(n), 10) })
	return l
}

// strings writes []string{"s", ...}.
func (l *litText) strings(ss []string) *litText {
	l.b = appendElems(append(l.b, "[]string"...), ss, strconv.AppendQuote)
	return l
}

// idents writes []typ{ids...}, of the runtime's unexported constants
// (keyAsc).
func (l *litText) idents(typ string, ids []string) *litText {
	l.b = appendElems(append(append(l.b, "[]"...), typ...), ids, func(b []byte, id string) []byte { return append(b, id...) })
	return l
}

// bools writes []bool{vs...}.
func (l *litText) bools(vs []bool) *litText {
	l.b = appendElems(append(l.b, "[]bool"...), vs, strconv.AppendBool)
	return l
}

// appendElems appends {e, e, ...}, the elements of a composite literal,
// each written by appendElem.
func appendElems[E any](b []byte, elems []E, appendElem func([]byte, E) []byte) []byte {
	b = append(b, '{')
	for i, e := range elems {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = appendElem(b, e)
	}
	return append(b, '}')
}

func (l *litText) String() string { return string(l.b) }

// code is the literal as one jen token.
func (l *litText) code() jen.Code { return jen.Op(string(l.b)) }

// intsLit is []int{ns...} as one jen token.
func (f *file) intsLit(ns []int) jen.Code { return f.literal().ints(ns).code() }
