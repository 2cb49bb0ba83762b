package dsl

import "strings"

// This file is a scanner of SQL text that follows PostgreSQL's own lexical
// rules (src/backend/parser/scan.l, PostgreSQL 15 and later): strings
// '...' with doubled quotes, continued across a newline; E'...' with
// backslash escapes; U&'...'; B'...' and X'...'; $tag$...$tag$; quoted
// identifiers "..."; -- comments and nested /* */ comments; numbers,
// parameters, operators (which end where a comment starts) and the
// one-character tokens. It is what decides whether an expression of a .er
// file may be copied into the DDL: see CheckExpr.

// SQLKind is the kind of an SQL token.
type SQLKind int

// Token kinds of ScanSQL.
const (
	SQLSpace    SQLKind = iota
	SQLComment          // -- or /* */
	SQLIdent            // a word, key words included
	SQLQuoted           // "quoted identifier" or U&"..."
	SQLString           // '...', E'...', N'...', U&'...', B'...', X'...', with continuations
	SQLDollar           // $tag$...$tag$
	SQLNumber           // 1, 1.5, .5, 1e10
	SQLParam            // $1
	SQLOperator         // +, ->>, ::, <=, ...
	SQLSelf             // one of , ( ) [ ] ; : .
	SQLOther            // any other character, which PostgreSQL's parser rejects
)

// SQLToken is one token of ScanSQL: s[Off:End].
type SQLToken struct {
	Kind     SQLKind
	Off, End int
}

// SQLScanError is a lexical error: text PostgreSQL would refuse to lex,
// or would lex one way or another depending on a setting.
type SQLScanError struct {
	Off, End int
	Msg      string
	Hint     string
}

// opChars are PostgreSQL's operator characters; selfChars the characters
// that are tokens of their own.
const (
	opChars   = "~!@#^&|`?+-*/%<>="
	selfChars = ",()[].;:+-*/%^<>="
)

func isIdentStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 0x80
}

func isIdentCont(c byte) bool { return isIdentStart(c) || c >= '0' && c <= '9' || c == '$' }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// isSQLSpace is scan.l's space; \v is not one before PostgreSQL 16, so it
// is treated as no character at all.
func isSQLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// ScanSQL splits s into PostgreSQL tokens. It stops at the first lexical
// error: an unterminated string, identifier or comment, an invalid escape,
// junk after a number. Backslashes in a plain '...' string are an error
// too: with standard_conforming_strings off they are escapes, so the
// string's extent would depend on a setting.
func ScanSQL(s string) ([]SQLToken, *SQLScanError) {
	var toks []SQLToken
	for i := 0; i < len(s); {
		tok, err := scanSQLToken(s, i)
		if err != nil {
			return toks, err
		}
		toks = append(toks, tok)
		i = tok.End
	}
	return toks, nil
}

func scanSQLToken(s string, i int) (SQLToken, *SQLScanError) {
	c := s[i]
	at := func(k SQLKind, end int) (SQLToken, *SQLScanError) { return SQLToken{Kind: k, Off: i, End: end}, nil }
	next := byte(0)
	if i+1 < len(s) {
		next = s[i+1]
	}
	switch {
	case isSQLSpace(c):
		j := i + 1
		for j < len(s) && isSQLSpace(s[j]) {
			j++
		}
		return at(SQLSpace, j)
	case c == '-' && next == '-':
		j := i + 2
		for j < len(s) && s[j] != '\n' && s[j] != '\r' {
			j++
		}
		return at(SQLComment, j)
	case c == '/' && next == '*':
		return scanBlockComment(s, i)
	case c == '\'':
		return scanString(s, i, i, stringPlain)
	case (c == 'e' || c == 'E') && next == '\'':
		return scanString(s, i, i+1, stringEscape)
	case (c == 'n' || c == 'N') && next == '\'':
		return scanString(s, i, i+1, stringPlain)
	case (c == 'b' || c == 'B' || c == 'x' || c == 'X') && next == '\'':
		return scanString(s, i, i+1, stringBits)
	case (c == 'u' || c == 'U') && next == '&' && i+2 < len(s) && s[i+2] == '\'':
		return scanString(s, i, i+2, stringUnicode)
	case (c == 'u' || c == 'U') && next == '&' && i+2 < len(s) && s[i+2] == '"':
		return scanQuoted(s, i, i+2)
	case c == '"':
		return scanQuoted(s, i, i)
	case c == '$':
		return scanDollar(s, i)
	case isIdentStart(c):
		j := i + 1
		for j < len(s) && isIdentCont(s[j]) {
			j++
		}
		return at(SQLIdent, j)
	case isDigit(c) || c == '.' && isDigit(next):
		return scanSQLNumber(s, i)
	case c == '.' && next == '.':
		return at(SQLOperator, i+2) // dot_dot
	case c == ':' && next == ':':
		return at(SQLOperator, i+2) // typecast
	case c == ':' && next == '=':
		return at(SQLOperator, i+2) // colon_equals
	case strings.IndexByte(opChars, c) >= 0:
		return at(SQLOperator, operatorEnd(s, i))
	case strings.IndexByte(selfChars, c) >= 0:
		return at(SQLSelf, i+1)
	}
	return at(SQLOther, i+1)
}

