package doc

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"text/template"

	"github.com/ergen-dev/ergen/templates"
)

var mdTmpl = template.Must(template.New("review.md.tmpl").
	Option("missingkey=error").
	ParseFS(templates.FS, "review.md.tmpl"))

// mdView is the data of review.md.tmpl: finished Markdown, line by line.
type mdView struct {
	Header, Title, Summary string
	Notation               []string
	Mermaid                string
	Contents               []string
	Tables                 []mdTable
	FKNote                 string
	FKs                    []string
	Objects                []mdObjects
	Deletes                []mdDelete
}

type mdTable struct {
	Anchor, Heading string
	Notes           []string // caption, comment
	Columns, Keys   []string
	Refusals        []string
}

// mdObjects is a section on enums, domains or sequences.
type mdObjects struct {
	Heading, Note string
	Grid          []string
}

type mdDelete struct {
	Anchor, Heading string
	Outcome         []string
	Tree            string
}

func emitMarkdown(r *review) ([]byte, error) {
	v := mdView{Header: r.Header, Title: mdText(r.Title), Summary: mdText(r.Summary), Mermaid: r.Mermaid}
	for _, n := range r.Notation {
		v.Notation = append(v.Notation, mdText(n))
	}
	v.Contents = append(v.Contents, "- [Diagram](#diagram)", "- [What a delete does](#what-a-delete-does)")
	for _, d := range r.Deletes {
		v.Contents = append(v.Contents, fmt.Sprintf("  - [%s](#%s)", mdText(d.Title), d.Anchor))
		m := mdDelete{Anchor: d.Anchor, Heading: mdText(d.Title), Tree: d.Tree}
		for _, o := range d.Outcome {
			m.Outcome = append(m.Outcome, mdText(o))
		}
		v.Deletes = append(v.Deletes, m)
	}
	v.Contents = append(v.Contents, "- [Relationships](#relationships)")
	for _, o := range r.Objects {
		v.Contents = append(v.Contents, fmt.Sprintf("- [%s](#%s)", mdText(o.Title), o.Anchor))
		v.Objects = append(v.Objects, mdObjects{Heading: mdText(o.Title), Note: mdText(o.Note), Grid: mdGrid(o.Grid)})
	}
	v.Contents = append(v.Contents, "- [Tables](#tables)")
	for _, t := range r.Tables {
		v.Contents = append(v.Contents, fmt.Sprintf("  - [%s](#%s)", mdText(t.Title), t.Anchor))
		m := mdTable{Anchor: t.Anchor, Heading: mdText(t.Title) + " (" + mdCode(t.Table) + ")",
			Columns: mdGrid(t.Columns), Keys: mdGrid(t.Keys)}
		for _, r := range t.Refusals {
			m.Refusals = append(m.Refusals, mdText(r))
		}
		if t.Caption != "" {
			m.Notes = append(m.Notes, mdText(t.Caption))
		}
		if t.Rationale != "" {
			m.Notes = append(m.Notes, mdText(t.Rationale))
		}
		if t.Comment != "" {
			m.Notes = append(m.Notes, mdText(t.Comment))
		}
		v.Tables = append(v.Tables, m)
	}
	v.FKNote, v.FKs = mdText(r.FKNote), mdGrid(r.FKs)
	var b bytes.Buffer
	if err := mdTmpl.Execute(&b, v); err != nil {
		return nil, fmt.Errorf("doc: rendering Markdown: %w", err)
	}
	return normalize(b.Bytes()), nil
}

// mdGrid renders a grid as the lines of a GitHub Markdown table.
func mdGrid(g grid) []string {
	row := func(cells []string) string { return "| " + strings.Join(cells, " | ") + " |" }
	lines := []string{row(g.Head)}
	sep := make([]string, len(g.Head))
	for i := range sep {
		sep[i] = "---"
	}
	lines = append(lines, row(sep))
	for _, r := range g.Rows {
		cells := make([]string, len(r))
		for i, c := range r {
			if c.Code {
				cells[i] = mdCode(c.Text)
			} else {
				cells[i] = mdText(c.Text)
			}
		}
		lines = append(lines, row(cells))
	}
	return lines
}

// mdSpecial are the characters that could start Markdown or HTML syntax
// in running text (emphasis, strikethrough, a link, a tag, a code span),
// or end a table cell or the line: a carriage return ends a line in
// CommonMark as a newline does, so text from the model could begin a
// heading or a fence of its own. An _ inside a word, as in dept_id, is
// no emphasis in GitHub's Markdown, and is left as it is.
var mdSpecial = strings.NewReplacer(`\`, `\\`, "|", `\|`, "*", `\*`, "~", `\~`, "<", `\<`, ">", `\>`,
	"[", `\[`, "]", `\]`, "`", "\\`", "\n", " ", "\r", " ")

// listStart is text that would begin a heading, a list item or an
// underline at the start of a line: a #, a bullet, =, or a number
// followed by . or ).
var listStart = regexp.MustCompile(`^(?:[-+=#]|[0-9]+[.)])`)

// mdText escapes running text, which the document may place at the start
// of a line.
func mdText(s string) string {
	s = mdSpecial.Replace(s)
	if m := listStart.FindString(s); m != "" {
		s = m[:len(m)-1] + `\` + s[len(m)-1:]
	}
	return s
}

var backticks = regexp.MustCompile("`+")

// mdCode writes s as a code span, with a fence longer than any run of
// backticks inside it. A | is escaped even there: GitHub splits table
// cells before it reads code spans.
func mdCode(s string) string {
	if s == "" {
		return ""
	}
	fence := "`"
	for _, run := range backticks.FindAllString(s, -1) {
		if len(run) >= len(fence) {
			fence = strings.Repeat("`", len(run)+1)
		}
	}
	s = strings.NewReplacer("|", `\|`, "\n", " ", "\r", " ").Replace(s)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + s + fence
}

// normalize trims trailing spaces, keeps at most one blank line in a row
// and ends the text with one newline, so templates need not count blanks.
func normalize(b []byte) []byte {
	lines := strings.Split(string(b), "\n")
	var out []string
	blank := true
	for _, l := range lines {
		l = strings.TrimRight(l, " \t")
		if l == "" {
			if blank {
				continue
			}
			blank = true
		} else {
			blank = false
		}
		out = append(out, l)
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return []byte(strings.Join(out, "\n") + "\n")
}
