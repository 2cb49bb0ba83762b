package indexes

// This file is copied next to the generated package by TestCompilesAndVets
// in generator/golang, with indexes_test.go, whose TestIndexes runs it.

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

// testNullsNotDistinct: Get by a NULLS NOT DISTINCT key finds the one
// row whose column is NULL by nil, and the row of a value by that value;
// Upsert with nil updates that row; and the unique index serves Get.
// The members are TestIndexes's: ann3 has no team and no seat, oc a
// seat and no team.
func testNullsNotDistinct(t *testing.T, db *DB) {
	ctx := context.Background()
	red, blue := "red", "blue"
	seat := func(n int32) *int32 { return &n }
	for _, c := range []struct {
		key    MemberTeamAndSeatKey
		handle string // "": not found
	}{
		{MemberTeamAndSeatKey{}, "ann3"},
		{MemberTeamAndSeatKey{Seat: seat(12)}, "oc"},
		{MemberTeamAndSeatKey{Team: &red, Seat: seat(1)}, "Ann"},
		{MemberTeamAndSeatKey{Team: &blue}, ""},
	} {
		m, err := Get(ctx, db, MemberByTeamAndSeat, c.key)
		switch {
		case c.handle == "" && !errors.Is(err, ErrNotFound):
			t.Errorf("Get(MemberByTeamAndSeat, %s) = %+v, %v; want ErrNotFound", showKey(c.key), m, err)
		case c.handle != "" && (err != nil || m.Handle != c.handle):
			t.Errorf("Get(MemberByTeamAndSeat, %s) = %+v, %v; want %s", showKey(c.key), m, err, c.handle)
		}
	}
	before := countOf(t, db)
	// ann3, found by nil above (or the error said so).
	if ann3, err := Get(ctx, db, MemberByTeamAndSeat, MemberTeamAndSeatKey{}); err == nil {
		up, err := Upsert(ctx, db, MemberByTeamAndSeat, CreateMemberParams{Email: "nulls@example.com", Handle: "nulls"})
		if err != nil || up.ID != ann3.ID || up.Handle != "nulls" || countOf(t, db) != before {
			t.Errorf("Upsert(MemberByTeamAndSeat) without team and seat = %+v, %v; want member %d updated, %d members", up, err, ann3.ID, before)
		}
	}
	wantIndexCond(t, db, getMemberByTeamAndSeatSQL, "uq_members_team_seat", "(team = 'red'::text) AND (seat = 1)", red, int32(1))
	wantIndexCond(t, db, getMemberByTeamAndSeatSQL, "uq_members_team_seat", "(team IS NULL) AND (seat IS NULL)", nil, nil)
	testPairs(t, db)
}

// testPairs: a key of a nullable and a NOT NULL column, and one of a
// single nullable column, whose Go type is then a pointer.
func testPairs(t *testing.T, db *DB) {
	ctx := context.Background()
	tag, five := "abcdefgh", int32(5)
	p1, err := Create(ctx, db, Pairs, CreatePairParams{X: 1})
	if err != nil {
		t.Fatal(err)
	}
	p2, err := Create(ctx, db, Pairs, CreatePairParams{Z: &five, X: 1, Tag: &tag})
	if err != nil {
		t.Fatal(err)
	}
	if got, err := Get(ctx, db, PairByZAndX, PairZAndXNullableKey{X: 1}); err != nil || got.ID != p1.ID {
		t.Errorf("Get(PairByZAndX, nil, 1) = %+v, %v; want pair %d", got, err, p1.ID)
	}
	if got, err := Get(ctx, db, PairByZAndX, PairZAndXNullableKey{Z: &five, X: 1}); err != nil || got.ID != p2.ID {
		t.Errorf("Get(PairByZAndX, 5, 1) = %+v, %v; want pair %d", got, err, p2.ID)
	}
	if got, err := Get(ctx, db, PairByZAndX, PairZAndXNullableKey{X: 2}); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get(PairByZAndX, nil, 2) = %+v, %v; want ErrNotFound", got, err)
	}
	if got, err := Get(ctx, db, PairByTag, nil); err != nil || got.ID != p1.ID {
		t.Errorf("Get(PairByTag, nil) = %+v, %v; want pair %d", got, err, p1.ID)
	}
	if got, err := Get(ctx, db, PairByTag, &tag); err != nil || got.ID != p2.ID {
		t.Errorf("Get(PairByTag, %q) = %+v, %v; want pair %d", tag, got, err, p2.ID)
	}
	// A tag longer than the column's 8 is no tag of a pair, not its
	// first 8 characters.
	longer := tag + "X"
	if got, err := Get(ctx, db, PairByTag, &longer); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get(PairByTag, %q) = %+v, %v; want ErrNotFound", longer, got, err)
	}
	seven := int32(7)
	up, err := Upsert(ctx, db, PairByTag, CreatePairParams{Z: &seven, X: 3})
	if err != nil || up.ID != p1.ID || up.Z == nil || *up.Z != 7 || up.X != 3 {
		t.Errorf("Upsert(PairByTag) without a tag = %+v, %v; want pair %d updated", up, err, p1.ID)
	}
	if n, err := Count(ctx, db, Pairs); err != nil || n != 2 {
		t.Errorf("Count(Pairs) = %d, %v; want 2", n, err)
	}
	wantIndexCond(t, db, getPairByTagSQL, "uq_pairs_tag", "(tag)::text = 'abcdefgh'::text", tag)
}

func showKey(k MemberTeamAndSeatKey) string {
	team, seat := "nil", "nil"
	if k.Team != nil {
		team = *k.Team
	}
	if k.Seat != nil {
		seat = strconv.Itoa(int(*k.Seat))
	}
	return "{" + team + ", " + seat + "}"
}

func countOf(t *testing.T, db *DB) int64 {
	t.Helper()
	n, err := Count(context.Background(), db, Members)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// wantIndexCond checks that PostgreSQL runs sql with args by the index
// named index, on the condition cond: a condition of the index, not a
// filter of a scan (seq scans are off, so that the plan does not depend
// on the table's size).
func wantIndexCond(t *testing.T, db *DB, sql, index, cond string, args ...any) {
	t.Helper()
	text := explain(t, db, sql, args...)
	if !strings.Contains(text, "Index Scan using "+index) || !strings.Contains(text, "Index Cond: ("+cond+")") {
		t.Errorf("%s with %v is not read by %s on %s:\n%s", sql, args, index, cond, text)
	}
}

// explain is PostgreSQL's plan of sql with args, with seq scans off.
func explain(t *testing.T, db *DB, sql string, args ...any) string {
	t.Helper()
	ctx := context.Background()
	tx, err := db.DBTX().(*pgx.Conn).Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, "SET LOCAL enable_seqscan = off"); err != nil {
		t.Fatal(err)
	}
	rows, err := tx.Query(ctx, "EXPLAIN "+sql, args...)
	if err != nil {
		t.Fatalf("EXPLAIN %s: %v", sql, err)
	}
	plan, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(plan, "\n")
}
