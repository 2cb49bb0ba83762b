package generator_test

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator"
	"github.com/ergen-dev/ergen/generator/importer"
	"github.com/ergen-dev/ergen/generator/importer/catalog"
	"github.com/ergen-dev/ergen/generator/migrate"
	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/generator/review/format"
	"github.com/ergen-dev/ergen/generator/review/lint"
	"github.com/ergen-dev/ergen/internal/pgtest"
	"github.com/ergen-dev/ergen/internal/testkit"
)

var bg = context.Background()

// TestGenerateLint checks that lint's output is lint.Check's findings,
// as diagnostics and no file, on models that trigger them.
func TestGenerateLint(t *testing.T) {
	for _, path := range testkit.Glob(t, testkit.LintModels) {
		s := testkit.Load(t, path)
		res, err := generator.Generate(bg, generator.Request{Output: generator.Lint, Schema: s})
		if err != nil {
			t.Fatal(err)
		}
		want := lint.Check(s)
		if len(want) == 0 || len(res.Diagnostics) != len(want) || len(res.Files) != 0 {
			t.Fatalf("%s: %d finding(s) and %d file(s), want %d finding(s) (not none) and no file", path, len(res.Diagnostics), len(res.Files), len(want))
		}
		for i, d := range res.Diagnostics {
			if d.Error() != want[i].Error() {
				t.Errorf("%s: finding %d is %s, want %s", path, i, d, want[i])
			}
		}
	}
	if _, err := generator.Generate(bg, generator.Request{Output: generator.Lint}); err == nil {
		t.Error("lint without a model linted something")
	}
}

// TestGenerateFmt checks that fmt formats each source as format.Source
// does, lists those it changes, and reports a syntax error with its
// position, as diagnostics.
func TestGenerateFmt(t *testing.T) {
	messy := []byte("entity User {\nid serial primary key   // the key\n  email   text\n}\n")
	tidy, diags := format.Source("b.er", messy)
	if diags.HasErrors() || bytes.Equal(tidy, messy) {
		t.Fatalf("the messy model is not a formatting case: %v", diags)
	}
	res, err := generator.Generate(bg, generator.Request{Output: generator.Fmt,
		Sources: []generator.Source{{Name: "a.er", Src: tidy}, {Name: "b.er", Src: messy}}})
	if err != nil {
		t.Fatal(err)
	}
	want := []model.File{{Name: "a.er", Data: tidy}, {Name: "b.er", Data: tidy}}
	if !slices.EqualFunc(res.Files, want, func(a, b model.File) bool { return a.Name == b.Name && bytes.Equal(a.Data, b.Data) }) {
		t.Errorf("formatted files:\n%v\nwant\n%v", res.Files, want)
	}
	if !slices.Equal(res.Changed, []string{"b.er"}) {
		t.Errorf("changed %q, want [b.er]", res.Changed)
	}
	if !strings.Contains(string(tidy), "// the key") {
		t.Errorf("the comment is lost:\n%s", tidy)
	}

	_, err = generator.Generate(bg, generator.Request{Output: generator.Fmt,
		Sources: []generator.Source{{Name: "ok.er", Src: tidy}, {Name: "bad.er", Src: []byte("entity User {\n  id serial pk\n")}}})
	ds, ok := dsl.AsDiagnostics(err)
	if !ok || !ds.HasErrors() || ds[0].Pos.File != "bad.er" || ds[0].Pos.Line == 0 {
		t.Errorf("a source that does not parse: %v, want its syntax error as diagnostics of bad.er", err)
	}
}

const (
	oldModel = `entity User {
  id    serial pk
  email text
}

entity Order {
  id serial pk
}

relationship User 1:N Order { on delete cascade }
`
	newModel = `entity Customer was User {
  id    serial pk
  email text
  vip   boolean = false
  index (email)
}

entity Order {
  id serial pk
  note text?
}

relationship Customer 1:N Order { on delete cascade }
`
)

