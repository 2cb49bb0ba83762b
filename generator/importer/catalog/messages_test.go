package catalog_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ergen-dev/ergen/generator/importer/catalog"
)

// Diff's messages name objects as SQL writes them, quoted where they must
// be, and show a check, exclusion or partition bound as PostgreSQL
// prints it, not the canonical form that pairs them.
func TestDiffMessages(t *testing.T) {
	check := catalog.Check{Name: "entity_id not empty", Def: "CHECK ((char_length(e) > 0))"}
	model := &catalog.Catalog{Schema: "public", Tables: []catalog.Table{{Name: "p"}}}
	db := &catalog.Catalog{Schema: "public", Tables: []catalog.Table{{Name: "p", Checks: []catalog.Check{check}}}}
	var got []string
	for _, d := range catalog.Diff(model, db) {
		got = append(got, d.String())
	}
	want := []string{`table p: check "entity_id not empty" CHECK ((char_length(e) > 0)) is in the database, not in the model`}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("messages (-want +got):\n%s", diff)
	}
	renamed := check
	renamed.Name = "ck_p_1"
	model.Tables[0].Checks = []catalog.Check{renamed}
	got = nil
	for _, d := range catalog.Diff(model, db) {
		got = append(got, d.String())
	}
	want = []string{`table p: check "entity_id not empty" CHECK ((char_length(e) > 0)): named ck_p_1 in the model`}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("messages (-want +got):\n%s", diff)
	}
}

// Diff pairs an object of the database with the model's of its name
// first, wherever it comes among those of its definition: of two indexes
// over code that differ in their keys' collations only, the one the model
// lacks is reported as such, not as the other renamed with another
// collation, and the one it has as itself.
func TestDiffPairsByNameFirst(t *testing.T) {
	own := catalog.Index{Name: "p_own", Columns: []string{"code"}, Method: "btree", Collations: []string{"own"}}
	other := catalog.Index{Name: "p_code", Columns: []string{"code"}, Method: "btree", Collations: []string{"c.bytes"}}
	model := &catalog.Catalog{Schema: "public", Tables: []catalog.Table{{Name: "p", Indexes: []catalog.Index{own}}}}
	db := &catalog.Catalog{Schema: "public", Tables: []catalog.Table{{Name: "p", Indexes: []catalog.Index{other, own}}}}
	var got []string
	for _, d := range catalog.Diff(model, db) {
		got = append(got, d.String())
	}
	want := []string{"table p: index p_code (code) btree is in the database, not in the model"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("messages (-want +got):\n%s", diff)
	}
}
