package catalog

import "github.com/jackc/pgx/v5"

// objectsSQL lists, spelt as Others, the objects of the schema that
// othersSQL does not and that a model cannot create, though its own DDL
// may need them (a column COLLATE "ci", a CHECK using an operator of the
// schema, a generated column's to_tsvector('my_english', ...)):
// collations, text search configurations, dictionaries, parsers and
// templates, operators, operator classes and families (a family
// CREATE OPERATOR CLASS made for a class of its name comes with it),
// conversions, casts from or to a type of the schema or through one of
// its functions, and the types othersSQL and Read leave out: range
// types (a range's multirange comes with it), base types and shell types
// (CREATE TYPE name), the array types PostgreSQL makes aside. Objects that belong to an extension are left out:
// they come with it; so are those that are part of another object
// (pg_depend's internal dependency), which come with that one. Each but
// a type comes with what of the schema uses it (usedBySQL).
const objectsSQL = `
SELECT kind || ' ' || name || CASE WHEN classid <> 'pg_type'::regclass THEN ` + usedBySQL + ` ELSE '' END FROM (
  SELECT 'collation' AS kind, c.collname::text AS name, 'pg_collation'::regclass AS classid, c.oid
  FROM pg_collation c WHERE c.collnamespace = $1
  UNION ALL
  SELECT 'text search configuration', c.cfgname::text, 'pg_ts_config'::regclass, c.oid FROM pg_ts_config c WHERE c.cfgnamespace = $1
  UNION ALL
  SELECT 'text search dictionary', d.dictname::text, 'pg_ts_dict'::regclass, d.oid FROM pg_ts_dict d WHERE d.dictnamespace = $1
  UNION ALL
  SELECT 'text search parser', p.prsname::text, 'pg_ts_parser'::regclass, p.oid FROM pg_ts_parser p WHERE p.prsnamespace = $1
  UNION ALL
  SELECT 'text search template', t.tmplname::text, 'pg_ts_template'::regclass, t.oid FROM pg_ts_template t WHERE t.tmplnamespace = $1
  UNION ALL
  SELECT 'operator', o.oprname::text || '(' || CASE o.oprleft WHEN 0 THEN 'NONE' ELSE format_type(o.oprleft, NULL) END
         || ', ' || format_type(o.oprright, NULL) || ')', 'pg_operator'::regclass, o.oid
  FROM pg_operator o WHERE o.oprnamespace = $1
  UNION ALL
  SELECT 'operator class', c.opcname::text || ' USING ' || am.amname::text, 'pg_opclass'::regclass, c.oid
  FROM pg_opclass c JOIN pg_am am ON am.oid = c.opcmethod WHERE c.opcnamespace = $1
  UNION ALL
  SELECT 'operator family', f.opfname::text || ' USING ' || am.amname::text, 'pg_opfamily'::regclass, f.oid
  FROM pg_opfamily f JOIN pg_am am ON am.oid = f.opfmethod
  WHERE f.opfnamespace = $1
    AND NOT EXISTS (SELECT 1 FROM pg_opclass c WHERE c.opcfamily = f.oid AND c.opcname = f.opfname AND c.opcnamespace = f.opfnamespace)
  UNION ALL
  SELECT 'conversion', c.conname::text, 'pg_conversion'::regclass, c.oid FROM pg_conversion c WHERE c.connamespace = $1
  UNION ALL
  SELECT 'cast', '(' || format_type(c.castsource, NULL) || ' AS ' || format_type(c.casttarget, NULL) || ')', 'pg_cast'::regclass, c.oid
  FROM pg_cast c
  WHERE c.oid >= 16384
    AND (EXISTS (SELECT 1 FROM pg_type t WHERE t.oid IN (c.castsource, c.casttarget) AND t.typnamespace = $1)
         OR EXISTS (SELECT 1 FROM pg_proc p WHERE p.oid = c.castfunc AND p.pronamespace = $1))
  UNION ALL
  SELECT CASE t.typtype WHEN 'r' THEN 'range type' WHEN 'p' THEN 'shell type' ELSE 'base type' END, t.typname::text, 'pg_type'::regclass, t.oid
  FROM pg_type t WHERE t.typnamespace = $1 AND t.typtype IN ('b', 'r', 'p')
) o
WHERE NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = o.classid AND d.objid = o.oid AND d.deptype IN ('e', 'i'))`

