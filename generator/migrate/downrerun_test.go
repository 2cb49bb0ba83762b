package migrate_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator/migrate"
	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/internal/pgtest"
	"github.com/ergen-dev/ergen/internal/randmodel"
)

// Down files run again as up files do: for random OLD and NEW as in the
// convergence property, half of them with partitioned tables, wherever
// the way back is planned, up is applied
// to OLD's database with rows, then down, which gives OLD's catalog with
// every table's rows; down without the steps that do not run again
// (README: "Running again") runs a second time, after it committed, and
// the catalog is OLD's still.
func TestDownRunsAgain(t *testing.T) {
	conn, fresh := pgtest.Conn(t), pgtest.Conn(t)
	ran, again := 0, 0
	for seed := range int64(pairs()) {
		// Every other model has partitioned tables.
		opts := randmodel.Options{Entities: 2 + int(seed%5), Schema: fmt.Sprintf("down_%d", seed), Partitions: seed%2 == 1}
		oldSrc := randmodel.Generate(seed, opts)
		newSrc, done := mutate(rand.New(rand.NewPCG(uint64(seed), 0xd1ff)), oldSrc, 1+int(seed%4))
		oldFile, _ := dsl.Parse("old.er", []byte(oldSrc))
		newFile, _ := dsl.Parse("new.er", []byte(newSrc))
		rewrite := migrate.Options{Allow: []string{"rewrite"}}
		up, diags := migrate.Diff(oldFile, newFile, rewrite)
		if diags.HasErrors() {
			continue
		}
		down, _ := migrate.Down(oldFile, newFile, up, rewrite)
		if down == nil {
			continue
		}
		t.Run(fmt.Sprintf("seed%d", seed), func(t *testing.T) {
			t.Logf("edits: %v", done)
			old, new := load(t, "old.er", oldSrc), load(t, "new.er", newSrc)
			drop := "DROP SCHEMA IF EXISTS " + model.QuoteIdent(old.Name) + " CASCADE"
			defer conn.Exec(ctx, drop)  //nolint:errcheck // the next model has another schema
			defer fresh.Exec(ctx, drop) //nolint:errcheck // the next model has another schema
			if _, err := conn.Exec(ctx, ddl(t, old)); err != nil {
				t.Fatalf("OLD's DDL: %v", err)
			}
			if err := fill(conn, old, new); err != nil {
				t.Skipf("rows do not fit NEW: %v", err)
			}
			if _, err := fresh.Exec(ctx, ddl(t, old)); err != nil {
				t.Fatalf("OLD's DDL: %v", err)
			}
			before := counts(t, conn, old)
			if err := apply(conn, up); err != nil {
				t.Skipf("up: %v", err) // the convergence property checks up
			}
			ran++
			if err := apply(conn, down); err != nil {
				t.Fatalf("down: %v\n--- OLD:\n%s\n--- NEW:\n%s\n--- down:\n%s", err, oldSrc, newSrc, down.Script())
			}
			check := func(when string) {
				t.Helper()
				if d := cmp.Diff(catalog(t, fresh, old.Name), catalog(t, conn, old.Name)); d != "" {
					t.Fatalf("catalog %s differs from OLD's (-want +got):\n%s\n--- down:\n%s", when, d, down.Script())
				}
				if d := cmp.Diff(before, counts(t, conn, old)); d != "" {
					t.Fatalf("rows %s (-before +after):\n%s", when, d)
				}
			}
			check("after down")
			if !repeatable(down) {
				return
			}
			again++
			if err := rerun(conn, down); err != nil {
				t.Fatalf("down again: %v\n--- OLD:\n%s\n--- NEW:\n%s\n--- down:\n%s", err, oldSrc, newSrc, down.Script())
			}
			check("after down twice")
		})
	}
	t.Logf("%d pairs went up and down, %d of them down twice", ran, again)
}
