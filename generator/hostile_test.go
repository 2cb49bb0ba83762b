package generator_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/jackc/pgx/v5"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator"
	"github.com/ergen-dev/ergen/generator/golang"
	pgcatalog "github.com/ergen-dev/ergen/generator/importer/catalog"
	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/generator/postgres"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

// hostileSource is the .er file name every accepted case is generated
// with: a newline, comment ends and a func init, for the headers.
const hostileSource = "evil\n-- */ func init() { panic(1) } /* --> %0A.er"

// bystander is a table that applying any model's DDL must leave intact,
// where an unqualified DROP TABLE victims would find it.
const bystander = `CREATE TABLE public.victims (id integer PRIMARY KEY);
INSERT INTO public.victims VALUES (1);`

type hostileCase struct {
	name   string
	src    []byte
	reject []string // "LINE:COL MESSAGE"
}

func hostileCases(t *testing.T) []hostileCase {
	paths, err := filepath.Glob(filepath.Join("testdata", "hostile", "*.er"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no hostile models: %v", err)
	}
	var cases []hostileCase
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		c := hostileCase{name: strings.TrimSuffix(filepath.Base(p), ".er"), src: src}
		sc := bufio.NewScanner(bytes.NewReader(src))
		for sc.Scan() {
			want, ok := strings.CutPrefix(sc.Text(), "// reject ")
			if !ok {
				break
			}
			c.reject = append(c.reject, want)
		}
		cases = append(cases, c)
	}
	return cases
}

// TestHostileModels runs the corpus of testdata/hostile (see its README).
func TestHostileModels(t *testing.T) {
	var accepted []hostileCase
	schemas := map[string]*model.Schema{}
	for _, c := range hostileCases(t) {
		s, diags := generator.Load(c.name+".er", c.src)
		if len(c.reject) > 0 {
			t.Run(c.name, func(t *testing.T) { checkRejected(t, c, diags) })
			continue
		}
		if diags.HasErrors() {
			t.Errorf("%s: refused, want it accepted: %v", c.name, diags)
			continue
		}
		accepted = append(accepted, c)
		schemas[c.name] = s
	}
	conn := pgtest.Conn(t)
	for _, c := range accepted {
		t.Run(c.name+"/ddl", func(t *testing.T) {
			ddl, err := postgres.DDL(schemas[c.name], hostileSource)
			if err != nil {
				t.Fatal(err)
			}
			for _, setting := range []string{"on", "off"} {
				checkDDL(t, conn, schemas[c.name], ddl, setting)
			}
			checkPsql(t, schemas[c.name], ddl)
		})
	}
	t.Run("go", func(t *testing.T) {
		if testing.Short() {
			t.Skip("runs the go command")
		}
		checkGo(t, accepted, schemas)
	})
}

func checkRejected(t *testing.T, c hostileCase, diags dsl.Diagnostics) {
	var got []string
	for _, d := range diags.Errors() {
		got = append(got, fmt.Sprintf("%d:%d %s", d.Pos.Line, d.Pos.Column, d.Msg))
	}
	for _, want := range c.reject {
		if !strings.Contains("\n"+strings.Join(got, "\n")+"\n", "\n"+want+"\n") {
			t.Errorf("want the error %q; got %q", want, got)
		}
	}
}

// checkDDL applies ddl as one string, as a client library or psql -c
// would send it, in a transaction that is rolled back, with
// standard_conforming_strings set as given.
func checkDDL(t *testing.T, conn *pgx.Conn, s *model.Schema, ddl []byte, setting string) {
	ctx := context.Background()
	tx, err := conn.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx) //nolint:errcheck // nothing to keep
	pg := conn.PgConn()
	if _, err := pg.Exec(ctx, bystander+"SET LOCAL standard_conforming_strings = "+setting).ReadAll(); err != nil {
		t.Fatal(err)
	}
	if _, err := pg.Exec(ctx, string(ddl)).ReadAll(); err != nil {
		t.Fatalf("standard_conforming_strings=%s: PostgreSQL refused the DDL: %v\n%s", setting, err, ddl)
	}
	checkObjects(t, ctx, tx, s, "standard_conforming_strings="+setting)
}

