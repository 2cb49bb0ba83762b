package importer_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/internal/golden"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// Public schemas that ergen did not write (testdata/schemas, each with its
// source and licence): each imports, its model's DDL applies, and every
// difference between the two databases is listed among the notes and in
// the model's comments. The model and the notes are pinned in import.er and
// notes.txt beside each schema; the lines below are the inferences each
// schema is there to show.
func TestImportPublicSchemas(t *testing.T) {
	conn := pgtest.Conn(t)
	want := map[string][]string{
		"chinook": {
			"relationship Employee 1:N Employee as reports_to {", "relationship Employee 1:N Customer as support_rep {",
			"relationship Artist 1:N Album {", "index (artist_id) as album_artist_id_idx", "album_id integer pk as album_pkey",
			"// an entity, not the junction of an M:N: ergen would not lay out its junction as the database does",
		},
		"northwind": {
			"relationship Order M:N Product via OrderDetail {", "unit_price real", "discount real",
			"relationship Employee 1:N Employee as employees {", "column reports_to", "relationship Employee M:N Territory {",
			"relationship Customer M:N CustomerDemographic {",
		},
		"pagila": {
			"enum MpaaRating {", "rating MpaaRating? = 'G'", "relationship Actor M:N Film {", "relationship Film M:N Category {",
			"relationship Language 1:N Film as original {", "// ergen import: partitioned by RANGE (payment_date)",
			// A junction has no block; its notes stand above its M:N.
			"// ergen import: not reproduced: the primary key is named film_actor_pkey",
			// tsvector is PostgreSQL's own type, known by name.
			"index (fulltext) using gist as film_fulltext_idx",
			// release_year is of the domain year.
			"domain Year integer check ((VALUE >= 1901) AND (VALUE <= 2155)) as year_check", "release_year Year?",
		},
		"tpcc": {
			"relationship District 1:N Customer {", "columns (c_w_id, c_d_id)", "relationship Oorder 1:1 NewOrder shared key {",
			"relationship Item 1:N Stock as s {", "columns (ol_supply_w_id, ol_i_id)",
			// stock pairs warehouses and items, but order_line references it.
			"// an entity, not the junction of an M:N: a foreign key references it",
		},
	}
	dirs, _ := filepath.Glob("testdata/schemas/*")
	if len(dirs) < 4 {
		t.Fatalf("found %d schemas, want 4", len(dirs))
	}
	for _, dir := range dirs {
		name := filepath.Base(dir)
		t.Run(name, func(t *testing.T) {
			ddl, err := os.ReadFile(filepath.Join(dir, "schema.sql"))
			if err != nil {
				t.Fatal(err)
			}
			res := importCase(t, conn, string(ddl))
			contains(t, res, want[name]...)
			var notes strings.Builder
			for _, n := range res.Notes {
				notes.WriteString(n.String() + "\n")
			}
			golden.Check(t, filepath.Join(dir, "import.er"), res.Source, *update)
			golden.Check(t, filepath.Join(dir, "notes.txt"), []byte(notes.String()), *update)
		})
	}
}
