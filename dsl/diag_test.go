package dsl_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ergen-dev/ergen/dsl"
)

// span returns the position of the n-th occurrence (from 1) of word in src
// and the position just after it.
func span(file, src, word string, n int) (dsl.Pos, dsl.Pos) {
	off := -1
	for range n {
		i := strings.Index(src[off+1:], word)
		if i < 0 {
			panic(fmt.Sprintf("%q not in source", word))
		}
		off += 1 + i
	}
	return dsl.PosAt(file, []byte(src), off), dsl.PosAt(file, []byte(src), off+len(word))
}

func TestPrint(t *testing.T) {
	src := "entity Author {\n\tname text\n}\n\trelationship Autor 1:N Book\nentity Größe { ü Strin }\n"
	p1, e1 := span("shop.er", src, "Autor", 1)
	p2, e2 := span("shop.er", src, "Strin", 1)
	p3, _ := span("shop.er", src, "Book", 1)
	var ds dsl.Diagnostics
	ds.Errorf(p1, e1, "unknown entity %q", "Autor").Hintf("did you mean %q?", "Author")
	ds.Errorf(p2, e2, "unknown type %q", "Strin")
	ds.Warnf(p3, p3, "a warning").Code = "ER101"
	// A span ending on a later line is marked by one caret; a span ending
	// past the end of its line is cut there.
	long, _ := span("shop.er", src, "text", 1)
	ds.Errorf(long, dsl.PosAt("shop.er", []byte(src), len(src)), "next line")
	past := long
	past.Column += 20
	ds.Errorf(long, past, "too long")
	// A diagnostic in a file whose source is unknown has no source line.
	ds.Errorf(dsl.Pos{File: "other.er", Line: 3, Column: 4}, dsl.Pos{}, "elsewhere").Hintf("a hint")
	ds.Errorf(dsl.Pos{File: "other.er", Line: 5, Column: 1}, dsl.Pos{}, "no hint")

	var b strings.Builder
	dsl.Print(&b, ds, func(file string) []byte {
		if file == "shop.er" {
			return []byte(src)
		}
		return nil
	})
	want := `shop.er:4:15: error: unknown entity "Autor"
 4 | 	relationship Autor 1:N Book
   | 	             ^^^^^
   = hint: did you mean "Author"?
shop.er:5:18: error: unknown type "Strin"
 5 | entity Größe { ü Strin }
   |                  ^^^^^
shop.er:4:25: warning ER101: a warning
 4 | 	relationship Autor 1:N Book
   | 	                       ^
shop.er:2:7: error: next line
 2 | 	name text
   | 	     ^
shop.er:2:7: error: too long
 2 | 	name text
   | 	     ^^^^
other.er:3:4: error: elsewhere
  = hint: a hint
other.er:5:1: error: no hint
`
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("Print (-want +got):\n%s", diff)
	}
}

// TestPrintWideLineNumbers checks that the gutter widens with the number.
func TestPrintWideLineNumbers(t *testing.T) {
	src := strings.Repeat("\n", 99) + "entity X { a b }\n"
	p, e := span("t.er", src, "b", 1)
	var ds dsl.Diagnostics
	ds.Errorf(p, e, "unknown type %q", "b").Hintf("h")
	var b strings.Builder
	dsl.Print(&b, ds, func(string) []byte { return []byte(src) })
	want := "t.er:100:14: error: unknown type \"b\"\n 100 | entity X { a b }\n     |              ^\n     = hint: h\n"
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("Print (-want +got):\n%s", diff)
	}
}

func TestPrintCRLF(t *testing.T) {
	src := "entity A {\r\n  x bad\r\n}\r\n"
	p, e := span("t.er", src, "bad", 1)
	var ds dsl.Diagnostics
	ds.Errorf(p, e, "unknown type %q", "bad")
	var b strings.Builder
	dsl.Print(&b, ds, func(string) []byte { return []byte(src) })
	want := "t.er:2:5: error: unknown type \"bad\"\n 2 |   x bad\n   |     ^^^\n"
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("Print (-want +got):\n%s", diff)
	}
}

func TestPrintLimit(t *testing.T) {
	var ds dsl.Diagnostics
	for i := range dsl.MaxPrinted + 3 {
		ds.Errorf(dsl.Pos{File: "t.er", Line: i + 1, Column: 1}, dsl.Pos{}, "e%d", i)
	}
	var b strings.Builder
	dsl.Print(&b, ds, nil)
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) != dsl.MaxPrinted+1 {
		t.Fatalf("printed %d lines, want %d", len(lines), dsl.MaxPrinted+1)
	}
	if got, want := lines[len(lines)-1], "... and 3 more"; got != want {
		t.Errorf("last line %q, want %q", got, want)
	}
}

func TestSort(t *testing.T) {
	mk := func(file string, off int, msg string, sev dsl.Severity) *dsl.Diagnostic {
		return &dsl.Diagnostic{Severity: sev, Pos: dsl.Pos{File: file, Offset: off, Line: 1, Column: off + 1}, Msg: msg}
	}
	ds := dsl.Diagnostics{
		mk("b.er", 0, "x", dsl.Error),
		mk("a.er", 9, "z", dsl.Error),
		mk("a.er", 2, "y", dsl.Error),
		mk("a.er", 9, "a", dsl.Error),
		mk("a.er", 2, "y", dsl.Error),   // exact duplicate: dropped
		mk("a.er", 2, "y", dsl.Warning), // same text, other severity: kept
	}
	var got []string
	for _, d := range ds.Sort() {
		got = append(got, d.Error())
	}
	want := []string{
		"a.er:1:3: error: y",
		"a.er:1:3: warning: y",
		"a.er:1:10: error: a",
		"a.er:1:10: error: z",
		"b.er:1:1: error: x",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Sort (-want +got):\n%s", diff)
	}
}

