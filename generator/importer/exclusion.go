package importer

import (
	"fmt"
	"strings"

	"github.com/ergen-dev/ergen/generator/importer/catalog"
)

// renderExclusions writes the `exclude` clauses of ent's table, or a
// note for one .er cannot write.
func (im *importer) renderExclusions(w *writer, ent *entity) {
	t := ent.t
	for _, x := range t.Exclusions {
		if im.left["ex:"+t.Name+":"+x.Name] != "" {
			continue
		}
		clause, why := im.exclusionClause(ent, x)
		if why != "" {
			ent.place(w, []string{fmt.Sprintf("exclusion constraint %s: %s", x.Name, why)})
			continue
		}
		ent.place(w, im.namedCollations("exclusion constraint "+x.Name, t.Index(x.Name)))
		w.line(1, "%s%s", clause, im.asName(w, "ex", "ex:"+t.Name+":"+x.Name, x.Name))
	}
}

// exclusionClause is the `exclude` clause declaring x, without its name,
// or why .er cannot write it. Its keys (with their collations), method,
// INCLUDE columns and predicate are its index's.
func (im *importer) exclusionClause(ent *entity, x catalog.Exclusion) (clause, why string) {
	ix := ent.t.Index(x.Name)
	switch {
	case ix == nil || len(x.Operators) != len(ix.Columns):
		return "", "its index was not read"
	case unwritableKeyCollation(ix) != "":
		return "", fmt.Sprintf("%s: .er cannot write the collation %s of its key", x.Def, unwritableKeyCollation(ix))
	}
	for i, c := range ix.Columns {
		if col := ent.cols[c]; (i >= len(ix.Exprs) || ix.Exprs[i] == "") && (col == nil || col.omit != "") {
			return "", fmt.Sprintf("its key %s is not a column of the model", c)
		}
	}
	keys := indexKeys(ix)
	for i := range keys {
		keys[i] += " with " + x.Operators[i]
	}
	clause = "exclude using " + ix.Method + " (" + strings.Join(keys, ", ") + ")" + indexTail(ix)
	if !im.reads(clause) {
		return "", fmt.Sprintf("%s: .er cannot write its keys, operators or predicate", x.Def)
	}
	return clause, ""
}
