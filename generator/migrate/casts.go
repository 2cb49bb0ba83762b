package migrate

import (
	"github.com/ergen-dev/ergen/generator/model"
)

// castable reports whether PostgreSQL converts every value of type from
// to type to with `USING col::to` (through text for an enum, as
// changeType writes it): the casts of pg_cast among the types ergen
// knows, and the conversions through text that every type has. It says
// nothing of the values: '12a' does not become an integer, and the
// migration stops there. A pair it does not know is taken as having no
// cast, since a plan that fails at its ALTER TABLE is no plan.
func castable(from, to model.Type) bool {
	from, to = from.Referencing(), to.Referencing()
	if from.Base == model.DomainType {
		return castable(arrayOf(from.Domain.Type, from.Array), to)
	}
	if to.Base == model.DomainType {
		return castable(from, arrayOf(to.Domain.Type, to.Array))
	}
	// Every type is written as text and read from it (an enum is cast
	// through text), arrays included.
	if isText(from) || isText(to) || from.Base == model.EnumType || to.Base == model.EnumType {
		return true
	}
	if from.Array != to.Array {
		return false
	}
	if from.Array > 0 {
		// An array is cast element by element.
		return castable(arrayOf(from, 0), arrayOf(to, 0))
	}
	return scalarCast(typeKey(from), typeKey(to))
}

// castType is the type that the USING expression of a column's change of
// type casts a value of type from to, for the column's new type to, as a
// parameter is cast (model.Schema.CastSQL): to itself, but without its
// length when it has one (varchar(n), char(n), bit(n), varbit(n), a
// domain over one, arrays of them). An explicit cast
// to such a type cuts a longer value (or pads a shorter bit string)
// silently, where the assignment of the expression to the column's type,
// which ALTER COLUMN ... TYPE makes after USING, refuses it: the migration
// fails (22001 "value too long", 22026 for bit(n)) and changes nothing.
// An integer becomes bit(n) through its own cast (the low n bits): none
// goes to varbit.
func (p *planner) castType(from, to model.Type) string {
	if to.UnsizedSQL() != "" && to.Underlying().IsBitString() {
		if f := from.Underlying(); !f.IsBitString() && !isText(arrayOf(f, 0)) && f.Base != model.EnumType {
			return p.new.TypeSQL(to)
		}
	}
	return p.new.CastSQL(to)
}

// arrayOf is t with dims dimensions.
func arrayOf(t model.Type, dims int) model.Type {
	t.Array = dims
	return t
}

func isText(t model.Type) bool {
	return t.Array == 0 && (t.Base == model.Text || t.Base == model.Varchar || t.Base == model.Char)
}

// typeKey names a scalar type for the cast table: its SQL name without
// modifiers, an external type's name.
func typeKey(t model.Type) string {
	if t.Base == model.ExternalBase {
		return t.External.Key()
	}
	return model.Type{Base: t.Base}.SQL()
}

// scalarCast reports whether pg_cast has a cast between two scalar types,
// a type to itself with other modifiers included.
func scalarCast(from, to string) bool {
	if from == to {
		return true
	}
	if numeric[from] && numeric[to] {
		return true
	}
	for _, c := range casts[from] {
		if c == to {
			return true
		}
	}
	return false
}

// numeric are the number types, every one cast to every other.
var numeric = map[string]bool{"smallint": true, "integer": true, "bigint": true, "numeric": true, "real": true, "double precision": true}

// casts lists, by source type, the other casts of pg_cast (PostgreSQL
// 15) between the types the language knows by keyword or takes by name.
var casts = map[string][]string{
	"integer":     {"boolean", "money", "bit", "oid", "regclass"},
	"bigint":      {"money", "bit", "oid", "regclass"},
	"smallint":    {"oid", "regclass"},
	"numeric":     {"money"},
	"boolean":     {"integer"},
	"money":       {"numeric"},
	"bit":         {"integer", "bigint", "bit varying", "varbit"},
	"bit varying": {"bit"},
	"varbit":      {"bit"},
	"oid":         {"integer", "bigint", "regclass"},
	"regclass":    {"oid", "integer", "bigint"},
	"date":        {"timestamp", "timestamptz"},
	"timestamp":   {"date", "time", "timestamptz"},
	"timestamptz": {"date", "time", "timetz", "timestamp"},
	"time":        {"interval", "timetz"},
	"timetz":      {"time"},
	"interval":    {"time"},
	"json":        {"jsonb"},
	"jsonb":       {"json", "boolean", "numeric", "smallint", "integer", "bigint", "real", "double precision"},
	"inet":        {"cidr"},
	"cidr":        {"inet"},
	"macaddr":     {"macaddr8"},
	"macaddr8":    {"macaddr"},
	"point":       {"box"},
	"lseg":        {"point"},
	"path":        {"polygon"},
	"box":         {"point", "lseg", "polygon", "circle"},
	"polygon":     {"point", "path", "box", "circle"},
	"circle":      {"point", "box", "polygon"},
	"int4range":   {"int4multirange"},
	"int8range":   {"int8multirange"},
	"numrange":    {"nummultirange"},
	"tsrange":     {"tsmultirange"},
	"tstzrange":   {"tstzmultirange"},
	"daterange":   {"datemultirange"},
}