// TestGenerateImportAndMigrate runs import and migrate through Generate
// against PostgreSQL: the imported model reproduces the database, a
// migration planned from OLD and one planned from the database agree, and
// applying the migration's files as a runner does gives NEW's catalog.
func TestGenerateImportAndMigrate(t *testing.T) {
	oldFile, newFile := parse(t, "old.er", oldModel), parse(t, "new.er", newModel)
	conn := pgtest.Conn(t)
	sql, err := generator.Generate(bg, generator.Request{Output: generator.SQL, Schema: testkit.MustResolve(t, "old.er", []byte(oldModel))})
	if err != nil {
		t.Fatal(err)
	}
	execSQL(t, conn, string(sql.Files[0].Data))

	im, err := generator.Generate(bg, generator.Request{Output: generator.Import, DB: conn})
	if err != nil {
		t.Fatal(err)
	}
	if len(im.Files) != 1 || im.Files[0].Name != importer.FileName {
		t.Fatalf("import made %d file(s), want %s", len(im.Files), importer.FileName)
	}
	if diffs := catalog.Diff(catalog.Expect(testkit.MustResolve(t, importer.FileName, im.Files[0].Data)), read(t, conn)); len(diffs) > 0 || len(im.Notes) > 0 {
		t.Errorf("the imported model differs from the database: %v, notes %v\n%s", diffs, im.Notes, im.Files[0].Data)
	}

	script := func(req generator.Request) string {
		t.Helper()
		req.Output, req.New = generator.Migrate, newFile
		res, err := generator.Generate(bg, req)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Files) != 1 || res.Files[0].Name != generator.ScriptFile {
			t.Fatalf("a migration without format made %d file(s), want %s", len(res.Files), generator.ScriptFile)
		}
		return string(res.Files[0].Data)
	}
	// The renames come in the order of OLD's declarations, which an
	// import takes from the catalog: compare the steps as a set.
	steps := func(script string) []string { return slices.Sorted(slices.Values(strings.Split(script, "\n\n"))) }
	fromOld, fromDB := script(generator.Request{Old: oldFile}), script(generator.Request{DB: conn})
	if !slices.Equal(steps(fromOld), steps(fromDB)) || !strings.Contains(fromOld, "RENAME TO customers") {
		t.Errorf("the migration from OLD:\n%s\ndiffers from the one from the database, or renames nothing:\n%s", fromOld, fromDB)
	}

	res, err := generator.Generate(bg, generator.Request{Output: generator.Migrate, Old: oldFile, New: newFile,
		Migrate: generator.MigrateOptions{Format: "golang-migrate", Version: 7, Name: "customers", Plan: true}})
	if err != nil {
		t.Fatal(err)
	}
	var ups []string
	for _, f := range res.Files {
		switch {
		case f.Name == generator.PlanFile:
			if !json.Valid(f.Data) {
				t.Errorf("the plan is not JSON:\n%s", f.Data)
			}
		case strings.HasSuffix(f.Name, ".up.sql"):
			ups = append(ups, f.Name)
			execSQL(t, conn, string(f.Data)) // one query per file, as golang-migrate's driver sends it
		case !strings.HasSuffix(f.Name, ".down.sql") || !strings.HasPrefix(f.Name, "00000"):
			t.Errorf("unexpected file %s", f.Name)
		}
	}
	if len(ups) < 2 || !strings.HasPrefix(ups[0], "000007_customers") || res.Files[len(res.Files)-1].Name != generator.PlanFile {
		t.Errorf("files %v: want several up files from version 7, and the plan last", ups)
	}
	if diffs := catalog.Diff(catalog.Expect(testkit.MustResolve(t, "new.er", []byte(newModel))), read(t, conn)); len(diffs) > 0 {
		t.Errorf("after the migration the database differs from NEW: %v", diffs)
	}
}

