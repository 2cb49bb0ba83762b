package indexes

// This file is copied next to the generated package by TestCompilesAndVets
// in generator/golang: it checks that the keys declared with options hold
// in PostgreSQL and that their violations come back as UniqueError.

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ergen-dev/ergen/generator/golang/golangtest"
)

func TestIndexes(t *testing.T) {
	ctx := context.Background()
	db := New(golangtest.ConnectSchema(t, "ROUNDTRIP_DATABASE_URL_INDEXES"))

	team := "red"
	seat := func(n int32) *int32 { return &n }
	ann, err := Create(ctx, db, Members, CreateMemberParams{Email: "ann@example.com", Handle: "Ann", Team: &team, Seat: seat(1)})
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
	_, err = Create(ctx, db, Members, CreateMemberParams{Email: "ann@example.com", Handle: "ann2", Team: &team, Seat: seat(2)})
	wantUnique("same email", "uq_members_email_partial", err)
	now := time.Now()
	ann.DeletedAt = &now
	if err := Update(ctx, db, Members, &ann); err != nil {
		t.Fatal(err)
	}
	if _, err := Create(ctx, db, Members, CreateMemberParams{Email: "ann@example.com", Handle: "ann3"}); err != nil {
		t.Errorf("same email as a deleted member: %v", err)
	}
	// Handles differ in case only: the key is over lower(handle).
	_, err = Create(ctx, db, Members, CreateMemberParams{Email: "b@example.com", Handle: "ANN", Team: &team, Seat: seat(3)})
	wantUnique("handle in another case", "uq_members_handle_ci", err)
	// Two members without a team and seat (ann3 and this one) conflict:
	// NULLS NOT DISTINCT.
	_, err = Create(ctx, db, Members, CreateMemberParams{Email: "c@example.com", Handle: "c"})
	wantUnique("second member without team", "uq_members_team_seat", err)

	testOrderings(t, db, seat)
	testNoKey(t, db)
	testNullsNotDistinct(t, db)
}

// testOrderings pages one member at a time through the orders over
// nullable columns and over expressions, each in the direction its index
// declares and reversed: every member comes once, in the order of the
// whole list (PostgreSQL's own ORDER BY), and NULLs come where the index
// puts them, a NULL expression's too.
func testOrderings(t *testing.T, db *DB, seat func(int32) *int32) {
	ctx := context.Background()
	blue, bigBlue := "blue", "Blue"
	teams := []*string{&blue, &bigBlue, nil, &blue}
	for i, d := range []time.Duration{0, time.Hour, time.Hour, -1} {
		p := CreateMemberParams{Email: "o" + string(rune('a'+i)) + "@example.com", Handle: "o" + string(rune('a'+i))}
		if d >= 0 {
			at := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).Add(d)
			p.DeletedAt = &at
		}
		p.Team, p.Seat = teams[i], seat(int32(10+i))
		if _, err := Create(ctx, db, Members, p); err != nil {
			t.Fatal(err)
		}
	}
	for name, o := range map[string]Ordering[Member]{
		"MembersByDeletedAt": MembersByDeletedAt, "MembersByDeletedAtDesc": MembersByDeletedAtDesc,
		"MembersByTeamAndSeat": MembersByTeamAndSeat, "MembersByTeamAndSeatDesc": MembersByTeamAndSeatDesc,
		"MembersByHandleCi": MembersByHandleCi, "MembersByHandleCiDesc": MembersByHandleCiDesc,
		"MembersByLowerTeamSeat": MembersByLowerTeamSeat, "MembersByLowerTeamSeatDesc": MembersByLowerTeamSeatDesc,
		"MembersBySeatMod": MembersBySeatMod, "MembersBySeatModDesc": MembersBySeatModDesc,
		"MembersByScoreAndPause": MembersByScoreAndPause, "MembersByScoreAndPauseDesc": MembersByScoreAndPauseDesc,
		"MembersByLowerEmailLowerHandleUpperEmailUpperHandleLengthEmail":     MembersByLowerEmailLowerHandleUpperEmailUpperHandleLengthEmail,
		"MembersByLowerEmailLowerHandleUpperEmailUpperHandleLengthEmailDesc": MembersByLowerEmailLowerHandleUpperEmailUpperHandleLengthEmailDesc,
	} {
		all, err := Find(ctx, db, Members, MemberFilter{}, o, nil, 100)
		if err != nil || len(all) != 6 {
			t.Fatalf("%s: %d members, %v", name, len(all), err)
		}
		var paged []Member
		var after *Member
		for range 10 {
			page, err := Find(ctx, db, Members, MemberFilter{}, o, after, 1)
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
		// lower(team) nulls first, seat desc: the two members without a
		// team first, the one without a seat before (DESC puts NULLs
		// first); then blue and Blue as one team, by seat descending.
		case "MembersByLowerTeamSeat":
			if got := teamsAndSeats(all); got != "-:- -:12 blue:13 Blue:11 blue:10 red:1" {
				t.Errorf("%s: %s", name, got)
			}
		case "MembersByLowerTeamSeatDesc":
			if got := teamsAndSeats(all); got != "red:1 blue:10 Blue:11 blue:13 -:12 -:-" {
				t.Errorf("%s: %s", name, got)
			}
		// seat % 3, NULL last, then handle || team descending.
		case "MembersBySeatMod":
			if got := teamsAndSeats(all); got != "-:12 blue:13 blue:10 red:1 Blue:11 -:-" {
				t.Errorf("%s: %s", name, got)
			}
		}
	}
	testExprIndexPlan(t, db)
}

