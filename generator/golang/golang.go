// Package golang emits a Go data-access package for pgx/v5 from a resolved
// model: one struct per table, and values holding every statement on its
// rows (entity.go: a Table with CRUD, partial updates (patch.go), typed
// filters with keyset pagination in the order of any key or index
// (find.go) and COPY bulk insert; a Key per key, with upserts; a Ref per
// foreign key, both directions with batch loading and counts (nav.go,
// relq.go); a Junction and Throughs per M:N relationship), which the
// runtime's generic functions run (runtime/), and errors that name the
// relationship a constraint violation came from. A table adds data and
// types to the package, and one function, so that its compile time does
// not grow with the operations of every table. The generated code depends
// on pgx alone; its SQL is constant, uses bind parameters only, and quotes
// identifiers with model.QuoteIdent, the rule the DDL emitter uses, so
// both name the same objects.
//
// Go types are chosen by baseGoType (see there for the table); a nullable
// column is a pointer, and so is its field of a NULLS NOT DISTINCT key's,
// whose Get finds NULL by nil (see nullsMatch). Create takes a params
// struct in which a column with a database default is a pointer too: nil
// means "use the default"; so is
// a BY DEFAULT identity column, nil leaving it to its identity (see
// insertRows); a nullable column with a default is an Opt, unset for the
// default and Set[*T](nil) for NULL, Set[[]T](nil) for a slice (see
// nullDefault; the field's comment spells it).
//
// With Options.Incremental, a run skips the table files a previous run
// made that would come out the same, and builds the others: the files it
// makes are those of a full build (incremental.go; the input key of a
// file is a hash of the model objects it reads, modelhash.go).
package golang

import (
	"fmt"
	"go/token"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dave/jennifer/jen"
	"github.com/ergen-dev/ergen/generator/model"
)

// Options control Emit.
type Options struct {
	// Package is the generated package's name.
	Package string
	// Source is the .er file's base name, for the generated header.
	Source string
	// Imports are the packages, beyond those model.CheckGoImports allows
	// by itself, that the model's `go "..."` types may import: paths, or
	// a path and /... for its tree.
	Imports []string
	// Incremental, when set, skips building the table files a previous
	// run made that would come out the same (see Incremental); the
	// files made are those of a full build.
	Incremental *Incremental
}

// File is one generated Go file, named relative to the package directory.
type File = model.File

