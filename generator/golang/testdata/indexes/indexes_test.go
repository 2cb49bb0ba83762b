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

	testOrderings(t, db, seat)
	testNoKey(t, db)
}

// testOrderings pages one member at a time through the orders over
// nullable columns, each in the direction its index declares and
// reversed: every member comes once, in the order of the whole list, and
// NULLs come where the index puts them.
func testOrderings(t *testing.T, db *DB, seat func(int32) *int32) {
	ctx := context.Background()
	for i, d := range []time.Duration{0, time.Hour, time.Hour, -1} {
		p := CreateMemberParams{Email: "o" + string(rune('a'+i)) + "@example.com", Handle: "o" + string(rune('a'+i))}
		if d >= 0 {
			at := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).Add(d)
			p.DeletedAt = &at
		}
		team := "blue"
		p.Team, p.Seat = &team, seat(int32(10+i))
		if _, err := db.CreateMember(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	for name, o := range map[string]Ordering[Member]{
		"MembersByDeletedAt": MembersByDeletedAt, "MembersByDeletedAtDesc": MembersByDeletedAtDesc,
		"MembersByTeamAndSeat": MembersByTeamAndSeat, "MembersByTeamAndSeatDesc": MembersByTeamAndSeatDesc,
	} {
		all, err := db.FindMembers(ctx, MemberFilter{}, o, nil, 100)
		if err != nil || len(all) != 6 {
			t.Fatalf("%s: %d members, %v", name, len(all), err)
		}
		var paged []Member
		var after *Member
		for range 10 {
			page, err := db.FindMembers(ctx, MemberFilter{}, o, after, 1)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if len(page) == 0 {
				break
			}
			paged = append(paged, page[0])
			after = &page[0]
		}
		if len(paged) != len(all) {
			t.Fatalf("%s: %d members paged, want %d", name, len(paged), len(all))
		}
		for i := range all {
			if paged[i].ID != all[i].ID {
				t.Errorf("%s: member %d is %d paged, %d listed", name, i, paged[i].ID, all[i].ID)
			}
		}
		// deleted_at desc nulls last: the NULLs end the index's order and
		// start the reversed one.
		switch name {
		case "MembersByDeletedAt":
			if all[0].DeletedAt == nil || all[len(all)-1].DeletedAt != nil || all[0].DeletedAt.Before(*all[1].DeletedAt) {
				t.Errorf("%s: first %v, last %v", name, all[0].DeletedAt, all[len(all)-1].DeletedAt)
			}
		case "MembersByDeletedAtDesc":
			if all[0].DeletedAt != nil || all[len(all)-1].DeletedAt == nil {
				t.Errorf("%s: first %v, last %v", name, all[0].DeletedAt, all[len(all)-1].DeletedAt)
			}
		}
	}
}

// testNoKey: a table without a key is found by filters and a limit.
func testNoKey(t *testing.T, db *DB) {
	ctx := context.Background()
	at := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, p := range []CreateNoteParams{{Body: "a", At: &at}, {Body: "b"}, {Body: "c", At: &at}} {
		if _, err := db.CreateNote(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	if got, err := db.FindNotes(ctx, NoteFilter{At: Eq(at)}, 10); err != nil || len(got) != 2 || got[0].Body == "b" || got[1].Body == "b" {
		t.Errorf("FindNotes at %v = %+v, %v", at, got, err)
	}
	if got, err := db.FindNotes(ctx, NoteFilter{}, 2); err != nil || len(got) != 2 {
		t.Errorf("FindNotes limit 2 = %+v, %v", got, err)
	}
	if got, err := db.FindNotes(ctx, NoteFilter{At: IsNull[time.Time]()}, 10); err != nil || len(got) != 1 || got[0].Body != "b" {
		t.Errorf("FindNotes without at = %+v, %v", got, err)
	}
}
