package golang

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/dave/jennifer/jen"
)

// Text from the model (comments, defaults) reaches Go only through
// modelComments, or as string constants (jen.Lit, which quotes with
// strconv). A block comment could be ended by a "*/" in the text, and
// jennifer writes a comment holding a newline as a block comment; so model
// text is split into lines here, and each line becomes a "//" comment of
// its own, which nothing but a newline can end.

// modelComments returns text as Go line comments, the first line after
// prefix. Each string starts with "// ", so jennifer writes it as is (and
// a line such as "go:build ignore" cannot become a directive).
func modelComments(prefix, text string) []string {
	lines := strings.Split(text, "\n")
	out := make([]string, len(lines))
	for i, line := range lines {
		if i == 0 {
			line = prefix + line
		}
		out[i] = "// " + commentSafe(strings.TrimRight(line, " \t\r"))
	}
	return out
}

// commentSafe writes every character of line that is not printable as a
// Go escape (\r, \u202e): control characters, and format characters such
// as bidirectional overrides and zero-width spaces, which would make the
// comment read differently from what the compiler sees. A tab is kept.
func commentSafe(line string) string {
	clean := true
	for _, r := range line {
		if r != '\t' && !unicode.IsPrint(r) && r != ' ' {
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
		q := fmt.Sprintf("%+q", string(r)) // "\u202e", "\r"
		b.WriteString(q[1 : len(q)-1])
	}
	return b.String()
}

// commentCodes is modelComments as jen comments, one per line.
func commentCodes(prefix, text string) []jen.Code {
	var out []jen.Code
	for _, c := range modelComments(prefix, text) {
		out = append(out, jen.Comment(c))
	}
	return out
}

// fieldComment returns the struct field d with text as its comment: after
// the field when it is one line, else as lines above it.
func fieldComment(d *jen.Statement, prefix, text string) []jen.Code {
	if text == "" {
		return []jen.Code{d}
	}
	lines := modelComments(prefix, text)
	if len(lines) == 1 {
		return []jen.Code{d.Comment(lines[0])}
	}
	return append(commentCodes(prefix, text), d)
}
