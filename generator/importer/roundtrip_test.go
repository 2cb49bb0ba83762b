package importer_test

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/jackc/pgx/v5"

	"github.com/ergen-dev/ergen/generator"
	"github.com/ergen-dev/ergen/generator/importer"
	"github.com/ergen-dev/ergen/generator/importer/catalog"
	"github.com/ergen-dev/ergen/generator/postgres"
	"github.com/ergen-dev/ergen/internal/pgtest"
	"github.com/ergen-dev/ergen/internal/randmodel"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// applyRead applies ddl in a transaction it rolls back, and returns the
// catalog of schema as the transaction saw it.
func applyRead(t *testing.T, conn *pgx.Conn, ddl, schema string) (*catalog.Catalog, error) {
	t.Helper()
	ctx := context.Background()
	tx, err := conn.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx) //nolint:errcheck // nothing to keep
	if _, err := tx.Exec(ctx, ddl); err != nil {
		return nil, fmt.Errorf("PostgreSQL refused the DDL: %w", err)
	}
	return catalog.Read(ctx, tx, schema)
}

// roundTrip imports the catalog of ddl, applies the DDL of the imported
// model to an empty database and returns both catalogs and the import.
func roundTrip(t *testing.T, conn *pgx.Conn, ddl, schema string) (before, after *catalog.Catalog, res *importer.Result, err error) {
	t.Helper()
	before, err = applyRead(t, conn, ddl, schema)
	if err != nil {
		return nil, nil, nil, err
	}
	res, err = importer.Import(before)
	if err != nil {
		return before, nil, nil, err
	}
	s, diags := generator.Load(importer.FileName, res.Source)
	if diags.HasErrors() {
		return before, nil, res, fmt.Errorf("the imported model does not load: %v", diags)
	}
	ddl2, err := postgres.DDL(s, importer.FileName)
	if err != nil {
		return before, nil, res, err
	}
	after, err = applyRead(t, conn, string(ddl2), schema)
	return before, after, res, err
}

// randomSeeds is how many random models the round trip covers:
// ERGEN_IMPORT_MODELS, or 150, or 3,000 with ERGEN_LARGE_TESTS=1.
func randomSeeds(t *testing.T) int {
	if s := os.Getenv("ERGEN_IMPORT_MODELS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if os.Getenv("ERGEN_LARGE_TESTS") == "1" {
		return 3000
	}
	if testing.Short() {
		return 30
	}
	return 150
}

// Every random model: model -> DDL -> database -> import -> DDL ->
// database gives the same catalog, and the import notes nothing.
func TestRoundTripRandomModels(t *testing.T) {
	conn := pgtest.Conn(t)
	failures := 0
	for seed := range int64(randomSeeds(t)) {
		// Every third model partitions some of its tables.
		opts := randmodel.Options{Entities: 2 + int(seed%11), Partitions: seed%3 == 1}
		schema := "public"
		if seed%2 == 0 {
			opts.Schema = fmt.Sprintf("imp_%d", seed)
			schema = opts.Schema
		}
		src := randmodel.Generate(seed, opts)
		s, diags := generator.Load("seed.er", []byte(src))
		if diags.HasErrors() {
			t.Fatalf("seed %d: %v", seed, diags)
		}
		ddl, err := postgres.DDL(s, "seed.er")
		if err != nil {
			t.Fatal(err)
		}
		before, after, res, err := roundTrip(t, conn, string(ddl), schema)
		ok := true
		switch {
		case err != nil:
			t.Errorf("seed %d: %v\n--- model:\n%s", seed, err, src)
			ok = false
		case len(res.Notes) > 0:
			t.Errorf("seed %d: notes on a model ergen wrote: %v\n--- model:\n%s\n--- imported:\n%s", seed, res.Notes, src, res.Source)
			ok = false
		default:
			if diff := cmp.Diff(before, after); diff != "" {
				t.Errorf("seed %d: catalogs differ (-before +after):\n%s\n--- model:\n%s\n--- imported:\n%s", seed, diff, src, res.Source)
				ok = false
			}
		}
		if !ok {
			failures++
			if failures >= 3 {
				t.Fatal("stopping after 3 failing seeds")
			}
		}
	}
}
