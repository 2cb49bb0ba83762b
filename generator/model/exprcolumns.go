package model

import (
	"strings"

	"github.com/ergen-dev/ergen/dsl"
)

// ExprColumns returns the columns of t that an expression over its rows
// (an index key's lower(email)) names, in t's order: every word of the
// expression, read as PostgreSQL reads it (dsl.ScanSQL), that is the
// name of a column, a function of the same name included, so that none
// is missed. ok is false when the expression may read the row other than
// through its columns' bare names: a name qualified by the table's
// (members.email), the table's name alone (a whole-row reference, unless
// a column has the name), or text that does not scan. A caller that
// computes the expression apart from the table, from the values of these
// columns, computes what the table's row would.
func (t *Table) ExprColumns(expr string) (cols []*Column, ok bool) {
	cols, qualified, whole, ok := t.exprRefs(t.Name, expr)
	if !ok || qualified || whole {
		return nil, false
	}
	return cols, true
}

// ExprReads returns the columns of t that an expression over its rows
// reads, in t's order, as PostgreSQL records what an index, a partition
// key or a check depends on: those ExprColumns finds, and those named
// with the table's name (members.email, "members".email,
// public.members.email), which PostgreSQL reads as the same column and
// stores unqualified. whole is true when the expression reads the whole
// row (members, members.*, (members).email; the table's name alone,
// unless a column has the name, as PostgreSQL reads a name that is both):
// PostgreSQL records that as a dependency on the table, on none of its
// columns. ok is false when the text does not scan; then the expression
// may read any column. Unlike ExprColumns' columns, these do not let the
// expression be computed apart from the table: its text may still name
// the table.
func (t *Table) ExprReads(expr string) (cols []*Column, whole, ok bool) {
	cols, _, whole, ok = t.exprRefs(t.Name, expr)
	return cols, whole, ok
}

// KeyReads is ExprReads for an expression of the key of pt, t's
// partitioning or that of one of its partitions partitioned in turn,
// over the rows of the table pt partitions, whose name qualifies its
// columns and stands for its row there (upper(docs_a.region) in the key
// of the partition docs_a).
func (t *Table) KeyReads(pt *Partitioning, expr string) (cols []*Column, whole, ok bool) {
	cols, _, whole, ok = t.exprRefs(t.partitioned(pt), expr)
	return cols, whole, ok
}

// partitioned returns the name of the table pt partitions: that of the
// partition of t partitioned by it, or t's.
func (t *Table) partitioned(pt *Partitioning) string {
	for _, p := range t.AllPartitions() {
		if p.Partitioning == pt {
			return p.Name
		}
	}
	return t.Name
}

// exprRefs reads expr, over the rows of the table named table (t, or a
// partition of t), for ExprColumns and ExprReads: the columns of t among
// its words; whether a word qualifies a name with the table's name
// (members.email); whether the expression reads the whole row. ok is
// false when it does not scan.
func (t *Table) exprRefs(table, expr string) (cols []*Column, qualified, whole, ok bool) {
	words, ok := exprWords(expr)
	if !ok {
		return nil, false, false, false
	}
	text := func(i int) string { return expr[words[i].Off:words[i].End] }
	named := map[string]bool{}
	for i, w := range words {
		name := ""
		switch w.Kind {
		case dsl.SQLIdent:
			name = strings.ToLower(text(i))
		case dsl.SQLQuoted:
			name = UnquoteIdent(text(i))
		default:
			continue
		}
		name = ColumnIdent(name)
		named[name] = true
		if name != table {
			continue
		}
		switch tableWord(expr, words, i, table, t) {
		case tableQualifier:
			qualified = true
		case tableRow:
			whole = true
		}
	}
	for _, c := range t.Columns {
		if named[c.Name] {
			cols = append(cols, c)
		}
	}
	return cols, qualified, whole, true
}

// ExprColumn returns the column of t that an expression is only the name
// of, in as many parentheses as it has ((mood)): PostgreSQL reads such an
// expression as the column itself, of the column's type. It is nil for
// any other expression.
func (t *Table) ExprColumn(expr string) *Column {
	name, ok := exprName(expr)
	if !ok {
		return nil
	}
	return t.Column(name)
}

