package golang

import (
	"strconv"

	"github.com/ergen-dev/ergen/generator/model"
)

// valueParam is the i-th parameter of a statement, as the value written
// to column c. A domain's value is passed as its base type
// (`$1::integer[]`): pgx knows no domain's type OID, and would write a
// nil slice as an empty array instead of NULL; PostgreSQL casts the value
// to the domain on assignment, checks included.
func (g *gen) valueParam(i int, c *model.Column) string {
	return "$" + strconv.Itoa(i) + g.valueCast(c)
}

// valueCast is the cast valueParam gives a parameter holding a value of
// column c: to the domain's base type for a domain (see
// model.Schema.CastSQL), else none.
func (g *gen) valueCast(c *model.Column) string {
	if c.Type.Base != model.DomainType {
		return ""
	}
	return "::" + g.s.CastSQL(c.Type.Underlying())
}
