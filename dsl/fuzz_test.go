package dsl_test

import (
	"bytes"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/internal/testkit/corpus"

	"github.com/ergen-dev/ergen/dsl"
)

func itoa(n int) string { return strconv.Itoa(n) }

// checkInside fails unless every diagnostic's span lies inside src, its
// line and column agree with its byte offset, and it ends where it starts
// or later.
func checkInside(t testing.TB, src []byte, diags dsl.Diagnostics) {
	t.Helper()
	for _, d := range diags {
		for _, p := range []dsl.Pos{d.Pos, d.End} {
			if p.Offset < 0 || p.Offset > len(src) {
				t.Fatalf("%s: offset %d outside the %d-byte input", d, p.Offset, len(src))
			}
			if want := dsl.PosAt(p.File, src, p.Offset); p != want {
				t.Fatalf("%s: position %+v disagrees with its offset (%+v)", d, p, want)
			}
		}
		if d.End.Offset < d.Pos.Offset {
			t.Fatalf("%s: ends at %d, before it starts at %d", d, d.End.Offset, d.Pos.Offset)
		}
	}
}

// parseErrors parses an invalid src and returns its diagnostics, failing
// unless Parse reports the same with and without the reader and every
// diagnostic points inside src.
func parseErrors(t testing.TB, src []byte) dsl.Diagnostics {
	t.Helper()
	_, diags := dsl.Parse("t.er", src)
	if _, slow := dsl.ParseWithoutReader("t.er", src); !reflect.DeepEqual(diags, slow) {
		t.Fatalf("with the reader:\n%s\nwithout:\n%s\ninput:\n%s", dump(diags), dump(slow), src)
	}
	checkInside(t, src, diags)
	return diags
}

// dump renders diagnostics with their ends and hints, for failures.
func dump(ds dsl.Diagnostics) string {
	var b strings.Builder
	for _, d := range ds {
		b.WriteString(d.Error() + " [" + d.End.String() + "] hint: " + d.Hint + "\n")
	}
	return b.String()
}

// seedFiles returns the example schemas and the model that uses every
// construct.
func seedFiles(t testing.TB) [][]byte {
	t.Helper()
	return corpus.Read(t, corpus.Examples, corpus.Constructs)
}

// FuzzParse checks that Parse never panics, that every diagnostic points
// inside the input, that parsing is deterministic, and that the reader
// agrees with participle (see agree) and leaves Parse's result as it would
// be without it.
func FuzzParse(f *testing.F) {
	for _, b := range seedFiles(f) {
		f.Add(b)
	}
	f.Add([]byte("relationship A N:1 B"))
	f.Add([]byte("entity A {\n  x text = 'unterminated\n}"))
	f.Add([]byte("/* open"))
	f.Fuzz(func(t *testing.T, src []byte) {
		agree(t, "input", src)
		file, diags := dsl.Parse("f.er", src)
		slowFile, slowDiags := dsl.ParseWithoutReader("f.er", src)
		if !reflect.DeepEqual(diags, slowDiags) {
			t.Fatalf("diagnostics with the reader: %v; without: %v", diags, slowDiags)
		}
		if !diags.HasErrors() && !reflect.DeepEqual(file, slowFile) {
			t.Fatal("the AST differs with and without the reader")
		}
		if file == nil {
			t.Fatal("Parse returned a nil file")
		}
		for i := 1; i < len(diags); i++ {
			if diags[i].Pos.Offset <= diags[i-1].End.Offset {
				t.Fatalf("diagnostic %v does not come after %v", diags[i], diags[i-1])
			}
		}
		if len(diags) > dsl.MaxSyntaxErrors {
			t.Fatalf("%d syntax diagnostics, want at most %d", len(diags), dsl.MaxSyntaxErrors)
		}
		checkInside(t, src, diags)
		if !bytes.Equal(file.Source, src) {
			t.Fatal("File.Source is not the input")
		}
		file2, diags2 := dsl.Parse("f.er", src)
		if !reflect.DeepEqual(diags, diags2) {
			t.Fatalf("diagnostics differ between runs: %v, then %v", diags, diags2)
		}
		if !reflect.DeepEqual(file, file2) {
			t.Fatal("AST differs between runs")
		}
	})
}
