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
	// One that its name alone would not find, for the key's type, is
	// qualified as the server writes it, OPERATOR(ops.&&) (see
	// exclusionOperatorsSQL).
	Operators []string
	Comment   string
}

// exclusionOperatorsSQL names, in constraintsSQL, the operators of an
// exclusion constraint in element order (conexclop is NULL for any other
// constraint, giving an empty array). A model writes an operator by its
// name alone, which its DDL resolves, as PostgreSQL resolves WITH op, for
// the key's type on both sides, on the search_path of its session,
// "$user", public: among the operators of the name in pg_catalog,
// searched first, and in public, where its CREATE EXTENSION puts an
// extension's, one whose argument types are exactly the key's wins; the
// model's schema is not searched (as for operator classes, see
// opclassesSQL). So an operator of pg_catalog is read by its name alone
// unless one of public has exactly the key's types and it has not
// (public.&&(int4range, int4range) beside pg_catalog's && of anyrange,
// for an int4range key); one of public unless pg_catalog has one of its
// name and argument types, which the name would find instead; any other,
// the model's schema's too, is named as OPERATOR(schema.name), which .er
// cannot write, so that it is not imported as another operator of its
// name. The key's type is its column's, or its expression's, which the
// index's attribute has unless the class stores another type
// (opckeytype): then the class's input type; a domain is also read as
// its base type, as PostgreSQL tries it.
const exclusionOperatorsSQL = `coalesce(array(
         SELECT CASE WHEN n.nspname = 'pg_catalog' AND NOT EXISTS (
                       SELECT 1 FROM pg_operator s JOIN pg_namespace sn ON sn.oid = s.oprnamespace
                       WHERE sn.nspname = 'public' AND s.oprname = o.oprname
                         AND s.oprleft IN (kt.t, kt.base) AND s.oprright IN (kt.t, kt.base)
                         AND (o.oprleft, o.oprright) NOT IN ((kt.t, kt.t), (kt.base, kt.base)))
                     OR n.nspname = 'public' AND NOT EXISTS (
                       SELECT 1 FROM pg_operator s WHERE s.oprnamespace = 'pg_catalog'::regnamespace AND s.oprname = o.oprname
                         AND s.oprleft = o.oprleft AND s.oprright = o.oprright)
                     THEN o.oprname::text
                     ELSE 'OPERATOR(' || quote_ident(n.nspname) || '.' || o.oprname || ')' END
         FROM unnest(con.conexclop) WITH ORDINALITY k(op, ord)
         JOIN pg_operator o ON o.oid = k.op JOIN pg_namespace n ON n.oid = o.oprnamespace
         JOIN pg_index x ON x.indexrelid = con.conindid
         JOIN pg_opclass oc ON oc.oid = x.indclass[k.ord - 1]
         LEFT JOIN pg_attribute ka ON ka.attrelid = con.conrelid AND ka.attnum = x.indkey[k.ord - 1] AND x.indkey[k.ord - 1] <> 0
         LEFT JOIN pg_attribute ia ON ia.attrelid = con.conindid AND ia.attnum = k.ord
         CROSS JOIN LATERAL (SELECT CASE WHEN ka.attnum IS NOT NULL THEN ka.atttypid WHEN oc.opckeytype = 0 THEN ia.atttypid ELSE oc.opcintype END) kk(t)
         CROSS JOIN LATERAL (SELECT kk.t, coalesce((SELECT nullif(ty.typbasetype, 0) FROM pg_type ty WHERE ty.oid = kk.t), kk.t)) kt(t, base)
         ORDER BY k.ord), '{}')`

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
