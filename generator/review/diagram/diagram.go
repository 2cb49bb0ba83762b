// Package diagram draws a resolved model as an entity-relationship diagram,
// in Mermaid's erDiagram syntax (rendered by GitHub Markdown) or in
// Graphviz DOT (rendered by dot, and embedded as SVG in the HTML review).
//
// Both formats draw the same picture, read straight from the model's
// relational layer:
//
//   - One box per table: every entity, and every M:N junction table under
//     its table name. Mermaid knows a box by its name alone, so there a
//     junction named like an entity goes by the name with _2 appended and
//     is titled with its relationship (MermaidIDs). A box lists every column with its type and marks:
//     PK, FK, UK for a column that is unique on its own, UK1, UK2 ... for
//     the columns of one composite unique key or of a unique index that
//     is partial or over expressions, EX1, EX2 ... for those of an
//     exclusion constraint (one mark for the constraint, spelt out under
//     the columns), and NULL for a nullable column. A column's type
//     carries its collation, as the DDL writes it.
//   - One edge per foreign key, from the referenced (parent) table to the
//     referencing (child) table, in crow's-foot notation. The parent end
//     says how many parents a child row has: exactly one when the FK is
//     required, zero or one when it is optional. The child end says how
//     many children a parent row has: zero or one for 1:1, zero or more
//     for 1:N and for each side of a junction.
//   - An M:N relationship is drawn through its junction table, as two
//     edges. An M:N edge with the junction named would hide what a review
//     is about: each side has its own delete policy (deleting an order
//     cascades to its lines, deleting a product is refused), and the
//     junction may carry attributes of its own.
//   - A solid line is an identifying relationship (the FK columns are part
//     of the child's primary key: a shared key, a junction's key); a dashed
//     line is non-identifying.
//   - Every edge is labelled with its FK columns and both of its actions,
//     ON DELETE and ON UPDATE, with the columns an ON DELETE SET NULL or
//     SET DEFAULT changes when it lists them, then MATCH FULL and NOT
//     VALID (older rows unchecked) when they apply. The edges of an exclusive
//     arc each say so: "arc: exactly one of Post | Photo" (or "at most
//     one of"), so that the group reads as one.
//   - A partitioned table's box says how it is partitioned, and lists its
//     partitions with the rows each takes.
package diagram

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/ergen-dev/ergen/generator/model"
)

// Format is a diagram syntax.
type Format int

const (
	Mermaid Format = iota + 1
	DOT
)

// Formats lists the format names ParseFormat accepts, for usage messages.
var Formats = []string{"mermaid", "dot"}

func (f Format) String() string {
	switch f {
	case Mermaid:
		return "mermaid"
	case DOT:
		return "dot"
	}
	return "?"
}

// ext is the format's file extension, without its dot.
func (f Format) ext() string {
	if f == DOT {
		return "dot"
	}
	return "mmd"
}

// ParseFormat returns the format with the given name.
func ParseFormat(name string) (Format, error) {
	switch strings.ToLower(name) {
	case "mermaid", "mmd":
		return Mermaid, nil
	case "dot", "graphviz", "gv":
		return DOT, nil
	}
	return 0, fmt.Errorf("unknown diagram format %q (want %s)", name, strings.Join(Formats, " or "))
}

// Options control Emit.
type Options struct {
	Format Format // Mermaid when zero
	// Source names the .er file in the generated header; "" leaves the
	// header out.
	Source string
}

// Emit renders s as one file, diagram.mmd or diagram.dot: ergen's entry
// shape for every emitter (see model.File).
func Emit(s *model.Schema, opts Options) ([]model.File, error) {
	f := cmp.Or(opts.Format, Mermaid)
	data, err := Render(s, f, opts.Source)
	if err != nil {
		return nil, err
	}
	return []model.File{{Name: "diagram." + f.ext(), Data: data}}, nil
}

// Render renders s in format f. source names the .er file in the generated
// header; "" leaves the header out (as when the diagram is embedded in a
// document that has its own).
func Render(s *model.Schema, f Format, source string) ([]byte, error) {
	switch f {
	case Mermaid:
		return EmitMermaid(s, source), nil
	case DOT:
		return EmitDOT(s, source), nil
	}
	return nil, fmt.Errorf("diagram: unknown format %d", f)
}

// header is the generated-code line, without its comment marker.
func header(source string) string { return model.GeneratedHeader(source) }

// End is how many rows one end of an edge stands for, in crow's-foot terms.
type End int

const (
	ExactlyOne End = iota + 1
	ZeroOrOne
	ZeroOrMore
)

func (e End) String() string {
	return [...]string{"", "exactly one", "zero or one", "zero or more"}[e]
}

// Tables lists the boxes of the diagram: entity tables in declaration
// order, then junction tables in relationship order.
func Tables(s *model.Schema) []*model.Table {
	var ts []*model.Table
	for _, e := range s.Entities {
		ts = append(ts, e.Table)
	}
	for _, r := range s.Relationships {
		if r.Junction != nil {
			ts = append(ts, r.Junction)
		}
	}
	return ts
}

// Edge is one foreign key as drawn.
type Edge struct {
	FK *model.ForeignKey
	// Parent is the referenced table's end, Child the referencing one's.
	Parent, Child End
	// Identifying is true when the FK columns are all part of the child's
	// primary key: the child row cannot exist apart from its parent.
	Identifying bool
	// Label says which columns and what a delete of the parent does:
	// Lines joined as "cols: ON DELETE ..., ON UPDATE ...".
	Label string
	// Lines are the label's lines: the FK columns, ON DELETE, ON UPDATE,
	// MATCH FULL, NOT VALID and DEFERRABLE when they apply, and for a
	// member of an arc the arc (ArcLine).
	Lines []string
}

