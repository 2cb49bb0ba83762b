package golang

import (
	"strings"

	"github.com/dave/jennifer/jen"
	"github.com/ergen-dev/ergen/generator/model"
)

// externalGo maps PostgreSQL's own types that ergen knows by name only
// (model.ExternalType) to the pgx/v5 type that encodes and decodes them
// in binary: pgtype's geometric, range, bit string and text search types,
// net.HardwareAddr for MAC addresses. A name it does not list (money,
// xml, an extension's type such as citext or ltree, a type of the
// database) is a string, which pgx reads and writes in PostgreSQL's text
// form, whatever the type; a `go "..."` clause chooses another type.
var externalGo = map[string][2]string{
	"tsvector": {pgtypePath, "TSVector"},
	"point":    {pgtypePath, "Point"}, "line": {pgtypePath, "Line"}, "lseg": {pgtypePath, "Lseg"},
	"box": {pgtypePath, "Box"}, "path": {pgtypePath, "Path"}, "polygon": {pgtypePath, "Polygon"},
	"circle": {pgtypePath, "Circle"},
	"bit":    {pgtypePath, "Bits"}, "varbit": {pgtypePath, "Bits"}, "bit varying": {pgtypePath, "Bits"},
	"macaddr": {"net", "HardwareAddr"}, "macaddr8": {"net", "HardwareAddr"},
	"oid": {"", "uint32"},
}

// externalRange maps PostgreSQL's range types to their element type:
// a range is pgtype.Range of it.
var externalRange = map[string][2]string{
	"int4range": {pgtypePath, "Int4"}, "int8range": {pgtypePath, "Int8"}, "numrange": {pgtypePath, "Numeric"},
	"tsrange": {pgtypePath, "Timestamp"}, "tstzrange": {pgtypePath, "Timestamptz"}, "daterange": {pgtypePath, "Date"},
}

// chosenGoType is the Go type a `go "..."` clause chose for a value of
// t, on its attribute or on its `type` declaration, or "".
func chosenGoType(t model.Type) string {
	if t.Go != "" {
		return t.Go
	}
	if t.External != nil {
		return t.External.Go
	}
	return ""
}

// goTypeOf writes a Go type as a `go` clause spells it.
func (f *file) goTypeOf(s string) *jen.Statement {
	path, name, _ := model.SplitGoType(s)
	out := jen.Null()
	for {
		switch {
		case strings.HasPrefix(name, "[]"):
			out.Index()
			name = name[2:]
			continue
		case strings.HasPrefix(name, "*"):
			out.Op("*")
			name = name[1:]
			continue
		}
		break
	}
	if path == "" {
		return out.Id(name)
	}
	return out.Add(f.qual(path, name))
}

// externalGoType is the Go type of a value of t: its chosen type, or
// the mapping of its external type.
func (f *file) externalGoType(t model.Type) *jen.Statement {
	if chosen := chosenGoType(t); chosen != "" {
		return f.goTypeOf(chosen)
	}
	if x := t.External; x.Schema == "" || x.Schema == "pg_catalog" {
		if q, ok := externalGo[x.Name]; ok {
			if q[0] == "" {
				return jen.Id(q[1])
			}
			return f.qual(q[0], q[1])
		}
		if q, ok := externalRange[x.Name]; ok {
			return f.qual(pgtypePath, "Range").Types(f.qual(q[0], q[1]))
		}
	}
	return jen.String()
}

// externalIsSlice reports whether the Go type of a scalar value of t, a
// type ergen knows by name only, is a slice, whose nil stands for NULL.
func externalIsSlice(t model.Type) bool {
	x := t.External
	if x.Go != "" {
		return strings.HasPrefix(x.Go, "[]")
	}
	return (x.Schema == "" || x.Schema == "pg_catalog") && externalGo[x.Name][1] == "HardwareAddr"
}

// binaryExternal reports whether pgx writes values of t, a type ergen
// knows by name only, in binary: PostgreSQL's own types that it maps to
// pgx's (externalGo, externalRange), with their default Go type. A string
// or a chosen type goes through PostgreSQL's text form.
func binaryExternal(t model.Type) bool {
	x := t.External
	if chosenGoType(t) != "" || x.Schema != "" && x.Schema != "pg_catalog" {
		return false
	}
	_, mapped := externalGo[x.Name]
	_, ranged := externalRange[x.Name]
	return mapped || ranged
}
