// Package doc writes a design-review document for a resolved model, in
// Markdown (for a pull request or a wiki) or as one self-contained HTML
// page. The document holds the ER diagram, every table's columns and
// keys with what refuses a row of it, a table of every foreign key with
// its policy, the domains and sequences, and for every entity
// the tree of what deleting one of its rows does, so that a reviewer can
// answer "what happens if I delete a user?" without reading SQL.
//
// The Markdown document embeds the diagram as a Mermaid block, which
// GitHub renders. The HTML page embeds it as SVG laid out by Graphviz's
// dot when the page is generated: the page then needs no script and no
// network, and reads the same in any browser or offline. Generating HTML
// therefore needs Graphviz installed; without it HTML fails with
// diagram.ErrNoGraphviz, and Markdown still works.
//
// Every sentence and table cell is decided here, in Go; the templates
// (templates/review.md.tmpl, templates/review.html.tmpl) only lay them out.
package doc

import (
	"cmp"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/generator/review/diagram"
	"github.com/ergen-dev/ergen/generator/review/explain"
)

// Format is a document format.
type Format int

const (
	Markdown Format = iota + 1
	HTML
)

func (f Format) String() string {
	switch f {
	case Markdown:
		return "md"
	case HTML:
		return "html"
	}
	return "?"
}

// ParseFormat returns the format with the given name: md or html.
func ParseFormat(name string) (Format, error) {
	switch strings.ToLower(name) {
	case "md", "markdown":
		return Markdown, nil
	case "html", "htm":
		return HTML, nil
	}
	return 0, fmt.Errorf("unknown document format %q (want md or html)", name)
}

// FormatOf returns the format a file name asks for by its extension.
func FormatOf(path string) (Format, error) {
	ext := strings.TrimPrefix(filepath.Ext(path), ".")
	if ext == "" {
		return 0, fmt.Errorf("%s has no extension; name it .md or .html", path)
	}
	f, err := ParseFormat(ext)
	if err != nil {
		return 0, fmt.Errorf("%s: want a .md or .html file", path)
	}
	return f, nil
}

// Options says how to render a document.
type Options struct {
	// Source names the .er file in the title and the generated header;
	// pass the base name, so that output does not depend on where ergen
	// runs.
	Source string
	// SVG lays out a DOT graph as an <svg> element, for HTML. Nil means
	// diagram.SVG, which runs Graphviz's dot.
	SVG func(dot []byte) ([]byte, error)
	// Src is the .er source, whose comments written just above a
	// declaration (its rationale) the document carries; nil leaves them
	// out.
	Src []byte
	// Format is the document's format for Emit: Markdown when zero.
	Format Format
	// Sources, when set, gives the source of each file of a model read
	// from several files, by name, in place of Src.
	Sources func(file string) []byte
}

// treeSource is how a delete tree cites files (see explain.Render): by
// Source for a model of one file; for several, by the base name of each
// declaration's file, under the directory's name when Source names one.
func (o Options) treeSource() string {
	if o.Sources != nil && !strings.HasSuffix(o.Source, "/") {
		return "/"
	}
	return o.Source
}

// source is the .er source a position of the model is in.
func (o Options) source(p dsl.Pos) []byte {
	if o.Sources != nil {
		return o.Sources(p.File)
	}
	return o.Src
}

// Emit renders the review document of s as one file, review.md or
// review.html: ergen's entry shape for every emitter (see model.File).
func Emit(s *model.Schema, opt Options) ([]model.File, error) {
	f := cmp.Or(opt.Format, Markdown)
	data, err := Render(s, f, opt)
	if err != nil {
		return nil, err
	}
	return []model.File{{Name: "review." + f.String(), Data: data}}, nil
}

// Render renders the review document of s in format f.
func Render(s *model.Schema, f Format, opt Options) ([]byte, error) {
	switch f {
	case Markdown:
		return emitMarkdown(build(s, opt))
	case HTML:
		svgOf := opt.SVG
		if svgOf == nil {
			svgOf = diagram.SVG
		}
		svg, err := svgOf(diagram.EmitDOT(s, ""))
		if err != nil {
			return nil, fmt.Errorf("drawing the diagram for the HTML review: %w", err)
		}
		return emitHTML(build(s, opt), svg)
	}
	return nil, fmt.Errorf("doc: unknown format %d", f)
}

