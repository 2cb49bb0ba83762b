package importer_test

import (
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/generator/importer"
	"github.com/ergen-dev/ergen/internal/pgtest"
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

// TestImportExclusionOperatorOfAnotherSchema: an exclusion constraint's
// operator may share its name, and a family, with pg_catalog's (ops.&&
// of int4range beside pg_catalog's && of anyrange). A model writes an
// operator by its name alone, which its DDL resolves to pg_catalog's, as
// the constraint written WITH && here shows: the import notes the
// constraint that uses ops.&& instead of declaring it with &&, and
// declares the one that uses pg_catalog's.
func TestImportExclusionOperatorOfAnotherSchema(t *testing.T) {
	conn := pgtest.Conn(t)
	before, err := applyRead(t, conn, `CREATE SCHEMA ops;
		CREATE FUNCTION ops.overlaps(a int4range, b int4range) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT a && b';
		CREATE OPERATOR ops.&& (leftarg = int4range, rightarg = int4range, function = ops.overlaps, commutator = OPERATOR(ops.&&));
		ALTER OPERATOR FAMILY range_ops USING gist ADD OPERATOR 3 ops.&& (int4range, int4range);
		CREATE TABLE slots (id int PRIMARY KEY, r int4range NOT NULL);
		ALTER TABLE slots ADD CONSTRAINT slots_ops EXCLUDE USING gist (r WITH OPERATOR(ops.&&));
		ALTER TABLE slots ADD CONSTRAINT slots_bare EXCLUDE USING gist (r WITH &&);`, "public")
	if err != nil {
		t.Fatal(err)
	}
	res, err := importer.Import(before)
	if err != nil {
		t.Fatal(err)
	}
	noted(t, res, "exclusion constraint slots_ops: EXCLUDE USING gist (r WITH OPERATOR(ops.&&))")
	contains(t, res, "exclude using gist (r with &&) as slots_bare", "!as slots_ops")
}

// TestImportOperatorClassOfAnotherSchema: a key's operator class of
// another schema (ops.int_hash) has a name that a model's DDL does not
// find: imported as `n int_hash`, the model's DDL fails. The import notes
// the index and the exclusion constraint that use it instead, and
// declares the index over pg_catalog's class of a name it shares.
func TestImportOperatorClassOfAnotherSchema(t *testing.T) {
	conn := pgtest.Conn(t)
	before, err := applyRead(t, conn, `CREATE SCHEMA ops;
		CREATE OPERATOR CLASS ops.int_hash FOR TYPE int USING hash AS OPERATOR 1 =, FUNCTION 1 hashint4(int);
		CREATE OPERATOR CLASS ops.text_pattern_ops FOR TYPE text USING btree AS OPERATOR 3 =, FUNCTION 1 bttextcmp(text, text);
		CREATE TABLE rooms (id int PRIMARY KEY, n int NOT NULL, code text NOT NULL);
		CREATE INDEX rooms_n ON rooms USING hash (n ops.int_hash);
		CREATE INDEX rooms_code ON rooms (code ops.text_pattern_ops);
		CREATE INDEX rooms_code_pattern ON rooms (code text_pattern_ops);
		ALTER TABLE rooms ADD CONSTRAINT rooms_n_once EXCLUDE USING hash (n ops.int_hash WITH =);`, "public")
	if err != nil {
		t.Fatal(err)
	}
	res, err := importer.Import(before)
	if err != nil {
		t.Fatal(err)
	}
	noted(t, res, "rooms_n: .er cannot write", "rooms_code: .er cannot write", "exclusion constraint rooms_n_once: EXCLUDE USING hash (n ops.int_hash WITH =)")
	contains(t, res, "index (code text_pattern_ops) as rooms_code_pattern", "!int_hash")
}

// TestImportOperatorClassOfModelSchema: the model's DDL names every
// object it creates with the model's schema but runs on its session's
// search_path, where `n int_hash` does not find app.int_hash ("operator
// class "int_hash" does not exist for access method "hash""). The import
// notes the index over it instead.
func TestImportOperatorClassOfModelSchema(t *testing.T) {
	conn := pgtest.Conn(t)
	before, err := applyRead(t, conn, `CREATE SCHEMA app;
		CREATE OPERATOR CLASS app.int_hash FOR TYPE int USING hash AS OPERATOR 1 =, FUNCTION 1 hashint4(int);
		CREATE TABLE app.rooms (id int PRIMARY KEY, n int NOT NULL);
		CREATE INDEX rooms_n ON app.rooms USING hash (n app.int_hash);`, "app")
	if err != nil {
		t.Fatal(err)
	}
	res, err := importer.Import(before)
	if err != nil {
		t.Fatal(err)
	}
	noted(t, res, "rooms_n: .er cannot write")
	contains(t, res, "!as rooms_n")
}