// teamsAndSeats shows members as team:seat, "-" for NULL.
func teamsAndSeats(ms []Member) string {
	var out []string
	for _, m := range ms {
		team, seat := "-", "-"
		if m.Team != nil {
			team = *m.Team
		}
		if m.Seat != nil {
			seat = strconv.Itoa(int(*m.Seat))
		}
		out = append(out, team+":"+seat)
	}
	return strings.Join(out, " ")
}

// testExprIndexPlan: PostgreSQL reads the page after a member in the
// order of lower(team) by the index on it. The keyset's value of the
// expression is an InitPlan computed once from the member's team (the
// subquery reads no column of members), and the index scan returns the
// rows in the order asked, so the page stops after its limit; the keyset
// condition itself is a Filter of that scan, not an Index Cond, as for a
// nullable column: its ORs place NULLs, which a btree range cannot.
func testExprIndexPlan(t *testing.T, db *DB) {
	ctx := context.Background()
	all, err := Find(ctx, db, Members, MemberFilter{}, MembersByLowerTeamSeat, nil, 100)
	if err != nil || len(all) < 3 {
		t.Fatalf("Find(Members): %d, %v", len(all), err)
	}
	sql, args := findSQL(findMembersSQL, nil, MembersByLowerTeamSeat.o, all[2].scanDest(nil), 2)
	text := explain(t, db, sql, args...)
	if !strings.Contains(text, "Index Scan using idx_members_lower_team_seat") || !strings.Contains(text, "InitPlan") || strings.Contains(text, "SubPlan") {
		t.Errorf("the page after a member by lower(team) is not read by its index:\n%s\n%s", sql, text)
	}
}

// testNoKey: a table without a key is found by filters and a limit.
func testNoKey(t *testing.T, db *DB) {
	ctx := context.Background()
	at := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, p := range []CreateNoteParams{{Body: "a", At: &at}, {Body: "b"}, {Body: "c", At: &at}} {
		if _, err := Create(ctx, db, Notes, p); err != nil {
			t.Fatal(err)
		}
	}
	if got, err := Find(ctx, db, Notes, NoteFilter{At: Eq(at)}, Ordering[Note]{}, nil, 10); err != nil || len(got) != 2 || got[0].Body == "b" || got[1].Body == "b" {
		t.Errorf("Find(Notes) at %v = %+v, %v", at, got, err)
	}
	if got, err := Find(ctx, db, Notes, NoteFilter{}, Ordering[Note]{}, nil, 2); err != nil || len(got) != 2 {
		t.Errorf("Find(Notes) limit 2 = %+v, %v", got, err)
	}
	if got, err := Find(ctx, db, Notes, NoteFilter{At: IsNull[time.Time]()}, Ordering[Note]{}, nil, 10); err != nil || len(got) != 1 || got[0].Body != "b" {
		t.Errorf("Find(Notes) without at = %+v, %v", got, err)
	}
	// Without a key there is no order to page in, nor a row to update.
	if _, err := List(ctx, db, Notes, nil, 10); !errors.Is(err, ErrNoStatement) {
		t.Errorf("List(Notes) = %v, want ErrNoStatement", err)
	}
	n := Note{Body: "a"}
	if err := Update(ctx, db, Notes, &n); !errors.Is(err, ErrNoStatement) {
		t.Errorf("Update(Notes) = %v, want ErrNoStatement", err)
	}
}
