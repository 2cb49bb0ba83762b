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
		if len(out) > maxDiagnosticOutput {
			t.Errorf("%d bytes of diagnostics, want at most %d:\n%.500s", len(out), maxDiagnosticOutput, out)
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("parsing %d bytes did not end in 10 s", len(src))
	}
}

// A run of control or invisible characters is one error, found in one
// pass over the run.
func TestDegenerateInvisibleRun(t *testing.T) {
	for name, unit := range map[string]string{"U+0001": "\x01", "U+200B": "\u200b", "U+202E": "\u202e"} {
		t.Run(name, func(t *testing.T) { checkDegenerate(t, degenerate(unit)) })
	}
}
