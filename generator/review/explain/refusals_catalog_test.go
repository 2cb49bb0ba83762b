package explain

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/generator/postgres"
	"github.com/ergen-dev/ergen/internal/pgtest"
	"github.com/ergen-dev/ergen/internal/randmodel"
	"github.com/ergen-dev/ergen/internal/testkit"
)

// refusalCatalogModels is how many random models
// TestRefusalsCoverCatalog checks beside the hand-written ones: 10, or
// ERGEN_REFUSAL_MODELS for a long run.
func refusalCatalogModels(t *testing.T) int {
	s := os.Getenv("ERGEN_REFUSAL_MODELS")
	if s == "" {
		return 10
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		t.Fatalf("ERGEN_REFUSAL_MODELS=%q: want a positive number", s)
	}
	return n
}

// TestRefusalsCoverCatalog checks, for every table of every example,
// test model and a few random models (partitioned ones included), that
// explain --insert names exactly the constraints PostgreSQL holds the
// table's rows to: every key, unique index, exclusion, foreign key and
// check of the table in the catalog, and every check of the domains its
// columns are of, at any depth. A kind of constraint the language gains
// and Refusals misses fails here.
func TestRefusalsCoverCatalog(t *testing.T) {
	var models []*model.Schema
	for _, p := range append(testkit.Glob(t, testkit.Examples, testkit.DeleteModels), refusalsModel) {
		models = append(models, load(t, p))
	}
	for seed := range int64(refusalCatalogModels(t)) {
		name := fmt.Sprintf("seed%d.er", seed)
		src := randmodel.Generate(seed, randmodel.Options{Entities: 5, Partitions: seed%2 == 1})
		s, diags := testkit.Resolve(t, name, []byte(src))
		if diags.HasErrors() {
			t.Fatalf("%s: %v\n%s", name, diags, src)
		}
		models = append(models, s)
	}
	conn := pgtest.Conn(t)
	for _, s := range models {
		t.Run(filepath.Base(s.File), func(t *testing.T) {
			inModel(t, conn, func(tx pgx.Tx) {
				ddl, err := postgres.DDL(s, filepath.Base(s.File))
				if err != nil {
					t.Fatal(err)
				}
				if _, err := tx.Exec(context.Background(), string(ddl)); err != nil {
					t.Fatalf("applying DDL: %v", err)
				}
				for _, tb := range s.Tables {
					var listed []string
					for _, r := range Refusals(tb) {
						if r.Constraint != "" {
							listed = append(listed, r.Constraint)
						}
					}
					// Refusals names a domain's check once for each column
					// of the domain; the catalog once.
					slices.Sort(listed)
					listed = slices.Compact(listed)
					if got := catalogConstraints(t, tx, s.Qualify(tb.Name)); !slices.Equal(listed, got) {
						t.Errorf("%s: explain --insert names %q; the catalog holds %q", tb.Name, listed, got)
					}
				}
			})
		})
	}
}

// catalogConstraints lists, sorted, the names of the constraints the
// catalog holds rows of table to: its own (but NOT NULL), its unique
// indexes that are no constraint, and the checks of its columns'
// domains and of the domains those are based on. A foreign key to a
// partitioned table has a copy for each of its partitions (conparentid
// names the key), which PostgreSQL adds and reports under the key's own
// name.
func catalogConstraints(t *testing.T, tx pgx.Tx, table string) []string {
	t.Helper()
	rows, err := tx.Query(context.Background(), `
WITH RECURSIVE doms(oid) AS (
    SELECT t.oid FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid OR t.typarray = a.atttypid
    WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped AND t.typtype = 'd'
  UNION
    SELECT t.typbasetype FROM doms d JOIN pg_type t ON t.oid = d.oid
    JOIN pg_type b ON b.oid = t.typbasetype WHERE b.typtype = 'd'
)
SELECT conname FROM pg_constraint WHERE conrelid = $1::regclass AND contype IN ('p', 'u', 'f', 'c', 'x') AND conparentid = 0
UNION ALL
SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
WHERE i.indrelid = $1::regclass AND i.indisunique
  AND NOT EXISTS (SELECT FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid)
UNION ALL
SELECT conname FROM pg_constraint WHERE contypid IN (SELECT oid FROM doms) AND contype = 'c'
ORDER BY 1`, table)
	// UNION of the three lists would also drop repeats; ALL keeps a name
	// two of them share visible, which no table should have.
	if err != nil {
		t.Fatal(err)
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	return names
}
