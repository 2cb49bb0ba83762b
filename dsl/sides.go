package dsl

import "slices"

// relClauseWords begin the clauses of a relationship block, the words that
// the lookaheads of SidedName, SidedColumns and NoIndex in ast.go refuse as
// a side. Clauses may share a line, so `no index table` must read as
// `no index` followed by a `table` clause, never as the side "table":
// a side so named cannot be written at all. sides_test.go holds this list
// to the grammar.
var relClauseWords = []string{
	"required", "optional", "on", "not", "deferrable", "constraint", "column", "columns",
	"references", "no", "key", "unique", "index", "table", "comment", "match",
}

// relAttrClauses are the clauses of a relationship block that also read
// `NAME TYPE`, the start of an attribute of the junction, because they come
// first in RelItem: `column text` is a `column` clause naming the column
// text, not an attribute named column.
var relAttrClauses = []string{"required", "optional", "deferrable", "constraint", "column", "columns"}

// IsSideName reports whether name, a role or an entity name, can name a
// side of an M:N in its sided clauses (`on delete NAME cascade`,
// `constraint NAME fk`, `column NAME col`, `no index NAME`) and read back as
// that side. Names are never quoted in .er, so a writer of .er (the
// importer, any generator of models) must name such a side otherwise: by
// its entity, or by another role.
func IsSideName(name string) bool {
	return !slices.Contains(relClauseWords, name)
}

// IsRelAttribute reports whether the line `NAME TYPE` in a relationship
// block reads back as an attribute of that name and type: not when NAME
// leads a clause that also reads the type's word (`column text`,
// `key line`, PostgreSQL's line type).
func IsRelAttribute(name, typ string) bool {
	switch {
	case slices.Contains(relAttrClauses, name):
		return false
	case name == "key":
		return !slices.Contains([]string{"composite", "surrogate", "line"}, typ[:scanIdent(typ)])
	}
	return true
}
