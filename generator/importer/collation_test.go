package importer_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ergen-dev/ergen/generator"
	"github.com/ergen-dev/ergen/generator/importer"
	"github.com/ergen-dev/ergen/generator/postgres"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

// TestRoundTripCollations: columns and domains with a collation import to
// a model that makes the same database, with nothing noted; an FK column
// with its key's collation is left to ergen, one with another is declared.
func TestRoundTripCollations(t *testing.T) {
	const src = `schema coll
domain Code text collate "C"
entity Country {
  code  Code pk
  name  text collate "POSIX"
  short varchar(8)? collate "ucs_basic"
  other Code? collate "POSIX"
}
entity Tag {
  slug text collate "C" pk
}
entity Post {
  id       integer pk
  tag_slug text collate "POSIX"
}
relationship Country 1:N Post
relationship Tag 1:N Post
`
	res := roundTripModel(t, src, "coll")
	for _, want := range []string{`domain Code text collate "C"`, `text collate "POSIX"`, `varchar(8)? collate "ucs_basic"`,
		`Code? collate "POSIX"`, `slug text pk collate "C"`, `tag_slug text collate "POSIX"`} {
		if !strings.Contains(string(res.Source), want) {
			t.Errorf("imported model lacks %q:\n%s", want, res.Source)
		}
	}
	if strings.Contains(string(res.Source), "country_code") {
		t.Errorf("the FK column with its key's collation is declared:\n%s", res.Source)
	}
}

// roundTripModel imports the database src's DDL makes (schema) and
// checks that the imported model makes the same database and notes
// nothing; it returns the import.
func roundTripModel(t *testing.T, src, schema string) *importer.Result {
	t.Helper()
	s, diags := generator.Load("x.er", []byte(src))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	ddl, err := postgres.DDL(s, "x.er")
	if err != nil {
		t.Fatal(err)
	}
	return roundTripDDL(t, string(ddl), schema)
}

// roundTripDDL imports the database ddl makes (schema) and checks that
// the imported model makes the same database and notes nothing; it
// returns the import.
func roundTripDDL(t *testing.T, ddl, schema string) *importer.Result {
	t.Helper()
	before, after, res, err := roundTrip(t, pgtest.Conn(t), ddl, schema)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Notes) > 0 {
		t.Errorf("notes: %v", res.Notes)
	}
	if diff := cmp.Diff(before, after); diff != "" {
		t.Errorf("catalogs differ (-before +after):\n%s\n--- imported:\n%s", diff, res.Source)
	}
	return res
}

// LIKE and NOT ILIKE on citext, citext's operators, import as a model
// writes them, not as OPERATOR(public.~~), and the model reproduces the
// database.
func TestRoundTripLikeOfExtensionType(t *testing.T) {
	res := roundTripModel(t, `extension citext
domain Email citext check (value like '%@%')
entity User {
  id    bigint pk
  email citext check (email like '%@%') check (email not ilike 'x%')
  e2    Email
}
`, "public")
	contains(t, res, "domain Email public.citext check (value like '%@%')", "check (email like '%@%')", "check (email not ilike 'x%')")
}

