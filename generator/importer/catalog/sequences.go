package catalog

// sequenceOptionsSQL is, for the pg_class row c, what a standalone
// sequence sets that `CREATE SEQUENCE name` would not: " (integer start 1
// increment 1 min 1 max 2147483647 cache 1)"; NULL when it is a sequence
// with PostgreSQL's defaults, or not a sequence. A model's sequence
// (model.Sequence) gets the same text from its settings (expect.go's
// sequenceOptions), so only settings that differ show as a difference.
const sequenceOptionsSQL = `
  SELECT ' (' || format_type(s.seqtypid, NULL) || ' start ' || s.seqstart || ' increment ' || s.seqincrement
         || ' min ' || s.seqmin || ' max ' || s.seqmax || ' cache ' || s.seqcache
         || CASE WHEN s.seqcycle THEN ' cycle' ELSE '' END || ')'
  FROM pg_sequence s
  WHERE s.seqrelid = c.oid
    AND NOT (s.seqtypid = 'bigint'::regtype AND s.seqstart = 1 AND s.seqincrement = 1 AND s.seqmin = 1
             AND s.seqmax = 9223372036854775807 AND s.seqcache = 1 AND NOT s.seqcycle)`
