package importer_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ergen-dev/ergen/generator"
	"github.com/ergen-dev/ergen/generator/importer"
	"github.com/ergen-dev/ergen/generator/postgres"
	"github.com/ergen-dev/ergen/internal/pgtest"
	"github.com/ergen-dev/ergen/internal/testkit/corpus"
)

// standInVector is a base type public.vector with a modifier, made of
// PostgreSQL's own text functions, for pgvector's.
const standInVector = `
CREATE TYPE public.vector;
CREATE FUNCTION public.vector_in(cstring) RETURNS public.vector LANGUAGE internal IMMUTABLE STRICT AS 'textin';
CREATE FUNCTION public.vector_out(public.vector) RETURNS cstring LANGUAGE internal IMMUTABLE STRICT AS 'textout';
CREATE FUNCTION public.vector_tmin(cstring[]) RETURNS int LANGUAGE internal IMMUTABLE STRICT AS 'varchartypmodin';
CREATE FUNCTION public.vector_tmout(int) RETURNS cstring LANGUAGE internal IMMUTABLE STRICT AS 'varchartypmodout';
CREATE TYPE public.vector (input = public.vector_in, output = public.vector_out, typmod_in = public.vector_tmin,
	typmod_out = public.vector_tmout, internallength = variable, storage = extended);`

// TestImportTypesByName: the database a model of types by name makes,
// where those types exist (public.vector, a base type no extension
// brought, and an enum public.mood), imports as a model that reproduces
// it, each such column kept, with a note that the type comes first; the
// model of every construct of the language among them. A base type of
// the schema itself is kept the same way.
func TestImportTypesByName(t *testing.T) {
	conn := pgtest.Conn(t)
	if _, err := conn.Exec(context.Background(), "CREATE EXTENSION ltree;"+standInVector+
		"CREATE TYPE public.mood AS ENUM ('calm', 'busy');"); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(filepath.Join(corpus.Root(t), corpus.Constructs))
	if err != nil {
		t.Fatal(err)
	}
	src = append(src, "type public.mood\nentity Mooded {\n  id bigint pk\n  m  public.mood\n  ms public.mood[]?\n}\n"...)
	s, diags := generator.Load("constructs.er", src)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	ddl, err := postgres.DDL(s, "constructs.er")
	if err != nil {
		t.Fatal(err)
	}
	before, after, res, err := roundTrip(t, conn, string(ddl), "shop")
	if err != nil {
		t.Fatalf("%v\n--- imported:\n%s", err, resSource(res))
	}
	if diff := cmp.Diff(before, after); diff != "" {
		t.Errorf("catalogs differ (-model's +import's):\n%s\n--- imported:\n%s", diff, res.Source)
	}
	contains(t, res, "shape public.vector(3)?", "m public.mood", "ms public.mood[]?")
	noted(t, res, "column shape: type public.vector is named, not created, by the model: create it before the model's DDL",
		"column m: type public.mood is named", "column ms: type public.mood is named")

	conn = pgtest.Conn(t)
	if _, err := conn.Exec(context.Background(), standInVector); err != nil {
		t.Fatal(err)
	}
	before, err = applyRead(t, conn, "CREATE TABLE pl (id int PRIMARY KEY, shape public.vector(3), v public.vector);", "public")
	if err != nil {
		t.Fatal(err)
	}
	if res, err = importer.Import(before); err != nil {
		t.Fatal(err)
	}
	if s, diags = generator.Load(importer.FileName, res.Source); diags.HasErrors() {
		t.Fatal(diags)
	}
	if ddl, err = postgres.DDL(s, importer.FileName); err != nil {
		t.Fatal(err)
	}
	if _, err = applyRead(t, conn, string(ddl), "public"); err != nil {
		t.Fatalf("%v\n--- imported:\n%s", err, res.Source)
	}
	contains(t, res, "shape public.vector(3)?", "v public.vector?")
	noted(t, res, "column shape: type public.vector is named", "column v: type public.vector is named")
}

// A type of another schema whose name format_type quotes (other."Mood2")
// is declared, `type other.Mood2`, and kept by that name, with the note
// that it comes first; one .er cannot write ("my mood") is left out,
// for that reason, not as the schema's own.
func TestImportQuotedTypeByName(t *testing.T) {
	conn := pgtest.Conn(t)
	if _, err := conn.Exec(context.Background(), `CREATE SCHEMA other;
		CREATE TYPE other."Mood2" AS ENUM ('a'); CREATE TYPE other."my mood" AS ENUM ('a');`); err != nil {
		t.Fatal(err)
	}
	res := importCase(t, conn, `CREATE TABLE t (id int PRIMARY KEY, b other."Mood2", bs other."Mood2"[], c other."my mood");`)
	contains(t, res, "type other.Mood2", "b other.Mood2?", "bs other.Mood2[]?")
	noted(t, res, `column b: type other."Mood2" is named, not created, by the model`,
		`column c: type other."my mood" has no .er spelling`)
}
