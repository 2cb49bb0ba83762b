package dsl_test

import (
	"strings"
	"testing"
	"time"

	"github.com/ergen-dev/ergen/dsl"
)

// degenerate is a 1 MB input of one text repeated, as a pull request may
// change a .er file to.
func degenerate(unit string) []byte {
	return []byte(strings.Repeat(unit, (1<<20)/len(unit)))
}

// MaxDiagnosticOutput bounds what Print may write for one file: at most
// dsl.MaxPrinted diagnostics, each a short message, a quoted window of
// its line and a hint.
const maxDiagnosticOutput = 64 << 10

// hangGuard is far more than a linear parse of 1 MB takes (a few
// seconds at most, on a loaded machine), and far less than a quadratic
// one (minutes).
const hangGuard = 20 * time.Second

// maxLine bounds a line of Print's output: a message, a hint or a quoted
// window of the file, each quoting at most dsl.MaxExcerpt characters or
// dsl.MaxQuoted columns of the file.
const maxLine = 400

// checkDegenerate parses src and prints its diagnostics, and fails when
// that does not end within a bound no algorithm quadratic in the size of
// src meets on 1 MB (a guard against a hang, not a speed target: those
// are bench_test.go's), or when the output is not bounded.
func checkDegenerate(t *testing.T, src []byte) {
	t.Helper()
	done := make(chan string, 1)
	go func() {
		_, ds := dsl.Parse("big.er", src)
		var b strings.Builder
		dsl.Print(&b, ds, func(string) []byte { return src })
		done <- b.String()
	}()
	select {
	case out := <-done:
		for _, line := range strings.Split(out, "\n") {
			if len(line) > maxLine {
				t.Errorf("a line of %d bytes, want at most %d: %.200q", len(line), maxLine, line)
				break
			}
		}
		if len(out) > maxDiagnosticOutput {
			t.Errorf("%d bytes of diagnostics, want at most %d:\n%.500s", len(out), maxDiagnosticOutput, out)
		}
	case <-time.After(hangGuard):
		t.Fatalf("parsing %d bytes did not end in %v", len(src), hangGuard)
	}
}

// A run of control or invisible characters is one error, found in one
// pass over the run.
func TestDegenerateInvisibleRun(t *testing.T) {
	for name, unit := range map[string]string{"U+0001": "\x01", "U+200B": "\u200b", "U+202E": "\u202e"} {
		t.Run(name, func(t *testing.T) { checkDegenerate(t, degenerate(unit)) })
	}
}

// A token of a megabyte is quoted in part in the message that names it.
func TestDegenerateToken(t *testing.T) {
	for name, unit := range map[string]string{"letter": "a", "digit": "1", "é": "é", "double quote": `"`, "single quote": "'"} {
		t.Run(name, func(t *testing.T) { checkDegenerate(t, degenerate(unit)) })
	}
}

// Every message and hint that quotes text of the file quotes at most
// dsl.MaxExcerpt characters of it.
func TestLongTokenMessages(t *testing.T) {
	long := strings.Repeat("a", 1<<20)
	for name, src := range map[string]string{
		"found":        "entity A {\n  id int pk\n}\nentity B {\n  x int " + long + "\n}\n",
		"no braces":    "entity " + long + "\n",
		"relationship": "relationship " + long + "\n",
		"colon":        "entity A {\n  " + long + ": int\n}\n",
		"upper case":   "entity A {\n  id int " + strings.Repeat("PRIMARY KEY ", 1<<16) + "\n}\n",
		"misspelt":     "entity A {\n  id int prim" + long + "\n}\n",
	} {
		t.Run(name, func(t *testing.T) {
			_, ds := dsl.Parse("long.er", []byte(src))
			if len(ds) == 0 {
				t.Fatal("no diagnostic")
			}
			for _, d := range ds {
				if len(d.Msg)+len(d.Hint) > maxLine {
					t.Errorf("%d bytes of message and hint: %.200q, %.200q", len(d.Msg)+len(d.Hint), d.Msg, d.Hint)
				}
			}
		})
	}
}

func TestExcerpt(t *testing.T) {
	short := strings.Repeat("é", dsl.MaxExcerpt)
	if got := dsl.Quote(short); got != `"`+short+`"` {
		t.Errorf("Quote of %d characters = %q, want it whole", dsl.MaxExcerpt, got)
	}
	if got := dsl.Excerpt(short + "x"); got != short+"…" {
		t.Errorf("Excerpt of %d characters = %q", dsl.MaxExcerpt+1, got)
	}
}

// A name is quoted whole up to dsl.MaxName characters, past the 63 bytes
// PostgreSQL keeps of it, and cut after them.
func TestQuoteName(t *testing.T) {
	name := strings.Repeat("é", dsl.MaxName)
	if got := dsl.QuoteName(name); got != `"`+name+`"` {
		t.Errorf("QuoteName of %d characters = %.200q, want it whole", dsl.MaxName, got)
	}
	if got := dsl.QuoteName(name + "x"); got != `"`+name+`…"` {
		t.Errorf("QuoteName of %d characters = %.200q", dsl.MaxName+1, got)
	}
	if got := dsl.QuoteName("a\tb"); got != `"a\tb"` {
		t.Errorf("QuoteName escapes as %%q does: %q", got)
	}
}

// Errorf, Warnf and Hintf cut what they format to dsl.MaxMessage
// characters, whatever a check passes them.
func TestMessageCut(t *testing.T) {
	whole := strings.Repeat("é", dsl.MaxMessage)
	var ds dsl.Diagnostics
	e := ds.Errorf(dsl.Pos{}, dsl.Pos{}, "%s", whole).Hintf("%s", whole+"x")
	w := ds.Warnf(dsl.Pos{}, dsl.Pos{}, "%sx", whole)
	if e.Msg != whole || e.Hint != whole+"…" || w.Msg != whole+"…" {
		t.Errorf("messages of %d and %d characters: %q, %q, %q", dsl.MaxMessage, dsl.MaxMessage+1, e.Msg, e.Hint, w.Msg)
	}
}

// Each "/*" is lexed without copying the rest of the file, and after one
// never closed, the others are known not to be without a search to the
// end of the file each.
func TestDegenerateComments(t *testing.T) {
	for name, unit := range map[string]string{"/*": "/*", "/* ": "/* ", "*/": "*/"} {
		t.Run(name, func(t *testing.T) { checkDegenerate(t, degenerate(unit)) })
	}
}

// Inputs of one character, or line, repeated, for which no code above
// was quadratic: each must stay so.
func TestDegenerateOthers(t *testing.T) {
	for _, unit := range []string{"a\n", "\x01\n", "\n", "\r\n", "\t", " ", "-", ".", "*", "(", "{", "}", "1:N ", "é\n"} {
		t.Run(strings.TrimSpace(unit), func(t *testing.T) { checkDegenerate(t, degenerate(unit)) })
	}
}
