package importer

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator/importer/catalog"
	"github.com/ergen-dev/ergen/generator/model"
)

// notePrefix starts every comment the importer writes about something it
// could not reproduce.
const notePrefix = "// ergen import: "

// writer accumulates the .er text.
type writer struct {
	b     strings.Builder
	lines int // lines written, to tell the model's positions apart
}

func (w *writer) line(indent int, format string, args ...any) {
	start := w.b.Len()
	for range indent {
		w.b.WriteString("  ")
	}
	fmt.Fprintf(&w.b, format, args...)
	w.b.WriteByte('\n')
	w.lines += strings.Count(w.b.String()[start:], "\n")
}

func (w *writer) notes(indent int, notes []string) {
	for _, n := range notes {
		w.line(indent, "%s%s", notePrefix, n)
	}
}

// render writes the model as it stands. Its layout need not be canonical:
// Import formats the final text.
func (im *importer) render() []byte {
	w := &writer{}
	im.nameAt, im.blockAt = map[int][]nameRef{}, map[int][]fkID{}
	w.notes(0, im.schemaNote)
	if im.cat.Schema != "public" && isName(im.cat.Schema) {
		w.line(0, "schema %s\n", im.cat.Schema)
	}
	for _, x := range im.cat.Extensions {
		w.line(0, "extension %s\n", nameOrString(x))
	}
	for _, typ := range im.cat.ByName {
		if n := quotedName(im.cat.ByName, typ); n != "" {
			w.line(0, "type %s\n", n)
		}
	}
	for _, e := range im.enums {
		w.notes(0, e.notes)
		if e.name == "" {
			continue
		}
		vals := make([]string, len(e.e.Values))
		for i, v := range e.e.Values {
			vals[i], _ = quote(v)
		}
		w.line(0, "enum %s%s { %s }\n", e.name, im.asName(w, "enum", "enum:"+e.e.Name, e.e.Name), strings.Join(vals, ", "))
	}
	im.renderDomains(w)
	im.renderSequences(w)
	for _, ent := range im.ents {
		if ent.junction == nil {
			im.renderEntity(w, ent)
		}
	}
	for _, rel := range im.rels {
		im.renderRelationship(w, rel)
	}
	return []byte(w.b.String())
}

func (im *importer) renderEntity(w *writer, ent *entity) {
	t := ent.t
	ent.placed = nil
	if ent.why != "" {
		w.line(0, "// %s", ent.why)
	}
	w.notes(0, ent.inferNotes)
	w.notes(0, ent.diffs)
	w.line(0, "entity %s {", ent.name)
	if ent.tableClause || im.explicit {
		w.line(1, "table %s", erString(t.Name))
	}
	derived := im.derived(ent)
	pk := t.PrimaryKey
	if pk != nil && slices.ContainsFunc(pk.Columns, func(c string) bool { return ent.cols[c].omit != "" }) {
		ent.place(w, []string{fmt.Sprintf("primary key %s (%s): one of its columns cannot be declared", pk.Name, strings.Join(pk.Columns, ", "))})
		pk = nil
	}
	consumed := maps.Clone(ent.consumed)
	for _, c := range t.Columns {
		col := ent.cols[c.Name]
		if derived[c.Name] {
			continue
		}
		if col.omit != "" {
			ent.place(w, []string{col.omit})
			continue
		}
		ent.place(w, col.notes)
		w.line(1, "%s", im.attribute(w, ent, c, pk, consumed))
	}
	if pk != nil && ent.shared == nil && len(pk.Columns) > 1 {
		w.line(1, "pk (%s)%s", strings.Join(pk.Columns, ", "), im.asName(w, "pk", "pk:"+t.Name, pk.Name))
	}
	for _, k := range t.Uniques {
		if consumed[k.Name] || im.left["uq:"+t.Name+":"+k.Name] != "" {
			continue
		}
		if slices.ContainsFunc(k.Columns, func(c string) bool { return ent.cols[c].omit != "" }) {
			ent.place(w, []string{fmt.Sprintf("unique key %s (%s): one of its columns cannot be declared", k.Name, strings.Join(k.Columns, ", "))})
			continue
		}
		w.line(1, "unique (%s)%s%s", strings.Join(k.Columns, ", "), keyOptionsOf(t, k.Name), im.asName(w, "uq", "uq:"+t.Name+":"+k.Name, k.Name))
	}
	for _, ix := range im.declaredIndexes(ent) {
		if why := im.indexInexpressible(ent, ix); why != "" {
			ent.place(w, []string{fmt.Sprintf("index %s: %s", ix.Name, why)})
			continue
		}
		ent.place(w, im.namedCollations("index "+ix.Name, ix))
		w.line(1, "%s", im.indexLine(w, ent, ix))
	}
	im.renderExclusions(w, ent)
	for i, ck := range ent.tableChecks {
		name := ent.tableCheckNames[i]
		w.line(1, "check %s%s%s", ck, im.asName(w, "ck", "ck:"+t.Name+":"+name, name), ent.notValidWord(name))
	}
	if t.Comment != "" {
		if q, ok := quote(t.Comment); ok {
			w.line(1, "comment %s", q)
		} else {
			ent.place(w, []string{"the table's comment holds a line break, which an .er string cannot"})
		}
	}
	lines, _ := partitionClauses(t)
	for _, l := range lines {
		w.line(1, "%s", l)
	}
	w.line(0, "}\n")
}

