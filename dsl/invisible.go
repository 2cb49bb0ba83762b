package dsl

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// invisible reports whether r is a character that changes how text is
// shown without being seen itself: the bidirectional controls of the
// "Trojan Source" attacks (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F,
// U+061C) and the zero-width characters (U+200B-U+200D, U+2060-U+2064,
// U+FEFF). In a .er file, which is reviewed as the truth of a data model,
// they would let a name, a string or a comment read differently from what
// ergen reads, so they are refused everywhere, comments included. So are
// control characters other than tab, line feed, carriage return and form
// feed: copied into a comment of the DDL, an escape sequence would
// rewrite a reviewer's terminal.
func invisible(r rune) bool {
	switch {
	case r < 0x20:
		return r != '\t' && r != '\n' && r != '\r' && r != '\f'
	case r == 0x7F, r >= 0x80 && r <= 0x9F:
		return true
	case r == 0x061C, r >= 0x200B && r <= 0x200F, r >= 0x202A && r <= 0x202E,
		r >= 0x2060 && r <= 0x2064, r >= 0x2066 && r <= 0x2069, r == 0xFEFF:
		return true
	}
	return false
}

// checkInvisible returns an error for each run of invisible characters of
// src (which is valid UTF-8), at most MaxSyntaxErrors.
func checkInvisible(filename string, src []byte) Diagnostics {
	var ds Diagnostics
	at := newPosCursor(filename, src) // PosAt per character is quadratic in a run
	for i := 0; i < len(src) && len(ds) < MaxSyntaxErrors; {
		if c := src[i]; c >= 0x20 && c < 0x7F || c == '\n' || c == '\t' {
			i++ // printable ASCII, most of any file
			continue
		}
		r, n := utf8.DecodeRune(src[i:])
		if invisible(r) && len(ds) > 0 && ds[len(ds)-1].End.Offset == i {
			ds[len(ds)-1].End = at.pos(i + n) // one error for a run of them
		} else if invisible(r) {
			p := at.pos(i)
			ds = append(ds, &Diagnostic{Severity: Error, Pos: p, End: at.pos(i + n),
				Msg:  fmt.Sprintf("%s character U+%04X", kind(r), r),
				Hint: "remove it: it makes the text read differently from what it is (in a default, E'\\u" + fmt.Sprintf("%04X", r) + "' writes it)"})
		}
		i += n
	}
	return ds
}

func kind(r rune) string {
	if r < 0xA0 {
		return "control"
	}
	return "invisible"
}

// shown is line as a diagnostic quotes it: each invisible or control
// character (tabs excepted) replaced by U+FFFD, one for one so that the
// caret still lines up, and none of them reaching the terminal. A
// carriage return or form feed, which a file may hold, is one too: in a
// terminal it would write the rest of the line over its beginning.
func shown(line string) string {
	return strings.Map(func(r rune) rune {
		if r != '\t' && (invisible(r) || r == '\r' || r == '\f') {
			return utf8.RuneError
		}
		return r
	}, line)
}
