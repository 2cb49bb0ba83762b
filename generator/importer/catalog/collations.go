package catalog

import "regexp"

// collationNameSQL is, in a query of the schema whose oid is $1, the
// name of the collation whose oid is the SQL expression oid, as a
// column's, a domain's or an index key's Collation reads it. A model
// names a collation by its name alone, a string the DDL writes quoted
// (COLLATE "mine"), which PostgreSQL looks up, among the collations of
// the database's encoding or of any, in pg_catalog, searched first, in
// public, then in the model's schema, where the import notes a collation
// to create before the DDL. A collation elsewhere (c.mine), or one of
// those that a collation of the same name earlier on that path shadows
// (public."POSIX" beside pg_catalog's), is qualified as the server
// prints it, both names as quote_ident writes them (c.mine,
// public."POSIX"; see QualifiedCollation): its bare name would find
// another collation, or none.
func collationNameSQL(oid string) string {
	return `(SELECT CASE WHEN cn.nspname = 'pg_catalog' OR (cn.nspname = 'public' OR co.collnamespace = $1) AND NOT EXISTS (
                    SELECT 1 FROM pg_collation s JOIN pg_namespace sn ON sn.oid = s.collnamespace
                    WHERE s.collname = co.collname AND s.collencoding IN (-1, pg_char_to_encoding(getdatabaseencoding()))
                      AND (sn.nspname = 'pg_catalog' OR sn.nspname = 'public' AND cn.nspname <> 'public'))
                  THEN co.collname::text ELSE quote_ident(cn.nspname) || '.' || quote_ident(co.collname) END
         FROM pg_collation co JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = ` + oid + `)`
}

// reQualified matches a qualified name as quote_ident spells its parts:
// each a lower-case identifier or a double-quoted one.
var reQualified = regexp.MustCompile(`^(?:[a-z_][a-z0-9_]*|"(?:[^"]|"")+")\.(?:[a-z_][a-z0-9_]*|"(?:[^"]|"")+")$`)

// QualifiedCollation reports whether name, a collation as Read reports
// it, is qualified (c.mine, public."POSIX"; see collationNameSQL), so
// that a model, which names a collation by its name alone, cannot name
// it. A collation whose own name reads so (a public one named "en.utf8")
// counts as qualified too: its column or key is noted, not written.
func QualifiedCollation(name string) bool { return reQualified.MatchString(name) }
