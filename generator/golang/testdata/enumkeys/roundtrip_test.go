package enumkeys

// This file is copied next to the generated package by TestCompilesAndVets in
// generator/golang. Every key and index of the model has a column of a
// domain over an enum, which PostgreSQL 15 compares with no operator: each
// generated method that compares one runs here against PostgreSQL, and
// EXPLAIN shows that the columns' indexes serve the comparisons of the
// cast.

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/ergen-dev/ergen/generator/golang/golangtest"
)

func TestRoundTrip(t *testing.T) {
	conn := golangtest.ConnectSchema(t, "ROUNDTRIP_DATABASE_URL_ENUMKEYS")
	db := New(conn)
	t.Run("shelves", func(t *testing.T) { shelves(t, db) })
	t.Run("scenes", func(t *testing.T) { scenes(t, db) })
	createBooks(t, db)
	t.Run("find", func(t *testing.T) { findBooks(t, db) })
	t.Run("upsert", func(t *testing.T) { upsertBooks(t, db) })
	t.Run("explain", func(t *testing.T) { explain(t, conn, db) })
}

// result holds a call's value and error: of(Get(ctx, db, BookByID, 1)).must(t)
// is the book, or the end of the test.
type result[T any] struct {
	v   T
	err error
}

func of[T any](v T, err error) result[T] { return result[T]{v, err} }

func (r result[T]) must(t *testing.T) T {
	t.Helper()
	if r.err != nil {
		t.Fatal(r.err)
	}
	return r.v
}

// shelves: a key of one column of the domain, read, written, deleted and
// paged by.
func shelves(t *testing.T, db *DB) {
	ctx := context.Background()
	for _, m := range MoodValues() {
		of(Create(ctx, db, Shelves, CreateShelfParams{Mood: m, Label: string(m)})).must(t)
	}
	if s, err := Get(ctx, db, ShelfByMood, MoodSad); err != nil || s.Label != "sad" {
		t.Errorf("Get(ShelfByMood, sad) = %+v, %v", s, err)
	}
	s := Shelf{Mood: MoodAngry, Label: "cross"}
	if err := Update(ctx, db, Shelves, &s); err != nil {
		t.Errorf("Update(Shelves): %v", err)
	}
	if s, err := Patch(ctx, db, Shelves, MoodCalm, ShelfPatch{Label: Set("still")}); err != nil || s.Label != "still" {
		t.Errorf("Patch(Shelves, calm) = %+v, %v", s, err)
	}
	if s, err := Upsert(ctx, db, ShelfByMood, CreateShelfParams{Mood: MoodHappy, Label: "glad"}); err != nil || s.Label != "glad" {
		t.Errorf("Upsert(ShelfByMood, happy) = %+v, %v", s, err)
	}
	if _, err := Create(ctx, db, Shelves, CreateShelfParams{Mood: MoodCalm, Label: "again"}); err == nil {
		t.Error("a second calm shelf was created")
	}
	// The key orders as the enum declares its values, one row a page.
	label := func(s Shelf) string { return s.Label }
	got := mapped(pages(t, func(after *Shelf) ([]Shelf, error) { return List(ctx, db, Shelves, after, 1) }), label)
	if want := []string{"glad", "sad", "cross", "still"}; !slices.Equal(got, want) {
		t.Errorf("List(Shelves) one by one = %v, want %v", got, want)
	}
	got = mapped(pages(t, func(after *Shelf) ([]Shelf, error) {
		return Find(ctx, db, Shelves, ShelfFilter{Mood: Ne(MoodHappy)}, ShelvesByMoodDesc, after, 2)
	}), label)
	if want := []string{"still", "cross", "sad"}; !slices.Equal(got, want) {
		t.Errorf("Find(Shelves) by mood, descending, two a page = %v, want %v", got, want)
	}
	if err := Delete(ctx, db, Shelves, MoodCalm); err != nil {
		t.Errorf("Delete(Shelves, calm): %v", err)
	}
	if _, err := Get(ctx, db, ShelfByMood, MoodCalm); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get(ShelfByMood) after Delete(Shelves): %v", err)
	}
	of(Create(ctx, db, Shelves, CreateShelfParams{Mood: MoodCalm, Label: "gone"})).must(t)
}

