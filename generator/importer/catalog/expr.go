package catalog

import (
	"strings"

	"github.com/ergen-dev/ergen/generator/model"
)

// Expr is an SQL expression: a column default, a CHECK constraint
// definition, an index predicate. Read stores the server's deparsed text;
// Expect stores the text the model was written with. Identifiers are cut
// to 63 bytes on reading, as PostgreSQL's scanner cuts them. Equal, which
// go-cmp uses, compares their canonical forms, because PostgreSQL stores an
// expression parsed and prints it back decorated: `price >= 0` comes back
// as `(price >= (0)::numeric)`, `'pending'` as `'pending'::text`,
// `current_date` as `CURRENT_DATE`, `-1` as `'-1'::integer`,
// `interval '1 day'` as `'1 day'::interval`, `x IN (1, 2)` as
// `x = ANY (ARRAY[1, 2])`.
//
// The canonical form (see Canonical) drops casts, parentheses, case of
// unquoted words and layout, so two expressions that differ only in
// grouping compare equal; it is a test oracle for "the server stored what
// was written", not a semantic equivalence. Operators the server rewrites
// into others (BETWEEN, LIKE, SIMILAR TO, ISNULL, a one-value IN) are
// written as it prints them first (see rewriteOperators).
type Expr string

// Equal reports whether e and f have the same canonical form.
func (e Expr) Equal(f Expr) bool { return e.Canonical() == f.Canonical() }

// Canonical returns the canonical form of e, tokens separated by one
// space: `CHECK ((price >= (0)::numeric))` becomes `check price >= 0`.
func (e Expr) Canonical() string {
	toks := canonical(lex(string(e)))
	parts := make([]string, len(toks))
	for i, t := range toks {
		parts[i] = t.String()
	}
	return strings.Join(parts, " ")
}

type tokKind int

const (
	tWord   tokKind = iota // unquoted identifier or key word, lower-cased
	tIdent                 // quoted identifier, as written
	tString                // string literal, decoded
	tNumber
	tOp    // operator
	tPunct // ( ) [ ] , ; . ::
)

type token struct {
	kind tokKind
	text string
}

func (t token) String() string {
	switch t.kind {
	case tIdent:
		if t.text == strings.ToLower(t.text) && !strings.ContainsAny(t.text, ` "`) {
			return t.text
		}
		return `"` + strings.ReplaceAll(t.text, `"`, `""`) + `"`
	case tString:
		return "'" + strings.ReplaceAll(t.text, "'", "''") + "'"
	}
	return t.text
}

func (t token) is(kind tokKind, text string) bool { return t.kind == kind && t.text == text }

const opChars = "+-*/<>=~!@#%^&|`?"

// lex splits an SQL expression into tokens. It is lenient: anything it
// does not recognise becomes a one-character operator token.
func lex(s string) []token {
	var toks []token
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f':
			i++
		case c == '\'' || (c == 'E' || c == 'e') && i+1 < len(s) && s[i+1] == '\'':
			if c != '\'' {
				i++ // E'...': the same token for our purposes
			}
			text, end := unquote(s, i, '\'')
			toks = append(toks, token{tString, text})
			i = end
		case c == '"':
			text, end := unquote(s, i, '"')
			toks = append(toks, token{tIdent, model.TruncateIdent(text)})
			i = end
		case isDigit(c) || c == '.' && i+1 < len(s) && isDigit(s[i+1]):
			j := numberEnd(s, i)
			toks = append(toks, token{tNumber, s[i:j]})
			i = j
		case isIdentStart(c):
			j := i
			for j < len(s) && (isIdentStart(s[j]) || isDigit(s[j]) || s[j] == '$') {
				j++
			}
			// Unquoted names fold to lower case (ASCII only, as PostgreSQL).
			toks = append(toks, token{tWord, model.TruncateIdent(asciiLower(s[i:j]))})
			i = j
		case c == ':' && i+1 < len(s) && s[i+1] == ':':
			toks = append(toks, token{tPunct, "::"})
			i += 2
		case strings.IndexByte("()[],;.:", c) >= 0:
			toks = append(toks, token{tPunct, string(c)})
			i++
		case strings.IndexByte(opChars, c) >= 0:
			j := i
			for j < len(s) && strings.IndexByte(opChars, s[j]) >= 0 {
				j++
			}
			op := s[i:j]
			if op == "!=" {
				op = "<>"
			}
			toks = append(toks, token{tOp, op})
			i = j
		default:
			toks = append(toks, token{tOp, string(c)})
			i++
		}
	}
	return toks
}

