package dsl

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Diagnostics are printed for people by Print. The formats below are for
// programs: editors, scripts and CI.

// jsonDiagnostic is one diagnostic in the JSON output; its field names are
// a contract with the programs that read it.
type jsonDiagnostic struct {
	Code      string `json:"code,omitempty"`
	Severity  string `json:"severity"`
	File      string `json:"file"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"end_line"`
	EndColumn int    `json:"end_column"`
	Message   string `json:"message"`
	Hint      string `json:"hint,omitempty"`
}

// WriteJSON writes ds as a JSON array (an empty array when there are
// none), one object per diagnostic, ending in a newline. A diagnostic of
// the file as a whole (it could not be read) has line and column 0.
func WriteJSON(w io.Writer, ds Diagnostics) error {
	out := make([]jsonDiagnostic, 0, len(ds))
	for _, d := range ds {
		out = append(out, jsonDiagnostic{
			Code: d.Code, Severity: d.Severity.String(), File: d.Pos.File,
			Line: d.Pos.Line, Column: d.Pos.Column, EndLine: d.End.Line, EndColumn: d.End.Column,
			Message: d.Msg, Hint: d.Hint,
		})
	}
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// PrintGitHub writes ds as GitHub Actions workflow commands, so that a CI
// run annotates the .er file in the pull request: one
// "::error file=...,line=...::message" line per diagnostic. A diagnostic
// at line 0 concerns the file as a whole (it could not be read): its
// command names the file only, which annotates the file rather than a
// line that does not exist.
func PrintGitHub(w io.Writer, ds Diagnostics) error {
	for _, d := range ds {
		title := "ergen"
		if d.Code != "" {
			title += " " + d.Code
		}
		msg := d.Msg
		if d.Hint != "" {
			msg += "\nhint: " + d.Hint
		}
		at := "file=" + githubProperty(d.Pos.File)
		if d.Pos.Line > 0 {
			at += fmt.Sprintf(",line=%d,col=%d,endLine=%d,endColumn=%d", d.Pos.Line, d.Pos.Column, d.End.Line, d.End.Column)
		}
		_, err := fmt.Fprintf(w, "::%s %s,title=%s::%s\n", d.Severity, at, githubProperty(title), githubData(msg))
		if err != nil {
			return err
		}
	}
	return nil
}

// githubData escapes a workflow command's message.
func githubData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// githubProperty escapes a workflow command's property value.
func githubProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