// scenes: a composite key with a column of a domain over the domain.
func scenes(t *testing.T, db *DB) {
	ctx := context.Background()
	day := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	for _, m := range []Mood{MoodSad, MoodHappy} {
		for d := range 2 {
			of(Create(ctx, db, Scenes, CreateSceneParams{Mood: m, Day: day.AddDate(0, 0, d)})).must(t)
		}
	}
	if s, err := Get(ctx, db, SceneByMoodAndDay, SceneKey{MoodSad, day}); err != nil || s.Mood != MoodSad || !s.Day.Equal(day) {
		t.Errorf("Get(SceneByMoodAndDay, sad, %v) = %+v, %v", day, s, err)
	}
	if s, err := Upsert(ctx, db, SceneByMoodAndDay, CreateSceneParams{Mood: MoodSad, Day: day}); err != nil || s.Mood != MoodSad {
		t.Errorf("Upsert(SceneByMoodAndDay, sad) = %+v, %v", s, err)
	}
	of(Create(ctx, db, Scenes, CreateSceneParams{Mood: MoodAngry, Day: day})).must(t)
	if err := Delete(ctx, db, Scenes, SceneKey{MoodAngry, day}); err != nil {
		t.Errorf("Delete(Scenes, angry): %v", err)
	}
	if _, err := Get(ctx, db, SceneByMoodAndDay, SceneKey{MoodAngry, day}); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get(SceneByMoodAndDay) after Delete(Scenes): %v", err)
	}
	name := func(s Scene) string { return string(s.Mood) + s.Day.Format(" 2") }
	got := mapped(pages(t, func(after *Scene) ([]Scene, error) { return List(ctx, db, Scenes, after, 1) }), name)
	if want := []string{"happy 1", "happy 2", "sad 1", "sad 2"}; !slices.Equal(got, want) {
		t.Errorf("List(Scenes) one by one = %v, want %v", got, want)
	}
	got = mapped(pages(t, func(after *Scene) ([]Scene, error) {
		return Find(ctx, db, Scenes, SceneFilter{Mood: In(MoodSad, MoodHappy)}, ScenesByMoodAndDayDesc, after, 3)
	}), name)
	if want := []string{"sad 2", "sad 1", "happy 2", "happy 1"}; !slices.Equal(got, want) {
		t.Errorf("Find(Scenes) by key, descending = %v, want %v", got, want)
	}
	if n, err := Count(ctx, db, Scenes); err != nil || n != 4 {
		t.Errorf("Count(Scenes) = %d, %v", n, err)
	}
}

// createBooks makes thirteen books: twelve on the shelves happy and sad,
// tones in turn, ranks 0 to 3 and NULL, the first four in scenes of
// 2026-12-01, and one copied.
func createBooks(t *testing.T, db *DB) {
	ctx := context.Background()
	day := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	for i := range int32(12) {
		p := CreateBookParams{ID: i + 1, ShelfMood: MoodHappy, Tone: MoodValues()[i%4], Code: string(rune('a' + i))}
		if i%2 == 1 {
			p.ShelfMood = MoodSad
		}
		if i%5 != 4 {
			r := i % 4
			p.Rank = &r
		}
		if i < 4 {
			m := []Mood{MoodHappy, MoodSad}[i%2]
			p.SceneMood, p.SceneDay = &m, &day
			p.Feelings = []string{string(m), "calm"}
		}
		of(Create(ctx, db, Books, p)).must(t)
	}
	if n, err := Copy(ctx, db, Books, []CreateBookParams{{ID: 13, ShelfMood: MoodCalm, Tone: MoodCalm, Code: "m"}}); err != nil || n != 1 {
		t.Fatalf("Copy(Books) = %d, %v", n, err)
	}
	if b, err := Get(ctx, db, BookByID, 13); err != nil || b.Tone != MoodCalm {
		t.Errorf("Get(BookByID, 13) = %+v, %v", b, err)
	}
}

func bookIDs(books []Book) []int32 { return mapped(books, func(b Book) int32 { return b.ID }) }

func mapped[T, U any](s []T, f func(T) U) []U {
	var out []U
	for _, v := range s {
		out = append(out, f(v))
	}
	return out
}

