package indexes

// This file is copied next to the generated package by TestCompilesAndVets
// in generator/golang: it checks that the keys declared with options hold
// in PostgreSQL and that their violations come back as UniqueError.

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

func TestIndexes(t *testing.T) {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, os.Getenv("ROUNDTRIP_DATABASE_URL_INDEXES"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	ddl, err := os.ReadFile("schema.sql")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, string(ddl)); err != nil {
		t.Fatal(err)
	}
	db := New(conn)

	team := "red"
	seat := func(n int32) *int32 { return &n }
	ann, err := db.CreateMember(ctx, CreateMemberParams{Email: "ann@example.com", Handle: "Ann", Team: &team, Seat: seat(1)})
	if err != nil {
		t.Fatal(err)
	}
	wantUnique := func(what, constraint string, err error) {
		t.Helper()
		var ue *UniqueError
		if !errors.As(err, &ue) || ue.Constraint != constraint {
			t.Errorf("%s: got %v, want a UniqueError of %s", what, err, constraint)
		}
	}
	// A live member's email is taken; once she is deleted it is free.
	_, err = db.CreateMember(ctx, CreateMemberParams{Email: "ann@example.com", Handle: "ann2", Team: &team, Seat: seat(2)})
	wantUnique("same email", "uq_members_email_partial", err)
	now := time.Now()
	ann.DeletedAt = &now
	if err := db.UpdateMember(ctx, &ann); err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateMember(ctx, CreateMemberParams{Email: "ann@example.com", Handle: "ann3"}); err != nil {
		t.Errorf("same email as a deleted member: %v", err)
	}
	// Handles differ in case only: the key is over lower(handle).
	_, err = db.CreateMember(ctx, CreateMemberParams{Email: "b@example.com", Handle: "ANN", Team: &team, Seat: seat(3)})
	wantUnique("handle in another case", "uq_members_handle_ci", err)
	// Two members without a team and seat (ann3 and this one) conflict:
	// NULLS NOT DISTINCT.
	_, err = db.CreateMember(ctx, CreateMemberParams{Email: "c@example.com", Handle: "c"})
	wantUnique("second member without team", "uq_members_team_seat", err)
}