// TestImportCollationOfAnotherSchema: a model names a column's or a
// domain's collation by its name alone, which its DDL finds in
// pg_catalog, then public. Imported under its bare name, a collation of
// another schema (c.mine) makes the model's DDL fail, and one in public
// that pg_catalog's of the same name shadows (public."POSIX") becomes
// pg_catalog's. The import notes the column and domain that use such a
// collation instead, and the index over a shadowed one, which the COLLATE
// of a key's expression cannot name either; it writes the collations of
// pg_catalog and public.
func TestImportCollationOfAnotherSchema(t *testing.T) {
	conn := pgtest.Conn(t)
	before, err := applyRead(t, conn, `CREATE SCHEMA c;
		CREATE COLLATION c.mine (provider = icu, locale = 'de-u-co-phonebk');
		CREATE COLLATION public."POSIX" (provider = icu, locale = 'de-u-co-phonebk');
		CREATE COLLATION public.own FROM "C";
		CREATE DOMAIN phonebook AS text COLLATE c.mine;
		CREATE TABLE people (id int PRIMARY KEY, name text COLLATE c.mine, shadowed text COLLATE public."POSIX",
		  posix text COLLATE "POSIX", own text COLLATE own, code text NOT NULL);
		CREATE INDEX people_own ON people (code COLLATE own);
		CREATE INDEX people_posix ON people ((lower(code) COLLATE public."POSIX"));
		ALTER TABLE people ADD CONSTRAINT people_once EXCLUDE USING btree (code COLLATE public."POSIX" WITH =);`, "public")
	if err != nil {
		t.Fatal(err)
	}
	res, err := importer.Import(before)
	if err != nil {
		t.Fatal(err)
	}
	noted(t, res, "domain phonebook: .er cannot write its collation c.mine", "column name: .er cannot write its collation c.mine",
		`column shadowed: .er cannot write its collation public."POSIX"`, `index people_posix: .er cannot write the collation public."POSIX"`,
		`exclusion constraint people_once: EXCLUDE USING btree (code COLLATE public."POSIX" WITH =): .er cannot write the collation public."POSIX"`)
	contains(t, res, `posix text? collate "POSIX"`, `own text? collate "own"`, `index (code collate "own") as people_own`,
		"!as people_posix", "!as people_once", "!domain Phonebook")
}

// TestRoundTripKeyCollationOfAnotherSchema: a key's collation of another
// schema (c.bytes) is written in the COLLATE over the whole of the key's
// expression, a column's too ((code collate c.bytes)), which the model's
// DDL writes as it is: the model makes the same indexes and exclusion
// constraint where the collations exist, which the import notes to
// create before its DDL, as it notes a type of another schema.
func TestRoundTripKeyCollationOfAnotherSchema(t *testing.T) {
	conn := pgtest.Conn(t)
	if _, err := conn.Exec(t.Context(), `CREATE SCHEMA c; CREATE COLLATION c.bytes FROM "C";
		CREATE COLLATION c."Book" (provider = icu, locale = 'de-u-co-phonebk')`); err != nil {
		t.Fatal(err)
	}
	before, after, res, err := roundTrip(t, conn, `CREATE TABLE people (id int PRIMARY KEY, code text NOT NULL);
		CREATE INDEX people_code ON people (code COLLATE c.bytes DESC);
		CREATE INDEX people_lower ON people ((lower(code) COLLATE c."Book"), id);
		ALTER TABLE people ADD CONSTRAINT people_once EXCLUDE USING btree (code COLLATE c.bytes WITH =);`, "public")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(before, after); diff != "" {
		t.Errorf("catalogs differ (-before +after):\n%s\n--- imported:\n%s", diff, res.Source)
	}
	const named = ": create it before the model's DDL, which fails without it"
	noted(t, res, "index people_code: collation c.bytes is named, not created, by the model"+named,
		`index people_lower: collation c."Book" is named, not created, by the model`+named,
		"exclusion constraint people_once: collation c.bytes is named, not created, by the model"+named)
	if len(res.Notes) != 3 {
		t.Errorf("notes: %v", res.Notes)
	}
	contains(t, res, "index ((code collate c.bytes) desc) as people_code", `index ((lower(code) collate c."Book"), id) as people_lower`,
		"exclude using btree ((code collate c.bytes) with =) as people_once")
}

// TestImportCollationOfModelSchema: the model's DDL names every object it
// creates with the model's schema, but runs on the search_path of its
// session, which holds public, not that schema: collate "loc" would not
// find app.loc there. The import notes a column of app.loc, and writes a
// key's with the schema, which the DDL writes as it is.
func TestImportCollationOfModelSchema(t *testing.T) {
	conn := pgtest.Conn(t)
	before, err := applyRead(t, conn, `CREATE SCHEMA app; CREATE COLLATION app.loc FROM "C";
		CREATE TABLE app.people (id int PRIMARY KEY, name text COLLATE app.loc, code text NOT NULL);
		CREATE INDEX people_code ON app.people (code COLLATE app.loc);`, "app")
	if err != nil {
		t.Fatal(err)
	}
	res, err := importer.Import(before)
	if err != nil {
		t.Fatal(err)
	}
	noted(t, res, "column name: .er cannot write its collation app.loc")
	contains(t, res, "index ((code collate app.loc)) as people_code", `!collate "loc"`)
}
