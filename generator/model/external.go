package model

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/ergen-dev/ergen/dsl"
)

// ExternalType is a PostgreSQL type that ergen knows by name only: one of
// PostgreSQL's own that the language has no keyword for (money, tsvector,
// point, daterange), an extension's (citext, ltree) or one of the
// database's. ergen writes its name into the DDL as it is and leaves its
// values to PostgreSQL; the Go emitter maps it by name.
type ExternalType struct {
	Pos dsl.Pos
	// Schema qualifies the name when it was written so (public.vector),
	// or is "".
	Schema string
	Name   string
	// Go is the Go type the generated code uses for it, as written in a
	// `go "..."` clause ("github.com/x/y.Type", "string"), or "" for the
	// default mapping.
	Go string
	// Declared is set for a type named by a `type` declaration.
	Declared bool
}

// SQL is the type's name as written in DDL.
func (x *ExternalType) SQL() string {
	name := x.Name
	if !pgTypes[name] {
		name = QuoteIdent(name)
	}
	if x.Schema != "" {
		return QuoteIdent(x.Schema) + "." + name
	}
	return name
}

// Key is the name the type is declared and used by: "ltree",
// "public.vector".
func (x *ExternalType) Key() string {
	if x.Schema != "" {
		return x.Schema + "." + x.Name
	}
	return x.Name
}

// pgTypes are PostgreSQL's own types (of pg_catalog) that the language
// has no keyword for. They are used by name without a `type` declaration
// and never taken for a misspelling ("bit" is not a misspelt "int").
var pgTypes = map[string]bool{
	"money": true, "tsvector": true, "tsquery": true, "xml": true, "jsonpath": true,
	"point": true, "line": true, "lseg": true, "box": true, "path": true, "polygon": true, "circle": true,
	"macaddr": true, "macaddr8": true, "bit": true, "varbit": true, "bit varying": true,
	"int4range": true, "int8range": true, "numrange": true, "tsrange": true, "tstzrange": true, "daterange": true,
	"int4multirange": true, "int8multirange": true, "nummultirange": true,
	"tsmultirange": true, "tstzmultirange": true, "datemultirange": true,
	"oid": true, "pg_lsn": true, "pg_snapshot": true, "regclass": true,
}

// IsPostgresType reports whether name is one of PostgreSQL's own types
// that the language takes by name.
func IsPostgresType(name string) bool { return pgTypes[name] }

