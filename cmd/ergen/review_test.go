package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/generator"
	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/generator/review/explain"
)

func TestExplainCommand(t *testing.T) {
	const path = "../../examples/shopflow/shopflow.er"
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s, diags := generator.Load(displayPath(path), src)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	for _, tc := range []struct {
		args []string
		want []byte
	}{
		{[]string{"explain", path, "User"}, explain.Render(s.Tables[0].DeleteEffects(), "")},
		{[]string{"explain", "--update", path, "User"}, explain.Render(s.Tables[0].UpdateEffects(), "")},
		{[]string{"explain", path, "order_items", "--update"}, explain.Render(explain.FindTable(s, "order_items").UpdateEffects(), "")},
		{[]string{"explain", "--insert", path, "User"}, refusals(s.Tables[0])},
	} {
		code, out, errOut := runCmd(t, "", tc.args...)
		if code != exitOK || out != string(tc.want) {
			t.Errorf("ergen %v: exit %d, stderr %q, stdout\n%s\nwant\n%s", tc.args, code, errOut, out, tc.want)
		}
	}
	// Standard input works too, and positions name it.
	code, out, _ := runCmd(t, string(src), "explain", "-", "Category")
	if code != exitOK || !strings.Contains(out, "<stdin>:37") {
		t.Errorf("explain from stdin: exit %d, output\n%s", code, out)
	}

	for _, tc := range []struct {
		args     []string
		code     int
		inStderr string
	}{
		{[]string{"explain", path}, exitUsage, "want FILE and ENTITY"},
		{[]string{"explain", path, "Usr"}, exitUsage, `did you mean "User"?`},
		{[]string{"explain", "--insert", "--update", path, "User"}, exitUsage, "give one"},
		{[]string{"explain", "nonexistent.er", "User"}, exitInvalid, "nonexistent.er"},
	} {
		code, _, errOut := runCmd(t, "", tc.args...)
		if code != tc.code || !strings.Contains(errOut, tc.inStderr) {
			t.Errorf("ergen %v: exit %d, stderr %q; want exit %d and %q", tc.args, code, errOut, tc.code, tc.inStderr)
		}
	}
}

func TestLintCommand(t *testing.T) {
	const flaws = "../../internal/testkit/models/lint/flaws.er"
	const quiet = "../../examples/company/company.er"
	code, out, errOut := runCmd(t, "", "lint", flaws, quiet)
	if code != exitOK || !strings.Contains(out, "warning ER101:") || !strings.Contains(out, "= hint:") || errOut != "" {
		t.Errorf("lint: exit %d, stderr %q, stdout\n%s", code, errOut, out)
	}
	if code, _, _ := runCmd(t, "", "lint", "--strict", flaws); code != exitInvalid {
		t.Errorf("lint --strict with warnings: exit %d, want %d", code, exitInvalid)
	}
	if code, out, _ := runCmd(t, "", "lint", "--strict", quiet); code != exitOK || out != "" {
		t.Errorf("lint --strict without warnings: exit %d, output %q", code, out)
	}
	code, out, _ = runCmd(t, "", "lint", "--format", "json", flaws)
	var ds []map[string]any
	if err := json.Unmarshal([]byte(out), &ds); code != exitOK || err != nil || len(ds) == 0 || ds[0]["code"] == nil {
		t.Errorf("lint --format json: exit %d, err %v, output\n%s", code, err, out)
	}
	code, out, _ = runCmd(t, "", "lint", "--format", "github", flaws)
	if code != exitOK || !strings.HasPrefix(out, "::warning file=../../internal/testkit/models/lint/flaws.er,line=") || !strings.Contains(out, ",title=ergen ER10") {
		t.Errorf("lint --format github: exit %d, output\n%s", code, out)
	}
	if code, out, _ := runCmd(t, "", "lint", "--format", "json", quiet); code != exitOK || out != "[]\n" {
		t.Errorf("lint --format json without warnings: exit %d, output %q", code, out)
	}
	for _, tc := range []struct {
		args []string
		code int
		in   string
	}{
		{[]string{"lint"}, exitUsage, "no file given"},
		{[]string{"lint", "--format", "xml", quiet}, exitUsage, "unknown format"},
		{[]string{"lint", "missing.er"}, exitInvalid, "missing.er"},
	} {
		code, _, errOut := runCmd(t, "", tc.args...)
		if code != tc.code || !strings.Contains(errOut, tc.in) {
			t.Errorf("ergen %v: exit %d, stderr %q; want %d and %q", tc.args, code, errOut, tc.code, tc.in)
		}
	}
	// A file with errors is not linted; its errors are printed.
	code, _, errOut = runCmd(t, "entity A { id NoSuchType pk }\n", "lint", "-")
	if code != exitInvalid || !strings.Contains(errOut, "unknown type") {
		t.Errorf("lint of an invalid file: exit %d, stderr %q", code, errOut)
	}
}