// declaredIndexes are the indexes of ent's table that its block
// declares: all but those of its keys and exclusion constraints and the
// ones ergen adds for its
// foreign keys. A foreign key's index under a name ergen would not give
// it is declared, and stands for the one ergen adds.
func (im *importer) declaredIndexes(ent *entity) []*catalog.Index {
	var out []*catalog.Index
	for i := range ent.t.Indexes {
		ix := &ent.t.Indexes[i]
		if !(ix.Constraint != "" || im.fkIndex(ent, ix) && !im.named["ix:"+ent.t.Name+":"+ix.Name] || im.left["ix:"+ent.t.Name+":"+ix.Name] != "") {
			out = append(out, ix)
		}
	}
	return out
}

// indexLine is the clause declaring ix, with its name when ergen would
// derive another.
func (im *importer) indexLine(w *writer, ent *entity, ix *catalog.Index) string {
	return indexClause(ix) + im.asName(w, "ix", "ix:"+ent.t.Name+":"+ix.Name, ix.Name)
}

// place writes a note inside the entity's block and keeps it for Notes.
func (e *entity) place(w *writer, notes []string) {
	e.placed = append(e.placed, notes...)
	w.notes(1, notes)
}

// derived returns the columns of ent that its relationships add: the
// shared key's, and, when the entity leaves them out, the FK columns that
// need nothing an attribute would say.
func (im *importer) derived(ent *entity) map[string]bool {
	out := map[string]bool{}
	if ent.shared != nil {
		for _, c := range ent.shared.side[0].fk.Columns {
			out[c] = true
		}
	}
	if !ent.undeclare {
		return out
	}
	for _, rel := range im.rels {
		if rel.child != ent || rel.shared {
			continue
		}
		// A column of another type than its key stays declared: the
		// column ergen adds has the key's type; so do the columns of an
		// FK whose ON DELETE lists some, which may differ in nullability.
		// A column another key shares stays declared, as do the other
		// columns of its keys, which may differ in nullability.
		same := sameTypes(ent, rel.side[0].parent, rel.side[0].fk) && rel.side[0].fk.OnDeleteColumns == nil && !im.sharedKey(ent, rel.side[0].fk)
		for _, name := range rel.side[0].fk.Columns {
			col := ent.cols[name]
			inKey := ent.t.PrimaryKey != nil && slices.Contains(ent.t.PrimaryKey.Columns, name)
			if same && !inKey && col.def == "" && col.comment == "" && len(col.notes) == 0 && len(ent.colChecks[name]) == 0 {
				out[name] = true
			}
		}
	}
	return out
}

// nameOrString writes a name bare when .er can, else as a string.
func nameOrString(s string) string {
	if isName(s) {
		return s
	}
	return erString(s)
}

