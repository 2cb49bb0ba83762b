package generator_test

import (
	"testing"
	"time"

	"github.com/ergen-dev/ergen/generator"
	"github.com/ergen-dev/ergen/generator/postgres"
	"github.com/ergen-dev/ergen/internal/randmodel"
)

// pipeline runs parse, resolve and DDL emit on src and reports the time.
func pipeline(t *testing.T, src []byte) {
	t.Helper()
	start := time.Now()
	s, diags := generator.Load("large.er", src)
	if diags.HasErrors() {
		t.Fatalf("%d errors, the first: %v", len(diags.Errors()), diags.Errors()[0])
	}
	ddl, err := postgres.DDL(s, "large.er")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d bytes of .er, %d tables: %d bytes of DDL in %v", len(src), len(s.Tables), len(ddl), time.Since(start).Round(time.Millisecond))
}

func TestLargeModel(t *testing.T) {
	if testing.Short() {
		t.Skip("a 5,000-entity model takes seconds")
	}
	pipeline(t, []byte(randmodel.Generate(7, randmodel.Options{Entities: 5000, Relationships: 15000})))
}

func TestTenMegabyteFile(t *testing.T) {
	if testing.Short() {
		t.Skip("a 10 MB model takes seconds")
	}
	// Size the model from a sample so that the file is just over 10 MB.
	const size = 10 << 20
	sample := len(randmodel.Generate(8, randmodel.Options{Entities: 1000}))
	src := randmodel.Generate(8, randmodel.Options{Entities: size/sample*1000 + 1000})
	if len(src) < size {
		t.Fatalf("generated %d bytes, want at least %d", len(src), size)
	}
	pipeline(t, []byte(src))
}
