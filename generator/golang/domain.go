package golang

import (
	"fmt"

	"github.com/ergen-dev/ergen/generator/model"
)

// valueParam is the i-th parameter of a statement, as the value written
// to column c. A domain's value is passed as its base type
// (`$1::integer[]`): pgx knows no domain's type OID, and would write a
// nil slice as an empty array instead of NULL; PostgreSQL casts the value
// to the domain on assignment, checks included.
func (g *gen) valueParam(i int, c *model.Column) string {
	return fmt.Sprintf("$%d", i) + g.valueCast(c)
}

// valueCast is the cast valueParam gives a parameter holding a value of
// column c: to the domain's base type for a domain (see castSQL), else
// none.
func (g *gen) valueCast(c *model.Column) string {
	if c.Type.Base != model.DomainType {
		return ""
	}
	return "::" + g.castSQL(c.Type.Underlying())
}

// castSQL is type t as the cast of a parameter names it. An explicit cast
// to a type with a length cuts a longer value to it (and pads a bit
// string), where assigning the value to a column of the type, as an
// INSERT does, fails with 22001 (value too long); so is a cast to a
// domain over one. A parameter of a varchar(n) or char(n) is therefore
// cast to varchar or bpchar (char alone is char(1)), one of a bit(n) or
// varbit(n) to varbit, arrays alike, and a domain over them to that type:
// the assignment to the column then checks the length and the domain's
// checks, and a comparison compares the whole value. numeric(p,s) and the
// time types with a precision round the same way on a cast and on an
// assignment, and keep theirs.
func (g *gen) castSQL(t model.Type) string {
	if name := t.UnsizedSQL(); name != "" {
		return name
	}
	return g.s.TypeSQL(t)
}