// exprName returns the name an expression is only, in as many
// parentheses as it has, cut as PostgreSQL cuts it; ok is false for any
// other expression.
func exprName(expr string) (string, bool) {
	toks, err := dsl.ScanSQL(expr)
	if err != nil {
		return "", false
	}
	var name string
	open, words := 0, 0
	for _, tk := range toks {
		text := expr[tk.Off:tk.End]
		switch {
		case tk.Kind == dsl.SQLSpace || tk.Kind == dsl.SQLComment:
		case text == "(" && words == 0:
			open++
		case text == ")" && words == 1 && open > 0:
			open--
		case tk.Kind == dsl.SQLIdent && words == 0:
			name, words = strings.ToLower(text), 1
		case tk.Kind == dsl.SQLQuoted && words == 0 && !strings.HasPrefix(text, "U&"):
			name, words = UnquoteIdent(text), 1
		default:
			return "", false
		}
	}
	if words == 0 || open != 0 {
		return "", false
	}
	return ColumnIdent(name), true
}

// wordIdent is the name a word of expr is, as PostgreSQL reads it: an
// identifier folded to lower case, a quoted one as written, cut to 63
// bytes; "" for any other word.
func wordIdent(expr string, w dsl.SQLToken) string {
	switch w.Kind {
	case dsl.SQLIdent:
		return ColumnIdent(strings.ToLower(expr[w.Off:w.End]))
	case dsl.SQLQuoted:
		return ColumnIdent(UnquoteIdent(expr[w.Off:w.End]))
	}
	return ""
}

// exprWords are the tokens of an SQL expression but spaces and comments;
// ok is false when it does not scan.
func exprWords(expr string) (words []dsl.SQLToken, ok bool) {
	toks, err := dsl.ScanSQL(expr)
	if err != nil {
		return nil, false
	}
	for _, tk := range toks {
		if tk.Kind != dsl.SQLSpace && tk.Kind != dsl.SQLComment {
			words = append(words, tk)
		}
	}
	return words, true
}

// columnRef returns the column name that words[i] of expr stands for, if
// it stands for one: a name, not followed by "(" (a call), "." or a
// string (a typed literal), not after "::" or "." (a type, a field) nor
// after AS (the type of CAST(... AS type), an alias of xmlattributes),
// and no word of SQL's own syntax that reads like a name (syntaxWord);
// cut to 63 bytes as PostgreSQL cuts it (ColumnIdent).
func columnRef(expr string, words []dsl.SQLToken, i int) (string, bool) {
	text := func(i int) string { return expr[words[i].Off:words[i].End] }
	name := wordIdent(expr, words[i])
	switch {
	case name == "":
		return "", false
	case i > 0 && (text(i-1) == "::" || text(i-1) == "." || isAS(expr, words[i-1])):
		return "", false
	case syntaxWord(expr, words, i) || beforeCallFieldOrLiteral(expr, words, i):
		return "", false
	}
	return name, true
}

// beforeCallFieldOrLiteral reports whether words[i] of expr is followed by
// "(" (a call), "." (a schema or table before its member) or a string (a
// typed literal), which makes it no column.
func beforeCallFieldOrLiteral(expr string, words []dsl.SQLToken, i int) bool {
	if i+1 >= len(words) {
		return false
	}
	next := expr[words[i+1].Off:words[i+1].End]
	return next == "(" || next == "." || words[i+1].Kind == dsl.SQLString
}

// typeTail are the words that continue a type's name after its first
// word: double precision, character varying, timestamp with time zone,
// interval day to second.
var typeTail = map[string]bool{
	"precision": true, "varying": true, "with": true, "without": true, "time": true, "zone": true,
	"year": true, "month": true, "day": true, "hour": true, "minute": true, "second": true, "to": true,
}

