package golangtest

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
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
// its fields, in the order of its fields: "" for a field that is no
// statement, "List after" for List's statement of the page after a row,
// "Copy" for the COPY of the table the field names.
var descriptorFields = map[string][]string{
	"Table":    {"", "Create", "Update", "", "Patch", "Delete", "List", "List after", "", "Count", "Find", "", "Copy", "", ""},
	"Key":      {"Get", "Upsert", ""},
	"Ref":      {"ParentOf", "", "ChildrenOf", "", "ChildrenOfMany", "", "CountChildrenOf"},
	"Junction": {"Link", "", "Unlink", "GetLink", ""},
	"Through":  {"Linked", "", "LinkedOfMany", ""},
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
	fset := token.NewFileSet()
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
		f, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok {
				continue
			}
			for _, spec := range gd.Specs {
				vs, ok := spec.(*ast.ValueSpec)
				if !ok || len(vs.Names) != 1 || len(vs.Values) != 1 {
					continue
				}
				switch gd.Tok {
				case token.CONST:
					if lit, ok := vs.Values[0].(*ast.BasicLit); ok && lit.Kind == token.STRING {
						consts[vs.Names[0].Name], _ = strconv.Unquote(lit.Value)
					}
				case token.VAR:
					lits = append(lits, vs)
				}
			}
		}
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
	if fn == "List after" {
		q.name, q.fn = "List("+name+", after)", "List"
	}
	return q, true, nil
}
