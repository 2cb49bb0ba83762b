package exclusions

// This file is copied next to the generated package by TestCompilesAndVets
// in generator/golang: a row that conflicts with another under an
// exclusion constraint is refused as an *ExclusionError.

import (
	"context"
	"errors"
	"testing"

	"github.com/ergen-dev/ergen/generator/golang/golangtest"
)

func TestExclusionError(t *testing.T) {
	ctx := context.Background()
	db := New(golangtest.ConnectSchema(t, "ROUNDTRIP_DATABASE_URL_EXCLUSIONS"))
	if _, err := Create(ctx, db, Members, CreateMemberParams{Name: "Ada"}); err != nil {
		t.Fatal(err)
	}
	_, err := Create(ctx, db, Members, CreateMemberParams{Name: "ada"})
	var ex *ExclusionError
	if !errors.As(err, &ex) || ex.Constraint != "ex_members_name" || ex.Table != "members" || ex.Err.Code != "23P01" ||
		err.Error() != "exclusions: a member conflicts with another: EXCLUDE USING btree (lower(name) WITH =) (constraint ex_members_name)" {
		t.Errorf("a conflicting member: %v", err)
	}
}
