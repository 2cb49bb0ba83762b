package importer_test

import (
	"testing"

	"github.com/ergen-dev/ergen/generator/importer"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

// TestImportNotesDomains: why a domain is left out is one of the notes
// the import lists, as well as a comment of the model.
func TestImportNotesDomains(t *testing.T) {
	conn := pgtest.Conn(t)
	before, err := applyRead(t, conn, `
		CREATE DOMAIN "Odd Name" AS integer;
		CREATE DOMAIN positive AS integer CHECK (VALUE > 0);
		CREATE TABLE t (id int PRIMARY KEY, n positive);`, "public")
	if err != nil {
		t.Fatal(err)
	}
	res, err := importer.Import(before)
	if err != nil {
		t.Fatal(err)
	}
	noted(t, res, `domain Odd Name: .er cannot write this name`)
	contains(t, res, "domain Positive integer check (value > 0) as positive_check")
}
