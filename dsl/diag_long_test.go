package dsl_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/ergen-dev/ergen/dsl"
)

// printed returns the quoted line and the caret line that Print writes for
// one diagnostic on line 1 of src, without their gutter, and the whole
// output.
func printed(t *testing.T, src string, pos, end dsl.Pos) (quoted, carets, out string) {
	t.Helper()
	var b strings.Builder
	dsl.Print(&b, dsl.Diagnostics{{Severity: dsl.Error, Pos: pos, End: end, Msg: "m"}},
		func(string) []byte { return []byte(src) })
	out = b.String()
	lines := strings.Split(out, "\n")
	if len(lines) < 3 || !strings.HasPrefix(lines[1], " 1 | ") || !strings.HasPrefix(lines[2], "   | ") {
		t.Fatalf("no quoted line:\n%.2000q", out)
	}
	return lines[1][len(" 1 | "):], lines[2][len("   | "):], out
}

// checkUnder checks that carets underlines want in quoted, rune for rune,
// with a tab in carets under each tab of quoted before it, and that
// quoted is at most dsl.MaxQuoted columns wide.
func checkUnder(t *testing.T, quoted, carets, want string) {
	t.Helper()
	q, c := []rune(quoted), []rune(carets)
	at := strings.IndexRune(carets, '^')
	if at < 0 {
		t.Fatalf("no caret: %q", carets)
	}
	at = utf8.RuneCountInString(carets[:at])
	if at+len([]rune(want)) > len(q) || string(q[at:at+len([]rune(want))]) != want {
		t.Errorf("the caret is not under %q:\n%s\n%s", want, quoted, carets)
	}
	if n := len(c) - at; n != len([]rune(want)) || strings.Count(carets, "^") != n {
		t.Errorf("%d carets under %q, want %d:\n%s\n%s", n, want, len([]rune(want)), quoted, carets)
	}
	for i := range at {
		if (q[i] == '\t') != (c[i] == '\t') || c[i] != '\t' && c[i] != ' ' {
			t.Errorf("caret line rune %d is %q under %q", i, c[i], q[i])
		}
	}
	if w := columns(quoted); w > dsl.MaxQuoted {
		t.Errorf("the quoted line is %d columns wide, want at most %d", w, dsl.MaxQuoted)
	}
}

// columns counts a tab as 8 columns and a CJK or fullwidth character as 2.
func columns(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case r == '\t':
			n += 8
		case r >= 0x3000 && r <= 0x9FFF, r >= 0xFF01 && r <= 0xFF60:
			n += 2
		default:
			n++
		}
	}
	return n
}

// TestPrintLongLine: a line of a megabyte is quoted in a window around
// the caret, cut with "…" on each side where it goes on, the caret under
// the same characters.
func TestPrintLongLine(t *testing.T) {
	fill := strings.Repeat("c1 text; ", 1<<20/9)
	for _, tc := range []struct {
		name, src   string
		left, right bool
	}{
		{"start", "Strin " + fill + "\n", false, true},
		{"middle", fill + "x Strin; " + fill + "\n", true, true},
		{"end", fill + "x Strin", true, false},
		{"tabs", strings.Repeat("\t", 1<<20) + "Strin " + fill, true, true},
		{"wide", strings.Repeat("漢字 ", 1<<18) + "Strin " + strings.Repeat("é", 1<<20), true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, e := span("t.er", tc.src, "Strin", 1)
			quoted, carets, out := printed(t, tc.src, p, e)
			if len(out) > 2000 {
				t.Fatalf("printed %d bytes:\n%.300q", len(out), out)
			}
			checkUnder(t, quoted, carets, "Strin")
			if got := strings.HasPrefix(quoted, "…"); got != tc.left {
				t.Errorf("cut on the left: %v, want %v:\n%s", got, tc.left, quoted)
			}
			if got := strings.HasSuffix(quoted, "…"); got != tc.right {
				t.Errorf("cut on the right: %v, want %v:\n%s", got, tc.right, quoted)
			}
		})
	}
}

