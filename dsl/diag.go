package dsl

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2/lexer"
	"golang.org/x/text/width"
)

// Pos is a position in a source file. Line and Column are 1-based; Column
// counts runes, as editors do.
type Pos struct {
	File   string
	Offset int
	Line   int
	Column int
}

// FromLexer converts a participle position.
func FromLexer(p lexer.Position) Pos {
	return Pos{File: p.Filename, Offset: p.Offset, Line: p.Line, Column: p.Column}
}

// PosAt computes the position of a byte offset in src.
func PosAt(file string, src []byte, offset int) Pos {
	offset = min(max(offset, 0), len(src))
	line := 1 + bytes.Count(src[:offset], []byte("\n"))
	start := bytes.LastIndexByte(src[:offset], '\n') + 1
	return Pos{File: file, Offset: offset, Line: line, Column: 1 + utf8.RuneCount(src[start:offset])}
}

// posCursor computes the positions of increasing offsets of one source in
// time linear in the source, where PosAt per offset is linear in each: it
// advances from the last position it computed. An offset before that one
// is computed from the start again.
type posCursor struct {
	file string
	src  []byte
	at   Pos
}

func newPosCursor(file string, src []byte) *posCursor {
	return &posCursor{file: file, src: src, at: Pos{File: file, Line: 1, Column: 1}}
}

// pos returns the position of offset in the source.
func (c *posCursor) pos(offset int) Pos {
	offset = min(max(offset, 0), len(c.src))
	if offset < c.at.Offset {
		c.at = Pos{File: c.file, Line: 1, Column: 1}
	}
	c.at = c.at.Advance(string(c.src[c.at.Offset:offset]))
	return c.at
}

// Advance returns the position just after text, which starts at p.
func (p Pos) Advance(text string) Pos {
	for _, r := range text {
		p.Offset += utf8.RuneLen(r)
		if r == '\n' {
			p.Line++
			p.Column = 1
		} else {
			p.Column++
		}
	}
	return p
}

func (p Pos) String() string {
	if p.File == "" {
		return fmt.Sprintf("%d:%d", p.Line, p.Column)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Column)
}

// Severity tells errors, which stop generation, from warnings, which do not.
type Severity int

