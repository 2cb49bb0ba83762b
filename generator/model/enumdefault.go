package model

import (
	"slices"
	"strings"

	"github.com/ergen-dev/ergen/dsl"
)

// checkEnumDefault reports a default of an enum column that is a string
// literal but not one of the enum's values: PostgreSQL would refuse the
// CREATE TABLE only when the default is first used, on an insert.
func (r *resolver) checkEnumDefault(c *Column, a *dsl.Attribute) {
	if c.Type.Base != EnumType || c.Type.Array > 0 {
		return
	}
	for _, o := range a.Options {
		t := o.Default.StringLiteral()
		if t == nil {
			continue
		}
		v := (&dsl.String{Value: t.String}).Unquote()
		if slices.Contains(c.Type.Enum.Values, v) {
			continue
		}
		d := r.diags.Errorf(pos(o.Default.Pos), pos(o.Default.EndPos), "default %s of column %s is not a value of enum %s", dsl.QuoteName(v), dsl.QuoteName(c.Name), dsl.QuoteName(c.Type.Enum.Name))
		if s := dsl.Suggest(v, c.Type.Enum.Values); s != "" {
			d.Hintf("did you mean %s?", dsl.QuoteName(s))
		} else {
			d.Hintf("%s has the values %s", dsl.NameExcerpt(c.Type.Enum.Name), strings.Join(c.Type.Enum.Values, ", "))
		}
	}
}