// erString writes the name s as an .er string, in double quotes as
// models write names (`table "order"`); a name holding a line break,
// which no .er string can, is written with spaces for it (the comparison
// of the catalogs then reports the name).
func erString(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '\r' || r == '\n' {
			return ' '
		}
		return r
	}, s)
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// columnOptions are an attribute's default, checks, identity and comment.
func (im *importer) columnOptions(w *writer, ent *entity, c catalog.Column, col *column) []string {
	var opts []string
	if col.def != "" {
		opts = append(opts, "= "+col.def)
	}
	for i, ck := range ent.colChecks[c.Name] {
		opt := "check " + ck
		if ent.junction == nil {
			name := ent.colCheckNames[c.Name][i]
			opt += im.asName(w, "ck", "ck:"+ent.t.Name+":"+name, name)
		}
		opt += ent.notValidWord(ent.colCheckNames[c.Name][i])
		opts = append(opts, opt)
	}
	if col.genAs != "" {
		opts = append(opts, "generated "+col.genAs)
	}
	if c.Collation != "" && !catalog.QualifiedCollation(c.Collation) {
		opts = append(opts, "collate "+erString(c.Collation))
	}
	if col.comment != "" {
		opts = append(opts, "comment "+col.comment)
	}
	return opts
}

// identity is the identity option of c, written next to its type as
// models write it (`integer generated always as identity pk`), with the
// settings of its sequence that are not the ones the column gets by
// itself (`generated always as identity (start 1000 increment 5)`).
func identity(c catalog.Column) []string {
	settings := ""
	if c.IdentitySettings != "" {
		settings = " (" + c.IdentitySettings + ")"
	}
	switch c.Identity {
	case "ALWAYS":
		return []string{"generated always as identity" + settings}
	case "BY DEFAULT":
		return []string{"generated by default as identity" + settings}
	}
	return nil
}

// attribute is the line declaring column c of an entity; a single-column
// UNIQUE it writes as an option is marked consumed.
func (im *importer) attribute(w *writer, ent *entity, c catalog.Column, pk *catalog.Key, consumed map[string]bool) string {
	col := ent.cols[c.Name]
	opts := []string{col.typ}
	if !c.NotNull && !(pk != nil && slices.Contains(pk.Columns, c.Name)) {
		opts[0] += "?"
	}
	opts = append(opts, identity(c)...)
	if pk != nil && ent.shared == nil && len(pk.Columns) == 1 && pk.Columns[0] == c.Name {
		opts = append(opts, "pk"+im.asName(w, "pk", "pk:"+ent.t.Name, pk.Name))
	}
	for _, k := range ent.t.Uniques {
		if len(k.Columns) == 1 && k.Columns[0] == c.Name && !consumed[k.Name] && keyOptionsOf(ent.t, k.Name) == "" && im.left["uq:"+ent.t.Name+":"+k.Name] == "" {
			opts = append(opts, "unique"+im.asName(w, "uq", "uq:"+ent.t.Name+":"+k.Name, k.Name))
			consumed[k.Name] = true
			break
		}
	}
	opts = append(opts, im.columnOptions(w, ent, c, col)...)
	return c.Name + " " + strings.Join(opts, " ")
}

// keyOptionsOf is the INCLUDE and NULLS NOT DISTINCT of the UNIQUE
// constraint name of t, as options of a `unique` clause.
func keyOptionsOf(t *catalog.Table, name string) string {
	opts := ""
	for _, ix := range t.Indexes {
		if ix.Constraint != name {
			continue
		}
		if len(ix.Include) > 0 {
			opts += " include (" + strings.Join(ix.Include, ", ") + ")"
		}
		if ix.NullsNotDistinct {
			opts += " nulls not distinct"
		}
	}
	return opts
}

