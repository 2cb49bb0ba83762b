package dsl_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator"

	"github.com/ergen-dev/ergen/internal/golden"
)

// TestMistakes checks what ergen tells a user about realistic mistakes:
// typos in every keyword, action and type, SQL habits, wrong
// cardinalities, missing braces and parentheses, clauses in the wrong
// block, each after lines with every kind of option. Each case of
// testdata/mistakes.txt is a file and every diagnostic it must get, with
// its position, message and hint; ERGEN_UPDATE=1 (or -update) rewrites them (review the
// diff). Every case must be an error, at the token that is wrong.
func TestMistakes(t *testing.T) {
	path := filepath.Join("testdata", "mistakes.txt")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	preamble, cases := splitMistakes(string(data))
	if len(cases) < 150 {
		t.Errorf("%d cases, want at least 150", len(cases))
	}
	var b strings.Builder
	b.WriteString(preamble)
	for _, c := range cases {
		got := diagnose(c.src)
		if got == "" {
			t.Errorf("%s: no diagnostic", c.name)
		}
		if !golden.Updating(*update) && got != c.want {
			t.Errorf("%s (-want +got):\n%s", c.name, cmp.Diff(c.want, got))
		}
		b.WriteString("### " + c.name + "\n" + c.src + "---\n" + got)
	}
	if golden.Updating(*update) {
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

type mistake struct{ name, src, want string }

// splitMistakes reads the cases of the corpus: "### name", the source, a
// line "---", then the expected diagnostics, up to the next "### ".
func splitMistakes(data string) (string, []mistake) {
	parts := strings.Split(data, "### ")
	var out []mistake
	for _, p := range parts[1:] {
		name, rest, _ := strings.Cut(p, "\n")
		src, want, _ := strings.Cut(rest, "---\n")
		out = append(out, mistake{name, src, want})
	}
	return parts[0], out
}

// diagnose is every diagnostic of src, as "file:line:col: severity: msg"
// and its hint on the next line.
func diagnose(src string) string {
	_, diags := generator.Load("t.er", []byte(src))
	var b strings.Builder
	for _, d := range diags {
		b.WriteString(d.Error() + "\n")
		if d.Hint != "" {
			b.WriteString("  hint: " + d.Hint + "\n")
		}
	}
	return b.String()
}

// TestMistakeHintsHold applies every hint of the corpus that names a
// replacement for the underlined text ("did you mean", "keywords are
// lower case") and checks that the error goes away without a new one: a
// hint never suggests what ergen then rejects.
func TestMistakeHintsHold(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "mistakes.txt"))
	if err != nil {
		t.Fatal(err)
	}
	_, cases := splitMistakes(string(data))
	applied := 0
	for _, c := range cases {
		_, diags := generator.Load("t.er", []byte(c.src))
		for _, d := range diags {
			fix, ok := replacement(d.Hint)
			if !ok {
				continue
			}
			applied++
			fixed := c.src[:d.Pos.Offset] + fix + c.src[d.End.Offset:]
			_, after := generator.Load("t.er", []byte(fixed))
			if len(after) >= len(diags) {
				t.Errorf("%s: applying %q to %v leaves %d diagnostics of %d:\n%s", c.name, fix, d, len(after), len(diags), diagnose(fixed))
			}
			for _, a := range after {
				if !slices.ContainsFunc(diags, func(b *dsl.Diagnostic) bool { return b.Msg == a.Msg }) {
					t.Errorf("%s: applying %q to %v gives a new error: %v", c.name, fix, d, a)
				}
			}
		}
	}
	if applied < 80 {
		t.Errorf("%d hints applied, want at least 80", applied)
	}
}

// replacement returns the text a hint says to write instead of the
// underlined one, when it says so.
func replacement(hint string) (string, bool) {
	for _, f := range []string{`did you mean "%s"?`, `keywords are lower case: "%s"`} {
		pre, post, _ := strings.Cut(f, "%s")
		if strings.HasPrefix(hint, pre) && strings.HasSuffix(hint, post) && len(hint) > len(pre)+len(post) {
			return hint[len(pre) : len(hint)-len(post)], true
		}
	}
	return "", false
}
