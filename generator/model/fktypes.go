package model

import (
	"fmt"
	"strconv"

	"github.com/ergen-dev/ergen/dsl"
)

// PostgreSQL accepts a foreign key between columns of different types when
// the referenced key's index can compare them: any two integer types (the
// btree integer family has every cross-type equality), and text with
// varchar of any length (varchar has no operators of its own and uses
// text's). ergen accepts the same pairs, so that a schema written by
// others (an integer column toward a bigint key) can be modelled as it is;
// any other difference is refused, since PostgreSQL would refuse it too or
// compare through a cast no index serves.

// CanReference reports whether a column of type fk may reference a column
// of type ref (a serial references as its integer type).
func (t Type) CanReference(ref Type) bool {
	ref = ref.Referencing()
	if t.Equal(ref) {
		return true
	}
	if t.Base == DomainType || ref.Base == DomainType {
		return domainCanReference(t, ref)
	}
	if t.Array != 0 || ref.Array != 0 {
		return false
	}
	if integerBits(t) > 0 && integerBits(ref) > 0 {
		return true
	}
	return isTextual(t) && isTextual(ref)
}

// domainCanReference reports whether t may reference ref when either is
// a domain: PostgreSQL compares a domain's values with its base type's
// operators, so a domain over integer references an integer key as the
// integer would. Not a domain over an enum, which has no equality
// operator (enumDomainKey says so), nor one given a Go type of its own,
// which the generated code could not convert to the key's.
func domainCanReference(t, ref Type) bool {
	if t.EnumDomain() || ref.EnumDomain() {
		return false
	}
	tu, ru := t.Underlying(), ref.Underlying()
	if tu.Go != "" || ru.Go != "" {
		return false
	}
	return tu.Base != DomainType && ru.Base != DomainType && tu.CanReference(ru)
}

// integerBits is the width of a scalar integer type, or 0.
func integerBits(t Type) int {
	if t.Array != 0 {
		return 0
	}
	switch t.Base {
	case Smallint, Smallserial:
		return 16
	case Integer, Serial:
		return 32
	case Bigint, Bigserial:
		return 64
	}
	return 0
}

func isTextual(t Type) bool {
	return t.Array == 0 && (t.Base == Text || t.Base == Varchar)
}

// maxLength is a textual type's length limit, or 0 for none.
func maxLength(t Type) int {
	if t.Base == Varchar && len(t.Params) == 1 {
		return t.Params[0]
	}
	return 0
}

// NarrowReference is an FK column whose type cannot hold every value of the
// key column it references: an integer toward a bigint, a varchar(20)
// toward a text. PostgreSQL accepts the foreign key, but a parent row whose
// key does not fit can never be referenced.
type NarrowReference struct {
	FK     *ForeignKey
	Column *Column // the FK column, declared with its narrower type
	Ref    *Column // the referenced key column
}

// NarrowReferences lists them, in table and FK order.
func (s *Schema) NarrowReferences() []NarrowReference {
	var out []NarrowReference
	for _, t := range s.Tables {
		for _, fk := range t.ForeignKeys {
			for i, c := range fk.Columns {
				if narrower(c.Type, fk.RefColumns[i].Type.Referencing()) {
					out = append(out, NarrowReference{FK: fk, Column: c, Ref: fk.RefColumns[i]})
				}
			}
		}
	}
	return out
}

// narrower reports whether a column of type fk, compatible with ref,
// cannot hold some of ref's values.
func narrower(fk, ref Type) bool {
	if fb, rb := integerBits(fk), integerBits(ref); fb > 0 && rb > 0 {
		return fb < rb
	}
	if isTextual(fk) && isTextual(ref) {
		fl, rl := maxLength(fk), maxLength(ref)
		return fl > 0 && (rl == 0 || fl < rl)
	}
	return false
}

// Message says which keys the column cannot reference.
func (n NarrowReference) Message() string {
	head := fmt.Sprintf("column %s of %s is %s but references %s.%s of type %s", dsl.QuoteName(n.Column.Name), dsl.QuoteName(n.Column.Table.Label()),
		n.Column.Type.SQL(), n.Ref.Table.Name, n.Ref.Name, n.Ref.Type.Referencing().SQL())
	if bits := integerBits(n.Column.Type); bits > 0 {
		return head + fmt.Sprintf(": keys above %s (2^%d-1) cannot be referenced", strconv.FormatInt(1<<(bits-1)-1, 10), bits-1)
	}
	return head + fmt.Sprintf(": keys longer than %d characters cannot be referenced", maxLength(n.Column.Type))
}

// Hint says how to make the column hold every key.
func (n NarrowReference) Hint() string {
	return fmt.Sprintf("declare it as %s, unless the keys are known to stay within %s", n.Ref.Type.Referencing().SQL(), n.Column.Type.SQL())
}

// narrowWarnings reports each NarrowReference (ER109) at the FK column.
func (r *resolver) narrowWarnings() {
	for _, n := range r.s.NarrowReferences() {
		c := n.Column
		d := r.diags.Warnf(c.Pos, c.Pos.Advance(c.Name), "%s", n.Message())
		d.Code = "ER109"
		d.Hintf("%s", n.Hint())
	}
}
