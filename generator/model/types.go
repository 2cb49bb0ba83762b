package model

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/ergen-dev/ergen/dsl"
)

// BaseType is a PostgreSQL base type that the language knows.
type BaseType int

const (
	Smallint BaseType = iota + 1
	Integer
	Bigint
	Smallserial
	Serial
	Bigserial
	Numeric
	Real
	DoublePrecision
	Varchar
	Char
	Text
	Boolean
	Date
	Time
	TimeTZ
	Timestamp
	TimestampTZ
	Interval
	UUID
	JSON
	JSONB
	Bytea
	Inet
	Cidr
	EnumType
	// ExternalBase is a type ergen knows by name only (Type.External).
	ExternalBase
	// DomainType is a declared domain (Type.Domain).
	DomainType
)

// baseInfo describes a base type: its canonical SQL name and how many
// parameters it accepts.
type baseInfo struct {
	sql       string
	maxParams int
}

var baseTypes = map[BaseType]baseInfo{
	Smallint: {"smallint", 0}, Integer: {"integer", 0}, Bigint: {"bigint", 0},
	Smallserial: {"smallserial", 0}, Serial: {"serial", 0}, Bigserial: {"bigserial", 0},
	Numeric: {"numeric", 2}, Real: {"real", 0}, DoublePrecision: {"double precision", 0},
	Varchar: {"varchar", 1}, Char: {"char", 1}, Text: {"text", 0}, Boolean: {"boolean", 0},
	Date: {"date", 0}, Time: {"time", 1}, TimeTZ: {"timetz", 1}, Timestamp: {"timestamp", 1},
	TimestampTZ: {"timestamptz", 1}, Interval: {"interval", 1}, UUID: {"uuid", 0},
	JSON: {"json", 0}, JSONB: {"jsonb", 0}, Bytea: {"bytea", 0}, Inet: {"inet", 0}, Cidr: {"cidr", 0},
}

// typeNames maps every accepted spelling to its base type. Multi-word names
// are joined with one space, as the parser reports them.
var typeNames = map[string]BaseType{
	"smallint": Smallint, "int2": Smallint,
	"integer": Integer, "int": Integer, "int4": Integer,
	"bigint": Bigint, "int8": Bigint,
	"smallserial": Smallserial, "serial2": Smallserial,
	"serial": Serial, "serial4": Serial,
	"bigserial": Bigserial, "serial8": Bigserial,
	"numeric": Numeric, "decimal": Numeric,
	"real": Real, "float4": Real,
	"double precision": DoublePrecision, "float8": DoublePrecision,
	"varchar": Varchar, "character varying": Varchar,
	"char": Char, "character": Char,
	"text": Text, "boolean": Boolean, "bool": Boolean, "date": Date,
	"time": Time, "time without time zone": Time, "timetz": TimeTZ, "time with time zone": TimeTZ,
	"timestamp": Timestamp, "timestamp without time zone": Timestamp,
	"timestamptz": TimestampTZ, "timestamp with time zone": TimestampTZ,
	"interval": Interval, "uuid": UUID, "json": JSON, "jsonb": JSONB, "bytea": Bytea,
	"inet": Inet, "cidr": Cidr,
}

// TypeNames lists the accepted spellings of built-in types, for
// suggestions and documentation.
func TypeNames() []string {
	names := make([]string, 0, len(typeNames))
	for n := range typeNames {
		names = append(names, n)
	}
	return names
}

// Type is a column type.
type Type struct {
	Base   BaseType
	Params []int // varchar(n), numeric(p, s), timestamp(p)
	Array  int   // number of [] dimensions
	Enum   *Enum // set when Base is EnumType
	// External is set when Base is ExternalBase; Params are then its
	// modifiers, as in vector(3).
	External *ExternalType
	// Domain is set when Base is DomainType.
	Domain *Domain
	// Fields restrict an interval to some of its fields, as PostgreSQL
	// spells them: "day to second", "year to month", "second"; "" for
	// all. Params then holds the precision of its seconds, if given.
	Fields string
	// Modifiers are an external type's modifiers as written when one of
	// them is a name, as in geometry(Point,4326); Params is then nil.
	// PostgreSQL hands them to the type's own typmod_in function.
	Modifiers []string
	// Collation is the collation a column or domain of this type was
	// given with `collate "C"`, or "" for its type's default. Like Go it
	// is no part of the SQL type (Equal ignores it), and a column that
	// references this one takes it too, so that both compare alike.
	Collation string
	// Go is the Go type an attribute chose for its field with
	// `go "..."`, or "". It is no part of the SQL type, and a column
	// that references this one takes it too, so that both hold the same
	// Go values.
	Go string
}