// Emit generates the Go package for s. Files come in a fixed order: db.go
// (the fixed runtime, see runtime/db.go and query.go), errors.go, enums.go (when the
// schema has enums), then one file per table in creation order.
func Emit(s *model.Schema, opts Options) ([]File, error) {
	var files []File
	err := EmitEach(s, opts, func(f File) error {
		files = append(files, f)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return files, nil
}

// CheckPackage says what is wrong with a package name, or nil: it must
// be a Go identifier other than a key word, and not main or _, which no
// package of queries can be (main would want a func main).
func CheckPackage(name string) error {
	switch {
	case !token.IsIdentifier(name) || token.IsKeyword(name):
		return fmt.Errorf("golang: package name %q is not a Go identifier", name)
	case name == "main" || name == "_":
		return fmt.Errorf("golang: package name %q cannot name a package of queries", name)
	}
	return nil
}

// EmitEach generates the files Emit returns, in the same order, and
// passes each to write as soon as it is made, so that a caller writing
// them out holds one file at a time: the memory generation needs is that
// of the model and its names, whatever the size of the package. It stops
// at the first error write returns. write runs, for every file but
// db.go, on a goroutine of its own (see renderer), one call at a time,
// all of them before EmitEach returns. A model whose `go "..."` types
// would import a package that neither model.CheckGoImports nor
// opts.Imports allows is refused with those diagnostics, before any file
// is made. With opts.Incremental, a table file that a previous run made
// the same is not made (see Incremental): write does not receive it, and
// each file write receives is the one a full build makes.
func EmitEach(s *model.Schema, opts Options, write func(File) error) error {
	if err := CheckPackage(opts.Package); err != nil {
		return err
	}
	if diags := model.CheckGoImports(s, opts.Imports); len(diags) > 0 {
		return diags
	}
	defer memoRun()()
	g := newGen(s, opts)
	if opts.Incremental != nil {
		g.incremental()
	}
	if err := write(File{Name: "db.go", Data: g.dbFile()}); err != nil {
		return err
	}
	return renderAll(write, func(r *renderer) {
		if f := g.emitErrors(); f != nil {
			r.add("errors.go", f)
		}
		if len(s.Enums) > 0 {
			r.add("enums.go", g.enumsFile())
		}
		g.emitTables(func(tb *table, f *file) bool {
			return f == nil || r.add(tb.File, f) == nil
		})
	})
}

// newGen is the generator of s's package: a table of every model table,
// their names planned.
func newGen(s *model.Schema, opts Options) *gen {
	g := &gen{s: s, opts: opts, n: newNames(len(s.Tables))}
	for _, t := range s.Tables {
		g.tables = append(g.tables, g.newTable(t))
	}
	g.info = map[*model.Table]*table{}
	for _, t := range g.tables {
		g.info[t.t] = t
	}
	g.plan()
	return g
}

type gen struct {
	s      *model.Schema
	opts   Options
	n      *names
	tables []*table
	info   map[*model.Table]*table
	// keys makes the input keys of table files (see fileKey); nil
	// without Options.Incremental.
	keys *fileKeys
	// rebuilt counts the files built ahead that take built again in
	// order, on the caller's goroutine: those one of whose names an
	// earlier file took.
	rebuilt int
}

// table is a table with its Go names decided (see names.go).
type table struct {
	t *model.Table
	// Base is what the names of the table's declarations start with (User:
	// CreateUser, UserKey); Struct is the row type, Base unless another
	// declaration has that name (UserRow).
	Base   string
	Struct string
	Plural string // Users
	File   string // user.go
	// key orders List and keyset pagination: the primary key, or the first
	// UNIQUE key whose columns are all NOT NULL; nil when there is none.
	key []*model.Column
	// KeyType is the struct of a composite key's columns, which batch
	// loading keys its maps by; "" for a key of one column.
	KeyType string
	// refKeys are the structs of the other column sets that composite
	// foreign keys refer to (a UNIQUE key that is not key), in the order
	// the foreign keys come; batch loading keys its maps by them.
	refKeys []*refKey
	// Params is the input struct of Create and Copy, "" when the table
	// has no column to insert; Create names the SQL constant of Create,
	// and Copy is "" when the table has no Copy (see copyable).
	Params, Create, Copy string
	// Var is the entity's Table, or the junction's Junction.
	//
	// Params, Create, Copy and Var are set as the table's own file is
	// built, possibly on a builder's goroutine (see buildAhead), and
	// read by that file alone: a file reads of other tables only the
	// names plan gave them.
	Var string
	// through are the rows of a junction's M:N listings, by near side.
	through [2]throughNames
	// ArcFuncs name the function telling which parent of each exclusive
	// arc of the entity a row references (arc.go).
	ArcFuncs map[*model.Arc]string
	// digest is the hash of the table's model objects, with
	// Options.Incremental (see digestTable).
	digest tableDigest
	// colsSQL and selectSQL are the table's columns as a statement lists
	// them and the SELECT of them from the table, which about ten
	// statements of the table and of the tables referring to it start
	// with: made once, before files are built ahead (see buildAhead),
	// or else when first asked for (see allColumns and selectAll).
	colsSQL, selectSQL string
}

func (g *gen) newTable(t *model.Table) *table {
	return &table{t: t, Base: structBase(t), Plural: pluralName(t), key: t.ListKey()}
}

// refKey is a struct of the columns a composite foreign key refers to,
// or that Get takes for a composite key.
type refKey struct {
	cols []*model.Column
	Type string
	// nulls marks the struct Get takes for a NULLS NOT DISTINCT key with
	// a nullable column (see nullsMatch): that column's field is a
	// pointer, nil for NULL. Batch loading never keys a map by it.
	nulls bool
}

// ---- SQL text. Identifiers go through model.QuoteIdent and the schema's
// Qualify, exactly as in the DDL; values are always bind parameters.

func (g *gen) tableSQL(t *model.Table) string { return g.s.Qualify(t.Name) }

// colList is "a, b", the columns qualified by alias when given. It and
// the SQL helpers below write into a buffer on the stack, which the
// string they return is copied from: a package's statements are made of
// thousands of them.
func colList(cols []*model.Column, alias string) string {
	var buf [256]byte
	return string(appendColList(buf[:0], cols, alias))
}

// appendColList appends colList(cols, alias).
func appendColList(b []byte, cols []*model.Column, alias string) []byte {
	for i, c := range cols {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = appendQualCol(b, alias, c)
	}
	return b
}

func qualCol(alias string, c *model.Column) string {
	if alias == "" {
		return model.QuoteIdent(c.Name)
	}
	return alias + "." + model.QuoteIdent(c.Name)
}

// appendQualCol appends qualCol(alias, c).
func appendQualCol(b []byte, alias string, c *model.Column) []byte {
	if alias != "" {
		b = append(append(b, alias...), '.')
	}
	return model.AppendIdent(b, c.Name)
}

// cmpCol is column c, qualified by alias when given, as a comparison
// reads it: cast to the enum for a domain over an enum, which PostgreSQL
// 15 compares with no operator (see model.Schema.CompareCast). Every
// comparison of a column in the generated SQL goes through it; an ORDER
// BY names the column alone, which its index serves.
func (g *gen) cmpCol(alias string, c *model.Column) string {
	return qualCol(alias, c) + g.s.CompareCast(c.Type)
}

// appendCmpCol appends cmpCol(alias, c).
func (g *gen) appendCmpCol(b []byte, alias string, c *model.Column) []byte {
	return append(appendQualCol(b, alias, c), g.s.CompareCast(c.Type)...)
}

// cmpList is colList with each column as cmpCol reads it.
func (g *gen) cmpList(cols []*model.Column, alias string) string {
	var buf [256]byte
	b := buf[:0]
	for i, c := range cols {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = g.appendCmpCol(b, alias, c)
	}
	return string(b)
}

// allColumns is colList of every column of tb.
func (tb *table) allColumns() string {
	if tb.colsSQL == "" {
		tb.colsSQL = string(model.AppendColumnList(nil, tb.t.Columns))
	}
	return tb.colsSQL
}

// selectAll is "SELECT <every column of tb> FROM <tb>".
func (g *gen) selectAll(tb *table) string {
	if tb.selectSQL == "" {
		tb.selectSQL = "SELECT " + tb.allColumns() + " FROM " + g.tableSQL(tb.t)
	}
	return tb.selectSQL
}

// whereEq writes "a = $1 AND b = $2" starting at parameter first, each
// column as cmpCol reads it.
func (g *gen) whereEq(cols []*model.Column, alias string, first int) string {
	var buf [256]byte
	return string(g.appendWhereEq(buf[:0], cols, alias, first))
}

// appendWhereEq appends whereEq(cols, alias, first).
func (g *gen) appendWhereEq(b []byte, cols []*model.Column, alias string, first int) []byte {
	for i, c := range cols {
		if i > 0 {
			b = append(b, " AND "...)
		}
		b = append(g.appendCmpCol(b, alias, c), " = $"...)
		b = strconv.AppendInt(b, int64(first+i), 10)
	}
	return b
}

// rowTuple writes "(a, b)" or "a" for a keyset comparison, and its
// parameters from first on.
func (g *gen) rowTuple(cols []*model.Column, first int) (string, string) {
	if len(cols) == 1 {
		return g.cmpCol("", cols[0]), "$" + strconv.Itoa(first)
	}
	ps := make([]string, len(cols))
	for i := range cols {
		ps[i] = "$" + strconv.Itoa(first+i)
	}
	return "(" + g.cmpList(cols, "") + ")", "(" + strings.Join(ps, ", ") + ")"
}

// ---- Go code helpers.

// sqlConst declares the constant holding the SQL of a statement, laid out on
// several lines when it is long (see sqlLines).
func (f *file) sqlConst(stmt, sql string) jen.Code {
	// The constant's name is one jen value, in its declaration and
	// where it is used.
	id := jen.Id(f.g.n.sql(stmt))
	f.decl(jen.Const().Add(id).Op("=").Op(sqlLit(sql)))
	return id
}

// scanDestMethod declares the scanDest method of the row type typ (see
// runtime/db.go's rowType): func (r *typ) scanDest(dest []any) []any,
// returning what appends r's fields' addresses to dest.
func scanDestMethod(typ string, appended jen.Code) *jen.Statement {
	return jen.Func().Params(jen.Id("r").Op("*").Id(typ)).Add(scanDestSignature).Block(jen.Return(appended))
}

// scanDestSignature is what follows the receiver of every scanDest
// method, made once: every file's tree holds the same value, which jen
// only reads while rendering it.
var scanDestSignature jen.Code = jen.Id("scanDest").Params(jen.Id("dest").Index().Any()).Index().Any()

// lowerFirst is s with its first letter in lower case: an exported name
// made unexported (CreateUser -> createUser, Éclair -> éclair).
func lowerFirst(s string) string { return lowerFirstWith(s, "") }

// lowerFirstWith is lowerFirst(s) + suffix, made in one concatenation:
// every statement's constant is named so.
func lowerFirstWith(s, suffix string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s + suffix
	}
	return string(unicode.ToLower(r)) + s[n:] + suffix
}

func columnNames(cols []*model.Column) string { return model.ColumnNames(cols) }