// unquote reads the quoted text starting at s[i] (the quote q), with a
// doubled q standing for one, and returns it and the index after the
// closing quote.
func unquote(s string, i int, q byte) (string, int) {
	j := i + 1
	var b strings.Builder
	for j < len(s) {
		if s[j] == q {
			if j+1 < len(s) && s[j+1] == q {
				b.WriteByte(q)
				j += 2
				continue
			}
			break
		}
		b.WriteByte(s[j])
		j++
	}
	return b.String(), j + 1
}

// numberEnd is the index after the numeric literal starting at s[i]:
// digits and dots, then an exponent when one follows.
func numberEnd(s string, i int) int {
	j := i
	for j < len(s) && (isDigit(s[j]) || s[j] == '.') {
		j++
	}
	if j < len(s) && (s[j] == 'e' || s[j] == 'E') {
		k := j + 1
		if k < len(s) && (s[k] == '+' || s[k] == '-') {
			k++
		}
		if k < len(s) && isDigit(s[k]) {
			for j = k; j < len(s) && isDigit(s[j]); j++ {
			}
		}
	}
	return j
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isIdentStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 0x80
}

func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// typedLiteralTypes are the type names that may prefix a string literal,
// as in interval '1 day'; PostgreSQL prints such a literal as a cast.
var typedLiteralTypes = map[string]bool{
	"interval": true, "date": true, "time": true, "timetz": true, "timestamp": true, "timestamptz": true,
	"text": true, "varchar": true, "char": true, "bpchar": true, "numeric": true, "decimal": true,
	"integer": true, "int": true, "int2": true, "int4": true, "int8": true, "smallint": true, "bigint": true,
	"real": true, "float4": true, "float8": true, "boolean": true, "bool": true, "uuid": true,
	"json": true, "jsonb": true, "bytea": true, "inet": true, "cidr": true,
}

// typeWords continue a multi-word type name after a cast:
// character varying, double precision, timestamp with time zone.
var typeWords = map[string]bool{"varying": true, "precision": true, "with": true, "without": true, "time": true, "zone": true}

// canonical rewrites tokens into the canonical form described on Expr.
func canonical(in []token) []token {
	// IN lists first, while their parentheses are still there:
	// x IN (a, b) -> x = ANY ARRAY[a, b]; x NOT IN (...) -> x <> ALL ARRAY[...].
	var toks []token
	for i := 0; i < len(in); i++ {
		t := in[i]
		if t.is(tWord, "in") && i+1 < len(in) && in[i+1].is(tPunct, "(") {
			if end := closing(in, i+1); end > 0 {
				op, quant := "=", "any"
				if n := len(toks); n > 0 && toks[n-1].is(tWord, "not") {
					toks = toks[:n-1]
					op, quant = "<>", "all"
				}
				if oneValue(in[i+2 : end]) { // x IN (v) is stored as x = v
					toks = append(toks, token{tOp, op})
					toks = append(toks, in[i+2:end]...)
				} else {
					toks = append(toks, token{tOp, op}, token{tWord, quant}, token{tWord, "array"}, token{tPunct, "["})
					toks = append(toks, in[i+2:end]...)
					toks = append(toks, token{tPunct, "]"})
				}
				i = end
				continue
			}
		}
		// OPERATOR(schema.op), as the server prints an operator outside
		// its search path (citext's ~~ under pg_catalog), compares as op.
		if t.is(tWord, "operator") && i+5 < len(in) && in[i+1].is(tPunct, "(") && in[i+3].is(tPunct, ".") &&
			in[i+4].kind == tOp && in[i+5].is(tPunct, ")") {
			toks = append(toks, in[i+4])
			i += 5
			continue
		}
		toks = append(toks, t)
	}
	toks = rewriteOperators(toks)

	var out []token
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		switch {
		case t.is(tPunct, "::"):
			i = skipType(toks, i+1) - 1
		case t.kind == tString && isNumber(t.text):
			// A literal that reads as a number compares as the number,
			// cast or not: PostgreSQL prints the constant -1 as
			// '-1'::integer, which a model writes -1 or '-1', and a
			// model's '5' of a text column as '5'::text.
			out = append(out, token{tNumber, strings.TrimPrefix(t.text, "+")})
		case t.is(tPunct, "(") || t.is(tPunct, ")"):
		case t.kind == tWord && typedLiteralTypes[t.text] && i+1 < len(toks) && toks[i+1].kind == tString:
			// interval '1 day' is printed as '1 day'::interval.
		case t.is(tOp, "-") && i+1 < len(toks) && toks[i+1].kind == tNumber && unary(toks, i, out):
			out = append(out, token{tNumber, "-" + toks[i+1].text})
			i++
		case t.is(tOp, "+") && i+1 < len(toks) && toks[i+1].kind == tNumber && unary(toks, i, out):
		default:
			out = append(out, t)
		}
	}
	return out
}

