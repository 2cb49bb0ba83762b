package migrate_test

import (
	"flag"
	"os"
	"testing"

	"github.com/ergen-dev/ergen/generator/migrate"
	"github.com/ergen-dev/ergen/internal/golden"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

var update = flag.Bool("update", false, "rewrite golden files")

// The README's worked example: ShopFlow v1 (examples/shopflow) to v2
// (testdata). The script is pinned, and applied to v1's database with
// rows.
func TestShopFlowV2(t *testing.T) {
	v1, v2 := shopflow(t)
	old, new := load(t, "shopflow.er", string(v1)), load(t, "shopflow_v2.er", string(v2))
	plan, diags := migrate.New(old, new, migrate.Options{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	golden.Check(t, "testdata/shopflow_v1_v2.sql", plan.Script(), *update)
	converge(t, pgtest.Conn(t), pgtest.Conn(t), string(v1), string(v2), migrate.Options{})
}

// shopflow returns the sources of ShopFlow v1 and v2.
func shopflow(t testing.TB) (v1, v2 []byte) {
	t.Helper()
	v1, err := os.ReadFile("../../examples/shopflow/shopflow.er")
	if err != nil {
		t.Fatal(err)
	}
	v2, err = os.ReadFile("testdata/shopflow_v2.er")
	if err != nil {
		t.Fatal(err)
	}
	return v1, v2
}