// pages reads every page of next, each starting after the last row of the
// one before, until one is empty.
func pages[T any](t *testing.T, next func(after *T) ([]T, error)) []T {
	t.Helper()
	var all []T
	var after *T
	for range 50 {
		page := of(next(after)).must(t)
		if len(page) == 0 {
			return all
		}
		all, after = append(all, page...), &page[len(page)-1]
	}
	t.Fatal("more than 50 pages")
	return nil
}

// findBooks pages through the orderings over the index (tone, rank) and
// the unique key (tone, code), two rows a page, each way, under a
// condition on the tone, and checks the pages against one read.
func findBooks(t *testing.T, db *DB) {
	ctx := context.Background()
	for i, f := range []BookFilter{{}, {Tone: In(MoodSad, MoodAngry, MoodCalm)}, {Tone: Ge(MoodSad)}} {
		for _, o := range []Ordering[Book]{BooksByToneAndRank, BooksByToneAndRankDesc, BooksByToneAndCode, BooksByToneAndCodeDesc, BooksByShelfMood, BooksBySceneMoodAndSceneDayDesc} {
			all := of(Find(ctx, db, Books, f, o, nil, 100)).must(t)
			paged := pages(t, func(after *Book) ([]Book, error) { return Find(ctx, db, Books, f, o, after, 2) })
			if len(all) < 5 || !slices.Equal(bookIDs(paged), bookIDs(all)) {
				t.Errorf("filter %d by %v: pages %v, want %v", i, o.o.columns, bookIDs(paged), bookIDs(all))
			}
		}
	}
	// An array of the domain compares as itself, with the values cast to
	// it: feeling[] = mood[] does not exist.
	for _, c := range []struct {
		what string
		f    BookFilter
		want []int32
	}{
		{"@> {sad}", BookFilter{Feelings: Contains([]string{"sad"})}, []int32{2, 4}},
		{"&& {happy,angry}", BookFilter{Feelings: Overlaps([]string{"happy", "angry"})}, []int32{1, 3}},
		{"IN ({sad,calm}, {calm})", BookFilter{Feelings: In([]string{"sad", "calm"}, []string{"calm"})}, []int32{2, 4}},
		{"= {happy,calm}", BookFilter{Feelings: Eq([]string{"happy", "calm"})}, []int32{1, 3}},
	} {
		if got, err := Find(ctx, db, Books, c.f, BooksByID, nil, 20); err != nil || !slices.Equal(bookIDs(got), c.want) {
			t.Errorf("Find(Books) feelings %s = %v, %v; want %v", c.what, bookIDs(got), err, c.want)
		}
	}
	// (tone, rank, id): the tones in the enum's order, a NULL rank last.
	all := of(Find(ctx, db, Books, BookFilter{}, BooksByToneAndRank, nil, 100)).must(t)
	if want := []int32{1, 9, 5, 2, 6, 10, 3, 7, 11, 4, 8, 12, 13}; !slices.Equal(bookIDs(all), want) {
		t.Errorf("Find(Books) by tone and rank = %v, want %v", bookIDs(all), want)
	}
}

