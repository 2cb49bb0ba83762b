package catalog

// PostgreSQL's parser turns some operators into others before it stores an
// expression, and prints the result: `x BETWEEN a AND b` comes back as
// `((x >= a) AND (x <= b))`, `x LIKE p` as `(x ~~ p)`, `x SIMILAR TO p` as
// `(x ~ similar_to_escape(p))`, `x ISNULL` as `(x IS NULL)` and a
// one-value `x IN (v)` as `(x = v)`. rewriteOperators writes the model's
// spelling the way the server prints it, so that an expression ergen
// wrote compares equal to what the database holds (drift, import).
// Shapes it cannot delimit for sure are left alone: they compare unequal,
// which is the safe way to be wrong for a drift check.

// stopWords end an operand: the key words of lower precedence than the
// operators rewritten here, and those that end a CASE arm.
var stopWords = map[string]bool{
	"and": true, "or": true, "not": true, "is": true, "isnull": true, "notnull": true,
	"between": true, "in": true, "like": true, "ilike": true, "similar": true, "escape": true,
	"case": true, "when": true, "then": true, "else": true, "end": true, "check": true,
	"symmetric": true, "asymmetric": true,
}

// comparisons bind less tightly than BETWEEN; every other operator binds
// more tightly.
var comparisons = map[string]bool{"<": true, ">": true, "=": true, "<=": true, ">=": true, "<>": true}

// likeOps are the operators LIKE and ILIKE become, plain and negated.
var likeOps = map[string][2]string{"like": {"~~", "!~~"}, "ilike": {"~~*", "!~~*"}}

func rewriteOperators(toks []token) []token {
	var out []token
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		negated := len(out) > 0 && out[len(out)-1].is(tWord, "not")
		switch {
		case t.is(tWord, "isnull"):
			out = append(out, token{tWord, "is"}, token{tWord, "null"})
		case t.is(tWord, "notnull"):
			out = append(out, token{tWord, "is"}, token{tWord, "not"}, token{tWord, "null"})
		case t.kind == tWord && likeOps[t.text] != [2]string{}:
			op := likeOps[t.text][0]
			if negated {
				out, op = out[:len(out)-1], likeOps[t.text][1]
			}
			out = append(out, token{tOp, op})
			out, i = appendPattern(out, toks, i+1, "like_escape", false)
		case t.is(tWord, "similar") && i+1 < len(toks) && toks[i+1].is(tWord, "to"):
			op := "~"
			if negated {
				out, op = out[:len(out)-1], "!~"
			}
			out = append(out, token{tOp, op})
			out, i = appendPattern(out, toks, i+2, "similar_to_escape", true)
		case t.is(tWord, "between"):
			if rewritten, end, ok := between(out, toks, i, negated); ok {
				out, i = rewritten, end-1
				continue
			}
			out = append(out, t)
		default:
			out = append(out, t)
		}
	}
	return out
}

// appendPattern appends the pattern of LIKE or SIMILAR TO that starts at
// toks[i], wrapped in fn when PostgreSQL wraps it (always for SIMILAR TO,
// with an ESCAPE clause for LIKE), and returns the index of its last
// token. A pattern of more than one token is copied as it is.
func appendPattern(out, toks []token, i int, fn string, always bool) ([]token, int) {
	if i >= len(toks) {
		return out, i - 1
	}
	escape := i+2 < len(toks) && toks[i+1].is(tWord, "escape")
	if !always && !escape {
		return append(out, toks[i]), i
	}
	out = append(out, token{tWord, fn}, token{tPunct, "("}, toks[i])
	end := i
	if escape {
		out = append(out, token{tPunct, ","}, toks[i+2])
		end = i + 2
	}
	return append(out, token{tPunct, ")"}), end
}

// between rewrites `x [NOT] BETWEEN [SYMMETRIC] a AND b`, whose BETWEEN is
// toks[at] and whose left operand ends out (its NOT, when negated, is
// out's last token), into the comparisons PostgreSQL stores. It returns
// the new out and the index after b, or false when an operand cannot be
// delimited.
func between(out, toks []token, at int, negated bool) ([]token, int, bool) {
	head := out
	if negated {
		head = out[:len(out)-1]
	}
	start := operandStart(head)
	x := head[start:]
	lo := at + 1
	symmetric := lo < len(toks) && toks[lo].is(tWord, "symmetric")
	if symmetric || lo < len(toks) && toks[lo].is(tWord, "asymmetric") {
		lo++
	}
	and := lo
	for depth := 0; and < len(toks) && !(depth == 0 && toks[and].is(tWord, "and")); and++ {
		switch {
		case toks[and].is(tPunct, "("):
			depth++
		case toks[and].is(tPunct, ")"):
			depth--
		}
		if depth < 0 {
			return nil, 0, false
		}
	}
	end := operandEnd(toks, and+1)
	if len(x) == 0 || and == lo || and >= len(toks) || end == and+1 {
		return nil, 0, false
	}
	a, b := toks[lo:and], toks[and+1:end]
	in := func(lo, hi []token) []token { // x >= lo and x <= hi, or its negation
		ge, le, join := ">=", "<=", "and"
		if negated {
			ge, le, join = "<", ">", "or"
		}
		return group(group(x, token{tOp, ge}, lo), token{tWord, join}, group(x, token{tOp, le}, hi))
	}
	cond := in(a, b)
	if symmetric {
		join := "or"
		if negated {
			join = "and"
		}
		cond = group(cond, token{tWord, join}, in(b, a))
	}
	return append(head[:start:start], cond...), end, true
}

// group returns ( left op right ).
func group(left []token, op token, right []token) []token {
	g := make([]token, 0, len(left)+len(right)+3)
	g = append(g, token{tPunct, "("})
	g = append(g, left...)
	g = append(g, op)
	g = append(g, right...)
	return append(g, token{tPunct, ")"})
}

// operandStart returns where the operand that ends toks begins: back over
// names, literals, casts, operators that bind more tightly than BETWEEN
// and parenthesised groups, to a comparison, a key word, a comma or an
// opening parenthesis.
func operandStart(toks []token) int {
	i := len(toks)
	for i > 0 {
		t := toks[i-1]
		switch {
		case t.is(tPunct, ")"):
			depth := 0
			for i > 0 {
				i--
				if toks[i].is(tPunct, ")") {
					depth++
				} else if toks[i].is(tPunct, "(") {
					depth--
				}
				if depth == 0 {
					break
				}
			}
			continue
		case !operandToken(t):
			return i
		}
		i--
	}
	return i
}

// operandEnd returns the index just past the operand that starts at
// toks[i], delimited as operandStart does.
func operandEnd(toks []token, i int) int {
	for i < len(toks) {
		t := toks[i]
		switch {
		case t.is(tPunct, "("):
			end := closing(toks, i)
			if end < 0 {
				return i
			}
			i = end + 1
			continue
		case !operandToken(t):
			return i
		}
		i++
	}
	return i
}

// operandToken reports whether t may be part of an operand of BETWEEN.
func operandToken(t token) bool {
	switch t.kind {
	case tWord:
		return !stopWords[t.text]
	case tOp:
		return !comparisons[t.text]
	case tPunct:
		return t.text == "." || t.text == "::" || t.text == "[" || t.text == "]"
	}
	return true
}
