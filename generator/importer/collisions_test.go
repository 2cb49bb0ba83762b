package importer_test

import "testing"

// TestImportPartialIndexNames: partial indexes over one column all derive
// one name (idx_things_a_partial); where the database gives that name to
// one of them, the others keep theirs, and the one named as ergen names
// it is written without `as`, whichever comes first.
func TestImportPartialIndexNames(t *testing.T) {
	res := roundTripDDL(t, `CREATE TABLE things (id int PRIMARY KEY, a int NOT NULL, removed boolean NOT NULL);
		CREATE INDEX i3 ON things (a) WHERE a > 5;
		CREATE INDEX idx_things_a_partial ON things (a) WHERE NOT removed;
		CREATE INDEX zz ON things (a) WHERE a < 0;`, "")
	contains(t, res, "index (a) where (a > 5) as i3", "index (a) where (NOT removed)", "!as idx_things_a_partial", "index (a) where (a < 0) as zz")
	res = roundTripModel(t, `entity Thing {
  id      integer pk
  a       integer
  removed boolean
  index (a) where (not removed)
  index (a) where (a > 5) as a_over_five
  index (a) where (a < 0) as a_negative
}
`, "")
	contains(t, res, "index (a) where (NOT removed)", "!as idx_things_a_partial", "as a_over_five", "as a_negative")
}
