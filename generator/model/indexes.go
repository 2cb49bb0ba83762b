package model

import (
	"slices"
	"strings"

	"github.com/ergen-dev/ergen/dsl"
)

// IndexMethods are PostgreSQL's built-in index access methods.
var IndexMethods = []string{"btree", "hash", "gist", "spgist", "gin", "brin"}

// pendingList is a `unique (...)` or `index (...)` clause of an entity or
// an M:N block, resolved once relationships have added their FK columns,
// which the clause may name.
type pendingList struct {
	table  *Table
	kind   string // "unique" or "index"
	clause *dsl.IndexDecl
}

// entityLists resolves the unique and index clauses of entities and
// junctions.
func (r *resolver) entityLists() {
	for _, l := range r.lists {
		r.indexClause(l)
	}
}

// plainColumns returns the columns of a unique or index clause that a
// UNIQUE constraint can express: plain columns, no sort order or operator
// class, for all rows, with a btree. ok is false for any other clause.
func plainColumns(d *dsl.IndexDecl) (names []*dsl.Name, ok bool) {
	for _, k := range d.Keys {
		if k.Column == nil || k.Args != nil || k.Collate != nil || k.OpClass != nil || k.Order != "" || k.Nulls != "" {
			return nil, false
		}
		names = append(names, k.Column)
	}
	for _, o := range d.Options {
		if o.Where != nil || o.Using != nil && !strings.EqualFold(o.Using.Value, "btree") {
			return nil, false
		}
	}
	return names, true
}

// indexClause resolves one unique or index clause into a UNIQUE constraint
// of its table when one can express it, and an index otherwise.
func (r *resolver) indexClause(l pendingList) {
	t, d, unique := l.table, l.clause, l.kind == "unique"
	if d.Index && !unique {
		r.diags.Errorf(pos(d.Pos), pos(d.Pos).Advance("index"), "`index index` is not a clause").
			Hintf("write `index (...)`, or `unique index (...)` for a UNIQUE index that is not a constraint")
		return
	}
	ix := &Index{Pos: pos(d.Pos), Unique: unique, Method: "btree"}
	order, ok := r.indexKeys(l, ix)
	name, using, ook := r.indexOptions(l, ix)
	ok = ook && ok
	ok = r.checkMethod(ix, using, order) && ok
	if !ok {
		return
	}
	ix.Name = indexName(t, ix)
	if name != nil {
		ix.Name = ShortenIdent(name.Value)
	}
	// `unique index` keeps a plain UNIQUE index an index: databases made
	// outside ergen have them (no FK may reference one).
	if _, plain := plainColumns(d); unique && plain && !d.Index {
		t.Uniques = append(t.Uniques, &Key{Pos: ix.Pos, Name: ix.Name, Columns: ix.Columns, Include: ix.Include, NullsNotDistinct: ix.NullsNotDistinct})
		return
	}
	t.Indexes = append(t.Indexes, ix)
}

// indexKeys resolves the keys of an index clause into ix, and returns the
// span of the first key with a sort order (zero when none has one), for a
// method without one.
func (r *resolver) indexKeys(l pendingList, ix *Index) (order dsl.Span, ok bool) {
	ok = true
	for _, k := range l.clause.Keys {
		key, kok := r.indexKey(l.table, k, l.kind)
		if !kok {
			ok = false
			continue
		}
		if key.Column != nil {
			if slices.Contains(ix.Columns, key.Column) {
				p, e := at(k.Column)
				r.diags.Errorf(p, e, "column %s listed twice in %s", dsl.QuoteName(key.Column.Name), l.kind)
				ok = false
				continue
			}
			ix.Columns = append(ix.Columns, key.Column)
		}
		if (key.Desc || key.Nulls != "") && order.IsZero() {
			order = dsl.SpanOf(pos(k.Pos), pos(k.EndPos))
		}
		ix.Keys = append(ix.Keys, key)
	}
	return order, ok
}

// indexOptions resolves the options of an index clause into ix; it
// returns the name given with `as`, and the span of `using`.
func (r *resolver) indexOptions(l pendingList, ix *Index) (name *dsl.Name, using dsl.Span, ok bool) {
	ok = true
	seen := map[string]bool{}
	for _, o := range l.clause.Options {
		span := dsl.SpanOf(pos(o.Pos), pos(o.EndPos))
		word := optionWord(o)
		if seen[word] {
			r.diags.ErrorAt(span, "`%s` given twice in %s", word, l.kind)
			ok = false
			continue
		}
		seen[word] = true
		switch {
		case o.Using != nil:
			using = span
			ok = r.indexMethod(o.Using, ix) && ok
		case o.Include != nil:
			cols, iok := r.columnList(l.table, o.Include, "include")
			ok = ok && iok
			ix.Include = cols
		case o.Where != nil:
			if len(o.Where.Items) == 0 {
				r.diags.Errorf(pos(o.Where.Pos), pos(o.Where.EndPos), "empty where condition").
					Hintf("write the rows to index inside the parentheses, as in where (deleted_at is null)")
				ok = false
				continue
			}
			ix.Where = r.f.Text(o.Where.Pos, o.Where.EndPos)
		case o.NullsNotDistinct:
			if !ix.Unique {
				r.diags.ErrorAt(span, "`nulls not distinct` applies to unique keys only").
					Hintf("write `unique (...) nulls not distinct`")
				ok = false
				continue
			}
			ix.NullsNotDistinct = true
		case o.Name != nil:
			name = o.Name
		}
	}
	return name, using, ok
}