func TestErrAndError(t *testing.T) {
	var none dsl.Diagnostics
	if none.Err() != nil || none.HasErrors() {
		t.Errorf("empty Diagnostics: Err() = %v, HasErrors = %v", none.Err(), none.HasErrors())
	}
	if got := none.Error(); got != "no errors" {
		t.Errorf("empty Error() = %q", got)
	}
	p := dsl.Pos{File: "t.er", Line: 2, Column: 3}
	var warns dsl.Diagnostics
	warns.Warnf(p, p, "just a warning")
	if warns.Err() != nil || warns.HasErrors() {
		t.Errorf("warnings only: Err() = %v, want nil", warns.Err())
	}
	var ds dsl.Diagnostics
	ds.Warnf(p, p, "w")
	ds.Errorf(p, p, "first %s", "error")
	ds.Errorf(p, p, "second")
	err := ds.Err()
	if err == nil {
		t.Fatal("Err() = nil with errors")
	}
	if got, want := err.Error(), "t.er:2:3: error: first error (and 1 more)"; got != want {
		t.Errorf("Err().Error() = %q, want %q", got, want)
	}
	if got, want := ds[1].Error(), "t.er:2:3: error: first error"; got != want {
		t.Errorf("Diagnostic.Error() = %q, want %q", got, want)
	}
	if got, want := (dsl.Pos{Line: 1, Column: 2}).String(), "1:2"; got != want {
		t.Errorf("Pos without file = %q, want %q", got, want)
	}
	back, ok := dsl.AsDiagnostics(fmt.Errorf("load: %w", err))
	if !ok || len(back) != 2 {
		t.Errorf("AsDiagnostics(wrapped Err()) = %v, %v; want the 2 errors", back, ok)
	}
	one, ok := dsl.AsDiagnostics(fmt.Errorf("x: %w", ds[2]))
	if !ok || len(one) != 1 || one[0] != ds[2] {
		t.Errorf("AsDiagnostics(wrapped Diagnostic) = %v, %v", one, ok)
	}
	if _, ok := dsl.AsDiagnostics(errors.New("plain")); ok {
		t.Error("AsDiagnostics(plain error) reported diagnostics")
	}
}

func TestPosAtAndAdvance(t *testing.T) {
	src := []byte("ab\nçd\tx")
	for _, tc := range []struct {
		off             int
		line, col, want int
	}{
		{0, 1, 1, 0}, {2, 1, 3, 2}, {3, 2, 1, 3}, {5, 2, 2, 5}, {7, 2, 4, 7}, {-5, 1, 1, 0}, {99, 2, 5, 8},
	} {
		p := dsl.PosAt("f", src, tc.off)
		if p.Line != tc.line || p.Column != tc.col || p.Offset != tc.want {
			t.Errorf("PosAt(%d) = %+v, want line %d col %d offset %d", tc.off, p, tc.line, tc.col, tc.want)
		}
	}
	start := dsl.PosAt("f", src, 0)
	if got, want := start.Advance("ab\nçd"), dsl.PosAt("f", src, 6); got != want {
		t.Errorf("Advance = %+v, want %+v", got, want)
	}
}

func TestSuggest(t *testing.T) {
	cands := []string{"Author", "Book", "inet", "integer", "text"}
	for _, tc := range []struct{ in, want string }{
		{"Autor", "Author"},
		{"author", "Author"},
		{"intger", "integer"},
		{"Bok", "Book"},
		{"Publisher", ""},
		{"txet", "text"}, // a swap is one edit; "inet" is two
		{"tetx", "text"},
		{"tx", "text"}, // two edits
		{"", ""},
	} {
		if got := dsl.Suggest(tc.in, cands); got != tc.want {
			t.Errorf("Suggest(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestMisspelling(t *testing.T) {
	words := []string{"required", "key", "null", "default"}
	for _, tc := range []struct{ word, want string }{
		{"requird", "required"},  // one edit
		{"reqiured", "required"}, // a swap is one edit
		{"reqird", ""},           // two edits in a six-letter word
		{"requirdx", "required"}, // two edits in an eight-letter word
		{"rqurd", ""},
		{"nul", "null"},
		{"qty", ""}, // a name, two edits from key
		{"defualt", "default"},
	} {
		if got := dsl.Misspelling(tc.word, words); got != tc.want {
			t.Errorf("Misspelling(%q) = %q, want %q", tc.word, got, tc.want)
		}
	}
}

// A carriage return in a file, which a message or the quoted line may
// hold, does not reach the terminal, where it would write the rest of the
// line over its beginning.
func TestPrintShowsNoCarriageReturn(t *testing.T) {
	src := []byte("type g go \"x\rEVIL\"\n")
	d := &dsl.Diagnostic{Severity: dsl.Error, Pos: dsl.Pos{File: "cr.er", Line: 1, Column: 11}, End: dsl.Pos{File: "cr.er", Line: 1, Column: 19},
		Msg: "\"x\rEVIL\" does not name a Go type", Hint: "not \"x\rEVIL\""}
	var b strings.Builder
	dsl.Print(&b, dsl.Diagnostics{d}, func(string) []byte { return src })
	if strings.ContainsAny(b.String(), "\r\f") {
		t.Errorf("a carriage return was printed:\n%q", b.String())
	}
}
