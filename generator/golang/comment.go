package golang

import (
	"fmt"
	"strings"
	"unicode"
)

// Text from the model (comments, defaults, the .er file's name) reaches Go
// only through lineComment, one "// " comment per line of text, or as
// string constants (goString, sqlLit). A block comment could be ended by a
// "*/" in the text; a line comment can end only at a line break, and
// lineComment writes none.

// lineComment is text as one "// " comment: line breaks become spaces,
// characters that are not printable are written as Go escapes, and
// trailing blanks go, as gofmt removes them.
func lineComment(text string) string {
	var b strings.Builder
	writeLineComment(&b, text)
	return b.String()
}

// writeLineComment writes lineComment(text) to b.
func writeLineComment(b *strings.Builder, text string) {
	if strings.ContainsAny(text, "\n\r") {
		text = strings.Map(func(r rune) rune {
			if r == '\n' || r == '\r' {
				return ' '
			}
			return r
		}, text)
	}
	text = strings.TrimRight(commentSafe(text), " \t")
	b.Grow(len("// ") + len(text))
	b.WriteString("//")
	if text != "" {
		b.WriteByte(' ')
		b.WriteString(text)
	}
}

// commentSafe writes every character of line that is not printable as a
// Go escape (\u202e): control characters, and format characters such as
// bidirectional overrides and zero-width spaces, which would make the
// comment read differently from what the compiler sees. A tab is kept.
// (The reader refuses such characters in a .er file; this keeps a comment
// honest whatever reaches it.)
func commentSafe(line string) string {
	if printableASCII(line) {
		return line
	}
	clean := true
	for _, r := range line {
		if r != '\t' && r != ' ' && !unicode.IsPrint(r) {
			clean = false
			break
		}
	}
	if clean {
		return line
	}
	var b strings.Builder
	for _, r := range line {
		if r == '\t' || r == ' ' || unicode.IsPrint(r) {
			b.WriteRune(r)
			continue
		}
		q := fmt.Sprintf("%+q", string(r)) // "\u202e"
		b.WriteString(q[1 : len(q)-1])
	}
	return b.String()
}

// printableASCII reports whether line is ASCII with no control
// character but the tab, as nearly every comment ergen writes is: it
// needs no escape, and is known so without decoding a rune.
func printableASCII(line string) bool {
	for i := 0; i < len(line); i++ {
		if c := line[i]; c >= 0x7f || c < ' ' && c != '\t' {
			return false
		}
	}
	return true
}

// wrapText breaks text into lines of at most width bytes, between words.
func wrapText(text string, width int) string {
	var b strings.Builder
	b.Grow(len(text)) // words and one byte between two, at most the text
	n, i := 0, 0
	for w := range strings.FieldsSeq(text) {
		if i > 0 && n+1+len(w) > width {
			b.WriteString("\n")
			n = 0
		} else if i > 0 {
			b.WriteString(" ")
			n++
		}
		b.WriteString(w)
		n += len(w)
		i++
	}
	return b.String()
}