// scanBlockComment reads a /* */ comment, which nests.
func scanBlockComment(s string, i int) (SQLToken, *SQLScanError) {
	depth := 0
	for j := i; j+1 < len(s); j++ {
		switch {
		case s[j] == '/' && s[j+1] == '*':
			depth++
			j++
		case s[j] == '*' && s[j+1] == '/':
			depth--
			j++
			if depth == 0 {
				return SQLToken{Kind: SQLComment, Off: i, End: j + 1}, nil
			}
		}
	}
	return SQLToken{}, &SQLScanError{Off: i, End: i + 2, Msg: "unterminated /* comment",
		Hint: "PostgreSQL nests block comments: each /* needs its own */"}
}

type stringKind int

const (
	stringPlain   stringKind = iota // '...', N'...'
	stringEscape                    // E'...'
	stringBits                      // B'...', X'...'
	stringUnicode                   // U&'...'
)

// scanString reads a string literal whose prefix starts at i and whose
// opening quote is at q, with the continuations scan.l reads as part of
// it: another quote after whitespace that holds a newline (and maybe --
// comments), which resumes the string in the same mode.
func scanString(s string, i, q int, kind stringKind) (SQLToken, *SQLScanError) {
	j := q + 1
	for {
		if j >= len(s) {
			return SQLToken{}, &SQLScanError{Off: i, End: q + 1, Msg: "unterminated quoted string",
				Hint: "close the string with '; a quote inside is doubled: 'it''s'"}
		}
		switch c := s[j]; {
		case c == '\'' && j+1 < len(s) && s[j+1] == '\'' && kind != stringBits:
			j += 2
		case c == '\'':
			j++
			if k := continuation(s, j); k > 0 {
				j = k + 1
				continue
			}
			return SQLToken{Kind: SQLString, Off: i, End: j}, nil
		case c == '\\' && kind == stringEscape:
			if err := checkEscape(s, j); err != nil {
				return SQLToken{}, err
			}
			j += 2
		case c == '\\' && kind == stringPlain:
			return SQLToken{}, &SQLScanError{Off: j, End: j + 1,
				Msg:  "backslash in a '...' string",
				Hint: `PostgreSQL reads \ in '...' as an escape when standard_conforming_strings is off; write E'...' and double it: E'a\\b'`}
		default:
			j++
		}
	}
}

// checkEscape checks the backslash escape at s[j] of an E'...' string as
// scan.l does: \u and \U must be followed by 4 and 8 hex digits.
func checkEscape(s string, j int) *SQLScanError {
	if j+1 >= len(s) {
		return &SQLScanError{Off: j, End: j + 1, Msg: "unterminated quoted string",
			Hint: "a backslash at the end of an E'...' string escapes nothing"}
	}
	n := 0
	switch s[j+1] {
	case 'u':
		n = 4
	case 'U':
		n = 8
	default:
		return nil
	}
	for k := j + 2; k < j+2+n; k++ {
		if k >= len(s) || !isHex(s[k]) {
			return &SQLScanError{Off: j, End: min(k+1, len(s)), Msg: "invalid Unicode escape",
				Hint: `write \u and 4 hex digits or \U and 8`}
		}
	}
	return nil
}