// objects adds to Others what objectsSQL finds.
func (r *reader) objects() error { return r.addOthers(objectsSQL) }

// usedBySQL is, for the object o.classid, o.oid of othersSQL or
// objectsSQL, what of the schema's tables and domains (not another
// schema's) uses it (calls a function, compares with an operator, sorts
// with a collation) as pg_describe_object names them (but a domain's
// constraint, named with its domain, which it leaves out): " (used by index public.t_norm,
// default value for column n of table public.t: create it before a
// model's DDL that keeps them)", since that DDL fails without it; "" for
// none. Views, rules, triggers, policies and functions using it are
// noted themselves.
const usedBySQL = `coalesce(' (used by ' || (
  SELECT string_agg(DISTINCT coalesce((SELECT 'constraint ' || quote_ident(con.conname) || ' on domain ' || con.contypid::regtype::text
                                        FROM pg_constraint con WHERE d.classid = 'pg_constraint'::regclass AND con.oid = d.objid AND con.contypid <> 0),
                                       pg_describe_object(d.classid, d.objid, d.objsubid)), ', ')
  FROM pg_depend d
  WHERE d.refclassid = o.classid AND d.refobjid = o.oid AND d.deptype = 'n' AND ` + dependentInSchemaSQL + `
) || ': create it before a model''s DDL that keeps them)', '')`

// dependentInSchemaSQL holds for a pg_depend row d whose dependent object
// is a default, constraint, relation (a table, an index) or type of the
// schema $1: what of the schema a model keeps. A dependent of another
// schema is that schema's business.
const dependentInSchemaSQL = `CASE d.classid
    WHEN 'pg_class'::regclass THEN (SELECT c.relnamespace FROM pg_class c WHERE c.oid = d.objid)
    WHEN 'pg_type'::regclass THEN (SELECT t.typnamespace FROM pg_type t WHERE t.oid = d.objid)
    WHEN 'pg_constraint'::regclass THEN (SELECT con.connamespace FROM pg_constraint con WHERE con.oid = d.objid)
    WHEN 'pg_attrdef'::regclass THEN (SELECT c.relnamespace FROM pg_attrdef ad JOIN pg_class c ON c.oid = ad.adrelid WHERE ad.oid = d.objid)
  END = $1`

// uncreatableSQL lists the types of Catalog.Uncreatable and
// Catalog.ByName, with whether the model names them: a multirange is an
// extension's when its range is, and an array type comes with its
// element type.
const uncreatableSQL = `
WITH used AS (
  SELECT a.atttypid AS oid FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
  WHERE ` + ownTablesSQL + ` AND a.attnum > 0 AND NOT a.attisdropped
  UNION
  SELECT t.typbasetype FROM pg_type t WHERE t.typnamespace = $1 AND t.typtype = 'd'
)
SELECT format_type(t.oid, NULL), NOT (t.typnamespace = $1 AND t.typtype IN ('c', 'm', 'p', 'r'))
FROM pg_type t
WHERE (t.typnamespace = $1 AND t.typtype IN ('b', 'c', 'm', 'p', 'r')
       AND (t.typtype <> 'c' OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) NOT IN ('r', 'p'))
    OR t.typnamespace <> $1 AND t.typnamespace NOT IN (SELECT oid FROM pg_namespace WHERE nspname IN ('pg_catalog', 'information_schema'))
       AND t.oid IN (SELECT coalesce((SELECT e.oid FROM pg_type e WHERE e.typarray = used.oid), used.oid) FROM used))
  AND NOT EXISTS (SELECT 1 FROM pg_type e WHERE e.typarray = t.oid)
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.deptype = 'e'
                  AND d.objid IN (t.oid, coalesce((SELECT rg.rngtypid FROM pg_range rg WHERE rg.rngmultitypid = t.oid), 0)))
ORDER BY 1`

// uncreatable reads Catalog.Uncreatable and Catalog.ByName.
func (r *reader) uncreatable() error {
	rows, err := r.tx.Query(r.ctx, uncreatableSQL, r.ns)
	if err != nil {
		return err
	}
	var name string
	var named bool
	_, err = pgx.ForEachRow(rows, []any{&name, &named}, func() error {
		if named {
			r.cat.ByName = append(r.cat.ByName, name)
		} else {
			r.cat.Uncreatable = append(r.cat.Uncreatable, name)
		}
		return nil
	})
	return err
}
