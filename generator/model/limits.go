package model

import "github.com/ergen-dev/ergen/dsl"

// PostgreSQL's limits on the size of a table and of an index: CREATE
// TABLE refuses more than MaxColumns columns (MaxHeapAttributeNumber),
// and a key, index or exclusion constraint of more than MaxIndexKeys
// columns, INCLUDE columns counted (INDEX_MAX_KEYS), or a partition key
// of more (PARTITION_MAX_KEYS, the same 32).
const (
	MaxColumns   = 1600
	MaxIndexKeys = 32
)

// checkLimits reports the tables, keys and indexes PostgreSQL would
// refuse for their size. Refused here, with the model, such a table
// never reaches an emitter, where what it costs grows with its columns
// times the foreign keys that bring them (each Ref's SQL lists the
// child's columns).
func (r *resolver) checkLimits() {
	for _, t := range r.tables {
		if n := len(t.Columns); n > MaxColumns {
			r.diags.Errorf(t.NameAt.Pos, t.NameAt.End, "%s has %d columns; PostgreSQL allows at most %d in a table", dsl.QuoteName(t.Label()), n, MaxColumns).
				Hintf("move some attributes, or the foreign keys of some relationships, to a table of their own")
		}
		tooMany := func(n int, what string, p dsl.Pos) {
			if n > MaxIndexKeys {
				r.diags.Errorf(p, p, "%s of %s has %d columns; PostgreSQL allows at most %d in a key or index", what, dsl.QuoteName(t.Label()), n, MaxIndexKeys).
					Hintf("index fewer columns (INCLUDE columns count too)")
			}
		}
		if pk := t.PrimaryKey; pk != nil {
			tooMany(len(pk.Columns)+len(pk.Include), "the primary key", pk.Pos)
		}
		for _, k := range t.Uniques {
			tooMany(len(k.Columns)+len(k.Include), "a unique key", k.Pos)
		}
		for _, ix := range t.Indexes {
			tooMany(len(ix.Keys)+len(ix.Include), "an index", ix.Pos)
		}
		for _, x := range t.Exclusions {
			tooMany(len(x.Elements)+len(x.Include), "an exclusion constraint", x.Pos)
		}
		for _, pt := range t.Partitionings() {
			if n := len(pt.Keys); n > MaxIndexKeys {
				r.diags.Errorf(pt.Pos, pt.Pos, "the partition key of %s has %d columns; PostgreSQL allows at most %d", dsl.QuoteName(t.Label()), n, MaxIndexKeys).
					Hintf("partition by fewer columns")
			}
		}
	}
}
