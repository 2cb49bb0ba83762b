// Package format prints an .er file in the canonical layout of the
// language, as gofmt does for Go: one declaration per paragraph, one item
// per line indented by two spaces, attribute names aligned within a block,
// keywords in their short spelling (`pk`, `=`), and every comment kept.
// Formatting is idempotent, and the result parses to the same model.
//
// The AST holds no comments, so the formatter lexes the source again
// (dsl.Tokens) and re-attaches each comment by position: a comment on a
// line of its own goes before the item that follows it, a comment after
// code on a line goes at the end of that item's line.
package format

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/ergen-dev/ergen/dsl"
)

// Source formats one file. It fails with the file's syntax error when the
// source does not parse.
func Source(filename string, src []byte) ([]byte, dsl.Diagnostics) {
	f, diags := dsl.Parse(filename, src)
	if diags.HasErrors() {
		return nil, diags
	}
	toks, err := dsl.Tokens(filename, src)
	if err != nil {
		p := dsl.PosAt(filename, src, 0)
		return nil, dsl.Diagnostics{{Severity: dsl.Error, Pos: p, End: p, Msg: err.Error()}}
	}
	p := &printer{f: f, src: src, closing: map[int]int{}}
	var stack []int
	verbatim := verbatimSpans(f)
	for _, t := range toks {
		switch {
		case t.Kind == "Comment" && slices.ContainsFunc(verbatim, func(s [2]int) bool { return s[0] <= t.Pos.Offset && t.Pos.Offset < s[1] }):
			// Printed with the expression it is part of.
		case t.Kind == "Comment":
			p.comments = append(p.comments, comment{offset: t.Pos.Offset, line: t.Pos.Line, text: strings.TrimRight(t.Value, "\r"), ownLine: ownLine(src, t.Pos.Offset)})
		case t.Value == "{":
			stack = append(stack, t.Pos.Offset)
		case t.Value == "}" && len(stack) > 0:
			p.closing[stack[len(stack)-1]] = t.Pos.Offset
			stack = stack[:len(stack)-1]
		}
	}
	p.opens = slices.Sorted(maps.Keys(p.closing))
	p.file()
	return []byte(p.out.String()), nil
}

// verbatimSpans are the byte ranges of f printed as written: defaults and
// checks, whose SQL ergen does not re-spell. A comment inside one is
// printed with it, and must not be printed again after it.
func verbatimSpans(f *dsl.File) [][2]int {
	var out [][2]int
	paren := func(x *dsl.Paren) {
		if x != nil {
			out = append(out, [2]int{x.Pos.Offset, x.EndPos.Offset})
		}
	}
	attr := func(a *dsl.Attribute) {
		if a == nil {
			return
		}
		for _, o := range a.Options {
			paren(o.Check)
			paren(o.Generated)
			if o.Default != nil {
				out = append(out, [2]int{o.Default.Pos.Offset, o.Default.EndPos.Offset})
			}
		}
	}
	for _, d := range f.Decls {
		if d.Domain != nil {
			for _, o := range d.Domain.Options {
				paren(o.Check)
				if o.Default != nil {
					out = append(out, [2]int{o.Default.Pos.Offset, o.Default.EndPos.Offset})
				}
			}
		}
		if d.Entity != nil {
			for _, it := range d.Entity.Items {
				paren(it.Check)
				attr(it.Attribute)
				for _, b := range dsl.PartitionBounds(it.Partition) {
					paren(b)
				}
			}
		}
		if d.Relationship != nil {
			for _, it := range d.Relationship.Items {
				attr(it.Attribute)
			}
		}
	}
	return out
}

type comment struct {
	offset, line int
	text         string
	ownLine      bool // nothing but blanks before it on its line
}

func ownLine(src []byte, off int) bool {
	for i := off - 1; i >= 0 && src[i] != '\n'; i-- {
		if src[i] != ' ' && src[i] != '\t' && src[i] != '\r' && src[i] != '\f' {
			return false
		}
	}
	return true
}

type printer struct {
	f        *dsl.File
	src      []byte
	comments []comment
	next     int         // first comment not printed yet
	closing  map[int]int // offset of each "{" -> its "}"
	opens    []int       // the keys of closing, in order, to search

	out     strings.Builder
	line    string // the line being built; trailing comments join it
	started bool   // something was printed at the current nesting level
}

