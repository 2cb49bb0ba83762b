package golang

import (
	"strings"

	"github.com/dave/jennifer/jen"
	"github.com/ergen-dev/ergen/generator/model"
)

// Import paths of the packages generated code uses.
const (
	pgxPath    = "github.com/jackc/pgx/v5"
	pgconnPath = "github.com/jackc/pgx/v5/pgconn"
	pgtypePath = "github.com/jackc/pgx/v5/pgtype"
)

// baseGoType is THE table from PostgreSQL types to Go types; every field,
// parameter and map key of generated code takes its type from here. It
// notes the package a type comes from as used by f.
//
// Each choice is the type pgx/v5 encodes and decodes without loss and, where
// possible, without reflection or allocation:
//
//   - smallint, integer, bigint (and serial types): int16, int32, int64.
//   - numeric: pgtype.Numeric, which holds the exact decimal (a float64 would
//     round 0.1, and a string would lose pgx's binary format).
//   - real, double precision: float32, float64.
//   - text, varchar, char: string. boolean: bool.
//   - date, timestamp, timestamptz: time.Time (a timestamp without time zone
//     reads back in UTC).
//   - time: pgtype.Time (microseconds since midnight); timetz: string, since
//     pgx has no binary codec for it and Go no type for a zoned time of day.
//   - interval: pgtype.Interval, which keeps months and days apart from
//     microseconds as PostgreSQL does (time.Duration cannot).
//   - uuid: [16]byte. json, jsonb: json.RawMessage. bytea: []byte.
//   - inet, cidr: netip.Prefix.
//   - enum: a Go string type with one constant per value; an array of an enum
//     is []string, because pgx cannot encode arrays of a type it does not
//     know without registering it on every connection.
//   - a type ergen knows by name only (money, point, citext): see
//     externalGo. A `go "..."` clause on a type's declaration chooses the
//     Go type of its values; on an attribute, that of the attribute's
//     whole value (arrays included) whatever its SQL type.
//   - a domain: its base type's Go type.
//   - arrays: one slice level per dimension.
func (f *file) baseGoType(t model.Type) jen.Code {
	if gt := f.fixedGoType(t); gt != nil {
		return gt.typ
	}
	var elem *jen.Statement
	if t.Base == model.DomainType {
		// A domain's values are its base type's.
		return f.baseGoType(t.Underlying())
	}
	if t.Go != "" {
		// An attribute's choice is its value's whole type, arrays included.
		return f.goTypeOf(t.Go)
	}
	switch t.Base {
	case model.EnumType:
		if t.Array > 0 {
			elem = jen.String()
		} else {
			elem = jen.Id(f.g.n.enumType(t.Enum))
		}
	case model.ExternalBase:
		elem = f.externalGoType(t)
	default:
		gt := fixedGoTypes[t.Base]
		if gt == nil {
			panic("golang: no Go type for " + t.SQL())
		}
		if gt.path != "" {
			f.imports[gt.path] = true
		}
		elem = jen.Add(gt.typ)
	}
	out := jen.Null()
	for range t.Array {
		out.Index()
	}
	return out.Add(elem)
}

// goType is a Go type that is the same in every generated file, and the
// pointer to it: the package it comes from is the one thing a file
// notes. Each is made once, and every file's tree holds the same value:
// jen only reads a tree while rendering it. A struct of a table has a
// field of these per column, several times over (row, params, patch,
// filter), which made them a large part of what building a file cost.
type goType struct {
	path     string // the import path, "" for a predeclared type
	typ, ptr jen.Code
	// cond is Cond[typ], a filter's field; opt and optPtr are Opt[typ]
	// and Opt[*typ], the fields of a patch and of Create's params.
	cond, opt, optPtr jen.Code
}

func newGoType(path string, typ *jen.Statement) *goType {
	ptr := jen.Op("*").Add(typ)
	return &goType{path: path, typ: typ, ptr: ptr,
		cond: jen.Id("Cond").Types(typ), opt: jen.Id("Opt").Types(typ), optPtr: jen.Id("Opt").Types(ptr)}
}