// indexInexpressible says why an `index` or `unique` clause cannot
// declare ix, or "".
func (im *importer) indexInexpressible(ent *entity, ix *catalog.Index) string {
	for i, c := range ix.Columns {
		if i < len(ix.Exprs) && ix.Exprs[i] != "" {
			continue
		}
		if col := ent.cols[c]; col == nil || col.omit != "" {
			return fmt.Sprintf("its key %s is not a column of the model", c)
		}
	}
	for _, c := range ix.Include {
		if col := ent.cols[c]; col == nil || col.omit != "" {
			return fmt.Sprintf("its INCLUDE column %s is not a column of the model", c)
		}
	}
	if coll := unwritableKeyCollation(ix); coll != "" {
		return fmt.Sprintf(".er cannot write the collation %s of its key", coll)
	}
	if !im.reads(indexClause(ix)) {
		return fmt.Sprintf("%s: .er cannot write its keys or predicate", ix.Name)
	}
	return ""
}

// reads reports whether clause reads as an entity's clause in .er. Every
// render asks again; the clause is parsed once.
func (im *importer) reads(clause string) bool {
	ok, seen := im.clauseReads[clause]
	if !seen {
		_, diags := dsl.Parse("index.er", []byte(fmt.Sprintf("entity X {\n  %s\n}\n", clause)))
		ok = !diags.HasErrors()
		im.clauseReads[clause] = ok
	}
	return ok
}

// indexClause is the `index` or `unique` clause declaring ix, without
// its name.
func indexClause(ix *catalog.Index) string {
	clause := "index"
	if ix.Unique {
		clause = "unique"
		if plainUniqueIndex(ix) {
			clause = "unique index"
		}
	}
	clause += " (" + strings.Join(indexKeys(ix), ", ") + ")"
	if ix.Method != "btree" && ix.Method != "" {
		clause += " using " + ix.Method
	}
	return clause + indexTail(ix)
}

// indexTail is what follows the keys and method of ix's clause: its
// INCLUDE columns, predicate and NULLS NOT DISTINCT, each with a leading
// space.
func indexTail(ix *catalog.Index) string {
	var clause string
	if len(ix.Include) > 0 {
		clause += " include (" + strings.Join(ix.Include, ", ") + ")"
	}
	if ix.Predicate != "" {
		clause += " where " + parenthesised(string(ix.Predicate))
	}
	if ix.NullsNotDistinct {
		clause += " nulls not distinct"
	}
	return clause
}

