package golang

import "strings"

// sqlWidth is the longest line of SQL text kept as it is: a statement
// longer than that is laid out on several lines (see sqlLines).
const sqlWidth = 80

// sqlClauses start a line of a statement laid out on several lines, when
// they are outside parentheses and quotes. The emitter writes every
// keyword in upper case and QuoteIdent quotes every identifier that is not
// lower case, so an upper-case word outside quotes is a keyword.
var sqlClauses = []string{
	"FROM", "JOIN", "WHERE", "GROUP BY", "ORDER BY", "LIMIT", "SET",
	"VALUES", "ON CONFLICT", "RETURNING",
}

// sqlLines lays out a statement longer than sqlWidth the way a person
// writes SQL in a Go raw string: each clause (FROM, WHERE, ORDER BY ...)
// on a line of its own, and a clause still too long wrapped after a comma
// or before an AND or IN, its continuation lines indented by a tab. PostgreSQL
// reads a line break as a space, so the statement means the same; it is
// one constant still, and pgx prepares it once.
func sqlLines(sql string) string {
	if len(sql) <= sqlWidth || strings.ContainsAny(sql, "\n\r`") {
		return sql
	}
	var lines []string
	for _, clause := range splitClauses(sql) {
		lines = append(lines, wrapClause(clause)...)
	}
	return strings.Join(lines, "\n")
}

// sqlWord is a word of a statement: what lies between two spaces outside
// quotes ('text', "identifier"), with the depth of parentheses it starts
// and ends at.
type sqlWord struct {
	start, end int // the word's bytes in the statement
	depth      int // the parentheses open where it starts
	endDepth   int // and where it ends
}

func sqlWords(sql string) []sqlWord {
	out := make([]sqlWord, 0, strings.Count(sql, " ")+1)
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

// splitClauses cuts a statement before each of sqlClauses outside
// parentheses, except a FROM right after DELETE, which belongs to it.
func splitClauses(sql string) []string {
	words := sqlWords(sql)
	var out []string
	from := 0
	for i, w := range words {
		if i == 0 || w.depth != 0 {
			continue
		}
		if w.start == len(sql) || sql[w.start] < 'A' || sql[w.start] > 'Z' {
			continue // every clause starts with a keyword, in upper case
		}
		rest := sql[w.start:]
		for _, k := range sqlClauses {
			if !strings.HasPrefix(rest, k) || (len(rest) > len(k) && rest[len(k)] != ' ') {
				continue
			}
			if k == "FROM" && sql[words[i-1].start:words[i-1].end] == "DELETE" {
				break
			}
			out = append(out, sql[from:w.start-1])
			from = w.start
			break
		}
	}
	return append(out, sql[from:])
}

// wrapClause breaks a clause longer than sqlWidth after a comma or before
// an AND or IN, at the fewest open parentheses (the items of a list, not the
// arguments of a call in it); the lines after the first are indented by
// a tab. Short items fill each line as far as it goes; when an item is
// long (a CASE per column), each is on a line of its own.
func wrapClause(clause string) []string {
	if len(clause) <= sqlWidth {
		return []string{clause}
	}
	words := sqlWords(clause)
	var breaks []int // the words after which a line may break
	for i, w := range words[:len(words)-1] {
		text := clause[w.start:w.end]
		if next := clause[words[i+1].start:words[i+1].end]; strings.HasSuffix(text, ",") || next == "AND" || next == "IN" {
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
		return []string{clause}
	}
	each := false // whether every item goes on a line of its own
	prev := 0
	for _, b := range append(breaks, len(words)-1) {
		each = each || words[b].end-words[prev].start > sqlWidth/2
		prev = b + 1
	}
	var out []string
	lineStart, lastEnd := 0, 0 // the current line's first byte; the last break's end
	for _, b := range append(breaks, len(words)-1) {
		end := words[b].end
		if lastEnd > lineStart && (each || end-lineStart+len("\t") > sqlWidth) {
			out = append(out, clause[lineStart:lastEnd])
			lineStart = lastEnd + 1
		}
		lastEnd = end
	}
	out = append(out, clause[lineStart:])
	for i := 1; i < len(out); i++ {
		out[i] = "\t" + out[i]
	}
	return out
}
