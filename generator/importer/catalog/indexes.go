package catalog

import (
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"
)

// indexesSQL reads each index with its key columns in order, then its
// INCLUDE columns; a key that is an expression has attribute number 0 and
// is printed by pg_get_indexdef. indoption holds a key's order (bit 1,
// DESC) and where its NULLs go (bit 2, NULLS FIRST); each direction has
// its default, which is left out. A key's collation (indcollation) is
// its own when it is not its column's; for an expression key, when the
// whole definition prints it (see exprCollations), with the name it
// prints there, or when the caller spells the key with it
// (preferCollations).
var indexesSQL = `
SELECT i.indrelid, ic.relname::text, i.indisunique, i.indisprimary,
       i.indkey::int2[], i.indnkeyatts,
       array(SELECT CASE WHEN k.num = 0 THEN pg_get_indexdef(i.indexrelid, k.ord::int, true) ELSE '' END
             FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(num, ord)
             WHERE k.ord <= i.indnkeyatts ORDER BY k.ord),
       i.indoption::int2[], i.indclass::oid[],
       i.indnullsnotdistinct,
       coalesce(con.conname::text, ''), am.amname::text, coalesce(pg_get_expr(i.indpred, i.indrelid), ''),
       coalesce(d.description, ''),
       array(SELECT CASE WHEN k.coll <> 0 AND (k.num = 0 OR k.coll <> a.attcollation) THEN coalesce(` + collationNameSQL("k.coll") + `, '') ELSE '' END
             FROM unnest(i.indcollation::oid[], i.indkey::int2[]) WITH ORDINALITY k(coll, num, ord)
             LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.num
             WHERE k.ord <= i.indnkeyatts ORDER BY k.ord),
       array(SELECT CASE WHEN k.num = 0 AND k.coll <> 0 THEN k.coll::regcollation::text ELSE '' END
             FROM unnest(i.indcollation::oid[], i.indkey::int2[]) WITH ORDINALITY k(coll, num, ord)
             WHERE k.ord <= i.indnkeyatts ORDER BY k.ord),
       pg_get_indexdef(i.indexrelid, 0, true),
       NOT i.indisvalid
FROM pg_index i
JOIN pg_class c ON c.oid = i.indrelid
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_am am ON am.oid = ic.relam
LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x')
LEFT JOIN pg_description d ON d.objoid = i.indexrelid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0
WHERE ` + ownTablesSQL

// opclassesSQL names the operator classes that are not their type's
// default. A model names a class by its name alone, which its DDL finds
// on the search_path of its session, "$user", public: in pg_catalog,
// searched first, or in public, not in the model's schema, which the
// DDL writes in the names it creates only. A class elsewhere
// (ops.int_hash, app.int_hash of the model's schema), or one in public
// that a pg_catalog class of the same name and method shadows, is
// qualified, which .er cannot write, so that the import notes the index
// instead of naming another class, or none.
var opclassesSQL = `
SELECT c.oid, ` + onPathNameSQL("n.nspname", "c.opcname", `SELECT 1 FROM pg_opclass s WHERE s.opcnamespace = 'pg_catalog'::regnamespace
                       AND s.opcname = c.opcname AND s.opcmethod = c.opcmethod`) + `
FROM pg_opclass c JOIN pg_namespace n ON n.oid = c.opcnamespace
WHERE NOT c.opcdefault`

func (r *reader) indexes() error {
	// A key's operator class is named only when it is not its type's
	// default; the few that are not are read once, rather than looked up
	// for every key of every index.
	rows, err := r.tx.Query(r.ctx, opclassesSQL)
	if err != nil {
		return err
	}
	opclass := map[uint32]string{}
	var classOID uint32
	var className string
	if _, err := pgx.ForEachRow(rows, []any{&classOID, &className}, func() error {
		opclass[classOID] = className
		return nil
	}); err != nil {
		return err
	}
	rows, err = r.tx.Query(r.ctx, indexesSQL, r.ns)
	if err != nil {
		return err
	}
	var oid uint32
	var ix Index
	var exprs []string
	var keys, options []int16
	var nkeys int16
	var classes []uint32
	var pred string
	var collations, printed []string
	var def string
	_, err = pgx.ForEachRow(rows, []any{&oid, &ix.Name, &ix.Unique, &ix.Primary, &keys, &nkeys, &exprs, &options, &classes, &ix.NullsNotDistinct,
		&ix.Constraint, &ix.Method, &pred, &ix.Comment, &collations, &printed, &def, &ix.Invalid}, func() error {
		t := r.byOID[oid]
		if t == nil {
			return fmt.Errorf("index %s of unknown relation %d", ix.Name, oid)
		}
		// Columns are named from the columns read; an expression key,
		// attribute number 0, has no name.
		ix.Columns, ix.Include = make([]string, nkeys), nil
		for k, num := range keys {
			name := r.attname[attnum{oid, num}]
			if k < int(nkeys) {
				ix.Columns[k] = name
			} else {
				ix.Include = append(ix.Include, name)
			}
		}
		ix.Exprs, ix.KeyOptions = nil, nil
		if slices.ContainsFunc(exprs, func(s string) bool { return s != "" }) {
			for _, x := range exprs {
				ix.Exprs = append(ix.Exprs, Expr(x))
			}
		}
		opts := keyOptions(options, classes, opclass)
		if slices.ContainsFunc(opts, func(s string) bool { return s != "" }) {
			ix.KeyOptions = opts
		}
		ix.Predicate = Expr(pred)
		ix.Collations = nil
		stored := slices.Clone(collations)
		exprCollations(def, ix.Method, exprs, collations, printed)
		if slices.ContainsFunc(collations, func(s string) bool { return s != "" }) {
			ix.Collations = collations
		}
		r.preferCollations(t.Name, &ix, stored)
		t.Indexes = append(t.Indexes, ix)
		return nil
	})
	return err
}
