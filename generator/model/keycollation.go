package model

import "github.com/ergen-dev/ergen/dsl"

// keyCollation applies the `collate "NAME"` of k, one key of an index,
// to key: a column key of a type with collations may sort and compare by
// another collation than its column's, in this index only. A collation
// on an expression key is refused: PostgreSQL keeps it apart from the
// expression, where no catalog read shows whether it was written or
// inherited from the columns the expression reads.
func (r *resolver) keyCollation(key *IndexKey, k *dsl.IndexKey) bool {
	if k.Collate == nil {
		return true
	}
	p := pos(k.Collate.Pos)
	if key.Column == nil {
		r.diags.Errorf(p, pos(k.Collate.EndPos), "ergen writes a collation on a column key only").
			Hintf("give the column its collation on the attribute, or index the column itself: (name collate %s)", k.Collate.Value)
		return false
	}
	key.Collation = r.collation(key.Column.Type, "column", key.Column.Name, p, k.Collate)
	return key.Collation != ""
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
