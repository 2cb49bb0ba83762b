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
)

// refQuery is one query of a Ref of a generated package: its name as
// Missing reports it, ChildrenOf(OrderUser), and its SQL.
type refQuery struct {
	name, sql string
}

// refFields are the functions of the runtime that run each SQL field of
// a Ref, in the order of its fields (runtime/ref.go); "" for a field
// that is no SQL.
var refFields = []string{"ParentOf", "", "ChildrenOf", "", "ChildrenOfMany", "", "CountChildrenOf"}

// readRefs reads the Refs declared in the generated package in dir,
// var X = &Ref[...]{xParentSQL, ...}, and the constants their SQL fields
// name, and returns their queries in the order of the files and
// declarations. A field holding "" (no batch query) is no query.
func readRefs(dir string) ([]refQuery, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
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
		if ix, ok := cl.Type.(*ast.IndexListExpr); !ok || !isIdent(ix.X, "Ref") {
			continue
		}
		if len(cl.Elts) != len(refFields) {
			return nil, fmt.Errorf("%s has %d fields, a Ref %d", vs.Names[0].Name, len(cl.Elts), len(refFields))
		}
		for i, fn := range refFields {
			id, ok := cl.Elts[i].(*ast.Ident)
			if fn == "" || !ok {
				continue // no SQL, or "" for no query
			}
			sql, ok := consts[id.Name]
			if !ok {
				return nil, fmt.Errorf("%s: no string constant %s", vs.Names[0].Name, id.Name)
			}
			out = append(out, refQuery{name: fn + "(" + vs.Names[0].Name + ")", sql: sql})
		}
	}
	return out, nil
}

func isIdent(e ast.Expr, name string) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == name
}
