package dsl

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"sync"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// Where a syntax error is. Participle commits to an alternative once it got
// more than `lookahead` tokens into it, and then reports the first token the
// enclosing production could not take instead of the one that was wrong: in
// an entity block longer than a few tokens, "name text uniqe" fails at
// "name" ("expected }"), because the block as a whole had committed, while
// in a short block the same line fails at "uniqe". The error's place so
// depended on what came before it.
//
// deepParser reads the same grammar without ever committing, so that a
// failed parse ends with the furthest token any reading of the input
// reached, whatever precedes it. It is used only on the declaration that
// failed, to place the error, and to probe which tokens would have been
// accepted there (expectedAt) and which one-word repair makes a line parse
// (repairLine).
var deepParser = sync.OnceValue(func() *participle.Parser[File] { return buildParser(-1) })

// deepError is the furthest point deepParser reaches in src: the offset
// of the token it cannot take, or -1 when src parses, and the error.
func deepError(src []byte) (int, error) {
	_, err := deepParser().ParseBytes("", src)
	if err == nil {
		return -1, nil
	}
	var perr participle.Error
	if errors.As(err, &perr) {
		return perr.Position().Offset, err
	}
	return 0, err
}

// candidate is a token the grammar may expect, and how a message names it.
type candidate struct{ text, name string }

// probes are the tokens tried after a failed prefix: every keyword, every
// punctuation of the grammar, and one token of each other kind.
var probes = func() []candidate {
	var out []candidate
	for _, p := range []string{"{", "}", "(", ")", "[", "]", ",", ";", "=", "?", "::", "+", "-", "*", "/", "%", "||"} {
		out = append(out, candidate{p, `"` + p + `"`})
	}
	return append(out,
		candidate{"zz_name", "a name"},
		candidate{"1", "a number"},
		candidate{"'s'", "a quoted string"},
		candidate{"1:N", "a cardinality (1:N, 1:1 or M:N)"},
		candidate{"\n", "end of line"})
}()

// expectedAt returns the names of the tokens the grammar accepts after
// prefix, which starts a declaration; nil when it cannot tell.
func expectedAt(prefix []byte) []string {
	prefix = shortPrefix(prefix)
	expected.Lock()
	ok, hit := expected.m[string(prefix)]
	expected.Unlock()
	if !hit {
		ok = probe(prefix)
		expected.Lock()
		if len(expected.m) >= 1024 {
			clear(expected.m)
		}
		expected.m[string(prefix)] = ok
		expected.Unlock()
	}
	return ok
}

// expected remembers what expectedAt found for recent prefixes: probing
// takes some sixty parses, and the same error is often explained twice (a
// file checked and then formatted, a test reading with and without the
// reader).
var expected = struct {
	sync.Mutex
	m map[string][]string
}{m: map[string][]string{}}

// probe is expectedAt without the memory.
func probe(prefix []byte) []string {
	_, braces := scanBrackets(prefix)
	closing := strings.Repeat("\n}", max(braces, 0))
	var ok []string
	accepts := func(tok string) bool {
		// Closing the blocks after the probe lets the parse go on past it,
		// so that only an error at the probe itself rejects it.
		text := append(append(append(slices.Clip(prefix), ' '), tok...), closing...)
		off, _ := deepError(text)
		return off != len(prefix)+1
	}
	name := false
	for _, c := range probes {
		if accepts(c.text) {
			ok = append(ok, c.name)
			name = name || c.text == "zz_name"
		}
	}
	if !name { // a keyword is a name; it is worth naming only where a name is not
		for _, kw := range allKeywords() {
			if accepts(kw) {
				ok = append(ok, `"`+kw+`"`)
			}
		}
	}
	return ok
}

// shortPrefix is prefix, the start of a declaration up to a point in its
// block, without the lines of the block before the point's: they parsed,
// and what may follow on the point's line does not depend on them. It
// keeps probing a long block cheap. A line inside parentheses opened on an
// earlier line keeps them.
func shortPrefix(prefix []byte) []byte {
	open := bytes.IndexByte(prefix, '{')
	line := bytes.LastIndexByte(prefix, '\n') + 1
	head := bytes.IndexByte(prefix, '\n')
	if _, braces := scanBrackets(prefix); open < 0 || head < 0 || open > head || line <= head+1 || braces <= 0 {
		return prefix
	}
	if deep, _ := scanBrackets(prefix[head+1 : line]); deep >= 0 || unclosed(prefix, head+1, line, "(", ")") >= 0 {
		return prefix
	}
	return append(slices.Clip(prefix[:head+1]), prefix[line:]...)
}

// phrases name groups of expected tokens that belong together; a group is
// named when its first member is expected, and its members are then left
// out of the list.
var phrases = []struct {
	members []string
	phrase  string
}{
	{[]string{"a number", "a quoted string", "a name", `"("`, `"+"`, `"-"`}, "a value"},
	{[]string{`"entity"`, `"enum"`, `"relationship"`, `"schema"`, `"extension"`, `"type"`, `"domain"`, `"sequence"`}, "a declaration (entity, enum, relationship, schema, extension, type, domain, sequence)"},
	{[]string{`"pk"`, `"primary"`, `"unique"`, `"="`, `"default"`, `"check"`, `"generated"`, `"comment"`, `"go"`, `"collate"`, `"as"`, `"not"`,
		`"."`, `"precision"`, `"varying"`, `"year"`, `"month"`, `"day"`, `"hour"`, `"minute"`, `"second"`, `"("`, `"with"`, `"without"`, `"["`, `"?"`,
		`"::"`, `"+"`, `"-"`, `"*"`, `"/"`, `"%"`, `"||"`}, "an option (pk, unique, = DEFAULT, check (...), generated, comment)"},
	{[]string{`"restrict"`, `"cascade"`, `"no"`, `"set"`}, "an action (no action, restrict, cascade, set null, set default)"},
	{[]string{`"required"`, `"optional"`, `"on"`, `"deferrable"`, `"not"`, `"constraint"`, `"column"`, `"columns"`,
		`"references"`, `"no"`, `"key"`, `"table"`, `"comment"`}, "a clause"},
	{[]string{"end of line", `";"`, `"}"`}, "end of line"},
	{[]string{`"via"`, `"as"`, `"shared"`}, "a clause (via, as, shared key)"},
}