// fixedGoTypes are the goTypes of the base types whose Go type depends
// on nothing else (see baseGoType), by base type.
var fixedGoTypes = func() []*goType {
	qual := func(path, name string) *goType { return newGoType(path, jen.Qual(path, name)) }
	out := make([]*goType, model.DomainType+1)
	for base, gt := range map[model.BaseType]*goType{
		model.Smallint: newGoType("", jen.Int16()), model.Integer: newGoType("", jen.Int32()),
		model.Bigint: newGoType("", jen.Int64()), model.Numeric: qual(pgtypePath, "Numeric"),
		model.Real: newGoType("", jen.Float32()), model.DoublePrecision: newGoType("", jen.Float64()),
		model.Text: newGoType("", jen.String()), model.Boolean: newGoType("", jen.Bool()),
		model.TimestampTZ: qual("time", "Time"), model.Time: qual(pgtypePath, "Time"),
		model.Interval: qual(pgtypePath, "Interval"), model.UUID: newGoType("", jen.Index(jen.Lit(16)).Byte()),
		model.JSONB: qual("encoding/json", "RawMessage"), model.Bytea: newGoType("", jen.Index().Byte()),
		model.Inet: qual("net/netip", "Prefix"),
	} {
		out[base] = gt
	}
	for base, same := range map[model.BaseType]model.BaseType{
		model.Smallserial: model.Smallint, model.Serial: model.Integer, model.Bigserial: model.Bigint,
		model.Varchar: model.Text, model.Char: model.Text, model.TimeTZ: model.Text,
		model.Date: model.TimestampTZ, model.Timestamp: model.TimestampTZ,
		model.JSON: model.JSONB, model.Cidr: model.Inet,
	} {
		out[base] = out[same]
	}
	return out
}()

// fixedGoType is the goType of t, noted as used by f, when t is one of
// fixedGoTypes and no array, and no Go type was chosen for it; else nil.
func (f *file) fixedGoType(t model.Type) *goType {
	if t.Array > 0 || t.Go != "" || int(t.Base) >= len(fixedGoTypes) {
		return nil
	}
	gt := fixedGoTypes[t.Base]
	if gt != nil && gt.path != "" {
		f.imports[gt.path] = true
	}
	return gt
}

// columnGoType is the type of a column's struct field. A nullable column is
// a pointer, nil meaning NULL: it works with pgx's scanning without
// wrappers, and is what Go code already uses for "maybe absent". The
// exception is a type whose Go form is a slice (arrays, bytea, json): there
// the nil slice is NULL, as pgx reads and writes it, and an empty value
// is an empty slice; a pointer would add nothing (and pgx cannot scan a
// multidimensional array through one).
func (f *file) columnGoType(c *model.Column) jen.Code {
	if nilIsNull(c) {
		return f.optional(c.Type)
	}
	return f.baseGoType(c.Type)
}

// condType is the type of the field of a filter on a column of type t,
// the runtime's Cond of its base type.
func (f *file) condType(t model.Type) jen.Code {
	if gt := f.fixedGoType(t); gt != nil {
		return gt.cond
	}
	return jen.Id("Cond").Types(f.baseGoType(t))
}

// optType is Opt[T] of the type T of column c's field (see columnGoType).
func (f *file) optType(c *model.Column) jen.Code {
	if gt := f.fixedGoType(c.Type); gt != nil {
		if nilIsNull(c) {
			return gt.optPtr
		}
		return gt.opt
	}
	return jen.Id("Opt").Types(f.columnGoType(c))
}

// nilIsNull reports whether a column's field is a pointer standing for NULL.
func nilIsNull(c *model.Column) bool {
	return c.Nullable && !isSlice(c.Type)
}

// optional returns the type of a value that may be absent (nil): a
// pointer, or the slice itself.
func (f *file) optional(t model.Type) jen.Code {
	if isSlice(t) {
		return f.baseGoType(t)
	}
	if gt := f.fixedGoType(t); gt != nil {
		return gt.ptr
	}
	return jen.Op("*").Add(f.baseGoType(t))
}

// isSlice reports whether the Go type of t is a slice.
func isSlice(t model.Type) bool {
	t = t.Underlying()
	if t.Go != "" {
		return strings.HasPrefix(t.Go, "[]")
	}
	if t.Array > 0 {
		return true
	}
	if t.Base == model.ExternalBase {
		return externalIsSlice(t)
	}
	switch t.Base {
	case model.Bytea, model.JSON, model.JSONB:
		return true
	}
	return false
}
