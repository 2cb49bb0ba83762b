package importer_test

import (
	"context"
	"testing"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator"
	"github.com/ergen-dev/ergen/generator/importer"
	"github.com/ergen-dev/ergen/generator/importer/catalog"
	"github.com/ergen-dev/ergen/generator/migrate"
	"github.com/ergen-dev/ergen/generator/postgres"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

// TestMigrateFromDBCollationsOfOtherSchemas: a migration from the
// database a model made, to that model, has nothing to do, where the
// model names collations that others of other schemas share the names
// of: a column's and a key's of public (own, beside c.own) and keys' of
// another schema, named with it (c.bytes). The import the migration
// starts from writes each key as the model does.
func TestMigrateFromDBCollationsOfOtherSchemas(t *testing.T) {
	const src = `entity Person {
  id   integer pk
  code text collate "own"
  name text
  index ((lower(name) collate c.bytes))
  index ((name collate c.bytes) desc)
  index (name collate "own")
}
`
	conn := pgtest.Conn(t)
	ctx := context.Background()
	s, diags := generator.Load("x.er", []byte(src))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	ddl, err := postgres.DDL(s, "x.er")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, `CREATE SCHEMA c; CREATE COLLATION c.bytes FROM "C";
		CREATE COLLATION c.own (provider = icu, locale = 'de-u-co-phonebk'); CREATE COLLATION public.own FROM "C";`+string(ddl)); err != nil {
		t.Fatal(err)
	}
	keys := map[string][]string{}
	for _, ix := range s.Tables[0].Indexes {
		for _, k := range ix.Keys {
			keys[ix.Name] = append(keys[ix.Name], k.Expr)
		}
	}
	cat, err := catalog.ReadPreferring(ctx, conn, "public", catalog.Spellings{Keys: map[string]map[string][]string{"people": keys}})
	if err != nil {
		t.Fatal(err)
	}
	target, diags := dsl.Parse("x.er", []byte(src))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	im, err := importer.ForMigration(cat, target)
	if err != nil {
		t.Fatal(err)
	}
	old, diags := dsl.Parse(importer.FileName, im.Source)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	plan, diags := migrate.Diff(old, target, migrate.Options{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if !plan.Empty() {
		t.Errorf("a migration to the model that made the database:\n%s\n--- imported:\n%s", plan.Script(), im.Source)
	}
}