// flush ends the current line.
func (p *printer) flush() {
	p.out.WriteString(strings.TrimRight(p.line, " ") + "\n")
	p.line = ""
}

// emit starts a new output line (ending the one being built).
func (p *printer) emit(indent, text string) {
	if p.line != "" {
		p.flush()
	}
	p.line = indent + text
}

func (p *printer) blank() {
	if p.line != "" {
		p.flush()
	}
	p.out.WriteString("\n")
}

// blankAbove reports whether what starts at offset begins its source line
// and the line above is empty, so a paragraph break the author made inside
// a block is kept (and none is made before the second item of a block
// written on one line after a blank line).
func (p *printer) blankAbove(off int) bool {
	i := off
	for i > 0 && p.src[i-1] != '\n' {
		i--
	}
	if i == 0 || strings.TrimSpace(string(p.src[i:off])) != "" {
		return false
	}
	j := i - 1 // the '\n' ending the line above
	k := j
	for k > 0 && p.src[k-1] != '\n' {
		k--
	}
	return strings.TrimSpace(string(p.src[k:j])) == ""
}

// leading prints the comments before offset, each on its own line.
func (p *printer) leading(off int, indent string) {
	for p.next < len(p.comments) && p.comments[p.next].offset < off {
		c := p.comments[p.next]
		if p.started && p.blankAbove(c.offset) {
			p.blank()
		}
		p.emit(indent, c.text)
		p.started = true
		p.next++
	}
}

// trailing appends the comments after code on the current item's lines,
// up to limit.
func (p *printer) trailing(limit int) {
	for p.next < len(p.comments) && p.comments[p.next].offset < limit && !p.comments[p.next].ownLine {
		p.line += " " + p.comments[p.next].text
		p.next++
	}
}

// item prints one line of a block at offset off, with its comments.
func (p *printer) item(off, limit int, indent, text string) {
	p.leading(off, indent)
	if p.started && p.blankAbove(off) {
		p.blank()
	}
	p.emit(indent, text)
	p.started = true
	p.trailing(limit)
}

func (p *printer) file() {
	decls := p.f.Decls
	for i, d := range decls {
		start := declPos(d)
		limit := len(p.src) + 1
		if i+1 < len(decls) {
			limit = declPos(decls[i+1])
		}
		// A blank line between declarations where the author left one
		// (several become one); the declaration's own comments stay
		// attached to it.
		first := start
		if p.next < len(p.comments) && p.comments[p.next].offset < start {
			first = p.comments[p.next].offset
		}
		if p.out.Len() > 0 || p.line != "" {
			if p.blankAbove(first) {
				p.blank()
			} else if p.line != "" {
				p.flush()
			}
		}
		p.started = false
		for p.next < len(p.comments) && p.comments[p.next].offset < start {
			c := p.comments[p.next]
			if p.started && p.blankAbove(c.offset) {
				p.blank()
			}
			p.emit("", c.text)
			p.started = true
			p.next++
		}
		if p.started && p.blankAbove(start) {
			p.blank()
		}
		switch {
		case d.Schema != nil:
			p.emit("", "schema "+d.Schema.Name.Value)
			p.trailing(limit)
		case d.Extension != nil:
			p.emit("", "extension "+d.Extension.Name.Value)
			p.trailing(limit)
		case d.Type != nil:
			p.emit("", typeDecl(d.Type))
			p.trailing(limit)
		case d.Domain != nil:
			p.emit("", p.domainDecl(d.Domain))
			p.trailing(limit)
		case d.Enum != nil:
			p.enum(d.Enum, limit)
		case d.Entity != nil:
			p.entity(d.Entity, limit)
		case d.Relationship != nil:
			p.relationship(d.Relationship, limit)
		case d.Sequence != nil:
			p.emit("", "sequence "+d.Sequence.Name.Value+sequenceOptions(d.Sequence.Options))
			p.trailing(limit)
		}
	}
	// Comments after the last declaration.
	p.started = p.out.Len() > 0 || p.line != ""
	if p.next < len(p.comments) && p.started {
		if p.blankAbove(p.comments[p.next].offset) {
			p.blank()
		} else if p.line != "" {
			p.flush()
		}
		p.started = false
	}
	p.leading(len(p.src)+1, "")
	if p.line != "" {
		p.flush()
	}
}