// review is the content of the document, format-neutral: plain text that
// each format escapes its own way.
type review struct {
	Header  string // the generated-code line, without comment markers
	Title   string
	Summary string
	// Notation explains the diagram, one sentence per item.
	Notation []string
	Mermaid  string // the diagram, for Markdown
	Tables   []tableSection
	FKNote   string
	FKs      grid
	// Objects are the sections on enums, domains and sequences, for
	// those the model declares.
	Objects []objectSection
	Deletes []deleteSection
}

// cell is one table cell; Code cells are identifiers or SQL.
type cell struct {
	Text string
	Code bool
}

func text(s string) cell { return cell{Text: s} }
func code(s string) cell { return cell{Text: s, Code: s != ""} }

// grid is a table with a header row.
type grid struct {
	Head []string
	Rows [][]cell
}

type tableSection struct {
	Title   string // User, or the junction table's name
	Anchor  string // HTML id / Markdown link target
	Table   string // SQL table name
	Caption string // "Junction table of Order M:N Product.", or ""
	// Rationale is the comment written above the entity's declaration.
	Rationale string
	Comment   string
	Columns   grid
	Keys      grid
	// Refusals say in words what refuses a row written to the table
	// (explain --insert), beyond NOT NULL.
	Refusals []string
}

type deleteSection struct {
	Title  string
	Anchor string
	// Outcome answers the question in a few sentences.
	Outcome []string
	// Tree is explain's rendering of the delete tree, preformatted.
	Tree string
}

func build(s *model.Schema, opt Options) *review {
	source := opt.Source
	r := &review{
		Header:   model.GeneratedHeader(source),
		Title:    "Design review: " + source,
		Mermaid:  string(diagram.EmitMermaid(s, "")),
		Notation: append(notation(), notationOf(s)...),
	}
	tables := diagram.Tables(s)
	junctions, fks := len(tables)-len(s.Entities), 0
	for _, t := range tables {
		fks += len(t.ForeignKeys)
	}
	r.Summary = fmt.Sprintf("%s, %s, %s implemented by %s.",
		count(len(s.Entities), "entity", "entities"), count(junctions, "junction table", "junction tables"),
		count(len(s.Relationships), "relationship", "relationships"), count(fks, "foreign key", "foreign keys"))
	if s.Name != "" {
		r.Summary = fmt.Sprintf("PostgreSQL schema %s: %s", model.QuoteIdent(s.Name), r.Summary)
	}
	if len(s.Extensions) > 0 {
		r.Summary += " Extensions it installs: " + strings.Join(s.Extensions, ", ") + "."
	}
	for _, t := range tables {
		ts := tableSectionOf(s, t)
		if t.Entity != nil {
			ts.Rationale = rationale(opt.source(t.Entity.Pos), t.Entity.Pos.Line)
		}
		for _, rf := range explain.Refusals(t) {
			ts.Refusals = append(ts.Refusals, rf.Sentence())
		}
		r.Tables = append(r.Tables, ts)
	}
	r.FKNote = "Every foreign key, with its whole policy and the notes written with its relationship. An action marked (default) was not written in the .er file: NO ACTION refuses the delete, like RESTRICT, but at the end of the statement (or at commit when deferred)."
	r.FKs = foreignKeys(tables, opt.source)
	r.Objects = objects(s, opt.source)
	for _, e := range s.Entities {
		r.Deletes = append(r.Deletes, deleteSectionOf(e, opt.treeSource()))
	}
	return r
}