// syntaxWord reports whether words[i] of expr, written without quotes, is
// a word of SQL's own syntax that reads like a name: extract's field
// (month in extract(month from d)), at, time and zone in AT TIME ZONE,
// and the words that continue a type's name after "::" or AS
// (x::double precision, CAST(d AS timestamp with time zone),
// x::interval day, interval '1' day). A column may be named day or zone without quotes;
// written so there, it is none.
func syntaxWord(expr string, words []dsl.SQLToken, i int) bool {
	if words[i].Kind != dsl.SQLIdent {
		return false
	}
	lower := func(j int) string {
		if j < 0 || j >= len(words) {
			return ""
		}
		return strings.ToLower(expr[words[j].Off:words[j].End])
	}
	switch w := lower(i); {
	case lower(i+1) == "from" && lower(i-1) == "(" && lower(i-2) == "extract":
		return true
	case w == "at" && lower(i+1) == "time" && lower(i+2) == "zone",
		w == "time" && lower(i-1) == "at" && lower(i+1) == "zone",
		w == "zone" && lower(i-1) == "time" && lower(i-2) == "at":
		return true
	case typeTail[w]:
		j := i - 1
		for j > 0 && words[j].Kind == dsl.SQLIdent && typeTail[lower(j)] {
			j--
		}
		// words[j] is the type's first word, right after :: or AS, or
		// the string of interval '1' day.
		switch {
		case j < 0:
			return false
		case words[j].Kind == dsl.SQLString:
			return lower(j-1) == "interval"
		}
		return j > 0 && words[j].Kind == dsl.SQLIdent && (lower(j-1) == "::" || isAS(expr, words[j-1]))
	}
	return false
}

// RenameColumnRefs returns expr with the columns it names renamed as
// renames says (old name to new), each name written as QuoteIdent writes
// it; the rest of the text is kept. Where a column is renamed to the
// name of t, a bare reference to t's whole row ((people)) is written as
// PostgreSQL shows it (people.*, see wholeRowRef), which the bare name
// no longer reads as. Names qualified by the name of t,
// the table whose rows expr reads (people.name, "people".name,
// public.people.name, (people).name), are renamed too, their qualifier
// kept: PostgreSQL reads each as the column and stores it as one. It is
// what PostgreSQL does to the expressions it stores (checks, index keys
// and predicates, generated columns) when a column is renamed, so that a
// migration compares the old model's expressions, so renamed, with the
// new model's. An expression that does not scan is returned as it is.
func RenameColumnRefs(expr string, t *Table, renames map[string]string) string {
	return renameColumnRefs(t.Name, expr, t, renames)
}

// renameColumnRefs is RenameColumnRefs for an expression over the rows
// of the table named table: t, or a partition of t, which has its
// columns.
func renameColumnRefs(table, expr string, t *Table, renames map[string]string) string {
	words, ok := exprWords(expr)
	if !ok || len(renames) == 0 {
		return expr
	}
	becomes := map[string]bool{}
	for _, to := range renames {
		becomes[to] = true
	}
	var b strings.Builder
	last := 0
	for i, w := range words {
		name, ok := columnRef(expr, words, i)
		if !ok {
			name, ok = qualifiedRef(expr, words, i, table, t)
		}
		to, renamed := renames[name]
		if ok && !renamed && name == table && becomes[name] {
			// The whole row, where a column is renamed to the table's
			// name: PostgreSQL keeps the row, which the bare name would
			// now read as the column.
			b.WriteString(expr[last:w.Off])
			b.WriteString(wholeRowRef(expr, words, i, name))
			last = w.End
			continue
		}
		if !ok || !renamed {
			continue
		}
		b.WriteString(expr[last:w.Off])
		b.WriteString(QuoteIdent(to))
		last = w.End
	}
	if last == 0 {
		return expr
	}
	b.WriteString(expr[last:])
	return b.String()
}

// qualifiedRef returns the column name that words[i] of expr stands
// for when the name of table, t or a partition of t, qualifies it
// (tableWord): people.name, with a schema before the table's name or
// not, or (people).name, unless a column of t has the table's name,
// which makes that a field of the column (PostgreSQL reads (x).f as the
// column x where one has the name, and x.f as the table's column first).
func qualifiedRef(expr string, words []dsl.SQLToken, i int, table string, t *Table) (string, bool) {
	text := func(i int) string { return expr[words[i].Off:words[i].End] }
	if t == nil || i < 2 || text(i-1) != "." {
		return "", false
	}
	q := i - 2
	if text(q) == ")" {
		// (table).name: the row's field, unless a column has the name.
		if q < 2 || text(q-2) != "(" || tableWord(expr, words, q-1, table, t) != tableRow {
			return "", false
		}
	} else if tableWord(expr, words, q, table, t) != tableQualifier {
		return "", false
	}
	if name := wordIdent(expr, words[i]); name != "" && !beforeCallFieldOrLiteral(expr, words, i) {
		return name, true
	}
	return "", false
}

