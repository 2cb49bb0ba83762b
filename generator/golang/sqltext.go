package golang

import (
	"strconv"
	"strings"
	"sync"
)

// sqlWidth is the longest line of SQL text kept as it is: a statement
// longer than that is laid out on several lines (see sqlLines).
const sqlWidth = 80

// sqlClauses start a line of a statement laid out on several lines, when
// they are outside parentheses and quotes. The emitter writes every
// keyword in upper case and QuoteIdent quotes every identifier that is not
// lower case, so an upper-case word outside quotes is a keyword.
var sqlClauses = []string{
	"FROM", "JOIN", "WHERE", "GROUP BY", "ORDER BY", "LIMIT", "SET",
	"OVERRIDING", "VALUES", "ON CONFLICT", "RETURNING",
}

// sqlLines lays out a statement longer than sqlWidth the way a person
// writes SQL in a Go raw string: each clause (FROM, WHERE, ORDER BY ...)
// on a line of its own, and a clause still too long wrapped after a comma
// or before an AND or IN, its continuation lines indented by a tab. PostgreSQL
// reads a line break as a space, so the statement means the same; it is
// one constant still, and pgx prepares it once.
func sqlLines(sql string) string {
	if sqlAsWritten(sql) {
		return sql
	}
	var b strings.Builder
	b.Grow(len(sql) + len(sql)/8)
	writeSQLLines(&b, sql)
	return b.String()
}

// sqlAsWritten reports whether sqlLines keeps sql as it is: a statement
// short enough for one line, or one whose line breaks are its own (or
// that a raw string could not hold).
func sqlAsWritten(sql string) bool {
	return len(sql) <= sqlWidth || strings.IndexByte(sql, '\n') >= 0 || !rawSQL(sql)
}

// rawSQL reports whether a raw string can hold sql: it has no backquote
// and no carriage return (which a raw string drops). Each byte is looked
// for with strings.IndexByte, which searches many bytes at a time, rather
// than strings.ContainsAny, which builds a set of bytes on every call and
// tests each byte of the statement against it.
func rawSQL(sql string) bool {
	return strings.IndexByte(sql, '`') < 0 && strings.IndexByte(sql, '\r') < 0
}

// sqlLit is the Go literal of a statement as sqlLines lays it out: a raw
// string when it can be, so that generated code shows the statement as
// the database sees it, else a quoted one. The literal is written in one
// piece, the statement's text being the longest in a table's file.
func sqlLit(sql string) string {
	if !rawSQL(sql) {
		return strconv.Quote(sql) // sqlLines keeps such a statement as it is
	}
	var b strings.Builder
	b.Grow(len(sql) + len(sql)/8 + 2)
	b.WriteByte('`')
	if len(sql) <= sqlWidth || strings.IndexByte(sql, '\n') >= 0 { // sqlAsWritten, rawSQL being known
		b.WriteString(sql)
	} else {
		writeSQLLines(&b, sql)
	}
	b.WriteByte('`')
	return b.String()
}

// writeSQLLines writes sql to b laid out as sqlLines says.
func writeSQLLines(b *strings.Builder, sql string) {
	scratch := sqlScratch.Get().(*sqlLayout)
	defer sqlScratch.Put(scratch)
	scratch.words = sqlWords(sql, scratch.words[:0])
	words := scratch.words
	start := 0 // the first word of the current clause
	for i, w := range words {
		if i > 0 && w.depth == 0 && startsClause(sql, words, i) {
			wrapClause(b, sql, words[start:i], scratch)
			b.WriteByte('\n')
			start = i
		}
	}
	wrapClause(b, sql, words[start:], scratch)
}

// sqlLayout is the memory sqlLines reuses from one statement to the next:
// a package holds thousands of statements, and each would otherwise
// allocate its words and breaks.
type sqlLayout struct {
	words  []sqlWord
	breaks []int
}

var sqlScratch = sync.Pool{New: func() any { return new(sqlLayout) }}

// sqlWord is a word of a statement: what lies between two spaces outside
// quotes ('text', "identifier"), with the depth of parentheses it starts
// and ends at.
type sqlWord struct {
	start, end int // the word's bytes in the statement
	depth      int // the parentheses open where it starts
	endDepth   int // and where it ends
}

// sqlWords appends the words of sql to out.
func sqlWords(sql string, out []sqlWord) []sqlWord {
	depth, start, startDepth := 0, 0, 0
	var quote byte
	for i := 0; i < len(sql); i++ {
		c := sql[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '(':
			depth++
		case c == ')':
			depth--
		case c == ' ':
			out = append(out, sqlWord{start, i, startDepth, depth})
			start, startDepth = i+1, depth
		}
	}
	return append(out, sqlWord{start, len(sql), startDepth, depth})
}

// startsClause reports whether words[i], outside parentheses, is one of
// sqlClauses, except a FROM right after DELETE or IS [NOT] DISTINCT, to
// which it belongs.
func startsClause(sql string, words []sqlWord, i int) bool {
	w := words[i]
	if w.start == len(sql) || sql[w.start] < 'A' || sql[w.start] > 'Z' {
		return false // every clause starts with a keyword, in upper case
	}
	rest := sql[w.start:]
	for _, k := range sqlClauses {
		if !strings.HasPrefix(rest, k) || (len(rest) > len(k) && rest[len(k)] != ' ') {
			continue
		}
		if k != "FROM" || i == 0 {
			return true
		}
		prev := sql[words[i-1].start:words[i-1].end]
		return prev != "DELETE" && prev != "DISTINCT"
	}
	return false
}

// wrapClause writes the clause made of words to b, broken, when it is
// longer than sqlWidth, after a comma or before an AND or IN, at the fewest
// open parentheses (the items of a list, not the arguments of a call in
// it); the lines after the first are indented by a tab. Short items fill
// each line as far as it goes; when an item is long (a CASE per column),
// each is on a line of its own. A clause starts outside parentheses, so
// its words' depths are those of the whole statement.
func wrapClause(b *strings.Builder, sql string, words []sqlWord, scratch *sqlLayout) {
	first, last := words[0].start, words[len(words)-1].end
	if last-first <= sqlWidth {
		b.WriteString(sql[first:last])
		return
	}
	breaks := scratch.breaks[:0] // the words after which a line may break
	for i, w := range words[:len(words)-1] {
		text := sql[w.start:w.end]
		if next := sql[words[i+1].start:words[i+1].end]; strings.HasSuffix(text, ",") || next == "AND" || next == "IN" {
			if len(breaks) > 0 && w.endDepth > words[breaks[0]].endDepth {
				continue
			}
			if len(breaks) > 0 && w.endDepth < words[breaks[0]].endDepth {
				breaks = breaks[:0]
			}
			breaks = append(breaks, i)
		}
	}
	if len(breaks) == 0 {
		b.WriteString(sql[first:last])
		return
	}
	breaks = append(breaks, len(words)-1)
	scratch.breaks = breaks
	each := false // whether every item goes on a line of its own
	prev := 0
	for _, i := range breaks {
		each = each || words[i].end-words[prev].start > sqlWidth/2
		prev = i + 1
	}
	lineStart, lastEnd := first, first // the current line's first byte; the last break's end
	for _, i := range breaks {
		end := words[i].end
		if lastEnd > lineStart && (each || end-lineStart+len("\t") > sqlWidth) {
			b.WriteString(sql[lineStart:lastEnd])
			b.WriteString("\n\t")
			lineStart = lastEnd + 1
		}
		lastEnd = end
	}
	b.WriteString(sql[lineStart:last])
}
