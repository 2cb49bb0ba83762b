package golang_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/ergen-dev/ergen/generator/golang"
	"github.com/ergen-dev/ergen/generator/postgres"
	"github.com/ergen-dev/ergen/internal/pgtest"
	"github.com/ergen-dev/ergen/internal/testkit"
)

// TestNoOrderByAnIndexThatSortsOtherwise: an index whose key has a
// collation of its own or a named operator class gives no Ordering, as
// PostgreSQL cannot read ORDER BY its keys from it: EXPLAIN shows a Sort
// for each such order, and none for the key's, which its index serves.
func TestNoOrderByAnIndexThatSortsOtherwise(t *testing.T) {
	const src = `entity Tag {
  id   integer pk
  name text
  slug text
  code text
  index (name collate "C")
  index (slug text_pattern_ops)
  index (lower(code) text_pattern_ops)
}
`
	s, diags := testkit.Resolve(t, "t.er", []byte(src))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	files, err := golang.Emit(s, golang.Options{Package: "tags", Source: "t.er"})
	if err != nil {
		t.Fatal(err)
	}
	var all []byte
	for _, f := range files {
		all = append(all, f.Data...)
	}
	if !bytes.Contains(all, []byte("TagsByID ")) {
		t.Fatal("no TagsByID declared")
	}
	for _, name := range []string{"TagsByName", "TagsBySlug", "TagsByLowerCode"} {
		if bytes.Contains(all, []byte(name)) {
			t.Errorf("%s declared, which its index cannot serve", name)
		}
	}

	ddl, err := postgres.DDL(s, "t.er")
	if err != nil {
		t.Fatal(err)
	}
	conn := pgtest.Conn(t)
	ctx := context.Background()
	for _, sql := range []string{string(ddl), "SET enable_seqscan = off"} {
		if _, err := conn.Exec(ctx, sql); err != nil {
			t.Fatal(err)
		}
	}
	for order, sorts := range map[string]bool{"id": false, "name": true, "slug": true, "lower(code)": true} {
		// A failed query's error is its rows' too, which CollectRows returns.
		rows, _ := conn.Query(ctx, "EXPLAIN SELECT * FROM tags ORDER BY "+order+" LIMIT 1")
		plan, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(strings.Join(plan, "\n"), "Sort"); got != sorts {
			t.Errorf("ORDER BY %s: sorts %v, want %v:\n%s", order, got, sorts, strings.Join(plan, "\n"))
		}
	}
}