// tableUse is what a word that is a table's name stands for.
type tableUse int

const (
	tableOther     tableUse = iota // a schema, type, function or column of the name
	tableQualifier                 // the qualifier of a column: docs.name
	tableRow                       // the whole row: docs.*, docs alone
	tableType                      // the table's row type: x::docs, CAST(x AS docs), docs '(1,a)'
)

// tableWord tells what words[i] of expr, the name of the table named
// name (t, or a partition of t, which has t's columns), stands for, as
// PostgreSQL reads it: the qualifier of a column before "." and a name
// (docs.name, public.docs.name); the whole row before ".*", or alone
// where no column of t has the name. The name is none of these after
// "::" or AS (a type: x::docs.name, CAST(x AS docs.name), but the
// table's own row type written bare: x::docs), before "(" or
// a string (a function, a typed literal: docs(x), docs 'x', but the
// row type again: docs '(1,a)'), as the
// schema of a function, a typed literal or a column (docs.fn(x),
// docs.name 'x', docs.tbl.col), or as a field or column after another
// name (x.docs, (x).docs).
func tableWord(expr string, words []dsl.SQLToken, i int, name string, t *Table) tableUse {
	text := func(j int) string {
		if j < 0 || j >= len(words) {
			return ""
		}
		return expr[words[j].Off:words[j].End]
	}
	ident := func(j int) string {
		if j < 0 || j >= len(words) {
			return ""
		}
		return wordIdent(expr, words[j])
	}
	if ident(i) != name {
		return tableOther
	}
	q := i // the first word of the qualified name: a database, a schema
	for q >= 2 && i-q < 4 && text(q-1) == "." && ident(q-2) != "" {
		q -= 2
	}
	// The table's row type has the table's name, and PostgreSQL renames it
	// with the table: written bare, after "::" or AS or before a string,
	// the name is that type. Qualified, it may be another schema's, and is
	// left.
	typ := q == i && text(i+1) != "." && text(i+1) != "("
	if text(q-1) == "." || text(q-1) == "::" || q > 0 && isAS(expr, words[q-1]) {
		if typ && text(q-1) != "." {
			return tableType
		}
		return tableOther
	}
	switch after := text(i + 1); {
	case i+1 < len(words) && words[i+1].Kind == dsl.SQLString && typ:
		return tableType
	case after == "(" || i+1 < len(words) && words[i+1].Kind == dsl.SQLString:
		return tableOther
	case after == "." && text(i+2) == "*":
		return tableRow
	case after == ".":
		if ident(i+2) == "" || text(i+3) == "(" || text(i+3) == "." || i+3 < len(words) && words[i+3].Kind == dsl.SQLString {
			return tableOther
		}
		return tableQualifier
	case q < i || t.Column(name) != nil:
		return tableOther
	}
	return tableRow
}

// isAS reports whether w, a word of expr, is the key word AS.
func isAS(expr string, w dsl.SQLToken) bool {
	return w.Kind == dsl.SQLIdent && strings.EqualFold(expr[w.Off:w.End], "as")
}

// RenameColumnRefs renames, in every expression of t, the columns renames
// names (old name to new), as PostgreSQL's RENAME COLUMN does to what it
// stores: checks, index keys and predicates, exclusion constraints,
// generated columns, the expressions of its partition key and of its
// partitions' (RENAME COLUMN recurses to the partitions), a partition's
// read with its own name as the table's (upper(docs_a.region)); and gives an
// index or exclusion whose name ergen derived from its keys' words the
// name derived from the new words (idx_people_lower_name becomes
// idx_people_lower_full_name), as a model written with the new names
// would have. The columns themselves are not renamed.
func (t *Table) RenameColumnRefs(renames map[string]string) {
	t.rewriteExprs(func(table, expr string) string { return renameColumnRefs(table, expr, t, renames) })
}

// RenameTableRefs names t as it is named now, in every expression of t
// (those RenameColumnRefs renames in) that names it as old, the table it
// was, does: PostgreSQL stores the table's row and columns there, not its
// name, and shows them under the new name once the table is renamed, so
// that lower(docs.name) and (docs) read lower(papers.name) and (papers)
// after ALTER TABLE docs RENAME TO papers. Names derived from the keys'
// words follow, as for RenameColumnRefs.
func (t *Table) RenameTableRefs(old *Table) {
	t.rewriteExprs(func(table, expr string) string {
		if table != t.Name {
			return expr // a partition's key, which names the partition
		}
		return renameTableRefs(expr, old, t)
	})
}

