package model

import (
	"slices"
	"strconv"
	"strings"

	"github.com/ergen-dev/ergen/dsl"
)

// IntervalFields are an interval's fields from the largest to the
// smallest, as PostgreSQL names them.
var IntervalFields = []string{"year", "month", "day", "hour", "minute", "second"}

// intervalRanges are the field ranges PostgreSQL takes after interval,
// each from one field to a smaller one.
var intervalRanges = []string{
	"year to month", "day to hour", "day to minute", "day to second",
	"hour to minute", "hour to second", "minute to second",
}

// intervalType resolves an interval restricted to some fields:
// `interval day to second(3)`, `interval year to month`. PostgreSQL keeps
// the fields and the precision of the seconds in the column's type
// modifier, and refuses any other type with fields, a range it does not
// know, and a precision on a range that does not reach the seconds.
func (r *resolver) intervalType(tr *dsl.TypeRef) (Type, bool) {
	f := tr.Fields
	fp, fe := pos(f.Pos), pos(f.EndPos)
	name := typeName(tr)
	if !strings.EqualFold(name, "interval") {
		r.diags.Errorf(fp, fe, "type %s takes no fields", name).
			Hintf("only interval is restricted to fields, as in interval day to second")
		return Type{}, false
	}
	if len(tr.Params) > 0 {
		r.diags.Errorf(pos(tr.Pos), fe, "interval's precision goes after its fields").
			Hintf("write interval %s(%s)", fieldsText(f), tr.Params[0])
		return Type{}, false
	}
	t := Type{Base: Interval, Fields: fieldsText(f), Array: len(tr.Array) / 2}
	if f.To != "" && !slices.Contains(intervalRanges, t.Fields) {
		r.diags.Errorf(fp, fe, "interval %s is not a range of fields PostgreSQL takes", t.Fields).
			Hintf("the ranges are %s", strings.Join(intervalRanges, ", "))
		return Type{}, false
	}
	if f.Precision == "" {
		return t, true
	}
	last := f.From
	if f.To != "" {
		last = f.To
	}
	p, err := strconv.Atoi(f.Precision)
	switch {
	case last != "second":
		r.diags.Errorf(fp, fe, "only seconds take a precision, not interval %s", t.Fields).
			Hintf("remove (%s), or end the fields with second: interval %s to second(%s)", f.Precision, f.From, f.Precision)
		return Type{}, false
	case err != nil || p > 6:
		r.diags.Errorf(fp, fe, "precision of interval must be between 0 and 6")
		return Type{}, false
	}
	t.Params = []int{p}
	return t, true
}

// fieldsText is an interval's fields as PostgreSQL spells them, in lower
// case: "day to second".
func fieldsText(f *dsl.IntervalFields) string {
	s := strings.ToLower(f.From)
	if f.To != "" {
		s += " to " + strings.ToLower(f.To)
	}
	return s
}
