package golangtest

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	fixed "github.com/ergen-dev/ergen/generator/golang/runtime"
)

// refQuery is one statement of a Table, Key, Ref, Junction or Through of
// a generated package: its name as Missing reports it,
// ChildrenOf(OrderUser), the function of the runtime that runs it, and
// its SQL, or for Find the SELECT its statements start with (prefix).
type refQuery struct {
	name, fn, sql string
	prefix        bool
}

// descriptorFields are, per type of the runtime declaring statements
// (runtime/table.go, ref.go, link.go), the function that runs each of
// its fields, in the order of its fields, read from the runtime's types:
// "" for a field that is no statement, "List after" for List's statement
// of the page after a row, "Create overriding" and "Upsert overriding"
// for theirs of an input whose identity fields are nil, "Copy" for the
// COPY of the table the field names.
var descriptorFields = map[string][]string{
	"Table": fieldFuncs[fixed.Table[int, int, int, int, int]](map[string]string{
		"createSQL": "Create", "createOverridingSQL": "Create overriding", "updateSQL": "Update", "patchSQL": "Patch", "deleteSQL": "Delete", "listSQL": "List",
		"listAfterSQL": "List after", "countSQL": "Count", "findSQL": "Find", "copyTable": "Copy",
	}),
	"Key": fieldFuncs[fixed.Key[int, int, int]](map[string]string{"getSQL": "Get", "upsertSQL": "Upsert", "upsertOverridingSQL": "Upsert overriding"}),
	"Ref": fieldFuncs[fixed.Ref[int, int, int, int, int, int]](map[string]string{
		"parentSQL": "ParentOf", "childrenSQL": "ChildrenOf", "batchSQL": "ChildrenOfMany", "countSQL": "CountChildrenOf",
	}),
	"Junction": fieldFuncs[fixed.Junction[int, int, int]](map[string]string{"linkSQL": "Link", "unlinkSQL": "Unlink", "getSQL": "GetLink"}),
	"Through":  fieldFuncs[fixed.Through[int, int, int]](map[string]string{"sql": "Linked", "batchSQL": "LinkedOfMany"}),
}

// fieldFuncs lists, for each field of the struct T in order, the function
// funcs names for it, or "". It panics when funcs names a field T lacks,
// so that a renamed field cannot leave its statements unchecked.
func fieldFuncs[T any](funcs map[string]string) []string {
	t := reflect.TypeFor[T]()
	out := make([]string, t.NumField())
	found := 0
	for i := range out {
		if fn, ok := funcs[t.Field(i).Name]; ok {
			out[i] = fn
			found++
		}
	}
	if found != len(funcs) {
		panic(fmt.Sprintf("golangtest: %s lacks a field of %v", t, funcs))
	}
	return out
}

// Constants returns the string constants a Go file declares, by name: the
// SQL of a generated package.
func Constants(filename string, src []byte) (map[string]string, error) {
	f, err := parser.ParseFile(token.NewFileSet(), filename, src, parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	return fileConstants(f), nil
}

func fileConstants(f *ast.File) map[string]string {
	out := map[string]string{}
	for _, vs := range valueSpecs(f, token.CONST) {
		if lit, ok := vs.Values[0].(*ast.BasicLit); ok && lit.Kind == token.STRING {
			out[vs.Names[0].Name], _ = strconv.Unquote(lit.Value)
		}
	}
	return out
}

// valueSpecs are a file's declarations of one name with one value, of
// const or var (tok).
func valueSpecs(f *ast.File, tok token.Token) []*ast.ValueSpec {
	var out []*ast.ValueSpec
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != tok {
			continue
		}
		for _, spec := range gd.Specs {
			if vs, ok := spec.(*ast.ValueSpec); ok && len(vs.Names) == 1 && len(vs.Values) == 1 {
				out = append(out, vs)
			}
		}
	}
	return out
}

// readRefs reads the Tables, Keys, Refs, Junctions and Throughs declared
// in the generated package in dir, var X = &Ref[...]{xParentSQL, ...},
// and the constants their SQL fields name, and returns their statements
// in the order of the files and declarations. A field holding "" (no
// such statement) is none.
func readRefs(dir string) ([]refQuery, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		// The source is not where the binary says (go test -trimpath):
		// without it no statement would be checked.
		return nil, fmt.Errorf("no Go files in %s, the directory of the package's source", dir)
	}
	consts := map[string]string{}
	var lits []*ast.ValueSpec
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, src, parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		maps.Copy(consts, fileConstants(f))
		lits = append(lits, valueSpecs(f, token.VAR)...)
	}
	var out []refQuery
	for _, vs := range lits {
		u, ok := vs.Values[0].(*ast.UnaryExpr)
		if !ok || u.Op != token.AND {
			continue
		}
		cl, ok := u.X.(*ast.CompositeLit)
		if !ok {
			continue
		}
		ix, ok := cl.Type.(*ast.IndexListExpr)
		if !ok {
			continue
		}
		id, ok := ix.X.(*ast.Ident)
		if !ok || descriptorFields[id.Name] == nil {
			continue
		}
		fields, name := descriptorFields[id.Name], vs.Names[0].Name
		if len(cl.Elts) != len(fields) {
			return nil, fmt.Errorf("%s has %d fields, a %s %d", name, len(cl.Elts), id.Name, len(fields))
		}
		for i, fn := range fields {
			q, ok, err := fieldQuery(fn, name, cl.Elts[i], consts)
			if err != nil {
				return nil, err
			}
			if ok {
				out = append(out, q)
			}
		}
	}
	return out, nil
}

// fieldQuery is the statement of the field e of the descriptor name,
// run by fn; false for a field that is no statement.
func fieldQuery(fn, name string, e ast.Expr, consts map[string]string) (refQuery, bool, error) {
	switch fn {
	case "":
		return refQuery{}, false, nil
	case "Copy":
		cl, ok := e.(*ast.CompositeLit)
		if !ok {
			return refQuery{}, false, nil // nil: no Copy
		}
		var ident pgx.Identifier
		for _, el := range cl.Elts {
			lit, ok := el.(*ast.BasicLit)
			if !ok {
				return refQuery{}, false, fmt.Errorf("%s: the table of Copy is not a list of strings", name)
			}
			part, _ := strconv.Unquote(lit.Value)
			ident = append(ident, part)
		}
		return refQuery{name: "Copy(" + name + ")", fn: "Copy", sql: "COPY " + ident.Sanitize()}, true, nil
	}
	id, ok := e.(*ast.Ident)
	if !ok {
		return refQuery{}, false, nil // "": no such statement
	}
	sql, ok := consts[id.Name]
	if !ok {
		return refQuery{}, false, fmt.Errorf("%s: no string constant %s", name, id.Name)
	}
	q := refQuery{name: fn + "(" + name + ")", fn: fn, sql: sql, prefix: fn == "Find"}
	switch fn {
	case "List after":
		q.name, q.fn = "List("+name+", after)", "List"
	case "Create overriding", "Upsert overriding":
		op, _, _ := strings.Cut(fn, " ")
		q.name, q.fn = op+"("+name+", identities nil)", op
	}
	return q, true, nil
}