// indexMethod sets ix's access method from `using`, or reports an unknown
// one.
func (r *resolver) indexMethod(n *dsl.Name, ix *Index) bool {
	m := strings.ToLower(n.Value)
	if !slices.Contains(IndexMethods, m) {
		p, e := at(n)
		d := r.diags.Errorf(p, e, "unknown index method %s", dsl.QuoteName(n.Value))
		if s := dsl.Suggest(m, IndexMethods); s != "" {
			d.Hintf("did you mean %s?", dsl.QuoteName(s))
		} else {
			d.Hintf("use one of %s", strings.Join(IndexMethods, ", "))
		}
		return false
	}
	ix.Method = m
	return true
}

// indexName is the name ergen derives for an index or unique clause.
func indexName(t *Table, ix *Index) string {
	kind, parts := IndexObject, []string{keyWords(ix.Keys)}
	if ix.Unique {
		kind = UniqueObject
	}
	if ix.Method != "btree" {
		// Apart from a btree over the same keys.
		parts = append(parts, ix.Method)
	}
	if ix.Where != "" {
		// Apart from the index ergen adds for an FK over the same columns.
		parts = append(parts, "partial")
	}
	return ObjectName(kind, t.Name, parts...)
}

// IndexWords returns the words of the keys of ix, an index of t, that the
// name ergen derives for it is built from (lower(email) gives
// lower_email), and whether ix has that derived name rather than one
// given with `as`. A derived name may be shortened (see ShortenIdent);
// the words never are.
func (t *Table) IndexWords(ix *Index) (words string, derived bool) {
	return keyWords(ix.Keys), ix.Name == indexName(t, ix)
}

// optionWord names an index option in messages.
func optionWord(o *dsl.IndexOption) string {
	switch {
	case o.Using != nil:
		return "using"
	case o.Include != nil:
		return "include"
	case o.Where != nil:
		return "where"
	case o.NullsNotDistinct:
		return "nulls not distinct"
	}
	return "as"
}

// checkMethod reports what the index's access method cannot do, as
// PostgreSQL would refuse it: only btree is unique or sorted, hash has one
// key, and INCLUDE needs btree, gist or spgist. using is the clause that
// chose the method, order the first key with a sort order (zero if none).
func (r *resolver) checkMethod(ix *Index, using, order dsl.Span) bool {
	m := ix.Method
	if m == "btree" {
		return true
	}
	ok := true
	if ix.Unique {
		r.diags.ErrorAt(using, "a %s index cannot be unique", m).
			Hintf("only btree indexes enforce uniqueness: remove `using %s`", m)
		ok = false
	}
	if !order.IsZero() {
		r.diags.ErrorAt(order, "a %s index has no sort order", m).
			Hintf("remove asc, desc and nulls first/last, or use a btree index")
		ok = false
	}
	if m == "hash" && len(ix.Keys) > 1 {
		r.diags.ErrorAt(using, "a hash index has one key, not %d", len(ix.Keys)).
			Hintf("index one column with hash, or use a btree index")
		ok = false
	}
	if len(ix.Include) > 0 && m != "gist" && m != "spgist" {
		r.diags.ErrorAt(using, "a %s index cannot include columns", m).
			Hintf("only btree, gist and spgist indexes take `include (...)`")
		ok = false
	}
	if m == "gin" && !slices.Contains(r.s.Extensions, "btree_gin") {
		for _, k := range ix.Keys {
			if c := k.Column; c != nil && k.OpClass == "" && !ginIndexable(c.Type) {
				r.diags.ErrorAt(using, "column %s of %s is %s, which a gin index cannot index without an operator class", dsl.QuoteName(c.Name), dsl.QuoteName(c.Table.Label()), c.Type.SQL()).
					Hintf("gin indexes arrays, jsonb and tsvector (scalars with `extension btree_gin`); name the operator class after the column, as in (%s gin_trgm_ops)", c.Name)
				ok = false
			}
		}
	}
	return ok
}

// ginIndexable says whether a gin index has a default operator class for
// t: an array's or jsonb's, through any domain. A type ergen knows by
// name only (tsvector, an extension's hstore) is PostgreSQL's to judge.
func ginIndexable(t Type) bool {
	u := t.Underlying()
	return u.Array > 0 || u.Base == JSONB || u.Base == ExternalBase
}

