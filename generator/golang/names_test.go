package golang

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strconv"
	"testing"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/internal/bigschema"
)

// TestScopeDeclare: the first free candidate wins; when all are taken the
// first gets the lowest free numeric suffix, after "_" when it ends in a
// digit.
func TestScopeDeclare(t *testing.T) {
	s := newScope()
	for _, c := range []struct {
		candidates []string
		want       string
	}{
		{[]string{"User", "UserRow"}, "User"},
		{[]string{"User", "UserRow"}, "UserRow"},
		{[]string{"User", "UserRow"}, "User2"},
		{[]string{"User"}, "User3"},
		{[]string{"Item2"}, "Item2"},
		{[]string{"Item2"}, "Item2_2"},
	} {
		if got := s.declare(c.candidates...); got != c.want {
			t.Errorf("declare(%q) = %q, want %q", c.candidates, got, c.want)
		}
	}
}

// TestRuntimeNames: runtimeNames lists every package-level name (and
// method of DB) the runtime (runtime/db.go, query.go, table.go, ref.go
// and link.go) and errors.go declare, so that no generated declaration
// takes one of them, and nothing else.
func TestRuntimeNames(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "runtime/db.go", runtimeSource, 0)
	if err != nil {
		t.Fatal(err)
	}
	// errors.go declares these for every schema.
	declared := map[string]bool{"packageName": true, "foreignKeys": true, "uniques": true, "checks": true, "exclusions": true, "partitions": true}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			// DB's methods share the package's names (see plan).
			if d.Recv == nil || isDB(d.Recv.List[0].Type) {
				declared[d.Name.Name] = true
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					declared[s.Name.Name] = true
				case *ast.ValueSpec:
					for _, n := range s.Names {
						declared[n.Name] = true
					}
				}
			}
		}
	}
	listed := map[string]bool{}
	for _, n := range runtimeNames {
		listed[n] = true
		if !declared[n] {
			t.Errorf("runtimeNames lists %s, which the runtime does not declare", n)
		}
	}
	for n := range declared {
		if !listed[n] {
			t.Errorf("the runtime declares %s, which runtimeNames does not list", n)
		}
	}
}

func isDB(recv ast.Expr) bool {
	star, ok := recv.(*ast.StarExpr)
	if !ok {
		return false
	}
	id, ok := star.X.(*ast.Ident)
	return ok && id.Name == "DB"
}

// TestWrapText: doc comments break between words at the width, and a word
// longer than it stands alone on its line.
func TestWrapText(t *testing.T) {
	for _, c := range []struct {
		text, want string
	}{
		{"a bb ccc", "a bb\nccc"},
		{"a  bb", "a bb"},
		{"averyverylongword x", "averyverylongword\nx"},
		{"", ""},
	} {
		if got := wrapText(c.text, 4); got != c.want {
			t.Errorf("wrapText(%q, 4) = %q, want %q", c.text, got, c.want)
		}
	}
}

// TestScopeClash: names whose hashes are the same are each declared,
// found and dropped on their own.
func TestScopeClash(t *testing.T) {
	s := newScope()
	seen := map[uint32]string{}
	var a, b string
	for i := 0; a == ""; i++ {
		id := "Name" + strconv.Itoa(i) + "x"
		h := s.hash(id)
		if prev, ok := seen[h]; ok {
			a, b = prev, id
		}
		seen[h] = id
	}
	s.take(a)
	if !s.has(a) || s.has(b) || s.free([]string{b}) != b {
		t.Fatalf("%s taken: has(%s) = %v, has(%s) = %v", a, a, s.has(a), b, s.has(b))
	}
	s.take(b)
	if got := s.declare(a, b); got != a+"2" {
		t.Fatalf("%s and %s taken: declare took %s", a, b, got)
	}
	s.drop(a)
	if s.has(a) || !s.has(b) || !s.has(a+"2") {
		t.Fatalf("%s dropped: has(%s) = %v, has(%s) = %v", a, a, s.has(a), b, s.has(b))
	}
	s.take(a)
	s.drop(b)
	if !s.has(a) || s.has(b) {
		t.Fatalf("%s dropped: has(%s) = %v, has(%s) = %v", b, a, s.has(a), b, s.has(b))
	}
}

// TestMemoDropped: the spellings of a model's names are not kept once
// EmitEach returns.
func TestMemoDropped(t *testing.T) {
	f, diags := dsl.Parse("small.er", []byte(bigschema.Source(5, 1)))
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	s, diags := model.Resolve(f)
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	if _, err := Emit(s, Options{Package: "db"}); err != nil {
		t.Fatal(err)
	}
	memoMu.Lock()
	defer memoMu.Unlock()
	if memoRuns != 0 || plurals != nil || singulars != nil || goNames != nil || snakeCases != nil {
		t.Errorf("after Emit: %d runs, %d plurals, %d singulars, %d Go names, %d snake cases kept", memoRuns, len(plurals), len(singulars), len(goNames), len(snakeCases))
	}
}
