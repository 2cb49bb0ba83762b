package model

import (
	"strings"

	"github.com/ergen-dev/ergen/dsl"
)

// An index key written as an expression may end in a COLLATE of its own:
// ((lower(code) collate "C")). PostgreSQL takes such a COLLATE off the
// expression when it builds the index and keeps it as the collation of
// the index column (pg_index.indcollation), as if it were written after
// the key's parentheses; what is left of ((code collate "C")) is a
// column, and the key is that column's. The catalog shows the two as
// lower(code) COLLATE "C" and code COLLATE "C".

// looserThanCollate are the key words of the operators that bind less
// tightly than COLLATE: a COLLATE after one applies to its right operand
// only, as it does after any operator but ::.
var looserThanCollate = map[string]bool{
	"and": true, "or": true, "not": true, "is": true, "isnull": true, "notnull": true, "like": true, "ilike": true,
	"similar": true, "between": true, "in": true, "at": true, "overlaps": true, "escape": true, "operator": true,
}

// SplitCollation splits off the COLLATE that applies to the whole of
// expr, an index key's expression, as PostgreSQL does when it builds the
// index: (lower(code) collate "C") is lower(code) of collation "C". It
// returns the text before the COLLATE, without the parentheses around the
// whole, and the collation's name unquoted (the last part of a qualified
// one). Of several (x collate "a" collate "b"), the last is the key's and
// all go. It returns expr and "" when no COLLATE applies to the whole of
// it, or when it does not scan.
func SplitCollation(expr string) (rest, collation string) {
	words, ok := exprWords(expr)
	if !ok {
		return expr, ""
	}
	for {
		words = unwrap(expr, words)
		name, at := collateTail(expr, words)
		if at < 1 || !collatable(expr, words[:at]) {
			break
		}
		if collation == "" {
			collation = name
		}
		words = words[:at]
	}
	if collation == "" {
		return expr, ""
	}
	return expr[words[0].Off:words[len(words)-1].End], collation
}

// StoredKey is k, a key of an index of t, as PostgreSQL stores it: an
// expression's COLLATE over the whole of it is the key's collation
// (SplitCollation), and an expression that is only a column's name, in
// parentheses or not, is that column's key.
func (t *Table) StoredKey(k IndexKey) IndexKey {
	k, name := storedKey(k)
	if c := t.Column(name); name != "" && c != nil {
		k.Column, k.Expr = c, ""
	}
	return k
}

// storedKey is StoredKey without a table to find a column in: k with the
// COLLATE over the whole of its expression made its collation, and the
// name that what is left of the expression is only, or "".
func storedKey(k IndexKey) (stored IndexKey, name string) {
	if k.Column != nil {
		return k, ""
	}
	if expr, coll := SplitCollation(k.Expr); coll != "" {
		k.Expr, k.Collation = expr, coll
	}
	name, _ = exprName(k.Expr)
	return k, name
}

// unwrap drops the parentheses around the whole of words, tokens of expr.
func unwrap(expr string, words []dsl.SQLToken) []dsl.SQLToken {
	for len(words) >= 2 && expr[words[0].Off:words[0].End] == "(" && closer(expr, words) == len(words)-1 {
		words = words[1 : len(words)-1]
	}
	return words
}

// closer is the index of the parenthesis of words, tokens of expr, that
// closes words[0], or -1.
func closer(expr string, words []dsl.SQLToken) int {
	depth := 0
	for i, w := range words {
		switch expr[w.Off:w.End] {
		case "(":
			depth++
		case ")":
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// collateTail reads `COLLATE name` or `COLLATE schema.name` at the end of
// words, tokens of expr: the name, unquoted, and the index of COLLATE, or
// -1 when words do not end so.
func collateTail(expr string, words []dsl.SQLToken) (string, int) {
	n := len(words)
	name := func(w dsl.SQLToken) (string, bool) {
		text := expr[w.Off:w.End]
		switch {
		case w.Kind == dsl.SQLIdent:
			return strings.ToLower(text), true
		case w.Kind == dsl.SQLQuoted && !strings.HasPrefix(text, "U&") && !strings.HasPrefix(text, "u&"):
			return UnquoteIdent(text), true
		}
		return "", false
	}
	if n < 2 {
		return "", -1
	}
	coll, ok := name(words[n-1])
	at := n - 2
	if at >= 2 && expr[words[at].Off:words[at].End] == "." {
		if _, schema := name(words[at-1]); schema {
			at -= 2
		}
	}
	if !ok || words[at].Kind != dsl.SQLIdent || !strings.EqualFold(expr[words[at].Off:words[at].End], "collate") {
		return "", -1
	}
	return coll, at
}

// collatable reports whether a COLLATE after words, tokens of expr,
// applies to all of them: outside parentheses, brackets and CASE ... END
// they hold no operator but :: and none of looserThanCollate, and those
// are balanced.
func collatable(expr string, words []dsl.SQLToken) bool {
	depth := 0
	for _, w := range words {
		text := strings.ToLower(expr[w.Off:w.End])
		switch {
		case text == "(" || text == "[" || w.Kind == dsl.SQLIdent && text == "case":
			depth++
		case text == ")" || text == "]" || w.Kind == dsl.SQLIdent && text == "end":
			depth--
		case depth > 0:
		case w.Kind == dsl.SQLOperator && text != "::", w.Kind == dsl.SQLIdent && looserThanCollate[text]:
			return false
		}
		if depth < 0 {
			return false
		}
	}
	return depth == 0
}

// StoredSpec is Spec with each key written as PostgreSQL stores it (see
// StoredKey), for telling whether two indexes are built alike however
// their keys are spelt: (lower(code) collate "C") and
// ((lower(code)) collate "C") are both (lower(code)) COLLATE "C", and
// (code collate "C") is code COLLATE "C". It is not DDL to run: the
// expression of a key is cut out of its text as written.
func (ix *Index) StoredSpec() string {
	stored := *ix
	stored.Keys = make([]IndexKey, len(ix.Keys))
	for i, k := range ix.Keys {
		sk, name := storedKey(k)
		switch {
		case name != "":
			sk.Expr = QuoteIdent(name) // as a column's key is written
		case sk.Expr != k.Expr:
			// A COLLATE was cut off: the expression keeps parentheses,
			// as one written with its COLLATE after them has.
			sk.Expr = "(" + sk.Expr + ")"
		}
		stored.Keys[i] = sk
	}
	return stored.Spec()
}