// TestPrintLongLineExactly pins the window: a third of it before the
// caret, the rest after; a line of MaxQuoted columns is quoted whole.
func TestPrintLongLineExactly(t *testing.T) {
	src := strings.Repeat("a", 100) + "Bad" + strings.Repeat("b", 100)
	p, e := span("t.er", src, "Bad", 1)
	quoted, carets, _ := printed(t, src, p, e)
	want := "…" + strings.Repeat("a", 39) + "Bad" + strings.Repeat("b", 76) + "…"
	if diff := cmp.Diff(want, quoted); diff != "" {
		t.Errorf("quoted (-want +got):\n%s", diff)
	}
	if want := strings.Repeat(" ", 40) + "^^^"; carets != want {
		t.Errorf("carets %q, want %q", carets, want)
	}
	src = strings.Repeat("a", dsl.MaxQuoted-3) + "Bad"
	p, e = span("t.er", src, "Bad", 1)
	if quoted, _, _ := printed(t, src, p, e); quoted != src {
		t.Errorf("a line of %d columns is quoted as %q", dsl.MaxQuoted, quoted)
	}
}

// TestPrintLineMeasuredInColumns: whether a line fits the window, and how
// much of it the window holds, is counted in the columns a terminal gives
// its characters, not in bytes or characters: a tab takes 8, a wide or
// fullwidth character 2, a character of several bytes (é) 1.
func TestPrintLineMeasuredInColumns(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		whole     bool
	}{
		{"two-byte characters that fit", strings.Repeat("é", dsl.MaxQuoted-3) + "Bad", true},
		{"two-byte characters one too many", strings.Repeat("é", dsl.MaxQuoted-2) + "Bad", false},
		{"wide characters that fit", strings.Repeat("漢", 58) + "Bad" + "é", true},
		{"wide characters one too many", strings.Repeat("漢", 59) + "Bad", false},
		{"tabs that fit", strings.Repeat("\t", 14) + "Bad" + strings.Repeat("é", 5), true},
		{"tabs one too many", strings.Repeat("\t", 14) + "Bad" + strings.Repeat("é", 6), false},
		{"fullwidth characters", strings.Repeat("Ａ", 1000) + "Bad" + strings.Repeat("Ｂ", 1000), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, e := span("t.er", tc.src, "Bad", 1)
			quoted, carets, _ := printed(t, tc.src, p, e)
			if got := quoted == tc.src; got != tc.whole {
				t.Errorf("quoted whole: %v, want %v:\n%s", got, tc.whole, quoted)
			}
			checkUnder(t, quoted, carets, "Bad")
		})
	}
}

// TestPrintLongSpan: a span wider than the window is underlined up to the
// cut; a position past the end of a long line is shown after its end.
func TestPrintLongSpan(t *testing.T) {
	src := strings.Repeat("x", 1000) + strings.Repeat("y", 1000) + strings.Repeat("z", 1000)
	p, e := span("t.er", src, strings.Repeat("y", 1000), 1)
	quoted, carets, _ := printed(t, src, p, e)
	if !strings.HasSuffix(quoted, "y…") || len(carets) != utf8.RuneCountInString(quoted)-1 || !strings.HasSuffix(carets, "^") {
		t.Errorf("a long span:\n%s\n%s", quoted, carets)
	}
	p = dsl.PosAt("t.er", []byte(src), len(src))
	quoted, carets, _ = printed(t, src, p, p)
	if !strings.HasSuffix(quoted, "zzz") || utf8.RuneCountInString(carets) != utf8.RuneCountInString(quoted)+1 || !strings.HasSuffix(carets, " ^") {
		t.Errorf("past the end:\n%s\n%s", quoted, carets)
	}
}

// TestPrintLineOfNULs: a binary file, one line of NUL bytes, is quoted in
// a window, with no NUL printed.
func TestPrintLineOfNULs(t *testing.T) {
	src := strings.Repeat("\x00", 1<<20)
	_, diags := dsl.Parse("bin.er", []byte(src))
	if len(diags) == 0 {
		t.Fatal("a file of NUL bytes parses")
	}
	var b strings.Builder
	dsl.Print(&b, diags, func(string) []byte { return []byte(src) })
	if b.Len() > 2000 || strings.Contains(b.String(), "\x00") {
		t.Fatalf("printed %d bytes:\n%.300q", b.Len(), b.String())
	}
	p := dsl.PosAt("bin.er", []byte(src), 1<<19)
	quoted, carets, _ := printed(t, src, p, p.Advance("\x00"))
	checkUnder(t, quoted, carets, "\uFFFD")
}
