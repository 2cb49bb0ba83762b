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