func notation() []string {
	return []string{
		"Each box is a table: an entity, or the junction table of an M:N relationship (named by its table, with the relationship under the name). A box lists every column with its type and marks: PK primary key, FK foreign key, UK unique on its own, UK1, UK2 ... the columns of one composite unique key (spelt out under the columns), NULL nullable.",
		"Each line is a foreign key, from the referenced (parent) table to the referencing (child) table, labelled with its columns and its ON DELETE and ON UPDATE actions. An M:N relationship is drawn as its junction table with one line to each side, because each side has its own delete policy.",
		"Crow's feet: at the parent end, two bars mean every child row has exactly one parent (required), a bar and a circle at most one (optional). At the child end, a crow and a circle mean zero or more child rows per parent (1:N), a bar and a circle at most one (1:1).",
		"A solid line is identifying (the foreign key is part of the child's primary key); a dashed line is not. In the HTML diagram, red lines cascade deletes, blue lines set the link to NULL or its default, grey lines refuse the delete while child rows exist.",
	}
}

// notationOf explains the marks of the constructs s uses that not every
// model has: arcs, SET NULL of some columns, partitions.
func notationOf(s *model.Schema) []string {
	var out []string
	if len(s.Arcs) > 0 {
		out = append(out, "The lines of an exclusive arc say so (arc: exactly one of A | B, or at most one of) and, in the HTML diagram, meet at one point of the child: a CHECK makes each row reference one of the parents, or at most one.")
	}
	setList, partitioned, spelt, fkOptions := false, false, false, false
	for _, t := range s.Tables {
		setList = setList || slices.ContainsFunc(t.ForeignKeys, func(fk *model.ForeignKey) bool { return fk.SetColumns != nil })
		partitioned = partitioned || t.Partitioning != nil
		spelt = spelt || len(t.Exclusions) > 0 || slices.ContainsFunc(t.Indexes, func(ix *model.Index) bool { return ix.Unique })
		fkOptions = fkOptions || slices.ContainsFunc(t.ForeignKeys, func(fk *model.ForeignKey) bool { return fk.NotValid || fk.MatchFull })
	}
	if setList {
		out = append(out, "ON DELETE SET NULL (col) or SET DEFAULT (col) names the only columns of the foreign key that a delete of the parent changes.")
	}
	if spelt {
		out = append(out, "A unique index is marked like a unique key: UK when it makes one column unique in every row, else UK1, UK2 ... spelt out under the columns with its predicate or expressions (a partial one compares only the rows it holds for). EX1, EX2 ... mark the columns of an exclusion constraint: no two rows may have every element compare true with its operator (&& overlapping ranges, = equal values).")
	}
	if fkOptions {
		out = append(out, "A line labelled MATCH FULL refuses a composite key that is partly NULL; one labelled NOT VALID was added without checking the rows already there, which may reference missing parents.")
	}
	if partitioned {
		out = append(out, "A partitioned table's box says how its rows are split (partitioned by range (col)) and lists its partitions.")
	}
	return out
}

func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// anchor makes an HTML id from a prefix and a name.
func anchor(prefix, name string) string {
	// Letters, digits, _ and - only: the anchor goes unescaped into a
	// Markdown link's target and an HTML id, where ), < or a tab would
	// end the one or open a tag after it.
	return prefix + "-" + strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '-' {
			return r
		}
		return '-'
	}, strings.ToLower(name))
}

