package catalog

// propertiesSQL lists what a table, key or index of the schema is or has
// that changes how it behaves and that a model cannot say, each spelt as
// one of Others: an UNLOGGED table, which a crash empties; storage
// parameters (WITH (fillfactor=70)) of a table, its TOAST table
// (toast.autovacuum_enabled) or an index; a typed table (OF a composite
// type); a statistics target of an index's column, and the parameters
// of its operator class (gist_trgm_ops (siglen=32)); row level
// security, enabled or forced, and its policies; a table that INHERITS
// another; and a PRIMARY KEY, UNIQUE or EXCLUDE constraint checked at
// the end of the statement or transaction (DEFERRABLE), where ergen's
// are checked row by row. A model implies none of them ([Expect]), so [Diff]
// reports each, and the import notes it. The sequences columns own are
// read in sequences.go, each once: a column's Sequence, with its
// settings, and an identity column's IdentitySettings and type.
const propertiesSQL = `
SELECT o FROM (
  SELECT 'UNLOGGED table ' || c.relname::text AS o
  FROM pg_class c WHERE ` + ownTablesSQL + ` AND c.relpersistence = 'u'
  UNION ALL
  SELECT 'table ' || c.relname::text || ' WITH (' || array_to_string(c.reloptions, ', ') || ')'
  FROM pg_class c WHERE ` + ownTablesSQL + ` AND c.reloptions IS NOT NULL
  UNION ALL
  SELECT 'table ' || c.relname::text || ' WITH (' || (SELECT string_agg('toast.' || o, ', ') FROM unnest(tc.reloptions) o) || ')'
  FROM pg_class c JOIN pg_class tc ON tc.oid = c.reltoastrelid
  WHERE ` + ownTablesSQL + ` AND tc.reloptions IS NOT NULL
  UNION ALL
  SELECT 'table ' || c.relname::text || ' OF ' || format_type(c.reloftype, NULL)
  FROM pg_class c WHERE ` + ownTablesSQL + ` AND c.reloftype <> 0
  UNION ALL
  SELECT 'index ' || ic.relname::text || ' on ' || c.relname::text || ' ALTER COLUMN ' || a.attnum || ' SET STATISTICS ' || a.attstattarget
  FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_class ic ON ic.oid = i.indexrelid
  JOIN pg_attribute a ON a.attrelid = ic.oid
  WHERE ` + ownTablesSQL + ` AND a.attnum > 0 AND coalesce(a.attstattarget, -1) <> -1 AND NOT ic.relispartition
  UNION ALL
  SELECT 'index ' || ic.relname::text || ' on ' || c.relname::text || ' key ' || a.attnum || ' ' || oc.opcname::text
         || ' (' || array_to_string(a.attoptions, ', ') || ')'
  FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_class ic ON ic.oid = i.indexrelid
  JOIN pg_attribute a ON a.attrelid = ic.oid JOIN pg_opclass oc ON oc.oid = i.indclass[a.attnum - 1]
  WHERE ` + ownTablesSQL + ` AND a.attnum > 0 AND a.attoptions IS NOT NULL AND NOT ic.relispartition
  UNION ALL
  SELECT 'index ' || ic.relname::text || ' on ' || c.relname::text || ' WITH (' || array_to_string(ic.reloptions, ', ') || ')'
  FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_class ic ON ic.oid = i.indexrelid
  WHERE ` + ownTablesSQL + ` AND ic.reloptions IS NOT NULL AND NOT ic.relispartition
  UNION ALL
  SELECT 'ROW LEVEL SECURITY on table ' || c.relname::text
  FROM pg_class c WHERE ` + ownTablesSQL + ` AND c.relrowsecurity
  UNION ALL
  SELECT 'FORCE ROW LEVEL SECURITY on table ' || c.relname::text
  FROM pg_class c WHERE ` + ownTablesSQL + ` AND c.relforcerowsecurity
  UNION ALL
  SELECT 'policy ' || p.polname::text || ' on ' || c.relname::text
  FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid WHERE c.relnamespace = $1
  UNION ALL
  SELECT 'table ' || c.relname::text || ' INHERITS (' || string_agg(p.oid::regclass::text, ', ' ORDER BY i.inhseqno) || ')'
  FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
  WHERE ` + ownTablesSQL + ` AND NOT c.relispartition
  GROUP BY c.relname
  UNION ALL
  SELECT CASE con.contype WHEN 'p' THEN 'primary key ' WHEN 'u' THEN 'unique key ' ELSE 'exclusion constraint ' END
         || con.conname::text || ' of ' || c.relname::text
         || CASE WHEN con.condeferred THEN ' DEFERRABLE INITIALLY DEFERRED' ELSE ' DEFERRABLE' END
  FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid
  WHERE ` + ownTablesSQL + ` AND con.contype IN ('p', 'u', 'x') AND con.condeferrable AND con.conparentid = 0
) p`

// properties adds to Others what propertiesSQL finds.
func (r *reader) properties() error { return r.addOthers(propertiesSQL) }
