package golang

import (
	"github.com/ergen-dev/ergen/generator/model"
)

// countSQL counts the children of many parents in one query, taking the
// parents' keys as batch loading does (see batchSQL):
//
//	SELECT user_id, count(*) FROM orders WHERE user_id = ANY($1) GROUP BY user_id
//
// A parent without children has no row. Keys that cannot key a Go map
// (bytea, numeric, timestamps) are numbered WITH ORDINALITY, and the
// counts come by their number.
func (g *gen) countSQL(child *table, fk *model.ForeignKey, keyed bool) string {
	from := g.batchFrom(child, fk, keyed, "", "")
	if !keyed {
		return "SELECT k.i, count(*) FROM " + from + " GROUP BY k.i"
	}
	cols := colList(fk.Columns, "")
	return "SELECT " + cols + ", count(*) FROM " + from + " GROUP BY " + cols
}
