package catalog

// settingsSQL lists, spelt as Others, what else the schema's tables,
// columns, partitions, sequences and domains have that a model cannot
// say and that would be lost without a word (propertiesSQL lists the
// rest): a rule (CREATE RULE), a REPLICA IDENTITY other than the
// default, a column's SET STORAGE other than its type's, SET COMPRESSION
// or SET STATISTICS, an index a table is CLUSTERed ON, an extended
// statistics object (CREATE STATISTICS) and its statistics target (ALTER
// STATISTICS ... SET STATISTICS), a comment on a sequence, a domain or a
// domain's constraint or the schema itself (but public's own, "standard
// public schema"), a column's attribute options (SET (n_distinct =
// 100)), a partition of a table of the schema that is in another schema
// (which a model of one schema cannot create), a foreign table of the
// schema that is a partition (which a model cannot create, and which
// the foreign tables othersSQL lists leave out, as part of its table);
// and what a partition has of its own rather than from its
// parent, which Read folds into the parent's Partitions (foldPartitions):
// a constraint not inherited (coninhcount 0), an index not attached to
// one of the parent's (no pg_inherits row), a comment, a comment on an
// index of its, or storage parameters other than those of the parent's
// index it is attached to, or an index column's statistics target
// other than that index's (PostgreSQL copies neither to a partition
// created or attached later: the partition's are then RESET, SET
// STATISTICS -1), and a column's
// comment, default or NOT NULL that the parent's column lacks, and a
// default of the parent's column that the partition's lacks (DROP
// DEFAULT, or a table attached as a partition without it). A
// partition's column is compared with its parent's column (a parent's
// SET STORAGE, say, reaches its partitions), not with the defaults. A model implies none of them ([Expect]), so [Diff]
// reports each, and the import notes it. A partition's column's
// statistics target and options are compared with its parent's column's
// alike, which PostgreSQL does not copy to a partition either.
var settingsSQL = `
WITH parts AS (
  SELECT c.oid, c.relname::text AS name, i.inhparent AS parent
  FROM pg_class c JOIN pg_inherits i ON i.inhrelid = c.oid JOIN pg_class p ON p.oid = i.inhparent
  WHERE ` + ownTablesSQL + ` AND c.relispartition AND p.relnamespace = $1
), cols AS (
  SELECT c.relname::text AS rel, a.*, t.typstorage, pa.attstorage AS pstorage, pa.attcompression AS pcompression,
         pa.attstattarget AS pstattarget, pa.attnotnull AS pnotnull, pa.attrelid AS parent, pa.attnum AS pnum,
         pa.attoptions AS poptions
  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_type t ON t.oid = a.atttypid
  LEFT JOIN parts ON parts.oid = c.oid
  LEFT JOIN pg_attribute pa ON pa.attrelid = parts.parent AND pa.attname = a.attname
  WHERE ` + ownTablesSQL + ` AND a.attnum > 0 AND NOT a.attisdropped
)
SELECT o FROM (
  SELECT 'rule ' || rw.rulename::text || ' on ' || c.relname::text AS o
  FROM pg_rewrite rw JOIN pg_class c ON c.oid = rw.ev_class
  WHERE c.relnamespace = $1 AND rw.rulename <> '_RETURN'
  UNION ALL
  SELECT 'table ' || c.relname::text || ' REPLICA IDENTITY '
         || CASE c.relreplident WHEN 'n' THEN 'NOTHING' WHEN 'f' THEN 'FULL'
              ELSE 'USING INDEX ' || coalesce((SELECT ic.relname::text FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
                                               WHERE i.indrelid = c.oid AND i.indisreplident), '') END
  FROM pg_class c WHERE ` + ownTablesSQL + ` AND c.relreplident <> 'd'
  UNION ALL
  SELECT 'column ' || rel || '.' || attname::text || ' SET STORAGE '
         || CASE attstorage WHEN 'p' THEN 'PLAIN' WHEN 'e' THEN 'EXTERNAL' WHEN 'm' THEN 'MAIN' ELSE 'EXTENDED' END
  FROM cols WHERE attstorage <> coalesce(pstorage, typstorage)
  UNION ALL
  SELECT 'column ' || rel || '.' || attname::text || ' SET COMPRESSION '
         || CASE attcompression WHEN 'p' THEN 'pglz' WHEN 'l' THEN 'lz4' ELSE 'DEFAULT' END
  FROM cols WHERE attcompression <> coalesce(pcompression, '')
  UNION ALL
  SELECT 'column ' || rel || '.' || attname::text || CASE WHEN parent IS NOT NULL THEN ' of a partition' ELSE '' END
         || ' SET STATISTICS ' || coalesce(attstattarget, -1)
         || CASE WHEN coalesce(pstattarget, -1) <> -1 THEN ', not its table''s ' || pstattarget ELSE '' END
  FROM cols WHERE coalesce(attstattarget, -1) <> coalesce(pstattarget, -1)
  UNION ALL
  SELECT 'column ' || rel || '.' || attname::text || CASE WHEN parent IS NOT NULL THEN ' of a partition' ELSE '' END
         || CASE WHEN attoptions IS NULL THEN ` + resetOptionsSQL("poptions") + `
              ELSE ' SET (' || array_to_string(attoptions, ', ') || ')' END
  FROM cols WHERE attoptions IS DISTINCT FROM poptions
  UNION ALL
  SELECT 'column ' || rel || '.' || attname::text || ' of a partition NOT NULL'
  FROM cols WHERE parent IS NOT NULL AND attnotnull AND NOT pnotnull
  UNION ALL
  SELECT 'column ' || rel || '.' || attname::text || ' of a partition DEFAULT ' || pg_get_expr(ad.adbin, ad.adrelid)
  FROM cols JOIN pg_attrdef ad ON ad.adrelid = cols.attrelid AND ad.adnum = cols.attnum
  WHERE parent IS NOT NULL AND NOT EXISTS (SELECT 1 FROM pg_attrdef pd WHERE pd.adrelid = parent AND pd.adnum = pnum
                                           AND pg_get_expr(pd.adbin, pd.adrelid) = pg_get_expr(ad.adbin, ad.adrelid))
  UNION ALL
  SELECT 'column ' || rel || '.' || attname::text || ' of a partition DROP DEFAULT'
  FROM cols
  WHERE parent IS NOT NULL AND EXISTS (SELECT 1 FROM pg_attrdef pd WHERE pd.adrelid = parent AND pd.adnum = pnum)
    AND NOT EXISTS (SELECT 1 FROM pg_attrdef ad WHERE ad.adrelid = cols.attrelid AND ad.adnum = cols.attnum)
  UNION ALL
  SELECT 'comment on column ' || rel || '.' || attname::text || ' of a partition ' || quote_literal(d.description)
  FROM cols JOIN pg_description d ON d.objoid = cols.attrelid AND d.classoid = 'pg_class'::regclass AND d.objsubid = cols.attnum
  WHERE parent IS NOT NULL
  UNION ALL
  SELECT 'table ' || c.relname::text || ' CLUSTER ON ' || ic.relname::text
  FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_class ic ON ic.oid = i.indexrelid
  WHERE c.relnamespace = $1 AND i.indisclustered
  UNION ALL
  SELECT 'statistics ' || regexp_replace(pg_get_statisticsobjdef(s.oid), '^CREATE STATISTICS ', '')
  FROM pg_statistic_ext s WHERE s.stxnamespace = $1
    AND ` + notOfExtensionSQL("'pg_statistic_ext'::regclass", "s.oid") + `
  UNION ALL
  SELECT 'statistics ' || quote_ident(n.nspname) || '.' || quote_ident(s.stxname) || ' SET STATISTICS ' || s.stxstattarget
  FROM pg_statistic_ext s JOIN pg_namespace n ON n.oid = s.stxnamespace
  WHERE s.stxnamespace = $1 AND coalesce(s.stxstattarget, -1) <> -1
    AND ` + notOfExtensionSQL("'pg_statistic_ext'::regclass", "s.oid") + `
  UNION ALL
  SELECT 'comment on sequence ' || c.relname::text || ' ' || quote_literal(d.description)
  FROM pg_class c JOIN pg_description d ON d.objoid = c.oid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0
  WHERE c.relnamespace = $1 AND c.relkind = 'S'
  UNION ALL
  SELECT 'comment on domain ' || t.typname::text || ' ' || quote_literal(d.description)
  FROM pg_type t JOIN pg_description d ON d.objoid = t.oid AND d.classoid = 'pg_type'::regclass AND d.objsubid = 0
  WHERE t.typnamespace = $1 AND t.typtype = 'd'
    AND ` + notOfExtensionSQL("'pg_type'::regclass", "t.oid") + `
  UNION ALL
  SELECT 'comment on constraint ' || con.conname::text || ' of domain ' || t.typname::text || ' ' || quote_literal(d.description)
  FROM pg_constraint con JOIN pg_type t ON t.oid = con.contypid
  JOIN pg_description d ON d.objoid = con.oid AND d.classoid = 'pg_constraint'::regclass AND d.objsubid = 0
  WHERE t.typnamespace = $1
    AND ` + notOfExtensionSQL("'pg_type'::regclass", "t.oid") + `
  UNION ALL
  SELECT 'comment on index ' || ic.relname::text || ' of partition ' || parts.name || ' ' || quote_literal(d.description)
  FROM pg_index i JOIN parts ON parts.oid = i.indrelid JOIN pg_class ic ON ic.oid = i.indexrelid
  JOIN pg_description d ON d.objoid = ic.oid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0
  UNION ALL
  SELECT 'index ' || ic.relname::text || ' of partition ' || parts.name
         || CASE WHEN ic.reloptions IS NULL THEN ` + resetOptionsSQL("pic.reloptions") + `
              ELSE ' WITH (' || array_to_string(ic.reloptions, ', ') || ')' END
  FROM pg_index i JOIN parts ON parts.oid = i.indrelid JOIN pg_class ic ON ic.oid = i.indexrelid
  JOIN pg_inherits ih ON ih.inhrelid = i.indexrelid JOIN pg_class pic ON pic.oid = ih.inhparent
  WHERE ic.reloptions IS DISTINCT FROM pic.reloptions
  UNION ALL
  SELECT 'index ' || ic.relname::text || ' of partition ' || parts.name || ' ALTER COLUMN ' || a.attnum
         || ' SET STATISTICS ' || coalesce(a.attstattarget, -1)
  FROM pg_index i JOIN parts ON parts.oid = i.indrelid JOIN pg_class ic ON ic.oid = i.indexrelid
  JOIN pg_inherits ih ON ih.inhrelid = i.indexrelid
  JOIN pg_attribute a ON a.attrelid = ic.oid AND a.attnum > 0
  JOIN pg_attribute pa ON pa.attrelid = ih.inhparent AND pa.attnum = a.attnum
  WHERE coalesce(a.attstattarget, -1) <> coalesce(pa.attstattarget, -1)
  UNION ALL
  SELECT 'comment on schema ' || n.nspname::text || ' ' || quote_literal(d.description)
  FROM pg_namespace n JOIN pg_description d ON d.objoid = n.oid AND d.classoid = 'pg_namespace'::regclass AND d.objsubid = 0
  WHERE n.oid = $1 AND NOT (n.nspname = 'public' AND d.description = 'standard public schema')
  UNION ALL
  SELECT 'partition ' || c.oid::regclass::text || ' of ' || p.relname::text || ' ' || pg_get_expr(c.relpartbound, c.oid)
  FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
  WHERE p.relnamespace = $1 AND c.relnamespace <> $1 AND c.relispartition AND c.relkind IN ('r', 'p', 'f')
  UNION ALL
  SELECT 'foreign table ' || c.relname::text || ' partition of '
         || ` + parentNameSQL + `
         || ' ' || pg_get_expr(c.relpartbound, c.oid) || ' SERVER ' || quote_ident(fs.srvname)
  FROM pg_class c JOIN pg_inherits i ON i.inhrelid = c.oid JOIN pg_class p ON p.oid = i.inhparent
  JOIN pg_foreign_table ft ON ft.ftrelid = c.oid JOIN pg_foreign_server fs ON fs.oid = ft.ftserver
  WHERE c.relnamespace = $1 AND c.relkind = 'f' AND c.relispartition
  UNION ALL
  SELECT 'comment on partition ' || parts.name || ' ' || quote_literal(d.description)
  FROM parts JOIN pg_description d ON d.objoid = parts.oid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0
  UNION ALL
  SELECT 'constraint ' || con.conname::text || ' of partition ' || parts.name || ' ' || pg_get_constraintdef(con.oid)
  FROM pg_constraint con JOIN parts ON parts.oid = con.conrelid
  WHERE con.contype IN ('c', 'f', 'p', 'u', 'x') AND con.coninhcount = 0 AND con.conparentid = 0
  UNION ALL
  SELECT 'index ' || ic.relname::text || ' on partition ' || parts.name || ' '
         || CASE WHEN i.indisunique THEN 'UNIQUE ' ELSE '' END
         || regexp_replace(pg_get_indexdef(i.indexrelid), '^.*? USING ', 'USING ')
  FROM pg_index i JOIN parts ON parts.oid = i.indrelid JOIN pg_class ic ON ic.oid = i.indexrelid
  WHERE NOT EXISTS (SELECT 1 FROM pg_inherits ih WHERE ih.inhrelid = i.indexrelid)
    AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid
                    AND con.contype IN ('p', 'u', 'x'))
) s`

// resetOptionsSQL is the RESET, as settingsSQL notes it, of the options
// in the text[] options (name=value) that a partition's column or index
// lacks: " RESET (name, ...)".
func resetOptionsSQL(options string) string {
	return `' RESET (' || (SELECT string_agg(split_part(o, '=', 1), ', ') FROM unnest(` + options + `) o) || ')'`
}

// settings adds to Others what settingsSQL finds.
func (r *reader) settings() error { return r.addOthers(settingsSQL) }
