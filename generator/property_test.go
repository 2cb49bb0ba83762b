package generator_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/jackc/pgx/v5"

	"github.com/ergen-dev/ergen/generator"
	"github.com/ergen-dev/ergen/generator/golang"
	pgcatalog "github.com/ergen-dev/ergen/generator/importer/catalog"
	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/generator/postgres"
	"github.com/ergen-dev/ergen/internal/pgtest"
	"github.com/ergen-dev/ergen/internal/randmodel"
)

// Property tests run ergen on random models (internal/randmodel) against
// PostgreSQL. Each failure names its seed; to rerun one model:
//
//	ERGEN_PROPERTY_SEED=1234 go test ./generator -run Property
//
// and to run many more models than the default:
//
//	ERGEN_PROPERTY_MODELS=5000 go test ./generator -run Property -timeout 1h
const (
	envSeed   = "ERGEN_PROPERTY_SEED"
	envModels = "ERGEN_PROPERTY_MODELS"
)

// seeds returns the seeds to test: the one in ERGEN_PROPERTY_SEED, or the
// first n (ERGEN_PROPERTY_MODELS overrides n).
func seeds(t *testing.T, n int) []int64 {
	t.Helper()
	if s := os.Getenv(envSeed); s != "" {
		seed, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			t.Fatalf("%s=%q: %v", envSeed, s, err)
		}
		return []int64{seed}
	}
	if s := os.Getenv(envModels); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v < 1 {
			t.Fatalf("%s=%q: want a positive number", envModels, s)
		}
		n = v
	}
	out := make([]int64, n)
	for i := range out {
		out[i] = int64(i)
	}
	return out
}

// propertyOptions sizes the model of a seed: small to medium, half of them
// in a schema of their own.
func propertyOptions(seed int64) randmodel.Options {
	opts := randmodel.Options{Entities: 2 + int(seed%11), Partitions: seed%3 == 1}
	if seed%2 == 0 {
		opts.Schema = fmt.Sprintf("prop_%d", seed)
	}
	return opts
}

// load generates, parses and resolves the model of seed.
func load(t *testing.T, seed int64, opts randmodel.Options) (*model.Schema, string, bool) {
	t.Helper()
	src := randmodel.Generate(seed, opts)
	s, diags := generator.Load(fmt.Sprintf("seed%d.er", seed), []byte(src))
	if diags.HasErrors() {
		t.Errorf("seed %d: Resolve rejected a valid model:\n%v\n%s", seed, diags.Errors(), src)
		return nil, src, false
	}
	return s, src, true
}

// Property 1: Resolve accepts every generated model, its DDL applies to
// PostgreSQL in one transaction, and the catalog read back is what the
// model says it should be.
func TestPropertyCatalogMatchesModel(t *testing.T) {
	conn := pgtest.Conn(t)
	ctx := context.Background()
	failures := 0
	n := 300
	if testing.Short() {
		n = 50
	}
	for _, seed := range seeds(t, n) {
		if !checkCatalog(t, ctx, conn, seed) {
			failures++
		}
		if failures >= 5 {
			t.Fatalf("stopping after %d failing seeds", failures)
		}
	}
}