// indexKey resolves one key of a unique or index clause of t.
func (r *resolver) indexKey(t *Table, k *dsl.IndexKey, kind string) (IndexKey, bool) {
	key := IndexKey{Desc: k.Order == "desc", Nulls: strings.ToUpper(k.Nulls)}
	if k.OpClass != nil {
		key.OpClass = k.OpClass.Value
		// `collate` without its collation reads as an operator class
		// named collate, which PostgreSQL would refuse.
		if strings.EqualFold(key.OpClass, "collate") {
			r.diags.Errorf(pos(k.OpClass.Pos), pos(k.OpClass.EndPos), "collate without a collation").
				Hintf(`name the collation after it: collate "C"`)
			return key, false
		}
	}
	switch {
	case k.Expr != nil:
		if len(k.Expr.Items) == 0 {
			r.diags.Errorf(pos(k.Expr.Pos), pos(k.Expr.EndPos), "empty index expression")
			return key, false
		}
		key.Expr = r.f.Text(k.Expr.Pos, k.Expr.EndPos)
	case k.Args != nil:
		key.Expr = r.f.Text(k.Column.Pos, k.Args.EndPos)
	default:
		key.Column = r.column(t, k.Column, kind)
		if key.Column == nil {
			return key, false
		}
	}
	return key, r.keyCollation(&key, k)
}

// keyWords is the part of a derived index name that comes from its keys:
// column names, and the words of expressions (lower(email) gives
// lower_email).
func keyWords(keys []IndexKey) string {
	var parts []string
	for _, k := range keys {
		if k.Column != nil {
			parts = append(parts, k.Column.Name)
			continue
		}
		words := strings.FieldsFunc(k.Expr, func(c rune) bool {
			return !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c > 127)
		})
		if len(words) == 0 {
			words = []string{"expr"}
		}
		parts = append(parts, strings.Join(words, "_"))
	}
	return strings.Join(parts, "_")
}

// columnKeys are the keys of an index over plain columns.
// Index is the unique index behind k, as PostgreSQL builds it for the
// constraint: what a migration builds first, concurrently, and then
// attaches with USING INDEX.
func (k *Key) Index() *Index {
	return &Index{Pos: k.Pos, Name: k.Name, Unique: true, Method: "btree", Keys: columnKeys(k.Columns), Columns: k.Columns,
		Include: k.Include, NullsNotDistinct: k.NullsNotDistinct}
}

func columnKeys(cols []*Column) []IndexKey {
	keys := make([]IndexKey, len(cols))
	for i, c := range cols {
		keys[i] = IndexKey{Column: c}
	}
	return keys
}

// KeyNames names the keys of ix for prose and error messages: a column by
// its name, an expression as written ("lower(email), id").
func (ix *Index) KeyNames() string {
	names := make([]string, len(ix.Keys))
	for i, k := range ix.Keys {
		if k.Column != nil {
			names[i] = k.Column.Name
		} else {
			names[i] = k.Expr
		}
	}
	return strings.Join(names, ", ")
}

// Spec is the part of the index's CREATE INDEX after the table's name:
// `USING gin (tags)`, `(lower(email)) WHERE (deleted_at is null)`. A btree
// is left implicit.
func (ix *Index) Spec() string {
	var b strings.Builder
	if ix.Method != "btree" {
		b.WriteString("USING " + ix.Method + " ")
	}
	b.WriteString("(")
	for i, k := range ix.Keys {
		if i > 0 {
			b.WriteString(", ")
		}
		k.writeSQL(&b)
		if k.Desc {
			b.WriteString(" DESC")
		}
		if k.Nulls != "" {
			b.WriteString(" NULLS " + k.Nulls)
		}
	}
	b.WriteString(")")
	b.WriteString(IncludeSQL(ix.Include))
	if ix.NullsNotDistinct {
		b.WriteString(" NULLS NOT DISTINCT")
	}
	if ix.Where != "" {
		b.WriteString(" WHERE " + ix.Where)
	}
	return b.String()
}

// writeSQL writes the key's column or expression, its collation and its
// operator class.
func (k IndexKey) writeSQL(b *strings.Builder) {
	if k.Column != nil {
		b.WriteString(QuoteIdent(k.Column.Name))
	} else {
		b.WriteString(k.Expr)
	}
	b.WriteString(collateSQL(k.Collation))
	if k.OpClass != "" {
		b.WriteString(" " + k.OpClass)
	}
}

// IncludeSQL is the INCLUDE clause of a key or index, with a leading
// space, or "" when it includes no column.
func IncludeSQL(cols []*Column) string {
	if len(cols) == 0 {
		return ""
	}
	return " INCLUDE " + ColumnListSQL(cols)
}
