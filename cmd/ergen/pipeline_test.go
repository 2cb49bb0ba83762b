package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/internal/testkit"
)

// outputPackages are the packages of the outputs generator.Generate runs,
// by import path, each with what a command may still use of it: names
// that are no renderer (flag parsing and checking, options, error and
// note types).
// Using any other function of them, or holding a value whose methods
// render (a migration plan, an import's result), bypasses Generate.
var outputPackages = map[string]struct{ allowed, rendering []string }{
	"postgres":         {},
	"golang":           {allowed: []string{"CheckPackage"}},
	"review/explain":   {},
	"review/diagram":   {allowed: []string{"ParseFormat"}},
	"review/doc":       {allowed: []string{"ParseFormat", "FormatOf"}},
	"review/lint":      {},
	"review/format":    {},
	"migrate":          {rendering: []string{"Plan", "Step"}},
	"importer":         {rendering: []string{"Result"}},
	"importer/catalog": {},
}

// TestCommandsCallGenerate checks what ARCHITECTURE.md promises: the
// commands reach every output only through generator.Generate. They may
// read an output's options, errors and notes, and parse its format names,
// but call none of its functions and hold none of its rendering values.
func TestCommandsCallGenerate(t *testing.T) {
	fset, files := testkit.ParseGoFiles(t, ".")
	imported := map[string]bool{}
	for _, f := range files {
		for _, msg := range bypasses(fset, f, imported) {
			t.Error(msg)
		}
	}
	// The commands hold options of these; if none is imported any more,
	// the check looks at nothing and must be revisited.
	for _, p := range []string{"postgres", "golang", "migrate", "importer"} {
		if !imported[p] {
			t.Errorf("no command imports generator/%s: the check sees nothing of it", p)
		}
	}
}

// TestBypassesFindsDirectCalls proves the check above can fail: a command
// that calls the outputs' own functions, or holds a plan, is reported.
func TestBypassesFindsDirectCalls(t *testing.T) {
	const src = `package main

import (
	"github.com/ergen-dev/ergen/generator/importer"
	"github.com/ergen-dev/ergen/generator/migrate"
	"github.com/ergen-dev/ergen/generator/postgres"
	"github.com/ergen-dev/ergen/generator/review/diagram"
	fmtr "github.com/ergen-dev/ergen/generator/review/format"
	"github.com/ergen-dev/ergen/generator/review/lint"
)

func bad() {
	lint.Check(nil)
	fmtr.Source("a.er", nil)
	var p *migrate.Plan
	migrate.Diff(nil, nil, migrate.Options{})
	importer.Import(nil)
	postgres.DDL(nil, "")
	diagram.ParseFormat("dot")
	_ = p
}
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "bad.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, msg := range bypasses(fset, f, map[string]bool{}) {
		got = append(got, msg[strings.Index(msg, "uses ")+len("uses "):strings.Index(msg, ";")])
	}
	want := []string{"lint.Check", "fmtr.Source", "migrate.Plan", "migrate.Diff", "importer.Import", "postgres.DDL"}
	if !slices.Equal(got, want) {
		t.Errorf("reported %q, want %q", got, want)
	}
}

// bypasses lists the uses in f of an output's package other than through
// generator.Generate, and marks in imported the packages f imports.
func bypasses(fset *token.FileSet, f *ast.File, imported map[string]bool) []string {
	local := map[string]string{} // the names f imports output packages under -> their key
	for _, im := range f.Imports {
		path, _ := strconv.Unquote(im.Path.Value)
		key, ok := strings.CutPrefix(path, "github.com/ergen-dev/ergen/generator/")
		if _, output := outputPackages[key]; !ok || !output {
			continue
		}
		name := filepath.Base(path)
		if im.Name != nil {
			name = im.Name.Name
		}
		local[name], imported[key] = key, true
	}
	var found []string
	ast.Inspect(f, func(n ast.Node) bool {
		var sel *ast.SelectorExpr
		called := false
		switch n := n.(type) {
		case *ast.CallExpr:
			sel, _ = n.Fun.(*ast.SelectorExpr)
			called = true
		case *ast.SelectorExpr:
			sel = n
		}
		if sel == nil {
			return true
		}
		pkg, ok := sel.X.(*ast.Ident)
		if !ok || local[pkg.Name] == "" {
			return true
		}
		rules := outputPackages[local[pkg.Name]]
		if called && !slices.Contains(rules.allowed, sel.Sel.Name) || !called && slices.Contains(rules.rendering, sel.Sel.Name) {
			found = append(found, fmt.Sprintf("%s: uses %s.%s; make the output through generator.Generate", fset.Position(sel.Pos()), pkg.Name, sel.Sel.Name))
		}
		return true
	})
	return found
}