// SQL returns the canonical type, as written in DDL (unqualified enum names
// are qualified by the caller through Schema.TypeSQL).
func (t Type) SQL() string {
	if t.Base != EnumType && t.Base != ExternalBase && t.Base != DomainType && len(t.Params) == 0 && t.Array == 0 && t.Fields == "" {
		return baseTypes[t.Base].sql
	}
	var b strings.Builder
	switch t.Base {
	case EnumType:
		b.WriteString(QuoteIdent(t.Enum.SQLName))
	case DomainType:
		b.WriteString(QuoteIdent(t.Domain.SQLName))
	default:
		name := baseTypes[t.Base].sql
		if t.Base == ExternalBase {
			name = t.External.SQL()
		}
		b.WriteString(name)
		if t.Fields != "" {
			b.WriteString(" " + t.Fields)
		}
		if len(t.Modifiers) > 0 {
			b.WriteString("(" + strings.Join(t.Modifiers, ",") + ")")
		}
		if len(t.Params) > 0 {
			ps := make([]string, len(t.Params))
			for i, p := range t.Params {
				ps[i] = strconv.Itoa(p)
			}
			b.WriteString("(" + strings.Join(ps, ",") + ")")
		}
	}
	for range t.Array {
		b.WriteString("[]")
	}
	return b.String()
}

func (t Type) String() string { return t.SQL() }

// TypeSQL writes a column type, qualifying enum types and domains with
// the schema.
func (s *Schema) TypeSQL(t Type) string {
	if (t.Base == EnumType || t.Base == DomainType) && s.Name != "" {
		return QuoteIdent(s.Name) + "." + t.SQL()
	}
	return t.SQL()
}

// CastSQL is type t as the cast of a parameter names it. An explicit cast
// to a type with a length cuts a longer value to it (and pads a bit
// string), where assigning the value to a column of the type, as an
// INSERT does, fails with 22001 (value too long); so is a cast to a
// domain over one. A parameter of a varchar(n) or char(n) is therefore
// cast to varchar or bpchar (char alone is char(1)), one of a bit(n) or
// varbit(n) to varbit, arrays alike, and a domain over them to that type
// (see UnsizedSQL): the assignment to the column then checks the length
// and the domain's checks. numeric(p,s) and the time types with a
// precision round the same way on a cast and on an assignment, and keep
// theirs: a stored value is rounded as the column would round it. A value
// that is only compared is cast with CompareSQL instead.
func (s *Schema) CastSQL(t Type) string {
	if name := t.UnsizedSQL(); name != "" {
		return name
	}
	return s.TypeSQL(t)
}

// CompareSQL is type t as the cast of a parameter that is only compared
// with a column, never stored: CastSQL's type, but without any type
// modifier, numeric for numeric(p,s), timestamp for timestamp(p),
// interval for interval(p) or interval day to second. A cast to the
// modified type rounds (and the one to interval fields truncates) the
// value, so that a key of 1.005 would find the rows of 1.01 where the
// column's own = finds none; an overflow of the precision would fail the
// query rather than find nothing. The unmodified type is the column's
// type all the same, whose operators and indexes serve the comparison.
func (s *Schema) CompareSQL(t Type) string {
	u := t.Underlying()
	switch u.Base {
	case Numeric, Time, TimeTZ, Timestamp, TimestampTZ, Interval:
		u.Params, u.Fields = nil, ""
		return s.TypeSQL(u)
	}
	return s.CastSQL(t)
}

// IsSerial reports whether the type is one of the serial pseudo-types.
func (t Type) IsSerial() bool {
	return t.Array == 0 && (t.Base == Smallserial || t.Base == Serial || t.Base == Bigserial)
}

// IsInteger reports whether the type is a scalar integer (serial included).
func (t Type) IsInteger() bool {
	if t.Array != 0 {
		return false
	}
	switch t.Base {
	case Smallint, Integer, Bigint, Smallserial, Serial, Bigserial:
		return true
	}
	return false
}

// Referencing returns the type a column referencing this one must have:
// serial types reference as their integer type; everything else as itself.
func (t Type) Referencing() Type {
	if t.Array == 0 {
		switch t.Base {
		case Smallserial:
			return Type{Base: Smallint}
		case Serial:
			return Type{Base: Integer}
		case Bigserial:
			return Type{Base: Bigint}
		}
	}
	return t
}

// Equal reports whether two types are the same SQL type.
func (t Type) Equal(u Type) bool { return t.SQL() == u.SQL() }

