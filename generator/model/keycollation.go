package model

import (
	"slices"

	"github.com/ergen-dev/ergen/dsl"
)

// keyCollation applies the `collate "NAME"` of k, one key of an index,
// to key: a column key of a type with collations may sort and compare by
// another collation than its column's, in this index only. A collation
// after an expression key is refused: it goes inside the key's
// parentheses, over the whole expression ((lower(code) collate "C")),
// where PostgreSQL takes it as the key's (see SplitCollation).
func (r *resolver) keyCollation(key *IndexKey, k *dsl.IndexKey) bool {
	if k.Collate == nil {
		return true
	}
	p := pos(k.Collate.Pos)
	if key.Column == nil {
		r.diags.Errorf(p, pos(k.Collate.EndPos), "a collation after an expression key goes inside its parentheses").
			Hintf("wrap the expression and its collation in parentheses of their own, as in index ((%s collate %s)), whose COLLATE PostgreSQL keeps as the key's; or give the column its collation on the attribute", dsl.NameExcerpt(key.Expr), dsl.NameExcerpt(k.Collate.Value))
		return false
	}
	key.Collation = r.collation(key.Column.Type, "column", key.Column.Name, p, k.Collate)
	return key.Collation != ""
}

// Orders reports whether a scan of the index reads rows in the order an
// ORDER BY of its keys as written asks (lower(email), without COLLATE
// or operator class): a btree over all rows whose keys sort in their own
// collations by their types' default operator classes. A key with a
// collation of its own sorts by that one, and one with an operator class
// named may sort otherwise (text_pattern_ops by bytes), so neither does.
func (ix *Index) Orders() bool {
	if ix.Method != "" && ix.Method != "btree" || ix.Where != "" || ix.collated() {
		return false
	}
	return !slices.ContainsFunc(ix.Keys, func(k IndexKey) bool { return k.OpClass != "" })
}

// collated reports whether a key of ix has a collation of its own.
func (ix *Index) collated() bool {
	for _, k := range ix.Keys {
		if k.Collation != "" {
			return true
		}
	}
	return false
}

// collatedUnique reports, at refs, a foreign key that references cols of
// t where t's only unique clause over them names a collation: a UNIQUE
// constraint cannot name one, so the clause is a UNIQUE index, which no
// foreign key references.
func (r *resolver) collatedUnique(t *Table, cols []*Column, refs *dsl.ColumnList) bool {
	for _, l := range r.uniqueLists[t] {
		var names []*dsl.Name
		collated := false
		for _, k := range l.Keys {
			if k.Column == nil || k.Args != nil || k.OpClass != nil || k.Order != "" || k.Nulls != "" {
				names = nil
				break
			}
			names = append(names, k.Column)
			collated = collated || k.Collate != nil
		}
		if !collated || len(names) != len(cols) {
			continue
		}
		same := true
		for i, n := range names {
			same = same && t.Named(n.Value) == cols[i]
		}
		if !same {
			continue
		}
		kp := pos(l.Pos)
		r.diags.Errorf(pos(refs.Pos), pos(refs.EndPos), "the unique key of %s over %s at %s names a collation, which a UNIQUE constraint cannot: it is a UNIQUE index, which no foreign key references",
			dsl.QuoteName(t.Label()), ColumnListSQL(cols), dsl.Where(kp, pos(refs.Pos))).
			Hintf("give the columns their collation on their attributes (collate after the type) and remove it from the key")
		return true
	}
	return false
}