// oneValue reports whether list, the inside of an IN list's parentheses,
// holds one value: no comma outside nested parentheses.
func oneValue(list []token) bool {
	depth := 0
	for _, t := range list {
		switch {
		case t.is(tPunct, "("):
			depth++
		case t.is(tPunct, ")"):
			depth--
		case t.is(tPunct, ",") && depth == 0:
			return false
		}
	}
	return len(list) > 0
}

// closing returns the index of the parenthesis closing the one at open, or
// -1.
func closing(toks []token, open int) int {
	depth := 0
	for i := open; i < len(toks); i++ {
		switch {
		case toks[i].is(tPunct, "("):
			depth++
		case toks[i].is(tPunct, ")"):
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// skipType returns the index just past the type name that starts at i:
// optionally qualified, several words, a modifier list and array brackets.
func skipType(toks []token, i int) int {
	if i < len(toks) && (toks[i].kind == tWord || toks[i].kind == tIdent) {
		i++
	}
	for i+1 < len(toks) && toks[i].is(tPunct, ".") && (toks[i+1].kind == tWord || toks[i+1].kind == tIdent) {
		i += 2
	}
	for i < len(toks) && toks[i].kind == tWord && typeWords[toks[i].text] {
		i++
	}
	if i < len(toks) && toks[i].is(tPunct, "(") {
		if end := closing(toks, i); end > 0 {
			i = end + 1
		}
	}
	for i < len(toks) && typeWords[toks[i].text] && toks[i].kind == tWord { // time(3) with time zone
		i++
	}
	for i < len(toks) && toks[i].is(tPunct, "[") {
		j := i + 1
		if j < len(toks) && toks[j].kind == tNumber {
			j++
		}
		if j < len(toks) && toks[j].is(tPunct, "]") {
			i = j + 1
			continue
		}
		break
	}
	return i
}

// unary reports whether the sign toks[i] is unary: at the start, or after
// an opening parenthesis, an operator, a comma, a bracket or a key word.
func unary(toks []token, i int, out []token) bool {
	if i > 0 && toks[i-1].is(tPunct, "(") || len(out) == 0 {
		return true
	}
	last := out[len(out)-1]
	switch last.kind {
	case tOp:
		return true
	case tPunct:
		return last.text == "," || last.text == "["
	case tWord:
		return last.text == "and" || last.text == "or" || last.text == "not" || last.text == "check" ||
			last.text == "array" || last.text == "any" || last.text == "all" || last.text == "then" || last.text == "else" || last.text == "when"
	}
	return false
}

// isNumber reports whether s is a decimal number with an optional sign.
func isNumber(s string) bool {
	s = strings.TrimPrefix(strings.TrimPrefix(s, "-"), "+")
	if s == "" {
		return false
	}
	toks := lex(s)
	return len(toks) == 1 && toks[0].kind == tNumber && toks[0].text == s
}
