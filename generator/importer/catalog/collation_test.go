package catalog_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/jackc/pgx/v5"

	"github.com/ergen-dev/ergen/generator/importer/catalog"
	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

// TestExpectCollations applies a model with collations on columns and a
// domain and reads its catalog back equal to Expect's; a column or a
// domain without its collation is told apart.
func TestExpectCollations(t *testing.T) {
	s := load(t, `
schema coll
domain Code varchar(8) collate "C"
entity Tag {
  slug  text collate "POSIX" pk
  code  Code
  other Code collate "POSIX"
  plain text
  again Code collate "C"
  deflt text collate "default"
}
entity Post {
  id integer pk
}
relationship Tag 1:N Post
`)
	conn, good, got := applyExpected(t, s)
	for _, c := range []struct{ table, col, want string }{
		{"tags", "slug", "POSIX"}, {"tags", "code", ""}, {"tags", "other", "POSIX"}, {"tags", "plain", ""}, {"tags", "again", ""}, {"tags", "deflt", ""}, {"posts", "tag_slug", "POSIX"},
	} {
		if col := got.Table(c.table).Column(c.col); col == nil || col.Collation != c.want {
			t.Errorf("%s.%s read as %+v, want collation %q", c.table, c.col, col, c.want)
		}
	}
	if d := got.Domain("code"); d == nil || d.Collation != "C" {
		t.Errorf("domain code read as %+v", d)
	}
	if cmp.Equal(catalog.Expect(s), readChanged(t, conn, good, s.Name, `text COLLATE "POSIX" NOT NULL`, "text NOT NULL")) {
		t.Error("a column without its collation read back equal")
	}
	if cmp.Equal(catalog.Expect(s), readChanged(t, conn, good, s.Name, `varchar(8) COLLATE "C"`, "varchar(8)")) {
		t.Error("a domain without its collation read back equal")
	}
}

// TestReadCollationOfAnotherSchema: a model names a collation by its name
// alone, which its DDL finds in pg_catalog, then public, on the
// search_path it runs with. Read qualifies a collation that name would
// not find: one of another schema, the model's too (app.local), one in
// public that pg_catalog's of the same name shadows; the others read bare
// as before.
func TestReadCollationOfAnotherSchema(t *testing.T) {
	conn := pgtest.Conn(t)
	exec(t, conn, `CREATE SCHEMA c; CREATE SCHEMA app;
		CREATE COLLATION c.mine (provider = icu, locale = 'de-u-co-phonebk');
		CREATE COLLATION public."POSIX" FROM "C";
		CREATE COLLATION public.own FROM "C";
		CREATE COLLATION app.own FROM "C";
		CREATE COLLATION app.local (provider = icu, locale = 'de-u-co-phonebk');
		CREATE DOMAIN app.code AS text COLLATE c.mine;
		CREATE TABLE app.t (a text COLLATE c.mine, b text COLLATE public."POSIX", p text COLLATE "POSIX",
		  o text COLLATE public.own, s text COLLATE app.own, l text COLLATE app.local);
		CREATE INDEX t_keys ON app.t (p COLLATE c.mine, (lower(p) COLLATE c.mine), l COLLATE public.own);`)
	got := read(t, conn, "app")
	for col, want := range map[string]string{"a": "c.mine", "b": `public."POSIX"`, "p": "POSIX", "o": "own", "s": "app.own", "l": "app.local"} {
		if c := got.Table("t").Column(col); c == nil || c.Collation != want {
			t.Errorf("column %s read as %+v, want collation %q", col, c, want)
		}
	}
	if d := got.Domain("code"); d == nil || d.Collation != "c.mine" {
		t.Errorf("domain code read as %+v", d)
	}
	if ix := got.Table("t").Index("t_keys"); ix == nil || !cmp.Equal(ix.Collations, []string{"c.mine", "c.mine", "own"}) {
		t.Errorf("index t_keys read as %+v", ix)
	}
}

// applyExpected applies s's DDL to a new database, reads its catalog back
// and fails unless it is Expect's; it returns the connection, the DDL and
// the catalog read.
func applyExpected(t *testing.T, s *model.Schema) (*pgx.Conn, string, *catalog.Catalog) {
	t.Helper()
	good := ddl(t, s)
	conn := pgtest.Conn(t)
	exec(t, conn, good)
	got := read(t, conn, s.Name)
	if diff := cmp.Diff(catalog.Expect(s), got); diff != "" {
		t.Fatalf("(-Expect +Read):\n%s", diff)
	}
	return conn, good, got
}

// diffAfter runs sql on conn, in a transaction it rolls back so that each
// caller starts from the same database, and returns the differences Diff
// finds between s and the catalog then read.
func diffAfter(t *testing.T, conn *pgx.Conn, s *model.Schema, sql string) []string {
	t.Helper()
	tx, err := conn.Begin(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(t.Context()) //nolint:errcheck // each caller starts from the model's database
	if _, err := tx.Exec(t.Context(), sql); err != nil {
		t.Fatal(err)
	}
	got, err := catalog.Read(t.Context(), tx, s.Name)
	if err != nil {
		t.Fatal(err)
	}
	var diffs []string
	for _, d := range catalog.Diff(catalog.Expect(s), got) {
		diffs = append(diffs, d.String())
	}
	return diffs
}