func tableSectionOf(s *model.Schema, t *model.Table) tableSection {
	ts := tableSection{
		Title: t.Label(), Anchor: anchor("table", t.Name), Table: s.Qualify(t.Name),
		Comment: t.Comment,
		Columns: grid{Head: []string{"Column", "Type", "Null", "Default", "Key", "Comment"}},
		Keys:    grid{Head: []string{"Constraint", "Kind", "Definition"}},
	}
	if t.Relationship != nil {
		ts.Caption = "Junction table of " + t.Relationship.Label() + "."
	}
	if c := diagram.PartitionCaption(t); c != "" {
		ts.Caption = strings.ToUpper(c[:1]) + c[1:] + ": its partitions are listed with its keys."
	}
	for _, c := range t.Columns {
		null := "NOT NULL"
		if c.Nullable {
			null = "NULL"
		}
		def := code(c.Default)
		switch {
		case c.Identity != model.NoIdentity:
			def = text(strings.ToLower(c.Identity.SQL()))
			if settings := c.IdentitySettings.Source(false); settings != "" {
				def = text(strings.ToLower(c.Identity.SQL()) + " (" + settings + ")")
			}
		case c.Type.IsSerial():
			def = text("sequence (" + c.Type.SQL() + ")")
		}
		ts.Columns.Rows = append(ts.Columns.Rows, []cell{
			code(c.Name), code(s.TypeSQL(c.Type) + c.Type.CollateSQL()), text(null), def, text(keyNote(t, c)), text(c.Comment),
		})
	}
	if pk := t.PrimaryKey; pk != nil {
		ts.Keys.Rows = append(ts.Keys.Rows, []cell{code(pk.Name), text("PRIMARY KEY"), code(model.ColumnListSQL(pk.Columns))})
	}
	for _, k := range t.Uniques {
		kind := "UNIQUE"
		if k.NullsNotDistinct {
			kind = "UNIQUE NULLS NOT DISTINCT"
		}
		ts.Keys.Rows = append(ts.Keys.Rows, []cell{code(k.Name), text(kind), code(model.ColumnListSQL(k.Columns) + model.IncludeSQL(k.Include))})
	}
	for _, fk := range t.ForeignKeys {
		ts.Keys.Rows = append(ts.Keys.Rows, []cell{code(fk.Name), text("FOREIGN KEY"),
			code(model.ColumnListSQL(fk.Columns) + " REFERENCES " + s.Qualify(fk.RefTable.Name) + " " + model.ColumnListSQL(fk.RefColumns) + fkOptions(fk))})
	}
	for _, ck := range t.Checks {
		ts.Keys.Rows = append(ts.Keys.Rows, []cell{code(ck.Name), text("CHECK"), code(ck.Expr)})
	}
	for _, x := range t.Exclusions {
		ts.Keys.Rows = append(ts.Keys.Rows, []cell{code(x.Name), text("EXCLUDE"), code(strings.TrimPrefix(x.SQL(), "EXCLUDE "))})
	}
	for _, ix := range t.Indexes {
		kind := "INDEX"
		switch {
		case ix.ForeignKey != nil:
			kind = "INDEX (for " + ix.ForeignKey.Name + ")"
		case ix.Unique:
			kind = "UNIQUE INDEX"
		}
		ts.Keys.Rows = append(ts.Keys.Rows, []cell{code(ix.Name), text(kind), code(ix.Spec())})
	}
	// A partitioned table's partitions are tables of their own, listed
	// with the rows each takes.
	if pt := t.Partitioning; pt != nil {
		ts.Keys.Rows = append(ts.Keys.Rows, []cell{code(t.Name), text("PARTITION BY"), code(pt.SQL())})
		for _, p := range pt.Partitions {
			ts.Keys.Rows = append(ts.Keys.Rows, []cell{code(p.Name), text("PARTITION"), code(p.Bound)})
		}
	}
	return ts
}

// keyNote says which keys a column belongs to, marked as in the diagram:
// PK, UK, UK1 (a composite unique key or a partial unique index) and EX1
// (an exclusion constraint) with the constraint's name, FK → users.id.
func keyNote(t *model.Table, c *model.Column) string {
	names := map[string]string{}
	for _, sp := range diagram.SpeltMarks(t) {
		names[sp.Mark] = sp.Name
	}
	var keys []string
	for _, bc := range diagram.BoxColumns(t) {
		if bc.Column != c {
			continue
		}
		for _, k := range bc.Marks {
			if k == "NULL" {
				continue // the Null column says it
			}
			if n, ok := names[k]; ok {
				k += " (" + n + ")"
			}
			if k == "FK" {
				// One entry per key through the column: a shared
				// tenant_id references each key's parent.
				for _, fk := range c.ForeignKeys {
					i := slices.Index(fk.Columns, c)
					keys = append(keys, "FK → "+fk.RefTable.Name+"."+fk.RefColumns[i].Name)
				}
				continue
			}
			keys = append(keys, k)
		}
	}
	return strings.Join(keys, ", ")
}

