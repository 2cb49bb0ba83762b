package dsl

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/alecthomas/participle/v2/lexer"
)

// locate.go finds the token that is wrong and what was expected there, and
// names a misspelt keyword when correcting it makes the line parse. The
// hints below read the source around the error for the other usual
// reasons: SQL habits, a comma or colon, a declaration cut short, a block
// or parenthesis left open.

// hintFor is the hint for an unexpected token on its own.
func hintFor(tok string) string {
	switch tok {
	case "N:1", "N:M", "1:M":
		return "write the relationship as 1:N, 1:1 or M:N, with the one side on the left"
	case "\n", "\r\n":
		return "a clause may not be split across lines outside parentheses"
	}
	return ""
}

// contextHint is the hint for an unexpected token that the line before it
// explains: a misspelt or upper-case keyword, SQL's NOT NULL, a comma or
// colon in an attribute, a declaration cut short. It returns "" when none
// applies. src may be the rest of a file after its first lines lines.
func contextHint(src []byte, tok lexer.Token, pos Pos, lines int) string {
	before := lineTokens(src, pos.Offset)
	words := make([]string, len(before))
	for i, t := range before {
		words[i] = t.val
	}
	eol := tok.Type == tokEOL
	lower := strings.ToLower(tok.Value)
	entity := inEntity(src, pos.Offset)
	paren, brace := unclosedParen(src, pos.Offset), unclosedBrace(src, pos.Offset)
	switch {
	case (eol || tok.EOF() || tok.Value == "}") && paren >= 0:
		p := PosAt(pos.File, src, paren)
		return fmt.Sprintf("the ( at line %d, column %d is not closed", lines+p.Line, p.Column)
	case brace >= 0:
		p := PosAt(pos.File, src, brace)
		return fmt.Sprintf("the { at line %d, column %d is not closed before this declaration", lines+p.Line, p.Column)
	case !entity && len(words) >= 1 && words[0] == "on":
		return onClauseHint(append(words[1:], tok.Value))
	case (lower == "with" || lower == "by") && len(words) > 0 && (words[len(words)-1] == "start" || words[len(words)-1] == "increment"):
		// CREATE SEQUENCE's START WITH and INCREMENT BY.
		rest := strings.Fields(string(src[min(pos.Offset+len(tok.Value), len(src)):]) + " N")
		return fmt.Sprintf("a sequence's settings leave out SQL's %s: write %s %s", strings.ToUpper(lower), words[len(words)-1], Excerpt(strings.TrimRight(rest[0], ")")))
	case tok.Type == tokIdent && (lower == "not" || lower == "null"):
		return "a column is NOT NULL unless its type ends in ?: `name text` is NOT NULL, `name text?` may be NULL"
	case entity && len(words) >= 2 && strings.EqualFold(words[0], "foreign") && strings.EqualFold(words[1], "key"):
		// Type modifiers may be names (geometry(Point, 4326)), so SQL's
		// FOREIGN KEY (id) reads as far as REFERENCES.
		return "a foreign key is written as a relationship: relationship Parent 1:N Child"
	case tok.Type == tokIdent && lower != tok.Value && slices.Contains(allKeywords(), lower):
		return fmt.Sprintf("keywords are lower case: %q", lower)
	case entity && len(before) >= 3 && before[1].typ == tokIdent && before[2].val == "(" && tok.Value != ")":
		return "a type's parameters are numbers or names separated by commas, as in numeric(10, 2) or geometry(Point, 4326)"
	case entity && tok.Value == ",":
		return "an attribute ends at a line break or ;, not at a comma"
	case entity && tok.Value == ":" && len(before) == 1:
		return fmt.Sprintf("write the type after the name, without a colon: %s TYPE", Excerpt(words[0]))
	case len(words) == 2 && words[0] == "entity" && before[1].typ == tokIdent:
		return fmt.Sprintf("an entity's attributes go in braces: entity %s { ... }", Excerpt(words[1]))
	case eol && len(words) == 2 && words[0] == "relationship" && before[1].typ == tokIdent:
		return fmt.Sprintf("write the cardinality and the other entity: relationship %s 1:N Other", Excerpt(words[1]))
	case eol && len(words) == 3 && words[0] == "relationship" && before[2].typ == tokCard:
		return fmt.Sprintf("name the entity on the other side: relationship %s %s Other", Excerpt(words[1]), words[2])
	case eol && len(words) > 0 && (words[len(words)-1] == "=" || words[len(words)-1] == "default"):
		return "write the default value on the same line: = 0, = 'text', = now()"
	case tok.Type == tokIdent && entity:
		return "an attribute ends at a line break or ;"
	}
	return ""
}

