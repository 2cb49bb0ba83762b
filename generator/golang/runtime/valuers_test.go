package runtime

import (
	"go/ast"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/internal/testkit"
)

// nullValue (db.go) asks a value for itself through each valuer interface
// of pgtype, a list kept by hand. A valuer the list misses would make Copy
// send a NULL of that type as a value instead of the column's default, so
// every valuer interface of the pgtype in go.mod must be in it: this test
// fails when pgx, upgraded, gains one.
func TestNullValueKnowsEveryValuer(t *testing.T) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/jackc/pgx/v5").Output()
	if err != nil {
		t.Fatalf("go list -m github.com/jackc/pgx/v5: %v", err)
	}
	valuers := pgtypeValuers(t, filepath.Join(strings.TrimSpace(string(out)), "pgtype"))
	if len(valuers) < 20 {
		t.Fatalf("found %d valuer interfaces in pgtype, want its twenty-odd: %v", len(valuers), valuers)
	}
	asked := askedValuers(t)
	for _, v := range valuers {
		if !asked[v] {
			t.Errorf("nullValue does not ask pgtype.%s", v)
		}
	}
}

// pgtypeValuers are the names of the exported interfaces of the package
// in dir whose names end in Valuer.
func pgtypeValuers(t *testing.T, dir string) []string {
	t.Helper()
	_, files := testkit.ParseGoFiles(t, dir)
	var names []string
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			ts, ok := n.(*ast.TypeSpec)
			if !ok {
				return true
			}
			if _, iface := ts.Type.(*ast.InterfaceType); iface && ts.Name.IsExported() && strings.HasSuffix(ts.Name.Name, "Valuer") {
				names = append(names, ts.Name.Name)
			}
			return false
		})
	}
	sort.Strings(names)
	return names
}

// askedValuers are the pgtype types that the case clauses of the type
// switches of this package's own files name.
func askedValuers(t *testing.T) map[string]bool {
	t.Helper()
	asked := map[string]bool{}
	_, files := testkit.ParseGoFiles(t, ".")
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			cc, ok := n.(*ast.CaseClause)
			if !ok {
				return true
			}
			for _, x := range cc.List {
				if sel, ok := x.(*ast.SelectorExpr); ok {
					if pkg, ok := sel.X.(*ast.Ident); ok && pkg.Name == "pgtype" {
						asked[sel.Sel.Name] = true
					}
				}
			}
			return true
		})
	}
	return asked
}