// foreignKeys is the table of every foreign key with its whole policy.
func foreignKeys(tables []*model.Table, src func(dsl.Pos) []byte) grid {
	g := grid{Head: []string{"Relationship", "Cardinality", "Foreign key", "References", "Required", "ON DELETE", "ON UPDATE", "Deferrable", "Index", "Constraint", "Notes"}}
	for _, t := range tables {
		for _, fk := range t.ForeignKeys {
			rel := fk.Relationship
			card := rel.Card.String()
			if rel.Card == model.ManyToMany {
				card += ", " + [2]*model.Entity{rel.Left, rel.Right}[fk.Side].Name + " side"
			}
			if rel.SharedKey {
				card += ", shared key"
			}
			if rel.Arc != nil {
				card += ", " + diagram.ArcLine(rel.Arc)
			}
			required := "optional"
			if fk.Required() {
				required = "required"
			}
			deferrable := "no"
			switch fk.Deferrable {
			case model.DeferrableImmediate:
				deferrable = "initially immediate"
			case model.DeferrableDeferred:
				deferrable = "initially deferred"
			}
			index := code(fk.CoveredBy())
			if fk.CoveredBy() == "" {
				index = text("none (no index): each parent delete scans " + t.Name)
			}
			constraint := fk.Name
			if fk.Deferred {
				constraint += " (added after all tables: closes a cycle)"
			}
			if fk.MatchFull {
				constraint += " (MATCH FULL: a key partly NULL is refused)"
			}
			if fk.NotValid {
				constraint += " (" + explain.NotValidNote + ")"
			}
			g.Rows = append(g.Rows, []cell{
				text(rel.Label()), text(card),
				code(t.Name + " " + model.ColumnListSQL(fk.Columns)), code(fk.RefTable.Name + " " + model.ColumnListSQL(fk.RefColumns)),
				text(required), text(action(fk, model.DeleteEvent)), text(action(fk, model.UpdateEvent)),
				text(deferrable), index, code(constraint), text(notes(rationale(src(rel.Pos), rel.Pos.Line), fk.Comment)),
			})
		}
	}
	return g
}

// action is fk's referential action for ev, with the columns it lists,
// marked when it is the default rather than written in the .er file: an
// unwritten policy deserves a question.
func action(fk *model.ForeignKey, ev model.Event) string {
	if fk.Policy(ev).Explicit {
		return fk.ActionText(ev)
	}
	return fk.ActionText(ev) + " (default)"
}

func deleteSectionOf(e *model.Entity, source string) deleteSection {
	tree := e.Table.DeleteEffects()
	return deleteSection{
		Title:   "Deleting one " + e.Name,
		Anchor:  anchor("delete", e.Name),
		Outcome: outcome(e, tree),
		Tree:    boundedTree(string(explain.Render(tree, source)), e.Name),
	}
}

// maxTreeText bounds the text of one delete tree in a document. A tree
// has at most 2,000 nodes (model's bound), but their lines grow with the
// depth, so a model of deep diamonds made a document of hundreds of MB
// from a few KB of model: a pull request could make CI's doc step take
// gigabytes. No reader follows more than this; explain prints it whole.
const maxTreeText = 64 << 10

// boundedTree cuts a tree's text at a line end within maxTreeText, saying
// how many lines are left out and where to read them.
func boundedTree(text, entity string) string {
	if len(text) <= maxTreeText {
		return text
	}
	cut := strings.LastIndexByte(text[:maxTreeText], '\n') + 1
	rest := strings.Count(text[cut:], "\n")
	return text[:cut] + fmt.Sprintf("... %d more lines: ergen explain FILE %s prints the whole tree\n", rest, entity)
}

