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
// checks. numeric(p,s) and the time types with a precision round the
// same way on a cast and on an assignment, and keep theirs: a stored value
// is rounded as the column would round it. A value that is only compared
// is cast with compareSQL instead.
func (g *gen) castSQL(t model.Type) string {
	if name := t.UnsizedSQL(); name != "" {
		return name
	}
	return g.s.TypeSQL(t)
}

// compareSQL is type t as the cast of a parameter that is only compared
// with a column, never stored: castSQL's type, but without any type
// modifier, numeric for numeric(p,s), timestamp for timestamp(p),
// interval for interval(p) or interval day to second. A cast to the
// modified type rounds (and the one to interval fields truncates) the
// value, so that a key of 1.005 would find the rows of 1.01 where the
// column's own = finds none; an overflow of the precision would fail the
// query rather than find nothing. The unmodified type is the column's
// type all the same, whose operators and indexes serve the comparison.
func (g *gen) compareSQL(t model.Type) string {
	u := t.Underlying()
	switch u.Base {
	case model.Numeric, model.Time, model.TimeTZ, model.Timestamp, model.TimestampTZ, model.Interval:
		u.Params, u.Fields = nil, ""
		return g.s.TypeSQL(u)
	}
	return g.castSQL(t)
}