func declPos(d *dsl.Decl) int {
	switch {
	case d.Schema != nil:
		return d.Schema.Pos.Offset
	case d.Extension != nil:
		return d.Extension.Pos.Offset
	case d.Type != nil:
		return d.Type.Pos.Offset
	case d.Domain != nil:
		return d.Domain.Pos.Offset
	case d.Enum != nil:
		return d.Enum.Pos.Offset
	case d.Entity != nil:
		return d.Entity.Pos.Offset
	case d.Sequence != nil:
		return d.Sequence.Pos.Offset
	}
	return d.Relationship.Pos.Offset
}

// braces returns the offsets of the first block's "{" and "}" in
// [from, to), or -1, -1 when there is none.
func (p *printer) braces(from, to int) (int, int) {
	i, _ := slices.BinarySearch(p.opens, from)
	if i == len(p.opens) || p.opens[i] >= to {
		return -1, -1
	}
	return p.opens[i], p.closing[p.opens[i]]
}

// commentsWithin reports whether a comment lies between two offsets.
func (p *printer) commentsWithin(from, to int) bool {
	// The comments are in source order, so the first one after from
	// decides.
	rest := p.comments[p.next:]
	i := sort.Search(len(rest), func(i int) bool { return rest[i].offset > from })
	return i < len(rest) && rest[i].offset < to
}

func (p *printer) enum(d *dsl.EnumDecl, limit int) {
	head, headEnd := "enum "+d.Name.Value+" {", d.Name.EndPos.Offset
	if d.Type != nil {
		head, headEnd = "enum "+d.Name.Value+" as "+d.Type.Value+" {", d.Type.EndPos.Offset
	}
	if d.Was != nil {
		head, headEnd = strings.TrimSuffix(head, " {")+" was "+d.Was.Value+" {", d.Was.EndPos.Offset
	}
	open, close := p.braces(headEnd, limit)
	vals := make([]string, len(d.Values))
	for i, v := range d.Values {
		vals[i] = enumValue(v)
	}
	oneLine := head + " " + strings.Join(vals, " ") + " }"
	if len(d.Values) == 0 {
		oneLine = head + "}"
	}
	if !p.commentsWithin(open, close) && len(oneLine) <= 100 {
		p.emit("", oneLine)
		p.trailing(limit)
		return
	}
	p.emit("", head)
	p.started = false
	firstLimit := close
	if len(d.Values) > 0 {
		firstLimit = d.Values[0].Pos.Offset
	}
	p.trailing(firstLimit)
	for i, v := range d.Values {
		next := close
		if i+1 < len(d.Values) {
			next = d.Values[i+1].Pos.Offset
		}
		p.item(v.Pos.Offset, next, "  ", enumValue(v))
	}
	p.closeBlock(close, limit)
}

func nameList(ns []*dsl.Name) string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = n.Value
	}
	return strings.Join(out, ", ")
}

func enumValue(v *dsl.EnumValue) string {
	if v.Was != "" {
		return v.Value + " was " + v.Was
	}
	return v.Value
}

// closeBlock prints the comments left inside a block, then its "}".
func (p *printer) closeBlock(close, limit int) {
	p.leading(close, "  ")
	p.emit("", "}")
	p.trailing(limit)
}

func (p *printer) entity(d *dsl.EntityDecl, limit int) {
	header, after := "entity "+d.Name.Value, d.Name.EndPos.Offset
	if d.Was != nil {
		header, after = header+" was "+d.Was.Value, d.Was.EndPos.Offset
	}
	open, close := p.braces(after, limit)
	if len(d.Items) == 0 && !p.commentsWithin(open, close) {
		p.emit("", header+" {}")
		p.trailing(limit)
		return
	}
	block(p, header, d.Items, close, limit,
		func(it *dsl.EntityItem) (*dsl.Attribute, int) { return it.Attribute, it.Pos.Offset }, p.entityItem)
}