// checkObjects checks that the bystander table is intact and that the
// database holds exactly the objects s declares. Default and CHECK
// expressions are compared by their presence: the server prints them in
// its own words.
func checkObjects(t *testing.T, ctx context.Context, db pgcatalog.Beginner, s *model.Schema, how string) {
	t.Helper()
	q := func(sql string) string {
		var out string
		tx, err := db.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback(ctx) //nolint:errcheck // read only
		if err := tx.QueryRow(ctx, sql).Scan(&out); err != nil {
			t.Fatalf("%s: %s: %v", how, sql, err)
		}
		return out
	}
	if got := q(`SELECT coalesce(string_agg(id::text, ','), '') FROM public.victims`); got != "1" {
		t.Errorf("%s: public.victims holds %q, want its one row", how, got)
	}
	schema := s.Name
	if schema == "" {
		schema = "public"
	}
	relations := `SELECT coalesce(string_agg(n.nspname || '.' || c.relname, ',' ORDER BY 1), '')
		FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE c.relkind IN ('r', 'v', 'm', 'f', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema', ` + model.QuoteLiteral(schema) + `)
		AND c.oid <> 'public.victims'::regclass`
	if got := q(relations); got != "" {
		t.Errorf("%s: tables outside the model's schema: %s", how, got)
	}
	if got := q(`SELECT count(*)::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')`); got != "0" {
		t.Errorf("%s: %s functions were created", how, got)
	}
	got, err := pgcatalog.Read(ctx, db, schema)
	if err != nil {
		t.Fatal(err)
	}
	want := pgcatalog.Expect(s)
	got.Tables = slices.DeleteFunc(got.Tables, func(t pgcatalog.Table) bool { return schema == "public" && t.Name == "victims" })
	for _, c := range []*pgcatalog.Catalog{got, want} {
		for i := range c.Tables {
			for j := range c.Tables[i].Columns {
				if c.Tables[i].Columns[j].Default != "" {
					c.Tables[i].Columns[j].Default = "(some default)"
				}
			}
			for j := range c.Tables[i].Checks {
				c.Tables[i].Checks[j].Def = "(some check)"
			}
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("%s: the catalog differs from the model (-want +got):\n%s", how, diff)
	}
}

// checkPsql applies ddl with psql -f, which has a lexer and commands of
// its own (\! runs a shell command, :name substitutes a variable), with
// standard_conforming_strings off, in a database of its own.
func checkPsql(t *testing.T, s *model.Schema, ddl []byte) {
	psql := pgtest.Psql(t)
	url := pgtest.URL(t)
	file := filepath.Join(t.TempDir(), "schema.sql")
	if err := os.WriteFile(file, []byte(bystander+"\n"+string(ddl)), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-v", "evil=1); DROP TABLE victims; --", "-f", file, url)
	cmd.Env = append(os.Environ(), "PGOPTIONS=-c standard_conforming_strings=off")
	if out, err := cmd.CombinedOutput(); err != nil || len(out) > 0 {
		t.Fatalf("psql -f: %v\n%s", err, out)
	}
	checkPsqlObjects(t, s, url, "psql -f")
	// Again in a client-only encoding, where a byte of a multibyte
	// character may pass for a backslash, without ON_ERROR_STOP, so that
	// a statement smuggled after a failed one would run.
	url = pgtest.URL(t)
	cmd = exec.Command(psql, "-X", "-q", "-f", file, url)
	cmd.Env = append(os.Environ(), "PGCLIENTENCODING=SJIS")
	if out, err := cmd.CombinedOutput(); err != nil || len(out) > 0 {
		t.Fatalf("psql -f in SJIS: %v\n%s", err, out)
	}
	checkPsqlObjects(t, s, url, "psql -f in SJIS")
}

// checkPsqlObjects checks the objects of the database at url (checkObjects).
func checkPsqlObjects(t *testing.T, s *model.Schema, url, how string) {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	checkObjects(t, context.Background(), conn, s, how)
}

// checkGo generates every accepted model's Go package, checks that model
// text became no code, and runs a program importing all of them.
func checkGo(t *testing.T, cases []hostileCase, schemas map[string]*model.Schema) {
	mod, write := tempModule(t, "hostile")
	main := "package main\n\nimport (\n\t\"fmt\"\n\n\t_ \"github.com/jackc/pgx/v5\"\n"
	directive := regexp.MustCompile(`(?m)^\s*//(go:|line )`)
	for i, c := range cases {
		pkg := fmt.Sprintf("case%d", i)
		files, err := golang.Emit(schemas[c.name], golang.Options{Package: pkg, Source: hostileSource})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		for _, f := range files {
			if loc := directive.FindIndex(f.Data); loc != nil {
				t.Errorf("%s: %s holds a directive: %q", c.name, f.Name, f.Data[loc[0]:loc[1]+20])
			}
			checkNoInit(t, c.name+"/"+f.Name, f.Data)
			write(filepath.Join(pkg, f.Name), f.Data)
		}
		main += fmt.Sprintf("\t_ \"hostile/%s\"\n", pkg)
	}
	main += ")\n\nfunc main() { fmt.Println(\"main ran alone\") }\n"
	write("main.go", []byte(main))
	cmd := exec.Command("go", "run", ".")
	cmd.Dir = mod
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	out, err := cmd.CombinedOutput()
	if err != nil || string(out) != "main ran alone\n" {
		t.Fatalf("a program importing the generated packages: %v\n%s", err, out)
	}
}

// checkNoInit fails when a generated file declares an init function; the
// program run by checkGo catches any other code that runs at load time.
func checkNoInit(t *testing.T, name string, src []byte) {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), name, src, parser.ParseComments)
	if err != nil {
		t.Errorf("%s does not parse: %v", name, err)
		return
	}
	for _, d := range f.Decls {
		if fn, ok := d.(*ast.FuncDecl); ok && fn.Name.Name == "init" {
			t.Errorf("%s declares func init", name)
		}
	}
}
