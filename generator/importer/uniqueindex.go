package importer

import "github.com/ergen-dev/ergen/generator/importer/catalog"

// plainUniqueIndex reports whether ix is a UNIQUE index over plain
// columns, for all rows, that no constraint owns: `unique (...)` would
// make it a UNIQUE constraint, so the model declares it `unique index`,
// which keeps it an index as the database has it.
func plainUniqueIndex(ix *catalog.Index) bool {
	return ix.Unique && ix.Constraint == "" && ix.Predicate == "" && len(ix.Exprs) == 0 && len(ix.KeyOptions) == 0
}
