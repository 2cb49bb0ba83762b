package postgres_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/ergen-dev/ergen/internal/testkit"

	"github.com/google/go-cmp/cmp"

	pgcatalog "github.com/ergen-dev/ergen/generator/importer/catalog"
	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/generator/postgres"
	"github.com/ergen-dev/ergen/internal/golden"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// testCase is one directory of testdata: input.er and the DDL it must
// produce, schema.sql.golden.
type testCase struct {
	name   string
	dir    string
	schema *model.Schema
}

// cases loads every testdata/<case>/input.er; a model with errors fails
// the test, since each case is meant to be valid.
func cases(t *testing.T) []testCase {
	t.Helper()
	var out []testCase
	for _, in := range testkit.Glob(t, "generator/postgres/testdata/*/input.er") {
		dir := filepath.Dir(in)
		out = append(out, testCase{name: filepath.Base(dir), dir: dir, schema: load(t, in)})
	}
	return out
}

func load(t *testing.T, path string) *model.Schema {
	t.Helper()
	return testkit.Load(t, path)
}

func emit(t *testing.T, s *model.Schema) []byte {
	t.Helper()
	ddl, err := postgres.DDL(s, "input.er")
	if err != nil {
		t.Fatalf("Emit: %v", err)
	}
	return ddl
}

// TestGolden compares the DDL of every case with its golden file, and
// checks that emitting is deterministic: the same model twice, and the
// same source resolved twice, give the same bytes.
func TestGolden(t *testing.T) {
	for _, tc := range cases(t) {
		t.Run(tc.name, func(t *testing.T) {
			got := emit(t, tc.schema)
			if again := emit(t, tc.schema); !bytes.Equal(got, again) {
				t.Errorf("emitting the same model twice gave different DDL:\n%s", cmp.Diff(string(got), string(again)))
			}
			if fresh := emit(t, load(t, filepath.Join(tc.dir, "input.er"))); !bytes.Equal(got, fresh) {
				t.Errorf("resolving the same source twice gave different DDL:\n%s", cmp.Diff(string(got), string(fresh)))
			}
			golden.Check(t, filepath.Join(tc.dir, "schema.sql.golden"), got, *update)
		})
	}
}

// TestApply runs every case's DDL on PostgreSQL in one transaction and
// compares what the server then holds with what the model alone says it
// must hold.
func TestApply(t *testing.T) {
	for _, tc := range cases(t) {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			conn := pgtest.Conn(t)
			ctx := context.Background()
			applyDDL(t, conn, emit(t, tc.schema))
			got, err := pgcatalog.Read(ctx, conn, tc.schema.Name)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(pgcatalog.Expect(tc.schema), got); diff != "" {
				t.Errorf("catalog differs from the model (-want +got):\n%s", diff)
			}
			checkFKIndexes(t, tc.schema, got)
		})
	}
}