var reCall = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_$.]*\(`)

// indexExpr writes an expression key as .er takes it: a function call as
// it is, anything else in parentheses.
func indexExpr(e string) string {
	if reCall.MatchString(e) && strings.HasSuffix(e, ")") && balanced(e[strings.IndexByte(e, '(')+1:len(e)-1]) {
		return e
	}
	return parenthesised(e)
}

// parenthesised wraps e in parentheses unless one pair already holds all of it.
func parenthesised(e string) string {
	if strings.HasPrefix(e, "(") && strings.HasSuffix(e, ")") && balanced(e[1:len(e)-1]) {
		return e
	}
	return "(" + e + ")"
}

// fkIndex reports whether ix is the index ergen adds for a foreign key of
// the table on its own: over exactly the FK's columns, the only index or
// key leading with them.
func (im *importer) fkIndex(ent *entity, ix *catalog.Index) bool {
	if ix.Unique || ix.Constraint != "" || ix.Method != "btree" || ix.Predicate != "" || len(ix.Collations) > 0 ||
		len(ix.Exprs) > 0 || len(ix.KeyOptions) > 0 || len(ix.Include) > 0 {
		return false
	}
	for _, rel := range im.rels {
		if rel.child != ent && rel.junction != ent {
			continue
		}
		for _, s := range rel.side {
			if !slices.Equal(s.fk.Columns, ix.Columns) {
				continue
			}
			leading := 0
			for _, other := range ent.t.Indexes {
				if other.Predicate == "" && len(other.Columns) >= len(ix.Columns) && sameSet(other.Columns[:len(ix.Columns)], ix.Columns) {
					leading++
				}
			}
			return leading == 1
		}
	}
	return false
}

var reNumbered = regexp.MustCompile(`_(\d+)$`)

// placeChecks puts each CHECK constraint on the column ergen would name it
// after (ck_<table>_<column>, then _2, _3) or on the table, table checks
// in the order of their number, and notes the ones .er cannot hold.
func (im *importer) placeChecks(ent *entity) {
	t := ent.t
	onCol, onColNames := map[string][]string{}, map[string][]string{}
	type numbered struct {
		n          int
		expr, name string
	}
	var table []numbered
	checks := slices.DeleteFunc(slices.Clone(t.Checks), func(ck catalog.Check) bool { return im.left["ck:"+t.Name+":"+ck.Name] != "" })
	notValid := map[string]bool{}
	slices.SortStableFunc(checks, func(a, b catalog.Check) int { return number(a.Name) - number(b.Name) })
	for _, ck := range checks {
		expr, ok := checkExpr(ck)
		if !ok {
			ent.inferNotes = append(ent.inferNotes, fmt.Sprintf("check %s: .er cannot write %s", ck.Name, ck.Def))
			continue
		}
		if ck.NotValid {
			notValid[ck.Name] = true
		}
		if ck.Comment != "" {
			ent.inferNotes = append(ent.inferNotes, fmt.Sprintf("check %s: .er has no comment on a check: %q", ck.Name, ck.Comment))
		}
		col := ""
		for _, c := range t.Columns {
			// ergen's ck_<table>_<column>[_n], or PostgreSQL's own
			// <table>_<column>_check[n] for a check written on a column.
			base := string(model.CheckObject) + "_" + t.Name + "_" + c.Name
			pg := t.Name + "_" + c.Name + "_check"
			if ck.Name == model.ObjectName(model.CheckObject, t.Name, c.Name) || strings.HasPrefix(ck.Name, base+"_") && reNumbered.MatchString(ck.Name[len(base):]) ||
				strings.HasPrefix(ck.Name, pg) && strings.Trim(ck.Name[len(pg):], "0123456789") == "" {
				col = c.Name
			}
		}
		if col != "" && ent.cols[col].omit == "" {
			onCol[col] = append(onCol[col], expr)
			onColNames[col] = append(onColNames[col], ck.Name)
			continue
		}
		table = append(table, numbered{number(ck.Name), expr, ck.Name})
	}
	ent.colChecks, ent.colCheckNames, ent.tableChecks, ent.tableCheckNames = onCol, onColNames, nil, nil
	ent.notValid = notValid
	for _, n := range table {
		ent.tableChecks = append(ent.tableChecks, n.expr)
		ent.tableCheckNames = append(ent.tableCheckNames, n.name)
	}
}

// number is the trailing number of a name, or 0.
func number(name string) int {
	if m := reNumbered.FindStringSubmatch(name); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n
	}
	return 0
}

var actionWords = map[string]string{
	catalog.Restrict: "restrict", catalog.Cascade: "cascade", catalog.SetNull: "set null", catalog.SetDefault: "set default",
}

func (im *importer) renderRelationship(w *writer, rel *relationship) {
	if rel.arc != nil {
		// An arc is declared once, where its first member is.
		if rel == rel.arc.members[0] {
			im.renderArc(w, rel.arc)
		}
		return
	}
	if j := rel.junction; j != nil {
		// A junction has no block of its own: its notes go above its M:N.
		w.notes(0, j.inferNotes)
		w.notes(0, j.diffs)
	}
	if rel.why != "" {
		w.line(0, "// %s", rel.why)
	}
	var items []string
	own := map[int]fkID{} // the items of one foreign key, for markBlock
	mn := rel.card == "M:N"
	l, r := rel.side[0].parent, rel.child
	header := ""
	if mn {
		l, r = rel.side[0].parent, rel.side[1].parent
		header, items = im.junctionHeader(w, rel)
		// Attributes come first in a block, as models write them.
		items = append(items, im.junctionItems(&writer{lines: w.lines}, rel)...)
	} else {
		if rel.side[0].roleClause {
			header = " as " + rel.side[0].role
		}
		if rel.shared {
			header += " shared key"
			if pk := rel.child.t.PrimaryKey; pk != nil {
				if as := im.asName(w, "pk", "pk:"+rel.child.t.Name, pk.Name); as != "" {
					items = append(items, "key"+as)
				}
			}
		}
	}
	for i, s := range rel.side {
		name := ""
		if mn {
			name = [2]*entity{l, r}[i].name + " "
			// A role that leads a clause cannot name its side; the
			// entity can, and junction renamed such a role of a
			// self-reference.
			if (rel.side[0].roleClause || rel.side[1].roleClause) && dsl.IsSideName(s.role) {
				name = s.role + " "
			}
		}
		start := len(items)
		items = append(items, im.sideItems(rel, s, name)...)
		ownItems(own, items, start, rel, s.fk)
	}
	items = append(items, deferrable(rel.side[0].fk)...)
	if mn {
		// The header is the next line, so item i will be line w.lines+2+i.
		at := &writer{lines: w.lines + 1 + len(items)}
		for _, ix := range im.declaredIndexes(rel.junction) {
			// One the block cannot declare is left to the comparison of
			// the catalogs, which makes the junction an entity again.
			if im.indexInexpressible(rel.junction, ix) == "" {
				items = append(items, im.indexLine(at, rel.junction, ix))
				at.lines++
			}
		}
	}
	first := w.lines + 1
	w.line(0, "relationship %s %s %s%s {", l.name, rel.card, r.name, header)
	for _, it := range items {
		w.line(1, "%s", it)
	}
	w.line(0, "}\n")
	im.markBlock(w, first, own, rel)
}

// deferrable is the clause of a relationship whose foreign key fk is
// deferrable.
func deferrable(fk *catalog.ForeignKey) []string {
	switch {
	case fk.InitiallyDeferred:
		return []string{"deferrable initially deferred"}
	case fk.Deferrable:
		return []string{"deferrable"}
	}
	return nil
}

// junctionHeader is what an M:N's header adds after its entities (roles,
// via) and its key and table clauses.
func (im *importer) junctionHeader(w *writer, rel *relationship) (header string, items []string) {
	if rel.side[0].roleClause || rel.side[1].roleClause {
		header = " as " + rel.side[0].role + ", " + rel.side[1].role
	}
	// The key's name is learnt on the header's line, where the model
	// places the junction's key; a surrogate key's is written on its
	// attribute (junctionItems), with the UNIQUE pair's.
	as := ""
	if pk := rel.junction.t.PrimaryKey; pk != nil && !rel.keyAttr && rel.key != "surrogate" {
		as = im.asName(w, "pk", "pk:"+rel.junction.t.Name, pk.Name)
	}
	switch {
	case rel.keyAttr:
	case rel.key == "surrogate" && rel.keyCol != "id", rel.key == "line" && rel.keyCol != "line_no":
		items = append(items, fmt.Sprintf("key %s (%s)%s", rel.key, rel.keyCol, as))
	case rel.key != "composite" || as != "":
		items = append(items, "key "+rel.key+as)
	}
	// A junction on a table of its own naming is named after its table,
	// as an entity is: `via OrderItem`, with `table "order_item"` where
	// the name does not give the table back.
	if rel.junction.tableClause || im.explicit {
		via := rel.junction.name
		if isName(via) && !im.explicit {
			header = " via " + via + header
		}
		if !isName(via) || im.explicit || model.ShortenIdent(model.Plural(model.SnakeCase(via))) != rel.junction.t.Name {
			items = append(items, "table "+erString(rel.junction.t.Name))
		}
	}
	return header, items
}

// sideItems are the clauses of one foreign key of rel; name is its side
// as an M:N's clauses name it, followed by a space, or "".
func (im *importer) sideItems(rel *relationship, s *side, name string) []string {
	var items []string
	fk := s.fk
	mn := rel.card == "M:N"
	// Whether a relationship is required is written either way, as
	// models write it: it is the policy a reader looks for first.
	switch {
	case mn || rel.arc != nil: // an arc's is the arc's
	case !rel.child.cols[fk.Columns[0]].c.NotNull:
		items = append(items, "optional")
	case !rel.shared && allNotNull(rel.child, fk.Columns):
		items = append(items, "required")
	}
	switch {
	case !s.columnsClause && !im.explicit:
	case len(fk.Columns) == 1 && isName(fk.Columns[0]):
		items = append(items, fmt.Sprintf("column %s%s", name, fk.Columns[0]))
	default:
		items = append(items, fmt.Sprintf("columns %s(%s)", name, strings.Join(fk.Columns, ", ")))
	}
	if s.refsClause {
		items = append(items, fmt.Sprintf("references (%s)", strings.Join(fk.RefColumns, ", ")))
	}
	if fk.Match == "FULL" && !mn && rel.arc == nil { // an arc's composite keys match in full
		items = append(items, "match full")
	}
	if fk.NotValid && !mn {
		items = append(items, "not valid")
	}
	// A column list stays in the probe: the columns it leaves out may be
	// NOT NULL only because of it.
	noActions := im.noActions[fkID{rel.tableOf(), fk.Name}]
	if a := actionWords[fk.OnDelete]; a != "" && (!im.probe || fk.OnDeleteColumns != nil) && !noActions {
		if fk.OnDeleteColumns != nil {
			a += " (" + strings.Join(fk.OnDeleteColumns, ", ") + ")"
		}
		items = append(items, "on delete "+name+a)
	}
	if a := actionWords[fk.OnUpdate]; a != "" && !im.probe && !noActions {
		items = append(items, "on update "+name+a)
	}
	if s.nameClause || im.explicit {
		items = append(items, fmt.Sprintf("constraint %s%s", name, nameOrString(fk.Name)))
	}
	if s.noIndex {
		items = append(items, strings.TrimSpace("no index "+name))
	}
	// An M:N's comment is its junction's; the comparison of the catalogs
	// notes a comment on one of its foreign keys.
	if q, ok := quote(fk.Comment); ok && fk.Comment != "" && !mn {
		items = append(items, "comment "+q)
	}
	return items
}

// allNotNull reports whether every column of cols is NOT NULL: a
// composite FK with some nullable columns is neither optional nor
// required.
func allNotNull(ent *entity, cols []string) bool {
	for _, name := range cols {
		if !ent.cols[name].c.NotNull {
			return false
		}
	}
	return true
}

// junctionItems are the M:N's comment and attributes: the junction's
// columns other than its foreign keys and key column. hdr is where the
// header is the next line: the model places the junction's primary key
// there, and a surrogate key attribute's `pk as NAME` is recorded there.
func (im *importer) junctionItems(hdr *writer, rel *relationship) []string {
	j := rel.junction
	var items []string
	if j.t.Comment != "" {
		if q, ok := quote(j.t.Comment); ok {
			items = append(items, "comment "+q)
		}
	}
	fkCols := append(slices.Clone(rel.side[0].fk.Columns), rel.side[1].fk.Columns...)
	for _, c := range j.t.Columns {
		col := j.cols[c.Name]
		switch {
		case c.Name == rel.keyCol && !rel.keyAttr:
			continue
		case slices.Contains(fkCols, c.Name) && col.def == "" && col.comment == "":
			// ergen adds the FK columns; one with a default or a comment
			// is declared among the attributes, which the FK then uses.
			continue
		case col.omit != "":
			items = append(items, notePrefix+col.omit)
			continue
		}
		opts := []string{col.typ}
		if !c.NotNull && !slices.Contains(fkCols, c.Name) {
			opts[0] += "?"
		}
		opts = append(opts, identity(c)...)
		if c.Name == rel.keyCol {
			opts = append(opts, "pk"+im.asName(hdr, "pk", "pk:"+j.t.Name, j.t.PrimaryKey.Name))
		}
		opts = append(opts, im.columnOptions(nil, j, c, col)...)
		items = append(items, c.Name+" "+strings.Join(opts, " "))
	}
	return items
}

// notValidWord is the ` not valid` of a check added NOT VALID, or "".
func (e *entity) notValidWord(check string) string {
	if e.notValid[check] {
		return " not valid"
	}
	return ""
}