const (
	Error Severity = iota
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Diagnostic is one problem found in a source file. End is exclusive and
// marks the extent underlined by carets.
type Diagnostic struct {
	Severity Severity
	Pos, End Pos
	Code     string // stable code for warnings that lint reports (ER1xx)
	Msg      string
	Hint     string
}

// Error formats the diagnostic on one line: file:line:col: error: msg.
func (d *Diagnostic) Error() string {
	code := ""
	if d.Code != "" {
		code = " " + d.Code
	}
	return fmt.Sprintf("%s: %s%s: %s", d.Pos, d.Severity, code, d.Msg)
}

// MaxExcerpt bounds how many characters of the file a message or hint
// quotes: a token or a name may be a megabyte long, and a message is
// printed whole.
const MaxExcerpt = 60

// Excerpt returns text of the file as a message quotes it: whole when it
// is at most MaxExcerpt characters long, else its first MaxExcerpt
// characters and "…". Every message and hint that quotes text of the
// file goes through it (or Quote).
func Excerpt(text string) string { return cut(text, MaxExcerpt) }

// Quote is Excerpt(text) in double quotes, as %q writes it.
func Quote(text string) string { return strconv.Quote(Excerpt(text)) }

// MaxName bounds how many characters of a name (of an entity, attribute,
// type, enum value, ...) a message or hint quotes. It is more than
// MaxExcerpt because a name is legitimately longer: PostgreSQL keeps 63
// bytes of one, and a message about a name it cuts (two attributes that
// are one once cut) quotes the name past its 63rd byte, where it differs.
const MaxName = 128

// NameExcerpt returns a name of the file as a message writes it: whole
// when it is at most MaxName characters long, else its first MaxName
// characters and "…".
func NameExcerpt(name string) string { return cut(name, MaxName) }

// QuoteName is NameExcerpt(name) in double quotes, as %q writes it. Every
// message and hint of the model that quotes a name or expression of the
// file goes through it.
func QuoteName(name string) string { return strconv.Quote(NameExcerpt(name)) }

// MaxMessage bounds the characters of a message or hint that Errorf,
// Warnf and Hintf format: a check that quotes a name of the file without
// Quote would otherwise print it whole, a megabyte if it is one. A
// message of ergen's own reaches it only when it quotes several names
// of MaxName characters (a junction's hint names four), and is then cut
// at its end.
const MaxMessage = 500

// capped is msg cut to MaxMessage characters, with "…" where it is cut.
func capped(msg string) string { return cut(msg, MaxMessage) }

// cut returns text whole when it is at most n characters long, else its
// first n characters and "…".
func cut(text string, n int) string {
	if len(text) <= n {
		return text // at most n bytes, so at most n characters
	}
	for i := range text {
		if n == 0 {
			return text[:i] + "…"
		}
		n--
	}
	return text
}

// Hintf sets the hint and returns d, so a check reads as one statement.
func (d *Diagnostic) Hintf(format string, args ...any) *Diagnostic {
	d.Hint = capped(fmt.Sprintf(format, args...))
	return d
}

// Diagnostics is every problem found in a file. All stages append to one
// list so that the user sees every problem of a file in one run.
type Diagnostics []*Diagnostic

// Errorf records an error spanning [pos, end).
func (ds *Diagnostics) Errorf(pos, end Pos, format string, args ...any) *Diagnostic {
	d := &Diagnostic{Severity: Error, Pos: pos, End: end, Msg: capped(fmt.Sprintf(format, args...))}
	*ds = append(*ds, d)
	return d
}

// Warnf records a warning spanning [pos, end).
func (ds *Diagnostics) Warnf(pos, end Pos, format string, args ...any) *Diagnostic {
	d := &Diagnostic{Severity: Warning, Pos: pos, End: end, Msg: capped(fmt.Sprintf(format, args...))}
	*ds = append(*ds, d)
	return d
}

// Sort orders diagnostics by file, line, column and message, and drops
// exact duplicates.
func (ds Diagnostics) Sort() Diagnostics {
	slices.SortStableFunc(ds, func(a, b *Diagnostic) int {
		if c := strings.Compare(a.Pos.File, b.Pos.File); c != 0 {
			return c
		}
		if a.Pos.Offset != b.Pos.Offset {
			return a.Pos.Offset - b.Pos.Offset
		}
		return strings.Compare(a.Msg, b.Msg)
	})
	return slices.CompactFunc(ds, func(a, b *Diagnostic) bool {
		return a.Pos == b.Pos && a.Msg == b.Msg && a.Severity == b.Severity
	})
}

// HasErrors reports whether any diagnostic is an error.
func (ds Diagnostics) HasErrors() bool {
	return slices.ContainsFunc(ds, func(d *Diagnostic) bool { return d.Severity == Error })
}

// Errors returns only the errors.
func (ds Diagnostics) Errors() Diagnostics {
	return slices.DeleteFunc(slices.Clone(ds), func(d *Diagnostic) bool { return d.Severity != Error })
}

// Err returns ds as an error when it holds at least one error, else nil.
func (ds Diagnostics) Err() error {
	if !ds.HasErrors() {
		return nil
	}
	return ds.Errors()
}

func (ds Diagnostics) Error() string {
	switch len(ds) {
	case 0:
		return "no errors"
	case 1:
		return ds[0].Error()
	}
	return fmt.Sprintf("%s (and %d more)", ds[0].Error(), len(ds)-1)
}

// AsDiagnostics extracts diagnostics from an error chain, if it carries any.
func AsDiagnostics(err error) (Diagnostics, bool) {
	var ds Diagnostics
	if errors.As(err, &ds) {
		return ds, true
	}
	var d *Diagnostic
	if errors.As(err, &d) {
		return Diagnostics{d}, true
	}
	return nil, false
}

// MaxPrinted bounds how many diagnostics Print shows; a file with hundreds
// of errors usually has one cause, and the rest scroll it away.
const MaxPrinted = 50

// Print writes diagnostics in the compiler style:
//
//	shop.er:12:22: error: unknown entity "Autor"
//	   12 | relationship Autor 1:N Book
//	      |              ^^^^^
//	      = hint: did you mean "Author"?
//
// A line wider than MaxQuoted columns is quoted in part: a window around
// the caret, with "…" where it is cut.
//
// source returns the content of a file by name (nil if unknown).
func Print(w io.Writer, ds Diagnostics, source func(file string) []byte) {
	for i, d := range ds {
		if i == MaxPrinted {
			fmt.Fprintf(w, "... and %d more\n", len(ds)-i)
			return
		}
		fmt.Fprintln(w, shown(d.Error())) // a message may quote text of the file
		var src []byte
		if source != nil {
			src = source(d.Pos.File)
		}
		if line, ok := sourceLine(src, d.Pos.Line); ok {
			line, pos, end := clip(line, d.Pos, d.End)
			line = shown(line)
			num := fmt.Sprint(d.Pos.Line)
			pad := strings.Repeat(" ", len(num))
			fmt.Fprintf(w, " %s | %s\n", num, line)
			fmt.Fprintf(w, " %s | %s\n", pad, caret(line, pos, end))
			if d.Hint != "" {
				fmt.Fprintf(w, " %s = hint: %s\n", pad, shown(d.Hint))
			}
		} else if d.Hint != "" {
			fmt.Fprintf(w, "  = hint: %s\n", shown(d.Hint))
		}
	}
}

func sourceLine(src []byte, n int) (string, bool) {
	if src == nil || n < 1 {
		return "", false
	}
	for i := 1; i < n; i++ {
		j := bytes.IndexByte(src, '\n')
		if j < 0 {
			return "", false
		}
		src = src[j+1:]
	}
	if j := bytes.IndexByte(src, '\n'); j >= 0 {
		src = src[:j]
	}
	return strings.TrimRight(string(src), "\r"), true
}

// MaxQuoted bounds the display columns of the source line that Print
// quotes: a minified one-line file, or a binary one, would otherwise be
// printed whole once per diagnostic.
const MaxQuoted = 120

// clip returns line cut to a window of at most MaxQuoted columns around
// [pos, end), with "…" on each side where it is cut, and pos and end
// moved to the same characters of the window, the span clipped to it. A
// line that fits is returned as it is. The window starts a third of its
// width before the caret, or earlier if the line ends sooner.
func clip(line string, pos, end Pos) (string, Pos, Pos) {
	total := 0
	for _, r := range line {
		total += columns(r)
	}
	if total <= MaxQuoted {
		return line, pos, end
	}
	rs := []rune(line)
	at := min(max(pos.Column, 1), len(rs)+1) - 1 // index of the caret's rune
	to := len(rs) + 1                            // index just after the span
	if end.Line == pos.Line && end.Column > pos.Column {
		to = min(end.Column-1, to)
	} else {
		to = at + 1
	}
	budget := MaxQuoted - 2 // room for the two "…"
	s, e, used := at, at, 0
	for s > 0 && used+columns(rs[s-1]) <= budget/3 {
		s--
		used += columns(rs[s])
	}
	for e < len(rs) && (e == at || used+columns(rs[e]) <= budget) {
		used += columns(rs[e])
		e++
	}
	for s > 0 && used+columns(rs[s-1]) <= budget {
		s--
		used += columns(rs[s])
	}
	var b strings.Builder
	shift := -s // from a column of line to one of the window
	if s > 0 {
		b.WriteString("…")
		shift++
	}
	b.WriteString(string(rs[s:e]))
	if e < len(rs) {
		b.WriteString("…")
	}
	pos.Column = at + 1 + shift
	end = Pos{File: pos.File, Line: pos.Line, Column: max(min(to, e), at+1) + 1 + shift}
	return b.String(), pos, end
}

// columns is an upper bound of the columns r takes in a terminal: two for
// a wide character, eight for a tab, one otherwise.
func columns(r rune) int {
	switch k := width.LookupRune(r).Kind(); {
	case r == '\t':
		return 8
	case k == width.EastAsianWide || k == width.EastAsianFullwidth:
		return 2
	}
	return 1
}

// caret underlines [pos, end) on line; tabs before the caret are copied so
// the caret lines up however the terminal renders them.
func caret(line string, pos, end Pos) string {
	var b strings.Builder
	col := 1
	for _, r := range line {
		if col >= pos.Column {
			break
		}
		if r == '\t' {
			b.WriteRune('\t')
		} else {
			b.WriteByte(' ')
		}
		col++
	}
	n := 1
	if end.Line == pos.Line && end.Column > pos.Column {
		n = end.Column - pos.Column
	}
	if rest := utf8.RuneCountInString(line) - pos.Column + 1; n > rest && rest > 0 {
		n = rest
	}
	b.WriteString(strings.Repeat("^", n))
	return b.String()
}

// Suggest returns the candidate closest to name when it is close enough to
// be a likely typo (edit distance below 3), or "".
func Suggest(name string, candidates []string) string {
	best, bestDist := "", 3
	lower := []rune(strings.ToLower(name))
	for _, c := range candidates {
		if d := distanceWithin(lower, []rune(strings.ToLower(c)), bestDist-1); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// Misspelling returns the candidate that word is likely a typo of: one
// edit away, or two in a word of seven letters or more; or "". It is
// stricter than Suggest, for words that may well be names rather than
// typos ("qty" is not a misspelt "key").
func Misspelling(word string, candidates []string) string {
	rs := []rune(word)
	limit := 1
	if len(rs) >= 7 {
		limit = 2
	}
	for _, c := range candidates {
		if distanceWithin(rs, []rune(c), limit) <= limit {
			return c
		}
	}
	return ""
}

// distanceWithin is the optimal string alignment distance between a and
// b, in runes, when it is at most limit, and limit+1 when it is more:
// Levenshtein's edits plus swapping two adjacent runes, the most common
// typo ("txet" is one edit from "text", not two). Only the cells of the
// table within limit of its diagonal are computed, in three rows, so a
// name of a megabyte costs as much as reading it, not its square.
func distanceWithin(a, b []rune, limit int) int {
	far := limit + 1
	if len(a)-len(b) > limit || len(b)-len(a) > limit {
		return far
	}
	// Row i of the table is rows[i%3].
	rows := [3][]int{make([]int, len(b)+2), make([]int, len(b)+2), make([]int, len(b)+2)}
	for j := range rows[0] {
		rows[0][j] = min(j, far)
	}
	for i := 1; i <= len(a); i++ {
		prev2, prev, cur := rows[(i+1)%3], rows[(i-1)%3], rows[i%3]
		lo, hi := max(1, i-limit), min(len(b), i+limit)
		cur[lo-1] = far
		if lo == 1 {
			cur[0] = min(i, far)
		}
		cur[hi+1] = far
		best := cur[lo-1]
		for j := lo; j <= hi; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d = min(d, prev2[j-2]+1)
			}
			cur[j] = min(d, far)
			best = min(best, cur[j])
		}
		if best >= far {
			return far
		}
	}
	return min(rows[len(a)%3][len(b)], far)
}