// upsertBooks: the upsert by the unique key (tone, code) finds the row by
// it and writes the other columns.
func upsertBooks(t *testing.T, db *DB) {
	ctx := context.Background()
	b, err := Get(ctx, db, BookByToneAndCode, BookToneAndCodeKey{MoodSad, "b"})
	if err != nil || b.ID != 2 {
		t.Fatalf("Get(BookByToneAndCode, sad, b) = %+v, %v", b, err)
	}
	r := int32(9)
	up, err := Upsert(ctx, db, BookByToneAndCode, CreateBookParams{ID: 2, ShelfMood: MoodCalm, Tone: MoodSad, Code: "b", Rank: &r})
	if err != nil || up.ID != 2 || up.ShelfMood != MoodCalm || *up.Rank != 9 {
		t.Errorf("Upsert(BookByToneAndCode) on (sad, b) = %+v, %v", up, err)
	}
	up, err = Upsert(ctx, db, BookByToneAndCode, CreateBookParams{ID: 20, ShelfMood: MoodSad, Tone: MoodAngry, Code: "z"})
	if err != nil || up.ID != 20 {
		t.Errorf("Upsert(BookByToneAndCode) inserting (angry, z) = %+v, %v", up, err)
	}
	if up, err := Upsert(ctx, db, BookByID, CreateBookParams{ID: 20, ShelfMood: MoodHappy, Tone: MoodAngry, Code: "z"}); err != nil || up.ShelfMood != MoodHappy {
		t.Errorf("Upsert(BookByID, 20) = %+v, %v", up, err)
	}
	p, err := Patch(ctx, db, Books, 20, BookPatch{Tone: Set(MoodCalm)})
	if err != nil || p.Tone != MoodCalm {
		t.Errorf("Patch(Books, 20) = %+v, %v", p, err)
	}
	p.ShelfMood = MoodSad
	if err := Update(ctx, db, Books, &p); err != nil {
		t.Errorf("Update(Books, 20): %v", err)
	}
	if got, err := Get(ctx, db, BookByToneAndCode, BookToneAndCodeKey{MoodCalm, "z"}); err != nil || got.ShelfMood != MoodSad {
		t.Errorf("Get(BookByToneAndCode, calm, z) = %+v, %v", got, err)
	}
	if err := Delete(ctx, db, Books, 20); err != nil {
		t.Errorf("Delete(Books, 20): %v", err)
	}
	if n, err := Count(ctx, db, Books); err != nil || n != 13 {
		t.Errorf("Count(Books) = %d, %v", n, err)
	}
	if page, err := List(ctx, db, Books, &Book{ID: 11}, 5); err != nil || !slices.Equal(bookIDs(page), []int32{12, 13}) {
		t.Errorf("List(Books) after 11 = %v, %v", bookIDs(page), err)
	}
}

// explain: with sequential scans off, the plans of the generated
// comparisons of the cast column scan the column's index with the
// comparison as its Index Cond; one it could not serve would be a Seq
// Scan or a Filter. The keyset of an order with a nullable column is an
// OR of terms, which no index condition serves: the index gives its
// order, and the terms filter.
func explain(t *testing.T, conn *pgx.Conn, db *DB) {
	ctx := context.Background()
	if _, err := conn.Exec(ctx, "SET enable_seqscan = off"); err != nil {
		t.Fatal(err)
	}
	defer conn.Exec(ctx, "RESET enable_seqscan")
	after := of(Get(ctx, db, BookByID, 6)).must(t)
	keyset, args := findSQL(findBooksSQL, nil, BooksByToneAndCode.o, after.scanDest(nil), 2)
	rank, rankArgs := findSQL(findBooksSQL, nil, BooksByToneAndRank.o, after.scanDest(nil), 2)
	// A filter's condition on the column, cast as the keyset's are.
	cond := Eq(MoodSad).on(findBooksColumns[1])
	byShelf, shelfArgs := findSQL(findBooksSQL, []clause{cond}, BooksByShelfMood.o, nil, 2)
	for _, c := range []struct {
		sql   string
		args  []any
		index string
		cond  bool
	}{
		{getShelfSQL, []any{MoodSad}, "pk_shelves", true},
		{getSceneSQL, []any{MoodSad, time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}, "pk_scenes", true},
		{byShelf, shelfArgs, "idx_books_shelf_mood", true},
		{getBookByToneAndCodeSQL, []any{MoodSad, "b"}, "uq_books_tone_code", true},
		{keyset, args, "uq_books_tone_code", true},
		{rank, rankArgs, "idx_books_tone_rank", false},
		{listShelvesAfterSQL, []any{MoodSad, 2}, "pk_shelves", true},
	} {
		rows, err := conn.Query(ctx, "EXPLAIN "+c.sql, c.args...)
		lines, err := pgx.CollectRows(rows, pgx.RowTo[string])
		plan := strings.Join(lines, "\n")
		if err != nil || !strings.Contains(plan, "Index Scan using "+c.index) && !strings.Contains(plan, "Index Only Scan using "+c.index) ||
			c.cond && (!strings.Contains(plan, "Index Cond") || strings.Contains(plan, "Filter")) {
			t.Errorf("the plan of\n%s\nuses no %s: %v\n%s", c.sql, c.index, err, plan)
		}
	}
}