// PostgresTypeNames lists PostgreSQL's own types that the language takes
// by name, sorted, for documentation and random models.
func PostgresTypeNames() []string {
	names := make([]string, 0, len(pgTypes))
	for n := range pgTypes {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// notPostgres are type names other languages and databases use that
// PostgreSQL does not (or spells differently), with what to write instead:
// left alone they would pass as an unknown type and fail only when the
// DDL runs.
var notPostgres = map[string]string{
	"string": "text", "str": "text", "nvarchar": "varchar", "longtext": "text", "clob": "text",
	"datetime": "timestamptz", "int64": "bigint", "int32": "integer", "long": "bigint",
	"tinyint": "smallint", "mediumint": "integer", "float": "double precision", "double": "double precision",
	"float64": "double precision", "float32": "real", "blob": "bytea", "binary": "bytea", "number": "numeric",
	"bytes": "bytea", "enum": "an enum declared with `enum Name { ... }`",
}

// otherLanguage returns the type of another language that name is, or is
// a misspelling of (strng), or "".
func otherLanguage(name string) string {
	if notPostgres[name] != "" {
		return name
	}
	others := make([]string, 0, len(notPostgres))
	for n := range notPostgres {
		others = append(others, n)
	}
	slices.Sort(others)
	return dsl.Misspelling(name, others)
}

// typeDecl records a `type` declaration.
func (r *resolver) typeDecl(d *dsl.TypeDecl) {
	x := &ExternalType{Pos: pos(d.Name.Pos), Declared: true}
	x.Schema, x.Name = splitQualified(d.Name.Value)
	p, e := pos(d.Name.Pos), pos(d.Name.EndPos)
	key := x.Key()
	if _, known := typeNames[strings.ToLower(key)]; known {
		r.diags.Errorf(p, e, "type %s is one ergen knows", dsl.QuoteName(key)).Hintf("use it without a declaration")
		return
	}
	if _, isEnum := r.enums[key]; isEnum {
		r.diags.Errorf(p, e, "type %s is declared as an enum too", dsl.QuoteName(key))
		return
	}
	if prev, ok := r.types[key]; ok {
		r.diags.Errorf(p, e, "type %s declared twice", dsl.QuoteName(key)).Hintf("it is already declared at %d:%d", prev.Pos.Line, prev.Pos.Column)
		return
	}
	if d.Go != nil {
		x.Go = d.Go.Unquote()
		r.checkGoType(d.Go)
	}
	r.types[key] = x
	r.s.Types = append(r.s.Types, x)
}

// checkGoType reports a `go "..."` clause that cannot name a Go type:
// a predeclared type ("string", "[]byte") or "import/path.Name".
func (r *resolver) checkGoType(s *dsl.String) {
	path, _, ok := SplitGoType(s.Unquote())
	switch {
	case !ok:
		r.diags.Errorf(pos(s.Pos), pos(s.EndPos), "%s does not name a Go type", dsl.NameExcerpt(s.Value)).
			Hintf(`write a predeclared type ("string", "[]byte") or an import path and a name ("github.com/x/y.Type")`)
	case path == "C" || path == "unsafe":
		// import "C" turns cgo on for the package, and unsafe is no type
		// a column's value needs: neither is the model's to bring in.
		r.diags.Errorf(pos(s.Pos), pos(s.EndPos), "%s would import %s into the generated package", dsl.NameExcerpt(s.Value), dsl.QuoteName(path)).
			Hintf("name a type of an ordinary package: one of your own can wrap the one you need")
	case path != "":
		r.s.GoImports = append(r.s.GoImports, GoImport{Path: path, Span: dsl.SpanOf(pos(s.Pos), pos(s.EndPos)), Written: s.Value})
	}
}

// SplitGoType splits a Go type as written in a `go` clause into its
// import path ("" for a predeclared type) and its name, which keeps a
// leading "[]" or "*". It reports whether the text names a type.
func SplitGoType(s string) (path, name string, ok bool) {
	prefix := ""
	for strings.HasPrefix(s, "[]") || strings.HasPrefix(s, "*") {
		n := 1
		if s[0] == '[' {
			n = 2
		}
		prefix, s = prefix+s[:n], s[n:]
	}
	if i := strings.LastIndexByte(s, '.'); i >= 0 {
		path, s = s[:i], s[i+1:]
		if path == "" || strings.ContainsAny(path, " \t\"`") {
			return "", "", false
		}
	}
	if !isGoIdent(s) {
		return "", "", false
	}
	return path, prefix + s, true
}

func isGoIdent(s string) bool {
	for i, c := range s {
		letter := c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c > 127
		if !letter && (i == 0 || c < '0' || c > '9') {
			return false
		}
	}
	return s != ""
}

// externalType resolves a written type that is none ergen knows: a
// declared type, a schema-qualified name, one of PostgreSQL's own, or
// a lowercase name that is no misspelling of a known type. It returns
// nil when the name is not taken, for typeRef to report.
func (r *resolver) externalType(tr *dsl.TypeRef, key string) *ExternalType {
	if x, ok := r.types[key]; ok {
		return x
	}
	schema, name := splitQualified(key)
	taken := schema != "" || pgTypes[name]
	if !taken && name == strings.ToLower(name) && otherLanguage(name) == "" {
		_, isEntity := r.entities[name]
		taken = !isEntity && dsl.Misspelling(name, r.typeCandidates()) == ""
	}
	if !taken {
		return nil
	}
	x := &ExternalType{Pos: pos(tr.Pos), Schema: schema, Name: name}
	r.types[key] = x
	return x
}

// splitQualified splits a type name as written into its schema, or "",
// and its name.
func splitQualified(s string) (schema, name string) {
	if i := strings.IndexByte(s, '.'); i >= 0 {
		return s[:i], s[i+1:]
	}
	return "", s
}

// surelyType reports whether a name that is no type ergen knows is still
// surely a type: declared, schema-qualified or one of PostgreSQL's own.
// Any other name after a word such as pk or table is more likely a
// clause written wrong (`pk id`, `table orders`) than a type.
func (r *resolver) surelyType(key string) bool {
	if x, ok := r.types[key]; ok && x.Declared {
		return true
	}
	if _, ok := r.domains[key]; ok {
		return true
	}
	schema, name := splitQualified(key)
	return schema != "" || pgTypes[name]
}

// typeCandidates are the type names a misspelt type may have meant.
func (r *resolver) typeCandidates() []string {
	cands := TypeNames()
	for n := range r.enums {
		cands = append(cands, n)
	}
	for n := range r.domains {
		cands = append(cands, n)
	}
	for n, x := range r.types {
		if x.Declared {
			cands = append(cands, n)
		}
	}
	slices.Sort(cands)
	return cands
}

// unknownTypeHint explains a type name that is not taken.
func (r *resolver) unknownTypeHint(d *dsl.Diagnostic, name string) {
	if other := otherLanguage(strings.ToLower(name)); other != "" {
		d.Hintf("PostgreSQL has no type %s; use %s", other, notPostgres[other])
		return
	}
	written := dsl.NameExcerpt(name)
	if s := dsl.Suggest(name, r.typeCandidates()); s != "" {
		d.Hintf("did you mean %s? If %s is a PostgreSQL type, declare it with `type %s`", dsl.QuoteName(s), written, written)
	} else if _, isEntity := r.entities[name]; isEntity {
		d.Hintf("%s is an entity; relate to it with a relationship instead", dsl.QuoteName(name))
	} else {
		d.Hintf("declare it with `enum %s { ... }`, or, if it is a PostgreSQL type, with `type %s`", written, written)
	}
}

// externalParams resolves the modifiers of an external type: whole
// numbers, as in vector(3) or bit(8), returned as params; or, when one of
// them is a name, all of them as written, as in geometry(Point, 4326),
// returned as mods: PostgreSQL passes such modifiers to the type's typmod
// input function as text, so ergen cannot check them and keeps them.
func externalParams(params []string) ([]int, []string, error) {
	var out []int
	named := false
	for _, p := range params {
		if c := p[0]; c == '_' || c > '9' {
			named = true
			continue
		}
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 {
			return nil, nil, fmt.Errorf("type parameter %s is not a whole number", dsl.QuoteName(p))
		}
		out = append(out, n)
	}
	if named {
		return nil, slices.Clone(params), nil
	}
	return out, nil, nil
}

// typeFirst reports an attribute written type first (`text name`): a
// known type's name followed by a name taken for an undeclared external
// type. A declared or schema-qualified type is taken as meant.
func (r *resolver) typeFirst(a *dsl.Attribute, typ Type) bool {
	x := typ.External
	if x == nil || x.Declared || x.Schema != "" || pgTypes[x.Name] {
		return false
	}
	if _, known := typeNames[strings.ToLower(a.Name.Value)]; !known {
		return false
	}
	p := pos(a.Type.Pos)
	r.diags.Errorf(p, p.Advance(a.Type.Name), "unknown type %s", dsl.QuoteName(a.Type.Name)).
		Hintf("an attribute is written name first: `%s %s`; if %s is a PostgreSQL type, declare it with `type %s`", dsl.NameExcerpt(a.Type.Name), dsl.NameExcerpt(a.Name.Value), dsl.NameExcerpt(a.Type.Name), dsl.NameExcerpt(a.Type.Name))
	return true
}