func (p *printer) entityItem(it *dsl.EntityItem, width int) string {
	switch {
	case it.PrimaryKey != nil:
		return "pk " + columnList(it.PrimaryKey) + as(it.PKName)
	case it.Unique != nil:
		return "unique " + p.indexDecl(it.Unique)
	case it.Index != nil:
		return "index " + p.indexDecl(it.Index)
	case it.Check != nil:
		return "check " + p.paren(it.Check) + as(it.CheckName) + notValid(it.NotValid)
	case it.Comment != nil:
		return "comment " + it.Comment.Value
	case it.Table != nil:
		return "table " + it.Table.Value
	case it.Partition != nil:
		return "partition " + p.partition(it.Partition)
	case it.Exclude != nil:
		return "exclude " + p.exclude(it.Exclude)
	}
	return p.attribute(it.Attribute, width)
}

// exclude is an exclude clause after its keyword, the method first
// wherever it was written.
func (p *printer) exclude(d *dsl.ExcludeDecl) string {
	elems := make([]string, len(d.Elems))
	for i, el := range d.Elems {
		elems[i] = p.indexKey(&dsl.IndexKey{Expr: el.Expr, Column: el.Column, Args: el.Args, Collate: el.Collate, OpClass: el.OpClass}) +
			" with " + strings.Join(el.Operator.Tokens, "")
	}
	s, opts := "", d.Options
	if d.Using != nil {
		s = "using " + d.Using.Value + " "
	} else if i := slices.IndexFunc(opts, func(o *dsl.IndexOption) bool { return o.Using != nil }); i >= 0 {
		s = "using " + opts[i].Using.Value + " "
		opts = slices.Delete(slices.Clone(opts), i, i+1)
	}
	return s + "(" + strings.Join(elems, ", ") + ")" + p.indexOptions(opts)
}

// partition is a partition clause after its keyword.
func (p *printer) partition(d *dsl.Partition) string {
	if d.By != nil {
		return p.partitionBy(d.By)
	}
	b := d.Bound
	s := b.Name.Value
	if b.Of != nil {
		s += " of " + b.Of.Value
	}
	switch {
	case b.Default:
		s += " default"
	case b.Range != nil:
		s += " from " + p.paren(b.Range.From) + " to " + p.paren(b.Range.To)
	case b.In != nil:
		s += " in " + p.paren(b.In)
	default:
		s += " with (modulus " + b.Hash.Modulus + ", remainder " + b.Hash.Remainder + ")"
	}
	if b.By != nil {
		s += " partition " + p.partitionBy(b.By)
	}
	return s
}

// partitionBy is a partitioning's method and key after `partition`.
func (p *printer) partitionBy(by *dsl.PartitionBy) string {
	keys := make([]string, len(by.Key.Keys))
	for i, k := range by.Key.Keys {
		keys[i] = p.indexKey(k)
	}
	return "by " + by.Method.Value + " (" + strings.Join(keys, ", ") + ")"
}

func (p *printer) attribute(a *dsl.Attribute, width int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-*s %s", width, a.Name.Value, typeRef(a.Type))
	for _, o := range a.Options {
		b.WriteString(" ")
		switch {
		case o.PrimaryKey:
			b.WriteString("pk")
		case o.Unique:
			b.WriteString("unique")
		case o.Default != nil:
			b.WriteString("= " + p.f.Text(o.Default.Pos, o.Default.EndPos))
		case o.Check != nil:
			b.WriteString("check " + p.paren(o.Check))
		case o.Identity == "always":
			b.WriteString("generated always as identity" + identitySettings(o))
		case o.Identity != "":
			b.WriteString("generated by default as identity" + identitySettings(o))
		case o.Comment != nil:
			b.WriteString("comment " + o.Comment.Value)
		case o.Was != nil:
			b.WriteString("was " + o.Was.Value)
		case o.Generated != nil:
			b.WriteString("generated " + p.paren(o.Generated))
		case o.Go != nil:
			b.WriteString("go " + o.Go.Value)
		case o.Collate != nil:
			b.WriteString("collate " + o.Collate.Value)
		case o.Name != nil:
			b.WriteString("as " + o.Name.Value)
		case o.NotValid:
			b.WriteString("not valid")
		}
	}
	return b.String()
}

