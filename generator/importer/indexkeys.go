package importer

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ergen-dev/ergen/generator/importer/catalog"
	"github.com/ergen-dev/ergen/generator/model"
)

// indexKeys are the keys of ix as .er writes them: a column or an
// expression, then its collation, operator class and order. An
// expression's collation goes inside its parentheses, over the whole of
// it, where PostgreSQL takes it off again: ((a || b) collate "C"); so
// does a column's that is qualified, which a string cannot name:
// (code collate c.bytes).
func indexKeys(ix *catalog.Index) []string {
	keys := make([]string, len(ix.Columns))
	for i, c := range ix.Columns {
		keys[i] = c
		coll := ""
		if i < len(ix.Collations) {
			coll = ix.Collations[i]
		}
		switch {
		case i < len(ix.Exprs) && ix.Exprs[i] != "" && catalog.QualifiedCollation(coll):
			keys[i] = "(" + indexExpr(string(ix.Exprs[i])) + " collate " + coll + ")"
		case catalog.QualifiedCollation(coll):
			keys[i] = "(" + model.QuoteIdent(c) + " collate " + coll + ")"
		case i < len(ix.Exprs) && ix.Exprs[i] != "" && coll != "":
			keys[i] = "(" + indexExpr(string(ix.Exprs[i])) + " collate " + erString(coll) + ")"
		case i < len(ix.Exprs) && ix.Exprs[i] != "":
			keys[i] = indexExpr(string(ix.Exprs[i]))
		case coll != "":
			keys[i] += " collate " + erString(coll)
		}
		if i < len(ix.KeyOptions) && ix.KeyOptions[i] != "" {
			keys[i] += " " + keyOptions(ix.KeyOptions[i])
		}
	}
	return keys
}

// keyOptions writes a key's operator class and order in .er's lower case:
// "text_pattern_ops DESC NULLS LAST" -> "text_pattern_ops desc nulls last".
func keyOptions(opts string) string {
	words := strings.Fields(opts)
	for i, w := range words {
		switch w {
		case "ASC", "DESC", "NULLS", "FIRST", "LAST":
			words[i] = strings.ToLower(w)
		}
	}
	return strings.Join(words, " ")
}

// unwritableKeyCollation is the first collation of ix's keys that a
// model cannot name, or "". A model names a qualified collation
// (catalog.QualifiedCollation) in the COLLATE over the whole of a key's
// expression, (code collate c.bytes), which its DDL writes as it is
// (indexKeys), but not one of public that pg_catalog's of the same name
// shadows (public."POSIX"): Read reads a COLLATE of public back bare, as
// the name alone finds it.
func unwritableKeyCollation(ix *catalog.Index) string {
	for _, coll := range ix.Collations {
		switch catalog.CollationSchema(coll) {
		case "pg_catalog", "public":
			return coll
		}
	}
	return ""
}

// namedCollations notes, for what (an index or exclusion constraint), each
// collation of ix's keys of a schema other than pg_catalog, public and
// the model's (whose collations the schema's own notes list): the model
// names it in a key's COLLATE, (code collate c.bytes), and does not
// create it, as it names a type of another schema.
func (im *importer) namedCollations(what string, ix *catalog.Index) []string {
	var seen, notes []string
	for _, coll := range ix.Collations {
		switch catalog.CollationSchema(coll) {
		case "", "pg_catalog", "public", im.cat.Schema:
			continue
		}
		if !slices.Contains(seen, coll) {
			seen = append(seen, coll)
			notes = append(notes, fmt.Sprintf("%s: collation %s is named, not created, by the model: create it before the model's DDL, which fails without it", what, coll))
		}
	}
	return notes
}
