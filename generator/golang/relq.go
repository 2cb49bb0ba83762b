package golang

import (
	"fmt"

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
		return fmt.Sprintf("SELECT k.i, count(*) FROM %s GROUP BY k.i", from)
	}
	cols := colList(fk.Columns, "")
	return fmt.Sprintf("SELECT %s, count(*) FROM %s GROUP BY %s", cols, from, cols)
}