// describeExpected joins the names of expected tokens into a phrase:
// "an option or end of line".
func describeExpected(names []string) string {
	var out []string
	left := slices.Clone(names)
	// `was NAME` (a declared rename) may follow nearly every name; listing
	// it beside the clause a user is writing would only crowd the message.
	if len(left) > 1 {
		left = slices.DeleteFunc(left, func(n string) bool { return n == `"was"` })
	}
	for _, p := range phrases {
		if !slices.Contains(left, p.members[0]) || p.phrase == "a value" && !slices.Contains(left, p.members[1]) {
			continue
		}
		out = append(out, p.phrase)
		left = slices.DeleteFunc(left, func(n string) bool { return slices.Contains(p.members, n) })
	}
	out = append(out, left...)
	// End of line reads best last.
	if i := slices.Index(out, "end of line"); i >= 0 {
		out = append(slices.Delete(out, i, i+1), "end of line")
	}
	switch len(out) {
	case 0:
		return ""
	case 1:
		return out[0]
	}
	return strings.Join(out[:len(out)-1], ", ") + " or " + out[len(out)-1]
}

// repair is a one-word change that makes a line parse: the word at off
// (len bytes) should read kw.
type repair struct {
	off, len int
	kw       string
}

// repairLine looks, in the line of src[decl:] holding offset at, up to
// and including the token at at, for the first word that, written as a
// keyword of the grammar, makes the whole line parse: a misspelt or
// upper-case keyword. Only a change that then parses is suggested, so the
// hint is never a word ergen rejects in that place. upper reports whether
// the repair is only a change of case, which may take every upper-case
// keyword of the line at once ("PRIMARY KEY").
func repairLine(src []byte, decl, at int) (r repair, upper, ok bool) {
	lineStart, lineEnd := lineBounds(src, at)
	toks := tokensIn(src, lineStart, lineEnd)
	parses := func(edits ...repair) bool {
		text := slices.Clone(src[decl:lineStart])
		prev := lineStart
		for _, e := range edits {
			text = append(append(text, src[prev:e.off]...), e.kw...)
			prev = e.off + e.len
		}
		text = append(append(text, src[prev:lineEnd]...), '\n')
		_, braces := scanBrackets(text)
		text = append(text, strings.Repeat("}\n", max(braces, 0))...)
		off, _ := deepError(text)
		return off < 0
	}
	// Every upper-case keyword of the line in lower case.
	var lower []repair
	for _, t := range toks {
		if l := strings.ToLower(t.val); t.typ == tokIdent && l != t.val && slices.Contains(allKeywords(), l) {
			lower = append(lower, repair{int(t.off), len(t.val), l})
		}
	}
	if len(lower) > 0 && int(lower[0].off) <= at && parses(lower...) {
		// One repair from the first to the last: the hint names the
		// whole run in lower case ("on delete cascade").
		first, last := lower[0], lower[len(lower)-1]
		end := last.off + last.len
		return repair{first.off, end - first.off, strings.ToLower(string(src[first.off:end]))}, true, true
	}
	for _, t := range toks {
		if int(t.off) > at {
			break
		}
		if t.typ != tokIdent || slices.Contains(allKeywords(), t.val) {
			continue
		}
		for _, kw := range allKeywords() {
			if Misspelling(t.val, []string{kw}) == "" {
				continue
			}
			if e := (repair{int(t.off), len(t.val), kw}); parses(e) {
				return e, false, true
			}
		}
	}
	return repair{}, false, false
}

// lineBounds returns the offsets of the start of the line holding at and
// of its end (its line break, or the end of src).
func lineBounds(src []byte, at int) (int, int) {
	at = min(at, len(src))
	start := strings.LastIndexByte(string(src[:at]), '\n') + 1
	end := strings.IndexByte(string(src[at:]), '\n')
	if end < 0 {
		return start, len(src)
	}
	return start, at + end
}

// tokenAt returns the token of src that starts at offset at, as the lexer
// reads it: its type and text; EOF past the end.
func tokenAt(src []byte, at int) lexer.Token {
	if at >= len(src) {
		return lexer.Token{Type: lexer.EOF}
	}
	typ, n := scan(string(src[at:]), &scanState{})
	return lexer.Token{Type: typ, Value: string(src[at : at+max(n, 1)])}
}

// sideRead explains an error at the end of a line `on delete WORD`,
// reached only by reading WORD as the side of an M:N relationship: it
// returns the offset of WORD, the action that is wrong, and what was
// expected there; or, for an action cut short (`on delete set`), -1 and
// the word that should follow. It returns "" for any other line.
func sideRead(src []byte, at int) (int, string) {
	toks := lineTokens(src, at)
	if len(toks) != 3 || toks[0].val != "on" || toks[1].val != "delete" && toks[1].val != "update" || toks[2].typ != tokIdent {
		return -1, ""
	}
	switch toks[2].val {
	case "set":
		return -1, `"null" or "default"`
	case "no":
		return -1, `"action"`
	case "restrict", "cascade":
		return -1, ""
	}
	return int(toks[2].off), "an action (no action, restrict, cascade, set null, set default)"
}
