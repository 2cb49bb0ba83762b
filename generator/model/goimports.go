package model

import (
	"slices"
	"strings"

	"github.com/ergen-dev/ergen/dsl"
)

// GoImport is a package a `go "path.Name"` type brings into the
// generated Go package.
type GoImport struct {
	Path    string
	Span    dsl.Span
	Written string // the clause's text, quotes included
}

// goImportsAllowed are the packages a model's Go types may import with
// nothing else said: pgx, which the generated package imports anyway,
// and the standard library's packages of values, whose import runs
// nothing that a program can see.
var goImportsAllowed = []string{
	"github.com/jackc/pgx/v5/...",
	"database/sql", "database/sql/driver", "encoding/json", "math/big",
	"net", "net/netip", "net/url", "time",
}

// CheckGoImports reports every Go type of s whose package neither
// goImportsAllowed nor allowed names. Importing a package runs its
// init functions in every program that imports the generated package,
// and some packages act when imported (expvar serves the program's
// memory statistics and command line at /debug/vars), so the choice of
// what to import is not the model's to make: a model file may come from
// anyone, while allowed comes from the command that generates the code
// (a go:generate line, which is reviewed as code). An entry of allowed
// is an import path, or a path followed by /... for it and every package
// under it.
func CheckGoImports(s *Schema, allowed []string) dsl.Diagnostics {
	var diags dsl.Diagnostics
	for _, imp := range s.GoImports {
		if goImportAllowed(imp.Path, goImportsAllowed) || goImportAllowed(imp.Path, allowed) {
			continue
		}
		diags.Errorf(imp.Span.Pos, imp.Span.End, "go %s would import %s into the generated package, which the command does not allow", imp.Written, dsl.QuoteName(imp.Path)).
			Hintf("importing a package runs its init functions; if %s is one you trust, pass --go-import %s to the command that generates the Go", imp.Path, imp.Path)
	}
	return diags
}

func goImportAllowed(path string, allowed []string) bool {
	return slices.ContainsFunc(allowed, func(a string) bool {
		if tree, ok := strings.CutSuffix(a, "/..."); ok {
			return path == tree || strings.HasPrefix(path, tree+"/")
		}
		return path == a
	})
}