func TestFmtCommand(t *testing.T) {
	messy := "entity A { id integer pk; name text // the name\n}\n"
	want := "entity A {\n  id   integer pk\n  name text // the name\n}\n"
	dir := t.TempDir()
	path := dir + "/a.er"
	if err := os.WriteFile(path, []byte(messy), 0o640); err != nil {
		t.Fatal(err)
	}
	clean := dir + "/b.er"
	if err := os.WriteFile(clean, []byte(want), 0o644); err != nil {
		t.Fatal(err)
	}

	if code, out, _ := runCmd(t, "", "fmt", path); code != exitOK || out != want {
		t.Errorf("fmt to stdout: exit %d, output %q", code, out)
	}
	if code, out, _ := runCmd(t, messy, "fmt", "-"); code != exitOK || out != want {
		t.Errorf("fmt of stdin: exit %d, output %q", code, out)
	}
	code, out, _ := runCmd(t, "", "fmt", "--check", path, clean)
	if code != exitInvalid || !strings.Contains(out, "a.er") || strings.Contains(out, "b.er") {
		t.Errorf("fmt --check: exit %d, output %q; want exit 1 naming only a.er", code, out)
	}
	if got, _ := os.ReadFile(path); string(got) != messy {
		t.Error("fmt --check changed the file")
	}
	if code, out, _ := runCmd(t, "", "fmt", "-w", path, clean); code != exitOK || out != "" {
		t.Errorf("fmt -w: exit %d, output %q", code, out)
	}
	got, _ := os.ReadFile(path)
	if string(got) != want {
		t.Errorf("fmt -w wrote %q, want %q", got, want)
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o640 {
		t.Errorf("fmt -w changed the permissions to %v", info.Mode().Perm())
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("fmt -w left files behind: %v", entries)
	}
	if code, out, _ := runCmd(t, "", "fmt", "--check", path, clean); code != exitOK || out != "" {
		t.Errorf("fmt --check after -w: exit %d, output %q", code, out)
	}
	for _, tc := range []struct {
		args []string
		code int
		in   string
	}{
		{[]string{"fmt"}, exitUsage, "no file given"},
		{[]string{"fmt", "-w", "--check", path}, exitUsage, "exclude"},
		{[]string{"fmt", "-w", "-"}, exitUsage, "standard input"},
		{[]string{"fmt", dir + "/missing.er"}, exitInvalid, "missing.er"},
	} {
		code, _, errOut := runCmd(t, "", tc.args...)
		if code != tc.code || !strings.Contains(errOut, tc.in) {
			t.Errorf("ergen %v: exit %d, stderr %q; want %d and %q", tc.args, code, errOut, tc.code, tc.in)
		}
	}
	if code, _, errOut := runCmd(t, "entity A {\n", "fmt", "-"); code != exitInvalid || !strings.Contains(errOut, "error") {
		t.Errorf("fmt of a syntax error: exit %d, stderr %q", code, errOut)
	}
}

// refusals is explain --insert's output for t.
func refusals(t *model.Table) []byte {
	var b bytes.Buffer
	explain.WriteRefusals(&b, t, "")
	return b.Bytes()
}

// diagram's format follows OUT's extension, and an image's, or an
// unknown one without --format, is misuse: ergen writes text.
func TestDiagramFormat(t *testing.T) {
	for _, c := range []struct{ format, out, want string }{
		{"", "", "mermaid"}, {"", "-", "mermaid"}, {"", "er.mmd", "mermaid"}, {"", "ER.MD", "mermaid"},
		{"", "er.dot", "dot"}, {"", "er.gv", "dot"}, {"dot", "er.txt", "dot"}, {"mermaid", "er", "mermaid"},
		{"", "er.png", ""}, {"dot", "er.svg", ""}, {"", "er.txt", ""},
	} {
		got, err := diagramFormat(c.format, c.out)
		if got != c.want || (err != nil) != (c.want == "") {
			t.Errorf("diagramFormat(%q, %q) = %q, %v; want %q", c.format, c.out, got, err, c.want)
		}
	}
	if code, _, stderr := ergen(t, "diagram", shopflowER, "-o", filepath.Join(t.TempDir(), "er.png")); code != exitUsage || !strings.Contains(stderr, "dot -Tpng") {
		t.Errorf("diagram -o er.png: exit %d, %q; want 2 and a word on Graphviz", code, stderr)
	}
}
