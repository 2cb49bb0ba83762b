package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestCommandsCallGenerate checks what ARCHITECTURE.md promises: the
// commands reach the emitters generator.Generate runs only through it.
// They may read an emitter's options and errors, and parse its format
// names, but call none of its renderers.
func TestCommandsCallGenerate(t *testing.T) {
	emitters := map[string]bool{}
	for _, p := range []string{"postgres", "golang", "review/explain", "review/diagram", "review/doc"} {
		emitters["github.com/ergen-dev/ergen/generator/"+p] = true
	}
	allowed := map[string]bool{"ParseFormat": true, "FormatOf": true}
	files, err := filepath.Glob("*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no Go files in cmd/ergen: %v", err)
	}
	fset := token.NewFileSet()
	imported := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		local := map[string]bool{} // the names this file imports emitters under
		for _, im := range f.Imports {
			path, _ := strconv.Unquote(im.Path.Value)
			if emitters[path] {
				local[filepath.Base(path)] = true
				imported++
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if pkg, ok := sel.X.(*ast.Ident); ok && local[pkg.Name] && !allowed[sel.Sel.Name] {
				t.Errorf("%s: calls %s.%s; run the emitter through generator.Generate", fset.Position(call.Pos()), pkg.Name, sel.Sel.Name)
			}
			return true
		})
	}
	if imported == 0 {
		t.Error("no command imports an emitter: the check sees nothing")
	}
}
