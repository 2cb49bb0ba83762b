package importer_test

import "testing"

// TestRoundTripExprCollations: an index key whose expression has a
// collation of its own, written after the key by a database made without
// ergen or inside it by a model, imports with its collation inside its
// parentheses, over the whole of it, and the imported model builds it
// again, unique and partial ones too, with nothing noted. A key that
// repeats the collation its expression has already comes back without
// it, as it was built.
func TestRoundTripExprCollations(t *testing.T) {
	res := roundTripDDL(t, `CREATE TABLE things (id int PRIMARY KEY, code text NOT NULL, tag text COLLATE "C" NOT NULL);
		CREATE INDEX things_lower ON things ((lower(code)) COLLATE "C");
		CREATE UNIQUE INDEX things_cat ON things ((code || tag) COLLATE "POSIX" DESC, id) WHERE id > 0;
		CREATE INDEX things_both ON things ((lower(tag)) COLLATE "C", (code) COLLATE "C");`, "")
	contains(t, res, `index ((lower(code) collate "C")) as things_lower`,
		`unique (((code || tag) collate "POSIX") desc, id) where (id > 0) as things_cat`,
		`index (lower(tag), code collate "C") as things_both`)
	res = roundTripModel(t, `entity Thing {
  id   integer pk
  code text
  name text
  index ((lower(code) collate "C"))
  unique (((code || name) collate "POSIX"), (name collate "C") desc) where (id > 0)
}
`, "")
	contains(t, res, `index ((lower(code) collate "C"))`, `unique (((code || name) collate "POSIX"), name collate "C" desc) where (id > 0)`)
}
