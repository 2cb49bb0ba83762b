package importer_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ergen-dev/ergen/generator"
	"github.com/ergen-dev/ergen/generator/importer"
	"github.com/ergen-dev/ergen/generator/importer/catalog"
	"github.com/ergen-dev/ergen/generator/postgres"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

// TestImportNotesObjects: the objects of a schema a model cannot create
// are noted, those its own DDL needs included (a column's collation, an
// operator of a CHECK, a text search configuration of a generated
// column), and a range's constructor functions and multirange, which
// come with it, are not. A column or domain of a type of the schema (a
// range, its multirange, a composite type) is left out with a note, as
// the model cannot create the type. Run where the objects its DDL needs
// exist, and no range type does, the model's DDL reproduces the database
// up to what the other notes list, exactly.
func TestImportNotesObjects(t *testing.T) {
	conn := pgtest.Conn(t)
	const needed = `
		CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
		CREATE TEXT SEARCH CONFIGURATION my_english (COPY = english);
		CREATE OPERATOR === (leftarg = int, rightarg = int, function = int4eq);`
	before, err := applyRead(t, conn, needed+`
		CREATE TYPE floatrange AS RANGE (subtype = float8, subtype_diff = float8mi);
		CREATE TYPE pair AS (a int, b int);
		CREATE DOMAIN span AS floatrange CHECK (NOT isempty(VALUE));
		CREATE TEXT SEARCH DICTIONARY my_dict (TEMPLATE = simple);
		CREATE OPERATOR CLASS my_ops FOR TYPE int USING btree AS OPERATOR 1 <, FUNCTION 1 btint4cmp(int, int);
		CREATE OPERATOR FAMILY my_family USING hash;
		CREATE AGGREGATE total(int) (sfunc = int4pl, stype = int);
		CREATE CONVERSION my_conv FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8;
		CREATE TABLE t (id int PRIMARY KEY, name text COLLATE ci, a int CHECK (a === a),
			doc tsvector GENERATED ALWAYS AS (to_tsvector('my_english', name)) STORED);
		CREATE CAST (t AS int) WITH INOUT;
		CREATE TYPE shell;
		CREATE TABLE spans (id int PRIMARY KEY, span floatrange, spans floatmultirange, many floatrange[],
			own span, p pair, n int NOT NULL);`, "public")
	if err != nil {
		t.Fatal(err)
	}
	res, err := importer.Import(before)
	if err != nil {
		t.Fatal(err)
	}
	noted(t, res, "collation ci", "text search configuration my_english", "operator ===(integer, integer)",
		"text search dictionary my_dict", "operator class my_ops USING btree", "operator family my_family USING hash",
		"aggregate total(integer)", "conversion my_conv", "cast (public.t AS integer)", "range type floatrange", "shell type shell",
		"column span: type public.floatrange is the schema's own", "column spans: type public.floatmultirange is the schema's own",
		"column many: type public.floatrange[] is the schema's own", "column p: type public.pair is the schema's own",
		"domain span: type public.floatrange is the schema's own")
	// A range's multirange, constructors and cast come with it.
	for _, n := range res.Notes {
		if n.Table == "" && (strings.Contains(n.Msg, "floatmultirange") || strings.Contains(n.Msg, "function floatrange")) {
			t.Errorf("noted: %s", n)
		}
	}
	s, diags := generator.Load(importer.FileName, res.Source)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	ddl, err := postgres.DDL(s, importer.FileName)
	if err != nil {
		t.Fatal(err)
	}
	after, err := applyRead(t, conn, needed+string(ddl), "public")
	if err != nil {
		t.Fatalf("%v\n--- imported:\n%s", err, res.Source)
	}
	var got, want []string
	for _, n := range res.Notes {
		m, ok := strings.CutPrefix(n.Msg, "not reproduced: ")
		if ok && !strings.HasPrefix(m, "collation ci ") && !strings.HasPrefix(m, "text search configuration my_english ") &&
			!strings.HasPrefix(m, "operator ===(") {
			got = append(got, catalog.Difference{Table: n.Table, Msg: m}.String())
		}
	}
	for _, d := range catalog.Diff(after, before) {
		want = append(want, d.String())
	}
	slices.Sort(got)
	slices.Sort(want)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("the notes do not list what the round trip changed (-changed +noted):\n%s\n--- imported:\n%s", diff, res.Source)
	}
}

// TestImportNotesFunctionCalls: a function of the schema that a check,
// a generated column or an index calls is noted with what calls it and
// that the model's DDL needs it first, which it does: that DDL fails on
// a database without the function and applies where it was created.
func TestImportNotesFunctionCalls(t *testing.T) {
	conn := pgtest.Conn(t)
	const needed = `CREATE FUNCTION norm(t text) RETURNS text LANGUAGE sql IMMUTABLE AS 'select lower(t)';`
	before, err := applyRead(t, conn, needed+`
		CREATE FUNCTION unused() RETURNS int LANGUAGE sql AS 'select 1';
		CREATE DOMAIN word AS text CONSTRAINT word_norm CHECK (norm(VALUE) <> '');
		CREATE TABLE f (id int PRIMARY KEY, v text CHECK (norm(v) <> ''), n text GENERATED ALWAYS AS (norm(v)) STORED, w word);
		CREATE INDEX f_norm ON f (norm(v));`, "public")
	if err != nil {
		t.Fatal(err)
	}
	res, err := importer.Import(before)
	if err != nil {
		t.Fatal(err)
	}
	noted(t, res, "function norm(t text) (used by constraint f_v_check on table public.f, constraint word_norm on domain public.word, "+
		"default value for column n of table public.f, index public.f_norm: create it before a model's DDL that keeps them) is in the database",
		"function unused() is in the database")
	contains(t, res, "v text? check (public.norm(v) <> '') as f_v_check", "n text? generated (public.norm(v))")
	s, diags := generator.Load(importer.FileName, res.Source)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	ddl, err := postgres.DDL(s, importer.FileName)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := applyRead(t, conn, string(ddl), "public"); err == nil || !strings.Contains(err.Error(), "public.norm(text) does not exist") {
		t.Errorf("the model's DDL on a database without norm: %v, want norm missing", err)
	}
	if _, err := applyRead(t, conn, needed+string(ddl), "public"); err != nil {
		t.Errorf("the model's DDL after norm: %v", err)
	}
}

// TestImportNotesTypesOfOtherSchemas: a column or domain of a type of
// another schema that no extension brought (an enum, a domain, an array
// of one) is kept as a type by name, as a model names it, with a note
// that the type must exist before the model's DDL. (An extension's type
// there stays, by name, without one: TestImportNotesExtensionSchema.)
func TestImportNotesTypesOfOtherSchemas(t *testing.T) {
	conn := pgtest.Conn(t)
	if _, err := conn.Exec(context.Background(), `CREATE SCHEMA other;
		CREATE TYPE other.mood AS ENUM ('a');
		CREATE DOMAIN other.pos AS int CHECK (VALUE > 0);`); err != nil {
		t.Fatal(err)
	}
	res := importCase(t, conn, `CREATE DOMAIN mine AS other.pos;
		CREATE TABLE t (id int PRIMARY KEY, m other.mood, p other.pos, ms other.mood[]);`)
	noted(t, res, "column m: type other.mood is named, not created, by the model: create it before the model's DDL",
		"column p: type other.pos is named", "column ms: type other.mood is named", "domain mine: type other.pos is named")
	contains(t, res, "m other.mood?", "ms other.mood[]?", "p other.pos?")
}
