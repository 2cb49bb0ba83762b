package importer_test

import (
	"strings"
	"testing"
)

// TestRoundTripExclusions: a database with exclusion constraints (over
// columns and expressions, partial, with INCLUDE, an operator class that
// is not the default, keys with a collation of their own, named as ergen
// would and otherwise) imports to a
// model that makes the same database, with nothing noted.
func TestRoundTripExclusions(t *testing.T) {
	res := roundTripModel(t, `extension btree_gist
entity Booking {
  id        serial pk
  room      integer
  during    tstzrange
  cancelled boolean
  exclude using gist (room with =, during with &&) where (not cancelled) as no_double_booking
  exclude using gist (lower(during) with =, (room + 1) with <>) include (id)
}
entity Subnet {
  id  serial pk
  net cidr
  exclude using gist (net inet_ops with &&)
}
entity Desk {
  id   serial pk
  room text
  code text collate "C"
  exclude using gist (room collate "C" with =, id with =)
  exclude using btree (code collate "POSIX" text_pattern_ops with =) as desk_code_once
}
`, "")
	for _, want := range []string{"extension btree_gist",
		"exclude using gist (room with =, during with &&) where (NOT cancelled) as no_double_booking",
		"exclude using gist (lower(during) with =, (room + 1) with <>) include (id)\n",
		"exclude using gist (net inet_ops with &&)\n",
		`exclude using gist (room collate "C" with =, id with =)` + "\n",
		`exclude using btree (code collate "POSIX" text_pattern_ops with =) as desk_code_once`} {
		if !strings.Contains(string(res.Source), want) {
			t.Errorf("imported model lacks %q:\n%s", want, res.Source)
		}
	}
}

// TestImportExclusionKeyCollation: an exclusion constraint as pg_dump
// writes one, a key with a collation other than its column's, comes
// back as an `exclude` clause with that collation, and the model makes
// the same database; a key in its column's own collation writes none.
func TestImportExclusionKeyCollation(t *testing.T) {
	res := roundTripDDL(t, `CREATE EXTENSION IF NOT EXISTS btree_gist;
		CREATE TABLE rooms (id serial PRIMARY KEY, name text NOT NULL, code text COLLATE "C" NOT NULL, during tstzrange NOT NULL);
		ALTER TABLE rooms ADD CONSTRAINT rooms_name_during EXCLUDE USING gist (name COLLATE "POSIX" WITH =, during WITH &&);
		ALTER TABLE rooms ADD CONSTRAINT rooms_code EXCLUDE USING btree (code COLLATE "C" WITH =);`, "")
	for _, want := range []string{`exclude using gist (name collate "POSIX" with =, during with &&) as rooms_name_during`,
		"exclude using btree (code with =) as rooms_code"} {
		if !strings.Contains(string(res.Source), want) {
			t.Errorf("imported model lacks %q:\n%s", want, res.Source)
		}
	}
}