// parseType resolves a written type name and parameters.
func parseType(name string, params []string, array int, enums map[string]*Enum) (Type, error) {
	if e, ok := enums[name]; ok {
		if len(params) > 0 {
			return Type{}, fmt.Errorf("enum type %s takes no parameters", dsl.QuoteName(name))
		}
		return Type{Base: EnumType, Enum: e, Array: array}, nil
	}
	base, ok := typeNames[strings.ToLower(name)]
	if !ok {
		return Type{}, errUnknownType
	}
	info := baseTypes[base]
	if len(params) > info.maxParams {
		if info.maxParams == 0 {
			return Type{}, fmt.Errorf("type %s takes no parameters", info.sql)
		}
		return Type{}, fmt.Errorf("type %s takes at most %d parameter(s)", info.sql, info.maxParams)
	}
	t := Type{Base: base, Array: array}
	for _, p := range params {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 {
			return Type{}, fmt.Errorf("type parameter %s is not a whole number", dsl.QuoteName(p))
		}
		t.Params = append(t.Params, n)
	}
	switch base {
	case Varchar, Char:
		if len(t.Params) == 1 && t.Params[0] < 1 {
			return Type{}, fmt.Errorf("length of %s must be at least 1", info.sql)
		}
	case Numeric:
		if len(t.Params) >= 1 && (t.Params[0] < 1 || t.Params[0] > 1000) {
			return Type{}, fmt.Errorf("precision of numeric must be between 1 and 1000")
		}
		if len(t.Params) == 2 && t.Params[1] > t.Params[0] {
			return Type{}, fmt.Errorf("scale of numeric(%d,%d) must not exceed its precision", t.Params[0], t.Params[1])
		}
	case Time, TimeTZ, Timestamp, TimestampTZ, Interval:
		if len(t.Params) == 1 && t.Params[0] > 6 {
			return Type{}, fmt.Errorf("precision of %s must be between 0 and 6", info.sql)
		}
	}
	if (base == Smallserial || base == Serial || base == Bigserial) && array > 0 {
		return Type{}, fmt.Errorf("%s cannot be an array", info.sql)
	}
	return t, nil
}

// catalogNames are the names PostgreSQL's format_type prints for built-in
// types that take their modifiers after the name, as in character
// varying(20) or numeric(10,2). Only these spellings: an alias such as
// int4 or serial never comes out of format_type, and a user type that
// happens to be called serial must not read as one.
var catalogNames = map[string]bool{
	"smallint": true, "integer": true, "bigint": true,
	"numeric": true, "real": true, "double precision": true,
	"character varying": true, "character": true, "text": true,
	"boolean": true, "date": true, "interval": true, "uuid": true,
	"json": true, "jsonb": true, "bytea": true, "inet": true, "cidr": true,
}

// CatalogType returns the type of a column as a database catalog reports
// it: format_type's spelling of its element type (integer, character
// varying(20), numeric(10,2)) and its number of array dimensions, read as
// the language reads a written type. ok is false for a spelling it does
// not read (arrays written with [], time types, enums, domains and other
// named types), which the caller can then only compare by spelling.
func CatalogType(spelling string, dims int) (t Type, ok bool) {
	name, mods, hasMods := strings.Cut(spelling, "(")
	if !catalogNames[name] {
		return Type{}, false
	}
	var params []string
	if hasMods {
		mods, closed := strings.CutSuffix(mods, ")")
		if !closed {
			return Type{}, false
		}
		params = strings.Split(mods, ",")
	}
	t, err := parseType(name, params, dims, nil)
	return t, err == nil
}

// UnsizedSQL is the type a value is cast to for a column of type t
// without being cut: varchar(n) is varchar, char(n) bpchar, bit(n) and
// varbit(n) varbit, arrays alike, through any domain; "" for a type whose
// cast applies no length. An explicit cast to varchar(n) cuts a longer
// value (and one to bit(n) pads a shorter one) silently, where assigning
// it to the column refuses it: casting to the unsized type leaves the
// length to the assignment. numeric(p,s) and the time types with a
// precision round alike on a cast and on an assignment.
func (t Type) UnsizedSQL() string {
	u := t.Underlying()
	var name string
	switch {
	case u.Base == Varchar && len(u.Params) > 0:
		name = "varchar"
	case u.Base == Char: // char is char(1)
		name = "bpchar"
	case u.IsBitString() && (u.External.Name == "bit" || len(u.Params) > 0): // bit is bit(1)
		name = "varbit"
	default:
		return ""
	}
	return name + strings.Repeat("[]", u.Array)
}

// IsBitString reports whether t is PostgreSQL's bit or varbit (arrays
// included), named by name only.
func (t Type) IsBitString() bool {
	x := t.External
	if t.Base != ExternalBase || x.Schema != "" && x.Schema != "pg_catalog" {
		return false
	}
	return x.Name == "bit" || x.Name == "varbit" || x.Name == "bit varying"
}
