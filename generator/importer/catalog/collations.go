package catalog

import (
	"regexp"
	"strings"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator/model"
)

// collationNameSQL is the name of the collation whose oid is the SQL
// expression oid, as a column's, a domain's or an index key's Collation
// reads it. A model names a collation by its name alone, a string the
// DDL writes quoted (COLLATE "mine"), which PostgreSQL looks up, among
// the collations of the database's encoding or of any, on the
// search_path the DDL runs with, "$user", public: in pg_catalog,
// searched first, then in public; not in the model's schema, which the
// DDL names in every name it creates but leaves off the path. A
// collation elsewhere (c.mine, or app.mine of the model's schema), or one
// in public that pg_catalog's of the same name shadows (public."POSIX"),
// is qualified as the server prints it, both names as quote_ident writes
// them (see QualifiedCollation): its bare name would find another
// collation, or none.
func collationNameSQL(oid string) string {
	return `(SELECT ` + onPathNameSQL("cn.nspname", "co.collname", `SELECT 1 FROM pg_collation s
                    WHERE s.collnamespace = 'pg_catalog'::regnamespace AND s.collname = co.collname
                      AND s.collencoding IN (-1, pg_char_to_encoding(getdatabaseencoding()))`) + `
         FROM pg_collation co JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = ` + oid + `)`
}

// onPathNameSQL is the SQL of the name a model writes for an object named
// name in the schema nsp (SQL expressions): the bare name where the DDL's
// search_path, "$user", public, finds it (in pg_catalog, or in public
// unless shadowed, a query of pg_catalog's objects of the name that would
// be found first, returns a row), else the name qualified as quote_ident
// writes both parts.
func onPathNameSQL(nsp, name, shadowed string) string {
	return `CASE WHEN ` + nsp + ` = 'pg_catalog' OR ` + nsp + ` = 'public' AND NOT EXISTS (` + shadowed + `)
                  THEN ` + name + `::text ELSE quote_ident(` + nsp + `) || '.' || quote_ident(` + name + `) END`
}

// reQualified matches a qualified name as quote_ident spells its parts:
// each a lower-case identifier or a double-quoted one.
var reQualified = regexp.MustCompile(`^([a-z_][a-z0-9_]*|"(?:[^"]|"")+")\.(?:[a-z_][a-z0-9_]*|"(?:[^"]|"")+")$`)

// QualifiedCollation reports whether name, a collation as Read reports
// it, is qualified (c.mine, public."POSIX"; see collationNameSQL), so
// that a model, which names a collation by its name alone, cannot name
// it. A collation whose own name reads so (a public one named "en.utf8")
// counts as qualified too: its column or key is noted, not written.
func QualifiedCollation(name string) bool { return reQualified.MatchString(name) }

// CollationSchema is the schema of name, a collation as Read reports it,
// unquoted, when it is qualified (QualifiedCollation), or "".
func CollationSchema(name string) string {
	m := reQualified.FindStringSubmatch(name)
	if m == nil {
		return ""
	}
	return model.UnquoteIdent(m[1])
}

// exprKeyCollation is the collation of the COLLATE over the whole of
// expr, an index key's expression as a model writes it
// ((lower(code) collate c.mine)), as Read reports it: "" for none; the
// name alone (model.SplitCollation) where the COLLATE names no schema,
// or pg_catalog or public, where the model's DDL finds the collation as
// Read expects the name alone to (a model names public."POSIX" that
// pg_catalog's shadows in no other way); else schema and name as
// collationNameSQL qualifies them (c.mine).
func exprKeyCollation(expr string) string {
	_, coll := model.SplitCollation(expr)
	if coll == "" {
		return ""
	}
	toks, err := dsl.ScanSQL(expr)
	if err != nil {
		return coll
	}
	var words []string
	for _, tk := range toks {
		switch tk.Kind {
		case dsl.SQLSpace, dsl.SQLComment:
		case dsl.SQLIdent:
			words = append(words, strings.ToLower(expr[tk.Off:tk.End]))
		case dsl.SQLQuoted:
			words = append(words, "\x00"+model.UnquoteIdent(expr[tk.Off:tk.End]))
		default:
			words = append(words, expr[tk.Off:tk.End])
		}
	}
	// The key's COLLATE is the last of expr: only its name and closing
	// parentheses follow it.
	at := -1
	for i, w := range words {
		if w == "collate" {
			at = i
		}
	}
	if at < 0 || at+3 >= len(words) || words[at+2] != "." {
		return coll
	}
	nsp := strings.TrimPrefix(words[at+1], "\x00")
	if nsp == "pg_catalog" || nsp == "public" {
		return coll
	}
	return model.QuoteIdent(nsp) + "." + model.QuoteIdent(coll)
}
