package importer_test

import (
	"context"
	"fmt"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ergen-dev/ergen/generator/importer"
	"github.com/ergen-dev/ergen/generator/importer/catalog"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

// benchDDL writes a schema of n tables and fks foreign keys, spread over
// the tables: each FK references an earlier table (or the table itself),
// a third of them optional, every other one indexed.
func benchDDL(n, fks int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "CREATE TABLE t%d (id serial PRIMARY KEY, name text NOT NULL, code varchar(20) UNIQUE, created timestamptz NOT NULL DEFAULT now()", i)
		for k := i; k < fks; k += n {
			ref := (k * 7919) % (i + 1)
			null := " NOT NULL"
			if k%3 == 0 {
				null = ""
			}
			fmt.Fprintf(&b, ",\n  r%d_id integer%s REFERENCES t%d ON DELETE CASCADE", k, null, ref)
		}
		b.WriteString(");\n")
		for k := i; k < fks; k += 2 * n {
			fmt.Fprintf(&b, "CREATE INDEX ON t%d (r%d_id);\n", i, k)
		}
	}
	return b.String()
}

// cpuTime is the CPU time this process has used (user and system), which
// on a shared machine says more than the wall clock: the model half runs
// in this process alone.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkImport reads the catalog of a schema of 600 tables and 1,445
// foreign keys (and of half and twice that) and imports it: the work of
// `ergen import` after connecting. The sub-benchmarks read and model time
// the two halves alone.
func BenchmarkImport(b *testing.B) {
	conn := pgtest.Conn(b)
	ctx := context.Background()
	for _, size := range [][2]int{{300, 722}, {600, 1445}, {1200, 2890}} {
		schema := fmt.Sprintf("bench_%d", size[0])
		ddl := fmt.Sprintf("CREATE SCHEMA %s; SET search_path = %s;\n%sRESET search_path;\n", schema, schema, benchDDL(size[0], size[1]))
		if _, err := conn.Exec(ctx, ddl); err != nil {
			b.Fatal(err)
		}
		name := fmt.Sprintf("tables=%d/fks=%d", size[0], size[1])
		c, err := catalog.Read(ctx, conn, schema)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name+"/read", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := catalog.Read(ctx, conn, schema); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(name+"/model", func(b *testing.B) {
			b.ReportAllocs()
			start := cpuTime()
			for b.Loop() {
				if _, err := importer.Import(c); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
		})
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				c, err := catalog.Read(ctx, conn, schema)
				if err != nil {
					b.Fatal(err)
				}
				if len(c.Tables) != size[0] {
					b.Fatalf("%d tables, want %d", len(c.Tables), size[0])
				}
				res, err := importer.Import(c)
				if err != nil {
					b.Fatal(err)
				}
				if n := len(res.Model.Relationships); n != size[1] {
					b.Fatalf("%d relationships, want %d", n, size[1])
				}
			}
		})
	}
}
