package catalog

// propertiesSQL lists what a table, key or index of the schema is or has
// that changes how it behaves and that a model cannot say, each spelt as
// one of Others: an UNLOGGED table, which a crash empties; storage
// parameters (WITH (fillfactor=70)) of a table or index; row level
// security, enabled or forced, and its policies; a table that INHERITS
// another; a PRIMARY KEY, UNIQUE or EXCLUDE constraint checked at the end
// of the statement or transaction (DEFERRABLE), where ergen's are checked
// row by row; and the sequence of a serial column with other settings
// than the ones the column gets by itself (INCREMENT BY 10, START WITH
// 100), or of an identity column with another type than the column's
// (its other settings are the column's IdentitySettings), spelt as a
// standalone sequence's are (see sequenceOptionsSQL) but never "sequence
// ...", which the importer reads as one it declares. A model implies none of them ([Expect]), so [Diff]
// reports each, and the import notes it.
const propertiesSQL = `
SELECT o FROM (
  SELECT 'UNLOGGED table ' || c.relname::text AS o
  FROM pg_class c WHERE c.relnamespace = $1 AND c.relkind IN ('r', 'p') AND c.relpersistence = 'u'
  UNION ALL
  SELECT 'table ' || c.relname::text || ' WITH (' || array_to_string(c.reloptions, ', ') || ')'
  FROM pg_class c WHERE c.relnamespace = $1 AND c.relkind IN ('r', 'p') AND c.reloptions IS NOT NULL
  UNION ALL
  SELECT 'index ' || ic.relname::text || ' on ' || c.relname::text || ' WITH (' || array_to_string(ic.reloptions, ', ') || ')'
  FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_class ic ON ic.oid = i.indexrelid
  WHERE c.relnamespace = $1 AND c.relkind IN ('r', 'p') AND ic.reloptions IS NOT NULL AND NOT ic.relispartition
  UNION ALL
  SELECT 'ROW LEVEL SECURITY on table ' || c.relname::text
  FROM pg_class c WHERE c.relnamespace = $1 AND c.relkind IN ('r', 'p') AND c.relrowsecurity
  UNION ALL
  SELECT 'FORCE ROW LEVEL SECURITY on table ' || c.relname::text
  FROM pg_class c WHERE c.relnamespace = $1 AND c.relkind IN ('r', 'p') AND c.relforcerowsecurity
  UNION ALL
  SELECT 'policy ' || p.polname::text || ' on ' || c.relname::text
  FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid WHERE c.relnamespace = $1
  UNION ALL
  SELECT 'table ' || c.relname::text || ' INHERITS (' || string_agg(p.oid::regclass::text, ', ' ORDER BY i.inhseqno) || ')'
  FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
  WHERE c.relnamespace = $1 AND c.relkind IN ('r', 'p') AND NOT c.relispartition
  GROUP BY c.relname
  UNION ALL
  SELECT CASE con.contype WHEN 'p' THEN 'primary key ' WHEN 'u' THEN 'unique key ' ELSE 'exclusion constraint ' END
         || con.conname::text || ' of ' || c.relname::text
         || CASE WHEN con.condeferred THEN ' DEFERRABLE INITIALLY DEFERRED' ELSE ' DEFERRABLE' END
  FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid
  WHERE c.relnamespace = $1 AND c.relkind IN ('r', 'p') AND con.contype IN ('p', 'u', 'x') AND con.condeferrable AND con.conparentid = 0
  UNION ALL
  SELECT 'owned sequence ' || sc.relname::text || ' of ' || c.relname::text || '.' || a.attname::text
         || ' (' || format_type(s.seqtypid, NULL) || ' start ' || s.seqstart || ' increment ' || s.seqincrement
         || ' min ' || s.seqmin || ' max ' || s.seqmax || ' cache ' || s.seqcache
         || CASE WHEN s.seqcycle THEN ' cycle' ELSE '' END || ')'
  FROM pg_depend d
  JOIN pg_class sc ON sc.oid = d.objid AND sc.relkind = 'S'
  JOIN pg_sequence s ON s.seqrelid = sc.oid
  JOIN pg_class c ON c.oid = d.refobjid
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.refobjsubid
  WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
    AND c.relnamespace = $1 AND c.relkind IN ('r', 'p')
    AND (d.deptype = 'a' OR s.seqtypid <> a.atttypid)
    AND NOT (s.seqtypid = a.atttypid AND s.seqstart = 1 AND s.seqincrement = 1 AND s.seqmin = 1 AND s.seqcache = 1 AND NOT s.seqcycle
             AND s.seqmax = CASE s.seqtypid WHEN 'smallint'::regtype THEN 32767 WHEN 'integer'::regtype THEN 2147483647
                                            ELSE 9223372036854775807 END)
) p`

// properties adds to Others what propertiesSQL finds.
func (r *reader) properties() error { return r.addOthers(propertiesSQL) }