func checkCatalog(t *testing.T, ctx context.Context, conn *pgx.Conn, seed int64) bool {
	opts := propertyOptions(seed)
	s, src, ok := load(t, seed, opts)
	if !ok {
		return false
	}
	ddl, err := postgres.DDL(s, "model.er")
	if err != nil {
		t.Errorf("seed %d: %v", seed, err)
		return false
	}
	// Each model lives in a transaction that is rolled back, so the
	// database is empty again for the next one.
	tx, err := conn.Begin(ctx)
	if err != nil {
		t.Fatalf("seed %d: %v", seed, err)
	}
	defer tx.Rollback(ctx) //nolint:errcheck // nothing to keep
	if _, err := tx.Exec(ctx, string(ddl)); err != nil {
		t.Errorf("seed %d: PostgreSQL refused the DDL: %v\n--- model:\n%s\n--- DDL:\n%s", seed, err, src, ddl)
		return false
	}
	got, err := pgcatalog.Read(ctx, tx, opts.Schema)
	if err != nil {
		t.Errorf("seed %d: %v", seed, err)
		return false
	}
	if diff := cmp.Diff(pgcatalog.Expect(s), got); diff != "" {
		t.Errorf("seed %d: catalog differs from the model (-want +got):\n%s\n--- model:\n%s", seed, clip(diff, 400), src)
		return false
	}
	// Drift, which reads the expressions as the model spells them where
	// the server stores the two alike and then compares the texts as they
	// are, finds nothing either; on every fourth model, as its probes
	// take longer than the rest of the check.
	if seed%4 != 0 {
		return true
	}
	res, err := generator.Generate(ctx, generator.Request{Output: generator.Drift, Schema: s, DB: tx})
	if err != nil || len(res.Differences) > 0 {
		t.Errorf("seed %d: drift of the model's own database: %v, %v\n--- model:\n%s", seed, res.Differences, err, src)
		return false
	}
	return true
}

// clip keeps the first n lines of s.
func clip(s string, n int) string {
	lines := strings.SplitAfter(s, "\n")
	if len(lines) <= n {
		return s
	}
	return strings.Join(lines[:n], "") + fmt.Sprintf("... (%d more lines)\n", len(lines)-n)
}

// Every kind of flaw randmodel can put into a model makes Load fail, and
// every error names the flaw's reason.
func TestPropertyFlawsRejected(t *testing.T) {
	for _, kind := range randmodel.FlawKinds() {
		for _, seed := range seeds(t, 5) {
			m := randmodel.New(seed, randmodel.Options{Entities: 2 + int(seed%11), Flaws: true, Flaw: kind})
			want := regexp.MustCompile(m.Flaws[0].Want)
			_, diags := generator.Load(fmt.Sprintf("seed%d.er", seed), []byte(m.Source))
			errs := diags.Errors()
			if len(errs) == 0 {
				t.Errorf("seed %d: flaw %s accepted:\n%s", seed, kind, m.Flaws[0].Decl)
			}
			for _, d := range errs {
				if !want.MatchString(d.Msg) {
					t.Errorf("seed %d: flaw %s: error %q does not match %q", seed, kind, d.Msg, want)
				}
			}
		}
	}
}

// Property 3: golang.Emit accepts every model Resolve accepts, and the Go
// package it generates compiles and passes go vet. The packages of all
// models go into one temporary module, so that the go command runs once.
func TestPropertyGoPackagesVet(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	mod, write := tempModule(t, "ergenprop")
	write("deps.go", []byte("package ergenprop\n\nimport _ \"github.com/jackc/pgx/v5\"\n"))
	sources := map[string]string{}
	for _, seed := range seeds(t, 150) {
		s, src, ok := load(t, seed, propertyOptions(seed))
		if !ok {
			continue
		}
		pkg := fmt.Sprintf("seed%d", seed)
		files, err := golang.Emit(s, golang.Options{Package: pkg, Source: "model.er"})
		if err != nil {
			t.Errorf("seed %d: golang.Emit refused a valid model: %v\n%s", seed, err, src)
			continue
		}
		sources[pkg] = src
		for _, f := range files {
			write(filepath.Join(pkg, f.Name), f.Data)
		}
	}
	cmd := exec.Command("go", "vet", "./...")
	cmd.Dir = mod
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		// Name the seeds whose packages failed.
		var failed []string
		for pkg := range sources {
			if strings.Contains(string(out), pkg+"/") || strings.Contains(string(out), pkg+"\n") {
				failed = append(failed, pkg)
			}
		}
		slices.Sort(failed)
		t.Errorf("go vet on the generated packages failed (%s): %v\n%s", strings.Join(failed, ", "), err, clip(string(out), 60))
	}
}
