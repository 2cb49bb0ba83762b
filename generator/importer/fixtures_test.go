package importer_test

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/generator/importer"
	"github.com/ergen-dev/ergen/internal/golden"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// Schemas that ergen did not write (testdata/schemas, each with its source
// and licence), and one written in the shape of a mapping project's
// (mapping: GiST, BRIN, hash and partial indexes, an exclusion constraint,
// partitions, composite keys of versioned rows): each imports, its model's
// DDL applies, and every difference between the two databases is listed
// among the notes and in the model's comments. The model and the notes are
// pinned in import.er and notes.txt beside each schema; the lines below are
// the inferences each schema is there to show.
func TestImportPublicSchemas(t *testing.T) {
	conn := pgtest.Conn(t)
	want := map[string][]string{
		"chinook": {
			"relationship Employee 1:N Employee as reports_to {", "relationship Employee 1:N Customer as support_rep {",
			"relationship Artist 1:N Album {", "index (artist_id) as album_artist_id_idx", "album_id integer pk as album_pkey",
			// The junction's own indexes are declared in its M:N block.
			"relationship Playlist M:N Track via PlaylistTrack {", "index (playlist_id) as playlist_track_playlist_id_idx", "!entity PlaylistTrack",
		},
		"northwind": {
			"relationship Order M:N Product via OrderDetail {", "unit_price real", "discount real",
			"relationship Employee 1:N Employee as employees {", "column reports_to", "relationship Employee M:N Territory {",
			"relationship Customer M:N CustomerDemographic via CustomerCustomerDemo {",
		},
		"pagila": {
			"enum MpaaRating {", "rating MpaaRating? = 'G'", "relationship Actor M:N Film via FilmActor {", "relationship Film M:N Category via FilmCategory {",
			"relationship Language 1:N Film as original {", "partition by range (payment_date)",
			"partition payment_p2022_01 from ('2022-01-01 00:00:00+00') to ('2022-02-01 00:00:00+00')",
			// A junction's key and FK index keep their names.
			"key composite as film_actor_pkey", "index (film_id) as idx_fk_film_id",
			// A junction's FK index under a name of its own.
			"index (film_id) as idx_fk_film_id",
			// tsvector is PostgreSQL's own type, known by name.
			"index (fulltext) using gist as film_fulltext_idx",
			// release_year is of the domain year.
			"domain Year integer check (value >= 1901 and value <= 2155) as year_check", "release_year Year?",
			// pg_dump's sequences are owned by no column: declared, and
			// the keys keep their nextval defaults rather than serial.
			"sequence actor_actor_id_seq", "actor_id integer pk as actor_pkey = nextval('public.actor_actor_id_seq'::regclass)",
			"!actor_id serial pk as actor_pkey",
			// UNIQUE indexes that are not constraints stay indexes.
			"unique index (manager_staff_id) as idx_unq_manager_staff_id",
			"unique index (rental_date, inventory_id, customer_id) as idx_unq_rental_rental_date_inventory_id_customer_id",
		},
		"mapping": {
			"extension btree_gist", "domain TagKey varchar(255) collate \"C\" check (value <> '') as tag_key_not_empty",
			"index (min_lat, max_lat, min_lon, max_lon) using gist as changesets_bbox_idx", "index (closed_at) using brin",
			"index (changeset_id) using hash", "index (tile) include (latitude, longitude)", "bigint? generated (", "index (user_id, created_at desc)",
			"unique (lower(display_name::text)) as users_display_name_lower_idx", "unique (user_id, k) nulls not distinct",
			"exclude using gist (user_id with =, period with &&) as user_blocks_no_overlap",
			"partition by range (recorded_at)",
			// Composite keys of versioned elements, and their tags' FKs.
			"pk (node_id, version) as nodes_pkey", "columns (node_id, version)", "match full", "deferrable initially deferred",
			"relationship User 1:N NoteComment as author {", "on delete set null",
		},
		"tpcc": {
			"relationship District 1:N Customer {", "columns (c_w_id, c_d_id)", "relationship Oorder 1:1 NewOrder shared key {", "key as new_order_pkey",
			"relationship Item 1:N Stock as s {", "columns (ol_supply_w_id, ol_i_id)",
			// stock pairs warehouses and items, but order_line references it.
			"// an entity, not the junction of an M:N: a foreign key references it",
		},
	}
	dirs, _ := filepath.Glob("testdata/schemas/*")
	if len(dirs) < 5 {
		t.Fatalf("found %d schemas, want 5", len(dirs))
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
			onlyCode(t, res, name == "pagila")
		})
	}
}

// reCode is the one note a public schema may leave: an object that is
// code (views, triggers, functions, aggregates), which ergen leaves to SQL of the
// user's own.
var reCode = regexp.MustCompile(`^not reproduced: (view|materialized view|trigger|function|procedure|aggregate) .+ is in the database; a model cannot describe it$`)

// rePartitionOwn is what pagila's first six partitions of payment have
// of their own, not from their parent: foreign keys and indexes, which a
// model declares of the partitioned table or not at all.
var rePartitionOwn = regexp.MustCompile(`^not reproduced: (constraint \S+ of|index \S+ on) partition payment_p2022_0[1-6] .+ is in the database; a model cannot describe it$`)

// onlyCode checks that the model leaves out nothing of the schema but
// code: every note is of that one kind (or, with partitionOwn, of what
// pagila's partitions have of their own). importCase has already checked
// that the notes list every difference between the original catalog and
// the one the model's DDL gives, so the rest is reproduced exactly.
func onlyCode(t *testing.T, res *importer.Result, partitionOwn bool) {
	t.Helper()
	for _, n := range res.Notes {
		if n.Table != "" || !reCode.MatchString(n.Msg) && !(partitionOwn && rePartitionOwn.MatchString(n.Msg)) {
			t.Errorf("the model leaves out more than views, triggers and functions: %s", n)
		}
	}
}
