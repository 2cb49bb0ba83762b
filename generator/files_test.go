package generator_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ergen-dev/ergen/generator"
	"github.com/ergen-dev/ergen/generator/golang"
	pgcatalog "github.com/ergen-dev/ergen/generator/importer/catalog"
	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/generator/postgres"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

// readSplit reads the .er files of a testdata directory in name order.
func readSplit(t *testing.T, dir string) []generator.Source {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "split", dir, "*.er"))
	if err != nil || len(paths) < 2 {
		t.Fatalf("want a model split over several files in %s: %v", dir, err)
	}
	var srcs []generator.Source
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, generator.Source{Name: filepath.Base(p), Src: src})
	}
	return srcs
}

// A model split over several files, with the declarations in the same
// order, is the model of the one file: the same DDL and the same Go code,
// byte for byte (defaults and checks are read from the file they are in),
// and PostgreSQL builds from the DDL the catalog the model expects.
func TestSplitModelIsOneModel(t *testing.T) {
	whole, err := os.ReadFile("../examples/shopflow/shopflow.er")
	if err != nil {
		t.Fatal(err)
	}
	want, diags := generator.Load("shopflow.er", whole)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	got, diags := generator.LoadFiles(readSplit(t, "shopflow")...)
	if len(diags) > 0 {
		t.Fatalf("the split model has diagnostics: %v", diags)
	}

	wantDDL, err := postgres.DDL(want, "shopflow.er")
	if err != nil {
		t.Fatal(err)
	}
	gotDDL, err := postgres.DDL(got, "shopflow.er")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(wantDDL), string(gotDDL)); diff != "" {
		t.Errorf("DDL of the split model differs (-one file +split):\n%s", diff)
	}

	opts := golang.Options{Package: "shopflowdb", Source: "shopflow.er"}
	wantGo, err := golang.Emit(want, opts)
	if err != nil {
		t.Fatal(err)
	}
	gotGo, err := golang.Emit(got, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(gotGo) != len(wantGo) {
		t.Fatalf("the split model gives %d Go files, the one file %d", len(gotGo), len(wantGo))
	}
	for i := range wantGo {
		if gotGo[i].Name != wantGo[i].Name || !bytes.Equal(gotGo[i].Data, wantGo[i].Data) {
			t.Errorf("Go file %s of the split model differs from %s of the one file", gotGo[i].Name, wantGo[i].Name)
		}
	}

	ctx := context.Background()
	conn := pgtest.Conn(t)
	if _, err := conn.Exec(ctx, string(gotDDL)); err != nil {
		t.Fatalf("PostgreSQL refused the DDL: %v", err)
	}
	cat, err := pgcatalog.Read(ctx, conn, "public")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(pgcatalog.Expect(got), cat); diff != "" {
		t.Errorf("catalog differs from the split model (-want +got):\n%s", diff)
	}
	// The FK declared in 3_orders.er toward an entity of 1_accounts.er
	// holds: a user with orders cannot be deleted.
	if _, err := conn.Exec(ctx, `INSERT INTO users (name, email) VALUES ('a', 'a@x'); INSERT INTO orders (user_id) VALUES (1)`); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, `DELETE FROM users`); err == nil || !strings.Contains(err.Error(), "fk_orders_user") {
		t.Errorf("deleting a user with orders: %v, want a violation of fk_orders_user", err)
	}
}

// A default and a check are SQL text cut from the file they are written
// in, whichever file comes first.
func TestSplitModelExpressionText(t *testing.T) {
	s, diags := generator.LoadFiles(
		generator.Source{Name: "a.er", Src: []byte("// a longer first file, so that offsets of b.er fall inside it too\nentity User {\n  id serial pk\n}\n")},
		generator.Source{Name: "b.er", Src: []byte("entity Order {\n  id serial pk\n  n integer = 42 check (n > 0)\n}\n")},
	)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	var c *model.Column
	for _, t := range s.Tables {
		if t.Name == "orders" {
			c = t.Column("n")
		}
	}
	if c == nil || c.Default != "42" {
		t.Fatalf("default of orders.n: %+v, want 42", c)
	}
	ddl, err := postgres.DDL(s, "a.er, b.er")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(ddl), "CHECK (n > 0)") {
		t.Errorf("the check of b.er is not in the DDL:\n%s", ddl)
	}
}
