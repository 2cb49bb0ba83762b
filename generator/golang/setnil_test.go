package golang_test

import (
	"regexp"
	"strings"
	"testing"
)

var (
	structLine = regexp.MustCompile(`^type (\w+) struct \{$`)
	setNilLine = regexp.MustCompile(`^\t(\w+)\s+Opt\[.*\]\s+// unset: DEFAULT .*; (Set\S*\(nil\)): NULL$`)
)

// setNilUses are declarations that set each Opt field of a generated file
// whose comment spells how to write NULL to it with exactly that
// spelling, for TestCompilesAndVets to compile with the file: a comment
// telling Set(nil), which does not compile, fails it.
func setNilUses(src []byte) []byte {
	var b strings.Builder
	typ := ""
	for _, line := range strings.Split(string(src), "\n") {
		if m := structLine.FindStringSubmatch(line); m != nil {
			typ = m[1]
		} else if m := setNilLine.FindStringSubmatch(line); m != nil && typ != "" {
			b.WriteString("\nvar _ = " + typ + "{" + m[1] + ": " + m[2] + "}\n")
		}
	}
	return []byte(b.String())
}

func TestSetNilUses(t *testing.T) {
	src := "type P struct {\n\tA Opt[[]string] // unset: DEFAULT '{}'; Set[[]string](nil): NULL\n\tB Opt[*int32] // unset: DEFAULT 3; Set[*int32](nil): NULL\n}\n"
	want := "\nvar _ = P{A: Set[[]string](nil)}\n\nvar _ = P{B: Set[*int32](nil)}\n"
	if got := string(setNilUses([]byte(src))); got != want {
		t.Errorf("setNilUses = %q, want %q", got, want)
	}
}
