package format

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/internal/testkit"

	"github.com/google/go-cmp/cmp"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator/postgres"
	"github.com/ergen-dev/ergen/internal/golden"
	"github.com/ergen-dev/ergen/internal/randmodel"
)

var update = flag.Bool("update", false, "rewrite golden files")

// models are every example, the shared test models, and this package's
// own inputs (testdata/*.er, with golden outputs).
func models(t *testing.T) []string {
	t.Helper()
	return testkit.Glob(t, testkit.Examples, testkit.DeleteModels, testkit.LintModels, testkit.Constructs, ownModels)
}

// ownModels are this package's inputs with golden outputs.
const ownModels = "generator/review/format/testdata/*.er"

func format(t *testing.T, name string, src []byte) []byte {
	t.Helper()
	out, diags := Source(name, src)
	if diags.HasErrors() {
		t.Fatalf("%s: %v", name, diags)
	}
	return out
}

// ddl is the model of src as PostgreSQL DDL: two files with the same DDL
// resolved to the same tables, columns, keys, comments and policies.
func ddl(t *testing.T, src []byte) string {
	t.Helper()
	s, diags := testkit.LoadSource("x.er", src)
	if diags.HasErrors() {
		t.Fatalf("%v\n%s", diags, src)
	}
	out, err := postgres.DDL(s, "x.er")
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// TestFormat: formatting is idempotent, keeps every comment, and does not
// change the model.
func TestFormat(t *testing.T) {
	for _, path := range models(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			once := format(t, path, src)
			twice := format(t, path, once)
			if diff := cmp.Diff(string(once), string(twice)); diff != "" {
				t.Errorf("formatting is not idempotent (-once +twice):\n%s", diff)
			}
			if diff := cmp.Diff(ddl(t, src), ddl(t, once)); diff != "" {
				t.Errorf("formatting changed the model (-before +after):\n%s\nformatted:\n%s", diff, once)
			}
			if a, b := comments(t, src), comments(t, once); !cmp.Equal(a, b) {
				t.Errorf("comments changed:\n%s", cmp.Diff(a, b))
			}
			if strings.HasPrefix(path, "testdata") {
				golden.Check(t, strings.TrimSuffix(path, ".er")+".golden", once, *update)
			}
		})
	}
}

// TestExamplesAreFormatted: the committed examples are in canonical form.
func TestExamplesAreFormatted(t *testing.T) {
	for _, path := range testkit.Glob(t, testkit.Examples) {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if out := format(t, path, src); !bytes.Equal(out, src) {
			t.Errorf("%s is not formatted:\n%s", path, cmp.Diff(string(src), string(out)))
		}
	}
}

func comments(t *testing.T, src []byte) []string {
	t.Helper()
	toks, err := dslTokens(src)
	if err != nil {
		t.Fatal(err)
	}
	return toks
}

func TestSyntaxError(t *testing.T) {
	_, diags := Source("bad.er", []byte("entity A {\n"))
	if !diags.HasErrors() {
		t.Error("want the syntax error of an unparsable file")
	}
}

func dslTokens(src []byte) ([]string, error) {
	toks, err := dsl.Tokens("x.er", src)
	var out []string
	for _, tk := range toks {
		if tk.Kind == "Comment" {
			out = append(out, tk.Value)
		}
	}
	return out, err
}

// TestRandomModels formats random models, which use every construct of
// the language: idempotent, and the same DDL. It formats 20 models, or
// ERGEN_FORMAT_MODELS, or 5,000 with ERGEN_LARGE_TESTS=1.
func TestRandomModels(t *testing.T) {
	n := 20
	if os.Getenv("ERGEN_LARGE_TESTS") == "1" {
		n = 5000
	}
	if s := os.Getenv("ERGEN_FORMAT_MODELS"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil || n < 1 {
			t.Fatalf("ERGEN_FORMAT_MODELS=%q: want a positive number", s)
		}
	}
	for seed := range int64(n) {
		opts := randmodel.Options{Partitions: seed%2 == 1}
		if seed%4 < 2 {
			opts.Schema = fmt.Sprintf("fmt_%d", seed)
		}
		src := []byte(randmodel.Generate(seed, opts))
		once := format(t, "random.er", src)
		if twice := format(t, "random.er", once); !bytes.Equal(once, twice) {
			t.Errorf("seed %d: not idempotent:\n%s", seed, cmp.Diff(string(once), string(twice)))
		}
		if diff := cmp.Diff(ddl(t, src), ddl(t, once)); diff != "" {
			t.Errorf("seed %d: formatting changed the model:\n%s", seed, diff)
		}
	}
}

// TestCommentsInsideParentheses checks that a comment inside a column list
// is printed once, after the list, so that formatting twice changes nothing; and
// that blank lines between declarations are the author's: none where there
// was none, one for several. A comment inside a check or a default is SQL
// text that ergen refuses to copy (see dsl.CheckExpr), so fmt reports it
// and rewrites nothing.
func TestCommentsInsideParentheses(t *testing.T) {
	src := "enum A { x y }\nenum B { z }\n\n\n// P\nentity P {\n" +
		"  price numeric(10, 2) check (price > 0)\n" +
		"  qty integer = 1 + 2 // after\n" +
		"  unique (price, /* and */ qty)\n" +
		"  index (qty // the count\n    , price)\n}\n// tail\n"
	want := "enum A { x y }\nenum B { z }\n\n// P\nentity P {\n" +
		"  price numeric(10, 2) check (price > 0)\n" +
		"  qty   integer = 1 + 2 // after\n" +
		"  unique (price, qty) /* and */\n" +
		"  index (qty, price) // the count\n}\n// tail\n"
	once := format(t, "p.er", []byte(src))
	if diff := cmp.Diff(want, string(once)); diff != "" {
		t.Errorf("format (-want +got):\n%s", diff)
	}
	if twice := format(t, "p.er", once); !bytes.Equal(once, twice) {
		t.Errorf("not idempotent (-once +twice):\n%s", cmp.Diff(string(once), string(twice)))
	}
	for _, expr := range []string{"check (price > 0 /* positive */)", "= 1 /* one */ + 2", "= lower( /* x */ 'A')"} {
		bad := "entity P {\n  price integer " + expr + "\n}\n"
		out, diags := Source("p.er", []byte(bad))
		if out != nil || !diags.HasErrors() || !strings.Contains(diags[0].Msg, "comment inside an expression") {
			t.Errorf("%s: Source = %q, %v; want the error that the expression holds a comment", expr, out, diags)
		}
	}
}

// A file with CRLF line endings comes out with LF alone, its comments
// included, and formats again to itself.
func TestFormatCRLF(t *testing.T) {
	src := []byte("// users\r\nentity User {\r\n  id serial pk // the key\r\n\r\n  name text\r\n}\r\n")
	once := format(t, "crlf.er", src)
	if bytes.ContainsRune(once, '\r') {
		t.Errorf("a carriage return is left in:\n%q", once)
	}
	want := "// users\nentity User {\n  id   serial pk // the key\n\n  name text\n}\n"
	if string(once) != want {
		t.Errorf("got\n%q\nwant\n%q", once, want)
	}
}