// paren is a parenthesised SQL expression as written: ergen does not
// re-spell SQL.
func (p *printer) paren(x *dsl.Paren) string { return p.f.Text(x.Pos, x.EndPos) }

// typeDecl is a `type` declaration on one line.
func typeDecl(d *dsl.TypeDecl) string {
	s := "type " + d.Name.Value
	if d.Go != nil {
		s += " go " + d.Go.Value
	}
	return s
}

// domainDecl is a `domain` declaration on one line.
func (p *printer) domainDecl(d *dsl.DomainDecl) string {
	s := "domain " + d.Name.Value + as(d.SQLName) + " " + typeRef(d.Type)
	for _, o := range d.Options {
		switch {
		case o.Check != nil:
			s += " check " + p.paren(o.Check) + as(o.CheckName)
		case o.Default != nil:
			s += " = " + p.f.Text(o.Default.Pos, o.Default.EndPos)
		case o.NotNull:
			s += " not null"
		case o.Collate != nil:
			s += " collate " + o.Collate.Value
		}
	}
	return s
}

func typeRef(t *dsl.TypeRef) string {
	s := t.Name
	if t.Second != "" {
		s += " " + t.Second
	}
	if len(t.Params) > 0 {
		s += "(" + strings.Join(t.Params, ", ") + ")"
	}
	s += intervalFields(t.Fields)
	if t.TimeZone != "" {
		s += " " + t.TimeZone + " time zone"
	}
	s += strings.Join(t.Array, "")
	if t.Nullable {
		s += "?"
	}
	return s
}

// as is the ` as NAME` that names a key or check, or "".
func as(n *dsl.Name) string {
	if n == nil {
		return ""
	}
	return " as " + n.Value
}

func columnList(l *dsl.ColumnList) string {
	names := make([]string, len(l.Columns))
	for i, n := range l.Columns {
		names[i] = n.Value
	}
	return "(" + strings.Join(names, ", ") + ")"
}

// indexDecl is the keys and options of a unique or index clause, on one
// line; expressions as written.
func (p *printer) indexDecl(d *dsl.IndexDecl) string {
	keys := make([]string, len(d.Keys))
	for i, k := range d.Keys {
		keys[i] = p.indexKey(k)
	}
	s := "(" + strings.Join(keys, ", ") + ")"
	if d.Index {
		s = "index " + s
	}
	return s + p.indexOptions(d.Options)
}

// indexKey is one key of an index, unique or exclude clause.
func (p *printer) indexKey(k *dsl.IndexKey) string {
	var s string
	switch {
	case k.Expr != nil:
		s = p.paren(k.Expr)
	case k.Args != nil:
		s = k.Column.Value + p.paren(k.Args)
	default:
		s = k.Column.Value
	}
	if k.Collate != nil {
		s += " collate " + k.Collate.Value
	}
	if k.OpClass != nil {
		s += " " + k.OpClass.Value
	}
	if k.Order != "" {
		s += " " + k.Order
	}
	if k.Nulls != "" {
		s += " nulls " + k.Nulls
	}
	return s
}

// indexOptions are the options of an index, unique or exclude clause,
// each with a leading space.
func (p *printer) indexOptions(opts []*dsl.IndexOption) string {
	var s string
	for _, o := range opts {
		switch {
		case o.Using != nil:
			s += " using " + o.Using.Value
		case o.Include != nil:
			s += " include " + columnList(o.Include)
		case o.Where != nil:
			s += " where " + p.paren(o.Where)
		case o.NullsNotDistinct:
			s += " nulls not distinct"
		case o.Name != nil:
			s += as(o.Name)
		}
	}
	return s
}