// Edges lists one edge per foreign key, in the order of Tables and each
// table's foreign keys.
func Edges(s *model.Schema) []Edge {
	var es []Edge
	for _, t := range Tables(s) {
		for _, fk := range t.ForeignKeys {
			e := Edge{FK: fk, Parent: ZeroOrOne, Child: ZeroOrMore}
			if fk.Required() {
				e.Parent = ExactlyOne
			}
			if fk.Relationship.Card == model.OneToOne {
				e.Child = ZeroOrOne
			}
			pk := t.PrimaryKey
			e.Identifying = pk != nil && !slices.ContainsFunc(fk.Columns, func(c *model.Column) bool {
				return !slices.Contains(pk.Columns, c)
			})
			e.Lines = []string{ColumnList(fk.Columns), "ON DELETE " + fk.ActionText(model.DeleteEvent), "ON UPDATE " + fk.ActionText(model.UpdateEvent)}
			e.Lines = append(e.Lines, FKLines(fk)...)
			if a := fk.Relationship.Arc; a != nil {
				e.Lines = append(e.Lines, ArcLine(a))
			}
			e.Label = e.Lines[0] + ": " + strings.Join(e.Lines[1:], ", ")
			es = append(es, e)
		}
	}
	return es
}

// ColumnList names columns as a reader expects: user_id, or (b, c).
func ColumnList(cols []*model.Column) string {
	if len(cols) == 1 {
		return cols[0].Name
	}
	return "(" + model.ColumnNames(cols) + ")"
}

// KeyColumn is a column a box shows, with its key markers.
type KeyColumn struct {
	Column *model.Column
	Keys   []string // PK, FK, UK, in that order
}

// KeyColumns lists the columns of t that belong to its primary key, a
// foreign key or a unique key, in column order.
func KeyColumns(t *model.Table) []KeyColumn {
	var out []KeyColumn
	for _, c := range t.Columns {
		var keys []string
		if t.PrimaryKey != nil && slices.Contains(t.PrimaryKey.Columns, c) {
			keys = append(keys, "PK")
		}
		if c.ForeignKey != nil {
			keys = append(keys, "FK")
		}
		if slices.ContainsFunc(t.Uniques, func(k *model.Key) bool { return slices.Contains(k.Columns, c) }) {
			keys = append(keys, "UK")
		}
		if len(keys) > 0 {
			out = append(out, KeyColumn{Column: c, Keys: keys})
		}
	}
	return out
}

// BoxColumn is a column as a box lists it.
type BoxColumn struct {
	Column *model.Column
	// Marks are PK, FK, UK (unique on its own), the marks of the table's
	// spelt-out constraints it is part of (UKn, EXn: see SpeltMarks) and
	// NULL, in that order.
	Marks []string
}

// BoxColumns lists every column of t, in column order, with its marks.
func BoxColumns(t *model.Table) []BoxColumn {
	spelt := SpeltMarks(t)
	out := make([]BoxColumn, 0, len(t.Columns))
	for _, c := range t.Columns {
		var marks []string
		if t.PrimaryKey != nil && slices.Contains(t.PrimaryKey.Columns, c) {
			marks = append(marks, "PK")
		}
		if c.ForeignKey != nil {
			marks = append(marks, "FK")
		}
		if uniqueAlone(t, c) {
			marks = append(marks, "UK")
		}
		for _, sp := range spelt {
			if slices.Contains(sp.Columns, c) {
				marks = append(marks, sp.Mark)
			}
		}
		if c.Nullable {
			marks = append(marks, "NULL")
		}
		out = append(out, BoxColumn{Column: c, Marks: marks})
	}
	return out
}

// TypeName is a column type as a diagram shows it: the SQL type, with an
// enum or a domain by its declared name, as the model writes it.
func TypeName(t model.Type) string {
	switch t.Base {
	case model.EnumType:
		return t.Enum.Name + strings.Repeat("[]", t.Array)
	case model.DomainType: // as the model names it, as an enum is
		return t.Domain.Name + strings.Repeat("[]", t.Array)
	}
	return t.SQL()
}

// Caption says what a junction table is: "junction of Order M:N Product".
// It is "" for an entity table.
func Caption(t *model.Table) string {
	if t.Relationship == nil {
		return ""
	}
	return "junction of " + t.Relationship.Label()
}

// ArcLine says that an FK is one of an exclusive arc's, and how many of
// them a row sets: "arc: exactly one of Post | Photo | Video".
func ArcLine(a *model.Arc) string {
	names := make([]string, len(a.Members))
	for i, m := range a.Members {
		names[i] = m.Left.Name
	}
	many := "at most one"
	if a.Required {
		many = "exactly one"
	}
	return "arc: " + many + " of " + strings.Join(names, " | ")
}

// PartitionCaption says how a partitioned table splits its rows:
// "partitioned by range (paid_at)". It is "" for any other table.
func PartitionCaption(t *model.Table) string {
	p := t.Partitioning
	if p == nil {
		return ""
	}
	return "partitioned by " + p.Method + " (" + model.ColumnNames(p.Key) + ")"
}

// PartitionLines lists a partitioned table's partitions with the rows
// each takes: "payments_2024: FROM ('2024-01-01') TO ('2025-01-01')".
func PartitionLines(t *model.Table) []string {
	var out []string
	for _, p := range t.Partitions() {
		out = append(out, p.Name+": "+strings.TrimPrefix(p.Bound, "FOR VALUES "))
	}
	return out
}
