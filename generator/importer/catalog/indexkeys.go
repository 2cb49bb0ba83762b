package catalog

import "strings"

// keyOptions spells each key's operator class, when not its type's
// default, and its order, from pg_index's indoption and indclass:
// "text_pattern_ops DESC NULLS LAST", or "".
func keyOptions(options []int16, classes []uint32, opclass map[uint32]string) []string {
	out := make([]string, len(options))
	for k, opt := range options {
		var words []string
		if k < len(classes) && opclass[classes[k]] != "" {
			words = append(words, opclass[classes[k]])
		}
		if opt&1 == 1 {
			words = append(words, "DESC")
		}
		switch opt & 3 {
		case 1:
			words = append(words, "NULLS LAST")
		case 2:
			words = append(words, "NULLS FIRST")
		}
		out[k] = strings.Join(words, " ")
	}
	return out
}

// exprCollations clears, of names (the collation of each key of an
// index), those of the expression keys that def, the whole index's
// definition as pg_get_indexdef prints it, does not write. The print of
// one key (exprs, "" for a column) leaves its COLLATE out; the whole
// definition writes it after the key, named as printed names it, where
// the index's collation is not the expression's own: lower(code) over a
// column of collation "C" sorts by "C" whether the key says so or not.
// Where def does not read as expected, an expression key has none.
func exprCollations(def, method string, exprs, names, printed []string) {
	p := keysStart(def, method)
	for k := range names {
		expr := ""
		if k < len(exprs) {
			expr = exprs[k]
		}
		if expr != "" && (p < 0 || k >= len(printed) || !collated(def[p:], expr, printed[k])) {
			names[k] = ""
		}
		if p >= 0 {
			p = nextKey(def, p)
		}
	}
}

// collated reports whether keys, the rest of an index's definition from
// where a key starts, starts with expr, in parentheses or not, and then
// COLLATE coll.
func collated(keys, expr, coll string) bool {
	var rest string
	switch {
	case strings.HasPrefix(keys, "("+expr+")"):
		rest = keys[len(expr)+2:]
	case strings.HasPrefix(keys, expr):
		rest = keys[len(expr):]
	default:
		return false
	}
	rest, ok := strings.CutPrefix(rest, " COLLATE "+coll)
	return ok && (rest == "" || rest[0] == ' ' || rest[0] == ',' || rest[0] == ')')
}

// keysStart is where the keys of def, an index's definition, start:
// after `USING method (`, outside quoted names; -1 when it has none.
func keysStart(def, method string) int {
	using := " USING " + method + " ("
	for i := 0; i < len(def); i++ {
		switch {
		case def[i] == '"':
			i = quotedEnd(def, i) - 1
		case strings.HasPrefix(def[i:], using):
			return i + len(using)
		}
	}
	return -1
}

// nextKey is where the key after the one at p of def starts, or -1 after
// the last: past the next comma outside parentheses, brackets and quotes.
func nextKey(def string, p int) int {
	depth := 0
	for i := p; i < len(def); i++ {
		switch def[i] {
		case '"', '\'':
			i = quotedEnd(def, i) - 1
		case '(', '[':
			depth++
		case ']':
			depth--
		case ')':
			if depth == 0 {
				return -1
			}
			depth--
		case ',':
			if depth == 0 {
				return i + len(", ")
			}
		}
	}
	return -1
}
