package catalog

import (
	"slices"

	"github.com/ergen-dev/ergen/generator/model"
)

// Exclusion is an EXCLUDE constraint. Its index, of the same name, is
// among the table's Indexes and holds its keys, method, INCLUDE columns
// and predicate.
type Exclusion struct {
	Name string
	// Def is pg_get_constraintdef:
	// "EXCLUDE USING gist (room WITH =, during WITH &&)".
	Def Expr
	// Operators are the operators of the elements, in order, by name
	// ("=", "&&"), for the importer, which reads the keys from the index.
	// One that its name alone would not find is qualified as the server
	// writes it, OPERATOR(ops.&&) (see exclusionOperatorsSQL).
	Operators []string
	Comment   string
}

// exclusionOperatorsSQL names, in constraintsSQL, the operators of an
// exclusion constraint in element order (conexclop is NULL for any other
// constraint, giving an empty array). A model writes an operator by its
// name alone, which its DDL finds in pg_catalog, searched first, or in
// public, where its CREATE EXTENSION puts an extension's: an operator
// elsewhere (ops.&&), or in public with the name and argument types of
// one in pg_catalog, which the name would find instead, is named as
// OPERATOR(schema.name), which .er cannot write, so that it is not
// imported as another operator of its name.
const exclusionOperatorsSQL = `coalesce(array(
         SELECT CASE WHEN n.nspname = 'pg_catalog' OR n.nspname = 'public' AND NOT EXISTS (
                       SELECT 1 FROM pg_operator s WHERE s.oprnamespace = 'pg_catalog'::regnamespace AND s.oprname = o.oprname
                         AND s.oprleft = o.oprleft AND s.oprright = o.oprright)
                     THEN o.oprname::text
                     ELSE 'OPERATOR(' || quote_ident(n.nspname) || '.' || o.oprname || ')' END
         FROM unnest(con.conexclop) WITH ORDINALITY k(op, ord)
         JOIN pg_operator o ON o.oid = k.op JOIN pg_namespace n ON n.oid = o.oprnamespace ORDER BY k.ord), '{}')`

// Exclusion returns the exclusion constraint with the given name, or nil.
func (t *Table) Exclusion(name string) *Exclusion {
	for i := range t.Exclusions {
		if t.Exclusions[i].Name == name {
			return &t.Exclusions[i]
		}
	}
	return nil
}

// expectExclusions adds to t the exclusion constraints of mt and the
// indexes that enforce them.
func expectExclusions(t *Table, mt *model.Table) {
	for _, x := range mt.Exclusions {
		ops := make([]string, len(x.Elements))
		for i, el := range x.Elements {
			ops[i] = el.Operator
		}
		t.Exclusions = append(t.Exclusions, Exclusion{Name: x.Name, Def: Expr(printedSQL(x)), Operators: ops})
		ix := expectIndex(mt, x.Index())
		ix.Constraint = x.Name
		t.Indexes = append(t.Indexes, ix)
	}
}

// printedSQL is the definition of x as pg_get_constraintdef prints it:
// a key's collation is printed only when it is not its column's, so one
// the model writes in its column's own collation is left out.
func printedSQL(x *model.Exclusion) string {
	bare := *x
	bare.Elements = slices.Clone(x.Elements)
	for i, el := range bare.Elements {
		if el.Column != nil && el.Collation == el.Column.Type.Collation {
			bare.Elements[i].Collation = ""
		}
	}
	return bare.SQL()
}

// exclusions compares the exclusion constraints of two tables, paired by
// definition.
func (d *differ) exclusions(mt, dt *Table) {
	pair(d, "exclusion constraint", mt.Exclusions, dt.Exclusions,
		func(x Exclusion) string { return x.Def.Canonical() },
		func(x Exclusion) string { return x.Name },
		func(what string, m, g Exclusion) { d.prop(what, "the comment", m.Comment, g.Comment) })
}
