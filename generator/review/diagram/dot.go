package diagram

import (
	"fmt"
	"html"
	"strings"

	"github.com/ergen-dev/ergen/generator/model"
)

// Graphviz arrow shapes for each end, nearest the node first: a tee is
// "one", a circle "zero", a crow "many".
var dotArrow = map[End]string{ExactlyOne: "teetee", ZeroOrOne: "teeodot", ZeroOrMore: "crowodot"}

// Edge colours by what a delete of the parent does to the child: spreads
// (CASCADE), rewrites the link (SET NULL, SET DEFAULT), or is refused while
// children exist (NO ACTION, RESTRICT).
var dotColor = map[model.RefAction]string{
	model.Cascade:    "#c0392b",
	model.SetNull:    "#2471a3",
	model.SetDefault: "#2471a3",
	model.NoAction:   "#444444",
	model.Restrict:   "#444444",
}

// EmitDOT renders s as a Graphviz digraph: one node per table, named by
// its table name, and one edge per FK from parent to child (so parents sit
// above their children).
func EmitDOT(s *model.Schema, source string) []byte {
	var b strings.Builder
	if source != "" {
		fmt.Fprintf(&b, "// %s\n", header(source))
	}
	name := s.Name
	if name == "" {
		name = "er"
	}
	fmt.Fprintf(&b, "digraph %s {\n", dotID(name))
	b.WriteString("  graph [fontname=\"Helvetica\", nodesep=0.6, ranksep=0.9];\n")
	b.WriteString("  node [shape=plain, fontname=\"Helvetica\", fontsize=11];\n")
	b.WriteString("  edge [dir=both, fontname=\"Helvetica\", fontsize=9];\n")
	for _, t := range Tables(s) {
		fmt.Fprintf(&b, "  %s [label=<%s>];\n", dotID(t.Name), dotTable(t))
	}
	for _, e := range Edges(s) {
		style := "dashed"
		if e.Identifying {
			style = "solid"
		}
		color := dotColor[e.FK.OnDelete.Action]
		// The edges of an arc meet at one point of the child, as the
		// arc of Barker's notation joins them.
		arc := ""
		if a := e.FK.Relationship.Arc; a != nil && a.Check != nil {
			arc = ", samehead=" + dotID(a.Check.Name)
		}
		// decorate draws a line from the label to its edge, so that a
		// label never reads as another edge's.
		fmt.Fprintf(&b, "  %s -> %s [arrowtail=%s, arrowhead=%s, style=%s, color=%q, fontcolor=%q, decorate=true%s, label=%s];\n",
			dotID(e.FK.RefTable.Name), dotID(e.FK.Table.Name), dotArrow[e.Parent], dotArrow[e.Child],
			style, color, color, arc, dotID(strings.Join(e.Lines, "\n")))
	}
	b.WriteString("}\n")
	return []byte(b.String())
}

// dotTable is a node's HTML-like label: a header with the entity (or
// junction) name and how it is partitioned, one row per column (name,
// type, marks), then what each spelt-out constraint's mark stands for,
// then the partitions.
func dotTable(t *model.Table) string {
	var b strings.Builder
	b.WriteString(`<table border="0" cellborder="1" cellspacing="0" cellpadding="4">`)
	head := "<b>" + html.EscapeString(t.Label()) + "</b>"
	bg := "#d6e4f0"
	if c := Caption(t); c != "" {
		head += `<br/><font point-size="9">` + html.EscapeString(c) + "</font>"
		bg = "#e8e8e8"
	}
	if c := PartitionCaption(t); c != "" {
		head += `<br/><font point-size="9">` + html.EscapeString(c) + "</font>"
	}
	fmt.Fprintf(&b, `<tr><td bgcolor=%q colspan="3">%s</td></tr>`, bg, head)
	for _, bc := range BoxColumns(t) {
		fmt.Fprintf(&b, `<tr><td align="left">%s</td><td align="left">%s</td><td align="left">%s</td></tr>`,
			html.EscapeString(bc.Column.Name), html.EscapeString(ColumnType(bc.Column)), strings.Join(bc.Marks, " "))
	}
	if len(t.Columns) == 0 {
		b.WriteString(`<tr><td colspan="3"><i>no columns</i></td></tr>`)
	}
	for _, sp := range SpeltMarks(t) {
		fmt.Fprintf(&b, `<tr><td align="left" colspan="3"><font point-size="9">%s</font></td></tr>`, html.EscapeString(sp.Line()))
	}
	for _, p := range PartitionLines(t) {
		fmt.Fprintf(&b, `<tr><td align="left" colspan="3"><font point-size="9">partition %s</font></td></tr>`, html.EscapeString(p))
	}
	b.WriteString("</table>")
	return b.String()
}

// dotID quotes a DOT identifier: a double-quoted string, with quotes and
// backslashes escaped.
func dotID(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s) + `"`
}