func (p *printer) relationship(d *dsl.RelationshipDecl, limit int) {
	var b strings.Builder
	b.WriteString("relationship " + d.Left.Value)
	for _, o := range d.Others {
		b.WriteString(" | " + o.Value)
	}
	fmt.Fprintf(&b, " %s %s", d.Card.Value, d.Right.Value)
	// Header clauses in one order: via, as, was, shared key.
	for _, h := range d.Header {
		if h.Via != nil {
			b.WriteString(" via " + h.Via.Value)
		}
	}
	for _, h := range d.Header {
		if h.ViaWas != nil {
			b.WriteString(" was via " + h.ViaWas.Value)
		}
	}
	for _, h := range d.Header {
		if len(h.Roles) > 0 {
			b.WriteString(" as " + nameList(h.Roles))
		}
	}
	for _, h := range d.Header {
		if len(h.RolesWas) > 0 {
			b.WriteString(" was " + nameList(h.RolesWas))
		}
	}
	for _, h := range d.Header {
		if h.SharedKey {
			b.WriteString(" shared key")
		}
	}
	open, close := p.braces(d.Right.EndPos.Offset, limit)
	if open < 0 || (len(d.Items) == 0 && !p.commentsWithin(open, close)) {
		p.emit("", b.String())
		p.trailing(limit)
		return
	}
	block(p, b.String(), d.Items, close, limit,
		func(it *dsl.RelItem) (*dsl.Attribute, int) { return it.Attribute, it.Pos.Offset }, p.relItem)
}

// block prints a block that has items: the header and "{", each item with
// the comments around it and attribute names aligned, then "}". of gives
// an item's attribute (nil for a clause) and its offset in the source.
func block[T any](p *printer, header string, items []T, close, limit int, of func(T) (*dsl.Attribute, int), render func(T, int) string) {
	p.emit("", header+" {")
	p.started = false
	width := 0
	for _, it := range items {
		if a, _ := of(it); a != nil {
			width = max(width, utf8.RuneCountInString(a.Name.Value)) // as %-*s pads: by runes
		}
	}
	if len(items) > 0 {
		_, first := of(items[0])
		p.trailing(first)
	} else {
		p.trailing(close)
	}
	for i, it := range items {
		next := close
		if i+1 < len(items) {
			_, next = of(items[i+1])
		}
		_, at := of(it)
		p.item(at, next, "  ", render(it, width))
	}
	p.closeBlock(close, limit)
}

func side(n *dsl.Name) string {
	if n == nil {
		return ""
	}
	return n.Value + " "
}

func (p *printer) relItem(it *dsl.RelItem, width int) string {
	switch {
	case it.Required:
		return "required"
	case it.Optional:
		return "optional"
	case it.On != nil:
		s := "on " + it.On.Event + " " + side(it.On.Side) + strings.ToLower(strings.Join(it.On.Action.Words, " "))
		if it.On.Action.Columns != nil {
			s += " " + columnList(it.On.Action.Columns)
		}
		return s
	case it.Deferrable != nil:
		switch {
		case it.Deferrable.Not:
			return "not deferrable"
		case it.Deferrable.Initially != "":
			return "deferrable initially " + it.Deferrable.Initially
		}
		return "deferrable"
	case it.Constraint != nil:
		return "constraint " + side(it.Constraint.Side) + it.Constraint.Name.Value
	case it.Column != nil:
		was := ""
		switch c := it.Column; {
		case c.WasColumns != nil:
			was = " was " + columnList(c.WasColumns)
		case c.WasSingle != nil:
			was = " was " + c.WasSingle.Value
		}
		if it.Column.Columns != nil {
			return "columns " + side(it.Column.Side) + columnList(it.Column.Columns) + was
		}
		return "column " + side(it.Column.Side) + it.Column.Single.Value + was
	case it.References != nil:
		return "references " + columnList(it.References)
	case it.NoIndex != nil:
		return strings.TrimSpace("no index " + side(it.NoIndex.Side))
	case it.Key != nil:
		s := "key"
		if it.Key.Kind != "" {
			s += " " + it.Key.Kind
		}
		if it.Key.Column != nil {
			s += " (" + it.Key.Column.Value + ")"
		}
		if it.Key.Name != nil {
			s += " as " + it.Key.Name.Value
		}
		return s
	case it.Unique != nil:
		return "unique " + p.indexDecl(it.Unique)
	case it.Index != nil:
		return "index " + p.indexDecl(it.Index)
	case it.Match != "":
		return "match " + it.Match
	case it.NotValid:
		return "not valid"
	case it.Table != nil:
		return "table " + it.Table.Value
	case it.Comment != nil:
		return "comment " + it.Comment.Value
	}
	return p.attribute(it.Attribute, width)
}
