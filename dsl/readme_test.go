package dsl_test

import (
	"os"
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/internal/golden"

	"github.com/google/go-cmp/cmp"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator"
	"github.com/ergen-dev/ergen/generator/postgres"
)

// fence is one fenced code block of a Markdown file.
type fence struct {
	info        string // the word(s) after ```
	body        string
	start, stop int // line numbers of the opening and closing ```
}

func fences(t *testing.T, lines []string) []fence {
	t.Helper()
	var out []fence
	for i := 0; i < len(lines); i++ {
		info, ok := strings.CutPrefix(lines[i], "```")
		if !ok {
			continue
		}
		f := fence{info: strings.TrimSpace(info), start: i}
		for i++; i < len(lines) && lines[i] != "```"; i++ {
			f.body += lines[i] + "\n"
		}
		if i == len(lines) {
			t.Fatalf("README.md:%d: unclosed code block", f.start+1)
		}
		f.stop = i
		out = append(out, f)
	}
	return out
}

// TestReadme checks every example of the language reference. An `er` block
// must resolve without errors; the `sql` block after it must appear, line
// by line and in order, in the DDL ergen writes. An `er error` block must
// give exactly the diagnostics of the `text` block after it, as ergen
// prints them (so must an `er` block with warnings). With -update the text
// blocks are rewritten from what ergen reports.
func TestReadme(t *testing.T) {
	raw, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(raw), "\n")
	fs := fences(t, lines)
	replace := map[int]fence{} // text blocks to rewrite, by start line
	examples := 0
	for i, f := range fs {
		if f.info != "er" && f.info != "er error" {
			continue
		}
		examples++
		var next *fence
		if i+1 < len(fs) {
			next = &fs[i+1]
		}
		where := "README.md:" + itoa(f.start+1)
		s, diags := generator.Load("example.er", []byte(f.body))
		var printed strings.Builder
		dsl.Print(&printed, diags, func(string) []byte { return []byte(f.body) })
		wantErrors := f.info == "er error"
		if diags.HasErrors() != wantErrors {
			t.Errorf("%s: errors = %v, want %v:\n%s", where, diags.HasErrors(), wantErrors, printed.String())
			continue
		}
		if len(diags) > 0 {
			if next == nil || next.info != "text" {
				t.Errorf("%s: diagnostics are not shown in a text block after the example:\n%s", where, printed.String())
				continue
			}
			if golden.Updating(*update) {
				next.body = printed.String()
				replace[next.start] = *next
			} else if diff := cmp.Diff(next.body, printed.String()); diff != "" {
				t.Errorf("%s: diagnostics differ from README.md:%d (-readme +ergen); run ERGEN_UPDATE=1 go test ./dsl:\n%s", where, next.start+1, diff)
			}
			// A valid example with warnings may show its DDL after them.
			if wantErrors || i+2 >= len(fs) || fs[i+2].info != "sql" {
				continue
			}
			next = &fs[i+2]
		}
		if next == nil || next.info != "sql" {
			continue
		}
		ddl, err := postgres.DDL(s, "example.er")
		if err != nil {
			t.Errorf("%s: %v", where, err)
			continue
		}
		checkExcerpt(t, where, next.body, string(ddl))
	}
	if examples < 20 {
		t.Errorf("found %d examples in README.md; the fences may have changed", examples)
	}
	if golden.Updating(*update) && len(replace) > 0 {
		var out []string
		for i := 0; i < len(lines); i++ {
			f, ok := replace[i]
			if !ok {
				out = append(out, lines[i])
				continue
			}
			out = append(out, lines[i])
			out = append(out, strings.Split(strings.TrimSuffix(f.body, "\n"), "\n")...)
			i = f.stop - 1
		}
		if err := os.WriteFile("README.md", []byte(strings.Join(out, "\n")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// checkExcerpt fails unless the non-blank lines of excerpt occur in ddl, in
// order.
func checkExcerpt(t *testing.T, where, excerpt, ddl string) {
	t.Helper()
	got := strings.Split(ddl, "\n")
	j := 0
	for _, want := range strings.Split(excerpt, "\n") {
		if strings.TrimSpace(want) == "" {
			continue
		}
		for j < len(got) && got[j] != want {
			j++
		}
		if j == len(got) {
			t.Errorf("%s: line not found (in order) in the DDL ergen writes:\n%s\nDDL:\n%s", where, want, ddl)
			return
		}
		j++
	}
}