// TestGenerateMigrateRefused checks that a change the planner refuses is
// an error carrying its diagnostics, at NEW's declaration, and that the
// reason for no down files is a finding beside the files.
func TestGenerateMigrateRefused(t *testing.T) {
	oldFile := parse(t, "old.er", oldModel)
	dropped := parse(t, "new.er", "entity User {\n  id    serial pk\n  email text\n}\n")
	_, err := generator.Generate(bg, generator.Request{Output: generator.Migrate, Old: oldFile, New: dropped})
	if ds, ok := dsl.AsDiagnostics(err); !ok || !ds.HasErrors() {
		t.Errorf("dropping a table without --allow drop: %v, want diagnostics", err)
	}
	res, err := generator.Generate(bg, generator.Request{Output: generator.Migrate, Old: oldFile, New: dropped,
		Migrate: generator.MigrateOptions{Options: migrate.Options{Allow: []string{"drop"}}, Format: "plain", Version: 1, Name: "drop"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Files) != 1 || len(res.Diagnostics) == 0 || res.Diagnostics.HasErrors() {
		t.Errorf("an allowed drop: %d file(s), findings %v; want the up file only and a warning why there is no down file", len(res.Files), res.Diagnostics)
	}
	if _, err := generator.Generate(bg, generator.Request{Output: generator.Migrate, New: dropped}); err == nil {
		t.Error("a migration from nothing planned something")
	}
}

func parse(t *testing.T, name, src string) *dsl.File {
	t.Helper()
	f, diags := generator.Parse(generator.Source{Name: name, Src: []byte(src)})
	if diags.HasErrors() {
		t.Fatalf("%s: %v", name, diags)
	}
	return f
}

func execSQL(t *testing.T, conn *pgx.Conn, sql string) {
	t.Helper()
	if _, err := conn.Exec(bg, sql); err != nil {
		t.Fatalf("%v\n%s", err, sql)
	}
}

func read(t *testing.T, conn *pgx.Conn) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Read(bg, conn, "public")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// Drift finds nothing between a model and the database its DDL made, and
// the differences of another model, as catalog.Diff lists them.
func TestGenerateDrift(t *testing.T) {
	conn := pgtest.Conn(t)
	old, new := testkit.MustResolve(t, "old.er", []byte(oldModel)), testkit.MustResolve(t, "new.er", []byte(newModel))
	sql, err := generator.Generate(bg, generator.Request{Output: generator.SQL, Schema: old})
	if err != nil {
		t.Fatal(err)
	}
	execSQL(t, conn, string(sql.Files[0].Data))
	same, err := generator.Generate(bg, generator.Request{Output: generator.Drift, Schema: old, DB: conn})
	if err != nil || len(same.Differences) > 0 {
		t.Errorf("drift of the model that made the database: %v, %v", same.Differences, err)
	}
	changed, err := generator.Generate(bg, generator.Request{Output: generator.Drift, Schema: new, DB: conn})
	if err != nil {
		t.Fatal(err)
	}
	if want := catalog.Diff(catalog.Expect(new), read(t, conn)); len(want) == 0 || !slices.Equal(changed.Differences, want) {
		t.Errorf("drift of another model: %v, want %v", changed.Differences, want)
	}
	if _, err := generator.Generate(bg, generator.Request{Output: generator.Drift, Schema: old}); err == nil {
		t.Error("drift without a database made no error")
	}
}

// A migration adds a column last, and PostgreSQL cannot move one: drift
// compares columns by name, while catalog.Diff, which an import must
// satisfy, still tells the order apart.
func TestDriftIgnoresColumnOrder(t *testing.T) {
	conn := pgtest.Conn(t)
	const beforeSrc = "schema ordered\nentity User {\n  id serial pk\n  name text\n}\n"
	const afterSrc = "schema ordered\nentity User {\n  id serial pk\n  email text?\n  name text\n}\n"
	before, after := testkit.MustResolve(t, "before.er", []byte(beforeSrc)), testkit.MustResolve(t, "after.er", []byte(afterSrc))
	sql, err := generator.Generate(bg, generator.Request{Output: generator.SQL, Schema: before})
	if err != nil {
		t.Fatal(err)
	}
	execSQL(t, conn, string(sql.Files[0].Data))
	plan, err := generator.Generate(bg, generator.Request{Output: generator.Migrate, Old: parse(t, "before.er", beforeSrc), New: parse(t, "after.er", afterSrc)})
	if err != nil {
		t.Fatal(err)
	}
	execSQL(t, conn, string(plan.Files[0].Data))
	drift, err := generator.Generate(bg, generator.Request{Output: generator.Drift, Schema: after, DB: conn})
	if err != nil || len(drift.Differences) > 0 {
		t.Errorf("drift after the migration that added email: %v, %v", drift.Differences, err)
	}
	cat, err := catalog.Read(bg, conn, "ordered")
	if err != nil {
		t.Fatal(err)
	}
	diffs := catalog.Diff(catalog.Expect(after), cat)
	if len(diffs) != 1 || !diffs[0].Order {
		t.Errorf("catalog.Diff = %v, want the column order alone", diffs)
	}
}