// onClauseHint is the hint for an error in `on delete [Side] ACTION`,
// given the words after "on" up to the unexpected one. A misspelt word is
// the repair's to name (repairLine), which checks that it then parses.
func onClauseHint(words []string) string {
	if len(words) == 0 || words[0] != "delete" && words[0] != "update" {
		return "write on delete ACTION or on update ACTION"
	}
	return "the action is one of no action, restrict, cascade, set null, set default"
}

// unclosedParen returns the offset of the innermost "(" left open between
// the start of the declaration holding offset and offset, or -1.
func unclosedParen(src []byte, offset int) int {
	return unclosed(src, max(declStart(src, offset), 0), offset, "(", ")")
}

// unclosedBrace returns, for an offset on a line that starts a
// declaration, the offset of a "{" that the declaration before it left
// open, or -1: the block ran into the next declaration.
func unclosedBrace(src []byte, offset int) int {
	line := bytes.LastIndexByte(src[:offset], '\n') + 1
	if line == 0 || !startsDeclaration(src[line:]) {
		return -1
	}
	prev := declStart(src, line-1)
	if prev < 0 {
		return -1
	}
	return unclosed(src, prev, line, "{", "}")
}

// unclosed returns the offset of the innermost open left unclosed in
// src[from:to], by its tokens, or -1.
func unclosed(src []byte, from, to int, open, close string) int {
	var stack []int
	for _, t := range tokensIn(src, from, to) {
		switch t.val {
		case open:
			stack = append(stack, int(t.off))
		case close:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		}
	}
	if len(stack) == 0 {
		return -1
	}
	return stack[len(stack)-1]
}

// lineTokens returns the tokens of the line holding offset, from its start
// up to offset.
func lineTokens(src []byte, offset int) []token {
	return tokensIn(src, bytes.LastIndexByte(src[:offset], '\n')+1, offset)
}

// tokensIn lexes src[from:to] on its own, without blanks and comments.
// Offsets are src's; lines and columns are not kept.
func tokensIn(src []byte, from, to int) []token {
	var out []token
	text := string(src[from:to]) // once: a copy per token is quadratic
	var st scanState
	for i := 0; i < len(text); {
		typ, n := scan(text[i:], &st)
		if n == 0 {
			n = 1
		}
		if typ != tokWhitespace && typ != tokComment {
			out = append(out, token{typ: typ, val: text[i : i+n], off: int32(from + i)})
		}
		i += n
	}
	return out
}

// declStart returns the offset of the line that starts the declaration
// holding offset: the last line at or before it that begins with a
// declaration keyword; or -1.
func declStart(src []byte, offset int) int {
	for end := offset; end > 0; {
		line := bytes.LastIndexByte(src[:end], '\n') + 1
		if startsDeclaration(src[line:]) {
			return line
		}
		end = line - 1
	}
	return -1
}

// allKeywords are the words of the grammar.
var allKeywords = sync.OnceValue(func() []string {
	var out []string
	for _, m := range regexp.MustCompile(`"([a-z]+)"`).FindAllStringSubmatch(parser().String(), -1) {
		if !slices.Contains(out, m[1]) {
			out = append(out, m[1])
		}
	}
	slices.Sort(out)
	return out
})

// inEntity reports whether offset lies inside the braces of an entity
// declaration: the declaration holding it starts with "entity", and a
// brace it opens is still open.
func inEntity(src []byte, offset int) bool {
	start := declStart(src, offset)
	if start < 0 || !bytes.HasPrefix(src[start:], []byte("entity ")) {
		return false
	}
	open := 0
	for _, t := range tokensIn(src, start, offset) {
		switch t.val {
		case "{":
			open++
		case "}":
			open--
		}
	}
	return open > 0
}
