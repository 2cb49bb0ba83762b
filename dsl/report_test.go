package dsl_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/ergen-dev/ergen/dsl"
)

func TestWriteJSON(t *testing.T) {
	var empty bytes.Buffer
	if err := dsl.WriteJSON(&empty, nil); err != nil || empty.String() != "[]\n" {
		t.Errorf("no diagnostics: %q, %v; want []", empty.String(), err)
	}
	p := dsl.Pos{File: "a.er", Line: 2, Column: 3}
	ds := dsl.Diagnostics{
		{Severity: dsl.Error, Pos: p, End: p.Advance("abc"), Msg: "bad", Hint: "fix it"},
		{Severity: dsl.Warning, Code: "ER101", Pos: p, End: p, Msg: "careful"},
	}
	var out bytes.Buffer
	if err := dsl.WriteJSON(&out, ds); err != nil {
		t.Fatal(err)
	}
	var got []map[string]any
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	want := []map[string]any{
		{"severity": "error", "file": "a.er", "line": 2.0, "column": 3.0, "end_line": 2.0, "end_column": 6.0, "message": "bad", "hint": "fix it"},
		{"code": "ER101", "severity": "warning", "file": "a.er", "line": 2.0, "column": 3.0, "end_line": 2.0, "end_column": 3.0, "message": "careful"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for i := range want {
		for k, v := range want[i] {
			if got[i][k] != v {
				t.Errorf("object %d: %s = %v, want %v", i, k, got[i][k], v)
			}
		}
		if len(got[i]) != len(want[i]) {
			t.Errorf("object %d has fields %v, want %v", i, got[i], want[i])
		}
	}
}

// TestPrintGitHub checks the workflow-command escaping: %, CR and LF in
// the message; those and ":" and "," in property values.
func TestPrintGitHub(t *testing.T) {
	p := dsl.Pos{File: "c:/x,y.er", Line: 1, Column: 2}
	ds := dsl.Diagnostics{
		{Severity: dsl.Warning, Code: "ER102", Pos: p, End: p.Advance("ab"), Msg: "100% sure\r\nreally", Hint: "a: b, c"},
	}
	var out bytes.Buffer
	if err := dsl.PrintGitHub(&out, ds); err != nil {
		t.Fatal(err)
	}
	want := "::warning file=c%3A/x%2Cy.er,line=1,col=2,endLine=1,endColumn=4,title=ergen ER102::100%25 sure%0D%0Areally%0Ahint: a: b, c\n"
	if out.String() != want {
		t.Errorf("got  %q\nwant %q", out.String(), want)
	}
}

// A diagnostic at line 0 is about the file as a whole, which could not be
// read: its annotation names the file and no position in it.
func TestPrintGitHubWholeFile(t *testing.T) {
	at := dsl.Pos{File: "missing.er"}
	var out bytes.Buffer
	if err := dsl.PrintGitHub(&out, dsl.Diagnostics{{Severity: dsl.Error, Pos: at, End: at, Msg: "cannot read missing.er: no such file"}}); err != nil {
		t.Fatal(err)
	}
	want := "::error file=missing.er,title=ergen::cannot read missing.er: no such file\n"
	if out.String() != want {
		t.Errorf("got  %q\nwant %q", out.String(), want)
	}
}