// rewriteExprs replaces every expression of t by what rewriteAs makes
// of it, given the name of the table whose rows it reads (t's, or that
// of the partition a partition key is of), and gives an index or
// exclusion whose name ergen derived from its keys' words the name
// derived from the new words.
func (t *Table) rewriteExprs(rewriteAs func(table, expr string) string) {
	rewrite := func(expr string) string { return rewriteAs(t.Name, expr) }
	keys := func(ks []IndexKey, table string) {
		for i := range ks {
			if ks[i].Column == nil {
				ks[i].Expr = rewriteAs(table, ks[i].Expr)
			}
		}
	}
	for _, ck := range t.Checks {
		ck.Expr = rewrite(ck.Expr)
	}
	for _, ix := range t.Indexes {
		derived := ix.Name == indexName(t, ix)
		keys(ix.Keys, t.Name)
		ix.Where = rewrite(ix.Where)
		if derived {
			ix.Name = indexName(t, ix)
		}
	}
	for _, x := range t.Exclusions {
		derived := x.Name == ObjectName(ExclusionObject, t.Name, keyWords(x.Index().Keys))
		for i := range x.Elements {
			if x.Elements[i].Column == nil {
				x.Elements[i].Expr = rewrite(x.Elements[i].Expr)
			}
		}
		x.Where = rewrite(x.Where)
		if derived {
			x.Name = ObjectName(ExclusionObject, t.Name, keyWords(x.Index().Keys))
		}
	}
	for _, c := range t.Columns {
		if c.GeneratedAs != "" {
			c.GeneratedAs = rewrite(c.GeneratedAs)
		}
	}
	for _, pt := range t.Partitionings() {
		keys(pt.Keys, t.partitioned(pt))
	}
}

// renameTableRefs returns expr, an expression over the rows of old, with
// each word that names old written with the name of to, the table it
// is now: a column's qualifier (docs.name, public.docs.name), the whole
// row (docs.*, or docs alone where no column of old has the name, as in
// (docs).name), as tableWord tells them from a type, a function, a
// schema, a column or a field of the name, which are left. The whole row
// named alone is written as PostgreSQL shows it (papers.*, see
// wholeRowRef) where a column of to has its name, which would read
// papers as the column. An expression that does not scan is returned as
// it is.
func renameTableRefs(expr string, old, now *Table) string {
	from, to := old.Name, now.Name
	words, ok := exprWords(expr)
	if !ok || from == to {
		return expr
	}
	var b strings.Builder
	last := 0
	for i, w := range words {
		use := tableWord(expr, words, i, from, old)
		if use == tableOther {
			continue
		}
		b.WriteString(expr[last:w.Off])
		if bare := i+1 == len(words) || expr[words[i+1].Off:words[i+1].End] != "."; bare && use == tableRow && now.Column(to) != nil {
			b.WriteString(wholeRowRef(expr, words, i, to))
		} else {
			b.WriteString(QuoteIdent(to))
		}
		last = w.End
	}
	if last == 0 {
		return expr
	}
	b.WriteString(expr[last:])
	return b.String()
}

// wholeRowRef is the whole row of the table named name, at words[i] of
// expr, as PostgreSQL shows it where the bare name would read a column
// of the name: name.*, and name.*::name inside ROW(...), where name.*
// would stand for each of its columns.
func wholeRowRef(expr string, words []dsl.SQLToken, i int, name string) string {
	ref := QuoteIdent(name) + ".*"
	depth := 0
	for j := i - 1; j >= 0; j-- {
		switch expr[words[j].Off:words[j].End] {
		case ")", "]":
			depth++
		case "(", "[":
			if depth > 0 {
				depth--
				continue
			}
			if j > 0 && words[j-1].Kind == dsl.SQLIdent && strings.EqualFold(expr[words[j-1].Off:words[j-1].End], "row") {
				return ref + "::" + QuoteIdent(name)
			}
			return ref
		}
	}
	return ref
}
