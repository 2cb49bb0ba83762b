package main

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/generator"
	"github.com/ergen-dev/ergen/generator/review/explain"
)

// runCmd runs ergen in-process and returns its exit code and streams.
func runCmd(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

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
		{[]string{"explain", path, "User"}, explain.Render(s.Tables[0].DeleteEffects())},
		{[]string{"explain", "--update", path, "User"}, explain.Render(s.Tables[0].UpdateEffects())},
		{[]string{"explain", path, "order_items", "--update"}, explain.Render(findTable(s, "order_items").UpdateEffects())},
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
		{[]string{"explain", "nonexistent.er", "User"}, exitInvalid, "nonexistent.er"},
	} {
		code, _, errOut := runCmd(t, "", tc.args...)
		if code != tc.code || !strings.Contains(errOut, tc.inStderr) {
			t.Errorf("ergen %v: exit %d, stderr %q; want exit %d and %q", tc.args, code, errOut, tc.code, tc.inStderr)
		}
	}
}
