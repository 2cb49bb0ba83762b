package examples_test

import (
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/internal/testkit"

	"github.com/google/go-cmp/cmp"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	pgcatalog "github.com/ergen-dev/ergen/generator/importer/catalog"
	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/generator/postgres"
	"github.com/ergen-dev/ergen/internal/golden"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

var update = flag.Bool("update", false, "rewrite the examples' schema.sql")

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// example is one examples/<name>/<name>.er with its model and DDL.
type example struct {
	name   string
	schema *model.Schema
	ddl    []byte
}

func examples(t *testing.T) []example {
	t.Helper()
	var out []example
	for _, p := range testkit.Glob(t, testkit.Examples) {
		base := filepath.Base(p)
		s := testkit.Load(t, p)
		ddl, err := postgres.DDL(s, base)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		out = append(out, example{name: filepath.Dir(p), schema: s, ddl: ddl})
	}
	return out
}

// TestSchemaSQL keeps each committed schema.sql equal to what ergen
// generates from the example now; ERGEN_UPDATE=1 go test rewrites them.
func TestSchemaSQL(t *testing.T) {
	for _, ex := range examples(t) {
		t.Run(ex.name, func(t *testing.T) {
			golden.Check(t, filepath.Join(ex.name, "schema.sql"), ex.ddl, *update)
		})
	}
}

// TestExamples applies each example's DDL to PostgreSQL in one
// transaction, compares the catalog with the model, checks the domain
// facts of the example's sources, and runs the deletes and updates those
// sources describe.
func TestExamples(t *testing.T) {
	checked := map[string]bool{}
	for _, ex := range examples(t) {
		facts, ok := exampleFacts[ex.name]
		checked[ex.name] = ok
		t.Run(ex.name, func(t *testing.T) {
			t.Parallel()
			conn := pgtest.Conn(t)
			applyDDL(t, conn, ex.ddl)
			got, err := pgcatalog.Read(context.Background(), conn, ex.schema.Name)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(pgcatalog.Expect(ex.schema), got); diff != "" {
				t.Errorf("catalog differs from the model (-want +got):\n%s", diff)
			}
			checkFKIndexes(t, ex.schema, got)
			if !ok {
				t.Fatalf("no facts listed for example %s in exampleFacts", ex.name)
			}
			t.Run("facts", func(t *testing.T) { facts.catalog(t, ex.schema, got) })
			t.Run("behaviour", func(t *testing.T) { facts.behaviour(t, &db{conn: conn, s: ex.schema}) })
		})
	}
	for name := range exampleFacts {
		if _, ok := checked[name]; !ok {
			t.Errorf("exampleFacts lists %s, which is not an example", name)
		}
	}
}

// applyDDL runs ddl in one transaction and commits it.
func applyDDL(t *testing.T, conn *pgx.Conn, ddl []byte) {
	t.Helper()
	ctx := context.Background()
	tx, err := conn.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, string(ddl)); err != nil {
		tx.Rollback(ctx)
		t.Fatalf("applying DDL: %v\n%s", err, ddl)
	}
	if err := tx.Commit(ctx); err != nil {
		t.Fatalf("committing DDL: %v", err)
	}
}

// checkFKIndexes checks on the catalog that every foreign key is led by
// some index (its own, the primary key, a UNIQUE key or another index),
// except those the model leaves uncovered after `no index`.
func checkFKIndexes(t *testing.T, s *model.Schema, got *pgcatalog.Catalog) {
	t.Helper()
	if diff := cmp.Diff(pgcatalog.ExpectUnindexed(s), got.UnindexedForeignKeys()); diff != "" {
		t.Errorf("foreign keys without an index leading with their columns (-expected +found):\n%s", diff)
	}
}

// db runs an example's scenarios, each in a transaction rolled back at the
// end so that every scenario starts from the same empty tables.
type db struct {
	conn *pgx.Conn
	s    *model.Schema
}

// scenario runs f in a fresh transaction after the setup statements.
func (d *db) scenario(t *testing.T, name string, setup []string, f func(t *testing.T, tx *tx)) {
	t.Run(name, func(t *testing.T) {
		ctx := context.Background()
		ptx, err := d.conn.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer ptx.Rollback(ctx)
		x := &tx{tx: ptx, s: d.s}
		for _, sql := range setup {
			x.exec(t, sql)
		}
		f(t, x)
	})
}

type tx struct {
	tx pgx.Tx
	s  *model.Schema
}

// exec runs a statement that must succeed; a savepoint keeps a failing
// statement from aborting the scenario's transaction.
func (x *tx) exec(t *testing.T, sql string) {
	t.Helper()
	if err := x.try(sql); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

// try runs a statement in a savepoint and returns its error.
func (x *tx) try(sql string) error {
	ctx := context.Background()
	sp, err := x.tx.Begin(ctx)
	if err != nil {
		return err
	}
	if _, err := sp.Exec(ctx, sql); err != nil {
		sp.Rollback(ctx)
		return err
	}
	return sp.Commit(ctx)
}

// rows returns the result of a query as strings, NULL as "NULL", one row
// per element with columns joined by ",".
func (x *tx) rows(t *testing.T, sql string) []string {
	t.Helper()
	// The simple protocol returns every value as PostgreSQL's text.
	rs, err := x.tx.Query(context.Background(), sql, pgx.QueryExecModeSimpleProtocol)
	if err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	out := []string{}
	for rs.Next() {
		vals := rs.RawValues()
		parts := make([]string, len(vals))
		for i, v := range vals {
			if v == nil {
				parts[i] = "NULL"
			} else {
				parts[i] = string(v)
			}
		}
		out = append(out, strings.Join(parts, ","))
	}
	if err := rs.Err(); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return out
}

// want checks the rows of a query.
func (x *tx) want(t *testing.T, sql string, want ...string) {
	t.Helper()
	if want == nil {
		want = []string{}
	}
	if diff := cmp.Diff(want, x.rows(t, sql)); diff != "" {
		t.Errorf("%s (-want +got):\n%s", sql, diff)
	}
}

// wantFK checks that sql is refused with a foreign key violation (SQLSTATE
// 23503) raised by the model's foreign key from table to refTable.
func (x *tx) wantFK(t *testing.T, sql, table, refTable string) {
	t.Helper()
	x.wantError(t, sql, "23503", fkName(t, x.s, table, refTable))
}

// wantError checks that sql fails with the given SQLSTATE and constraint.
func (x *tx) wantError(t *testing.T, sql, code, constraint string) {
	t.Helper()
	err := x.try(sql)
	var pe *pgconn.PgError
	switch {
	case err == nil:
		t.Errorf("%s: succeeded; want SQLSTATE %s of %q", sql, code, constraint)
	case !errors.As(err, &pe):
		t.Errorf("%s: %v; want SQLSTATE %s of %q", sql, err, code, constraint)
	case pe.Code != code || pe.ConstraintName != constraint:
		t.Errorf("%s: %s (SQLSTATE %s, constraint %q); want SQLSTATE %s of %q", sql, pe.Message, pe.Code, pe.ConstraintName, code, constraint)
	}
}

// fkName returns the name the model gives the one foreign key from table
// to refTable.
func fkName(t *testing.T, s *model.Schema, table, refTable string) string {
	t.Helper()
	var names []string
	for _, mt := range s.Tables {
		for _, fk := range mt.ForeignKeys {
			if mt.Name == table && fk.RefTable.Name == refTable {
				names = append(names, fk.Name)
			}
		}
	}
	if len(names) != 1 {
		t.Fatalf("model has %d foreign keys from %s to %s: %v", len(names), table, refTable, names)
	}
	return names[0]
}
