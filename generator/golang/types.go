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
func (f *file) baseGoType(t model.Type) *jen.Statement {
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
	case model.Smallint, model.Smallserial:
		elem = jen.Int16()
	case model.Integer, model.Serial:
		elem = jen.Int32()
	case model.Bigint, model.Bigserial:
		elem = jen.Int64()
	case model.Numeric:
		elem = f.qual(pgtypePath, "Numeric")
	case model.Real:
		elem = jen.Float32()
	case model.DoublePrecision:
		elem = jen.Float64()
	case model.Varchar, model.Char, model.Text, model.TimeTZ:
		elem = jen.String()
	case model.Boolean:
		elem = jen.Bool()
	case model.Date, model.Timestamp, model.TimestampTZ:
		elem = f.qual("time", "Time")
	case model.Time:
		elem = f.qual(pgtypePath, "Time")
	case model.Interval:
		elem = f.qual(pgtypePath, "Interval")
	case model.UUID:
		elem = jen.Index(jen.Lit(16)).Byte()
	case model.JSON, model.JSONB:
		elem = f.qual("encoding/json", "RawMessage")
	case model.Bytea:
		elem = jen.Index().Byte()
	case model.Inet, model.Cidr:
		elem = f.qual("net/netip", "Prefix")
	case model.EnumType:
		if t.Array > 0 {
			elem = jen.String()
		} else {
			elem = jen.Id(f.g.n.enumType(t.Enum))
		}
	case model.ExternalBase:
		elem = f.externalGoType(t)
	default:
		panic("golang: no Go type for " + t.SQL())
	}
	out := jen.Null()
	for range t.Array {
		out.Index()
	}
	return out.Add(elem)
}

// columnGoType is the type of a column's struct field. A nullable column is
// a pointer, nil meaning NULL: it works with pgx's scanning without
// wrappers, and is what Go code already uses for "maybe absent". The
// exception is a type whose Go form is a slice (arrays, bytea, json): there
// the nil slice is NULL, as pgx reads and writes it, and an empty value
// is an empty slice; a pointer would add nothing (and pgx cannot scan a
// multidimensional array through one).
func (f *file) columnGoType(c *model.Column) *jen.Statement {
	if nilIsNull(c) {
		return jen.Op("*").Add(f.baseGoType(c.Type))
	}
	return f.baseGoType(c.Type)
}

// nilIsNull reports whether a column's field is a pointer standing for NULL.
func nilIsNull(c *model.Column) bool {
	return c.Nullable && !isSlice(c.Type)
}

// optional returns the type of a value that may be absent (nil): a
// pointer, or the slice itself.
func (f *file) optional(t model.Type) *jen.Statement {
	if isSlice(t) {
		return f.baseGoType(t)
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