// outcome sums a delete tree up in sentences: whether the delete can be
// refused, and what else it deletes or changes.
func outcome(e *model.Entity, tree *model.Effect) []string {
	if len(tree.Children) == 0 {
		return []string{fmt.Sprintf("No table references %s: deleting a row affects that row only.", e.Name)}
	}
	var out []string
	var blocked, atCommit []string
	seen := map[*model.ForeignKey]bool{}
	for _, b := range tree.Blockers() {
		if seen[b.FK] {
			continue
		}
		seen[b.FK] = true
		target := "the " + e.Name + " row"
		switch {
		case b.Event == model.UpdateEvent:
			target = "keys of " + b.FK.RefTable.Name + " that the delete changes"
		case !slices.Contains(tree.Children, b):
			target = "rows of " + b.FK.RefTable.Name + " that the delete deletes"
		}
		verb := "reference"
		if b.AtCommit() {
			verb = "still reference"
		}
		s := fmt.Sprintf("rows of %s %s %s (%s, ON %s %s)", b.FK.Table.Name, verb, target, b.FK.Name, strings.ToUpper(b.Event.String()), b.Action)
		if b.AtCommit() {
			atCommit = append(atCommit, s)
		} else {
			blocked = append(blocked, s)
		}
	}
	if len(blocked) > 0 {
		out = append(out, "Refused while "+strings.Join(blocked, "; or while ")+".")
	}
	if len(atCommit) > 0 {
		out = append(out, "Refused at commit if "+strings.Join(atCommit, "; or if ")+".")
	}
	var deleted, nulled, defaulted, updated []string
	for _, te := range tree.Tables() {
		if te.Root {
			continue
		}
		name := te.Table.Name
		if len(te.Deleted) > 0 {
			deleted = append(deleted, name)
		}
		for _, c := range te.Nulled {
			nulled = append(nulled, name+"."+c.Name)
		}
		for _, c := range te.Defaulted {
			defaulted = append(defaulted, name+"."+c.Name)
		}
		for _, c := range te.Updated {
			updated = append(updated, name+"."+c.Name)
		}
	}
	if len(deleted) > 0 {
		out = append(out, "Also deletes the referencing rows of "+strings.Join(deleted, ", ")+".")
	}
	if len(nulled) > 0 {
		out = append(out, "Sets "+strings.Join(nulled, ", ")+" to NULL.")
	}
	if len(defaulted) > 0 {
		out = append(out, "Sets "+strings.Join(defaulted, ", ")+" to the column default; a row with that key must exist.")
	}
	if len(updated) > 0 {
		out = append(out, "Updates "+strings.Join(updated, ", ")+" (ON UPDATE CASCADE of a changed key).")
	}
	if len(blocked) == 0 && len(atCommit) == 0 {
		out = append(out, "Nothing refuses the delete.")
	}
	return out
}

// notes joins the non-empty notes of one row.
func notes(ns ...string) string {
	return strings.Join(slices.DeleteFunc(ns, func(n string) bool { return n == "" }), " ")
}

// rationale is the comment written just above line (1-based) of src, the
// line a declaration starts on: the comment lines directly before it, with
// their markers removed, joined into one paragraph. It is "" when there is
// none or src is nil.
func rationale(src []byte, line int) string {
	lines := strings.Split(string(src), "\n")
	var out []string
	for i := line - 2; i >= 0 && i < len(lines); i-- {
		l := strings.TrimSpace(lines[i])
		switch {
		case strings.HasPrefix(l, "//"):
			l = strings.TrimPrefix(l, "//")
		case strings.HasPrefix(l, "/*") && strings.HasSuffix(l, "*/"):
			l = strings.TrimSuffix(strings.TrimPrefix(l, "/*"), "*/")
		default:
			return strings.Join(out, " ")
		}
		if l = strings.TrimSpace(l); l != "" {
			out = append([]string{l}, out...)
		}
	}
	return strings.Join(out, " ")
}

// fkOptions is what the DDL writes of fk after its referenced columns
// besides its actions, as the diagram's edges say it: " MATCH FULL NOT VALID".
func fkOptions(fk *model.ForeignKey) string {
	if l := diagram.FKLines(fk); len(l) > 0 {
		return " " + strings.Join(l, " ")
	}
	return ""
}
