package generator_test

import (
	"context"
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/generator/golang"
	"github.com/ergen-dev/ergen/generator/golang/golangtest"
	"github.com/ergen-dev/ergen/generator/postgres"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

// Property 4: every statement of the Go package ergen generates for a
// model is one PostgreSQL accepts on the model's own tables: each SQL
// constant of the package (every Table, Key, Ref, Junction and Through
// holds its statements as constants) prepares, which parses it, resolves
// every name and infers the type of every parameter. The behaviour tests
// of the examples run the statements of a few models with data; this
// checks the statements of a hundred random ones, every column type and
// relationship shape randmodel draws, for the mistakes a model can make
// of SQL: a cast to a type the schema lacks, an operator a type has not,
// a quoting slip.
func TestPropertyGoStatementsPrepare(t *testing.T) {
	conn := pgtest.Conn(t)
	ctx := context.Background()
	n := 100
	if testing.Short() {
		n = 20
	}
	failures, statements := 0, 0
	for _, seed := range seeds(t, n) {
		s, src, ok := load(t, seed, propertyOptions(seed))
		if !ok {
			continue
		}
		ddl, err := postgres.DDL(s, "model.er")
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		files, err := golang.Emit(s, golang.Options{Package: "db", Source: "model.er"})
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		sqls := map[string]string{}
		for _, f := range files {
			consts, err := golangtest.Constants(f.Name, f.Data)
			if err != nil {
				t.Fatal(err)
			}
			for name, sql := range consts {
				if strings.HasSuffix(name, "SQL") {
					sqls[name] = sql
				}
			}
		}
		tx, err := conn.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tx.Exec(ctx, string(ddl)); err != nil {
			tx.Rollback(ctx) //nolint:errcheck // nothing to keep
			continue         // Property 1 reports DDL PostgreSQL refuses
		}
		for name, sql := range sqls {
			statements++
			// A savepoint per statement: a refused one aborts only itself.
			if _, err := tx.Exec(ctx, "SAVEPOINT s"); err != nil {
				t.Fatal(err)
			}
			if _, err := tx.Prepare(ctx, "", sql); err != nil {
				failures++
				t.Errorf("seed %d: PostgreSQL refused %s: %v\n%s\n--- model:\n%s", seed, name, err, sql, clip(src, 80))
			}
			if _, err := tx.Exec(ctx, "ROLLBACK TO SAVEPOINT s"); err != nil {
				t.Fatal(err)
			}
		}
		tx.Rollback(ctx) //nolint:errcheck // nothing to keep
		if failures >= 5 {
			t.Fatalf("stopping after %d refused statements", failures)
		}
	}
	if statements == 0 {
		t.Fatal("no statement was prepared")
	}
	t.Logf("%d statements prepared", statements)
}