func isHex(c byte) bool { return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

// continuation returns the offset of the quote that continues a string
// that ended just before j, or -1: whitespace without a newline (scan.l's
// horiz_whitespace, -- comments included), a newline, then any whitespace
// and comment lines, then a quote.
func continuation(s string, j int) int {
	newline := false
	for j < len(s) {
		switch c := s[j]; {
		case c == ' ' || c == '\t' || c == '\f':
			j++
		case c == '\n' || c == '\r':
			newline = true
			j++
		case c == '-' && j+1 < len(s) && s[j+1] == '-':
			for j < len(s) && s[j] != '\n' && s[j] != '\r' {
				j++
			}
		case c == '\'' && newline:
			return j
		default:
			return -1
		}
	}
	return -1
}

// scanQuoted reads a quoted identifier whose opening quote is at q.
func scanQuoted(s string, i, q int) (SQLToken, *SQLScanError) {
	for j := q + 1; j < len(s); j++ {
		if s[j] != '"' {
			continue
		}
		if j+1 < len(s) && s[j+1] == '"' {
			j++
			continue
		}
		if j == q+1 {
			return SQLToken{}, &SQLScanError{Off: i, End: j + 1, Msg: "zero-length delimited identifier"}
		}
		return SQLToken{Kind: SQLQuoted, Off: i, End: j + 1}, nil
	}
	return SQLToken{}, &SQLScanError{Off: i, End: q + 1, Msg: "unterminated quoted identifier",
		Hint: `close it with "; a quote inside is doubled`}
}

// scanDollar reads $1, a $tag$...$tag$ string, or a lone $.
func scanDollar(s string, i int) (SQLToken, *SQLScanError) {
	j := i + 1
	if j < len(s) && isDigit(s[j]) {
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		if j < len(s) && isIdentStart(s[j]) {
			return SQLToken{}, &SQLScanError{Off: i, End: j + 1, Msg: "trailing junk after parameter"}
		}
		return SQLToken{Kind: SQLParam, Off: i, End: j}, nil
	}
	if j < len(s) && isIdentStart(s[j]) {
		for j < len(s) && isIdentCont(s[j]) && s[j] != '$' {
			j++
		}
	}
	if j >= len(s) || s[j] != '$' {
		return SQLToken{Kind: SQLOther, Off: i, End: i + 1}, nil // scan.l's dolqfailed
	}
	delim := s[i : j+1]
	if end := strings.Index(s[j+1:], delim); end >= 0 {
		return SQLToken{Kind: SQLDollar, Off: i, End: j + 1 + end + len(delim)}, nil
	}
	return SQLToken{}, &SQLScanError{Off: i, End: j + 1, Msg: "unterminated dollar-quoted string",
		Hint: "close it with " + Excerpt(delim)}
}

// scanSQLNumber reads a number; a letter right after one is an error, as in
// PostgreSQL 15 ("trailing junk after numeric literal").
func scanSQLNumber(s string, i int) (SQLToken, *SQLScanError) {
	digits := func(j int) int {
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		return j
	}
	j := digits(i)
	if j < len(s) && s[j] == '.' && !(j+1 < len(s) && s[j+1] == '.') {
		j = digits(j + 1)
	}
	if j < len(s) && (s[j] == 'e' || s[j] == 'E') {
		k := j + 1
		if k < len(s) && (s[k] == '+' || s[k] == '-') {
			k++
		}
		if k < len(s) && isDigit(s[k]) {
			j = digits(k)
		}
	}
	if j < len(s) && isIdentStart(s[j]) {
		return SQLToken{}, &SQLScanError{Off: i, End: j + 1, Msg: "trailing junk after numeric literal",
			Hint: "put a space between a number and a word"}
	}
	return SQLToken{Kind: SQLNumber, Off: i, End: j}, nil
}

// operatorEnd returns where the operator starting at i ends: at the first
// character that is not an operator character or where a comment starts;
// and, as scan.l does, without trailing + and - unless the operator holds
// one of ~!@#^&|`?%, so that "a*-1" is "*" then "-".
func operatorEnd(s string, i int) int {
	j := i
	for j < len(s) && strings.IndexByte(opChars, s[j]) >= 0 {
		if j > i && (s[j-1] == '-' && s[j] == '-' || s[j-1] == '/' && s[j] == '*') {
			j--
			break
		}
		j++
	}
	op := s[i:j]
	if len(op) > 1 && (op[len(op)-1] == '+' || op[len(op)-1] == '-') && !strings.ContainsAny(op[:len(op)-1], "~!@#^&|`?%") {
		for len(op) > 1 && (op[len(op)-1] == '+' || op[len(op)-1] == '-') {
			op = op[:len(op)-1]
		}
	}
	return i + len(op)
}
