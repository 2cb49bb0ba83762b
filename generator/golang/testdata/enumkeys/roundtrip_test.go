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
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

func TestRoundTrip(t *testing.T) {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, os.Getenv("ROUNDTRIP_DATABASE_URL_ENUMKEYS"))
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
	t.Run("shelves", func(t *testing.T) { shelves(t, db) })
	t.Run("scenes", func(t *testing.T) { scenes(t, db) })
	createBooks(t, db)
	t.Run("find", func(t *testing.T) { findBooks(t, db) })
	t.Run("upsert", func(t *testing.T) { upsertBooks(t, db) })
	t.Run("explain", func(t *testing.T) { explain(t, conn, db) })
}

// result holds a call's value and error: of(db.GetBook(ctx, 1)).must(t)
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
		of(db.CreateShelf(ctx, CreateShelfParams{Mood: m, Label: string(m)})).must(t)
	}
	if s, err := db.GetShelf(ctx, MoodSad); err != nil || s.Label != "sad" {
		t.Errorf("GetShelf(sad) = %+v, %v", s, err)
	}
	s := Shelf{Mood: MoodAngry, Label: "cross"}
	if err := db.UpdateShelf(ctx, &s); err != nil {
		t.Errorf("UpdateShelf: %v", err)
	}
	if s, err := db.PatchShelf(ctx, MoodCalm, ShelfPatch{Label: Set("still")}); err != nil || s.Label != "still" {
		t.Errorf("PatchShelf(calm) = %+v, %v", s, err)
	}
	if s, err := db.UpsertShelf(ctx, CreateShelfParams{Mood: MoodHappy, Label: "glad"}); err != nil || s.Label != "glad" {
		t.Errorf("UpsertShelf(happy) = %+v, %v", s, err)
	}
	if _, err := db.CreateShelf(ctx, CreateShelfParams{Mood: MoodCalm, Label: "again"}); err == nil {
		t.Error("a second calm shelf was created")
	}
	// The key orders as the enum declares its values, one row a page.
	label := func(s Shelf) string { return s.Label }
	got := mapped(pages(t, func(after *Shelf) ([]Shelf, error) { return db.ListShelves(ctx, after, 1) }), label)
	if want := []string{"glad", "sad", "cross", "still"}; !slices.Equal(got, want) {
		t.Errorf("ListShelves one by one = %v, want %v", got, want)
	}
	got = mapped(pages(t, func(after *Shelf) ([]Shelf, error) {
		return db.FindShelves(ctx, ShelfFilter{Mood: Ne(MoodHappy)}, ShelvesByMoodDesc, after, 2)
	}), label)
	if want := []string{"still", "cross", "sad"}; !slices.Equal(got, want) {
		t.Errorf("FindShelves by mood, descending, two a page = %v, want %v", got, want)
	}
	if err := db.DeleteShelf(ctx, MoodCalm); err != nil {
		t.Errorf("DeleteShelf(calm): %v", err)
	}
	if _, err := db.GetShelf(ctx, MoodCalm); !errors.Is(err, ErrNotFound) {
		t.Errorf("GetShelf after DeleteShelf: %v", err)
	}
	of(db.CreateShelf(ctx, CreateShelfParams{Mood: MoodCalm, Label: "gone"})).must(t)
}

// scenes: a composite key with a column of a domain over the domain.
func scenes(t *testing.T, db *DB) {
	ctx := context.Background()
	day := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	for _, m := range []Mood{MoodSad, MoodHappy} {
		for d := range 2 {
			of(db.CreateScene(ctx, CreateSceneParams{Mood: m, Day: day.AddDate(0, 0, d)})).must(t)
		}
	}
	if s, err := db.GetScene(ctx, MoodSad, day); err != nil || s.Mood != MoodSad || !s.Day.Equal(day) {
		t.Errorf("GetScene(sad, %v) = %+v, %v", day, s, err)
	}
	if s, err := db.UpsertScene(ctx, CreateSceneParams{Mood: MoodSad, Day: day}); err != nil || s.Mood != MoodSad {
		t.Errorf("UpsertScene(sad) = %+v, %v", s, err)
	}
	of(db.CreateScene(ctx, CreateSceneParams{Mood: MoodAngry, Day: day})).must(t)
	if err := db.DeleteScene(ctx, MoodAngry, day); err != nil {
		t.Errorf("DeleteScene(angry): %v", err)
	}
	if _, err := db.GetScene(ctx, MoodAngry, day); !errors.Is(err, ErrNotFound) {
		t.Errorf("GetScene after DeleteScene: %v", err)
	}
	name := func(s Scene) string { return string(s.Mood) + s.Day.Format(" 2") }
	got := mapped(pages(t, func(after *Scene) ([]Scene, error) { return db.ListScenes(ctx, after, 1) }), name)
	if want := []string{"happy 1", "happy 2", "sad 1", "sad 2"}; !slices.Equal(got, want) {
		t.Errorf("ListScenes one by one = %v, want %v", got, want)
	}
	got = mapped(pages(t, func(after *Scene) ([]Scene, error) {
		return db.FindScenes(ctx, SceneFilter{Mood: In(MoodSad, MoodHappy)}, ScenesByMoodAndDayDesc, after, 3)
	}), name)
	if want := []string{"sad 2", "sad 1", "happy 2", "happy 1"}; !slices.Equal(got, want) {
		t.Errorf("FindScenes by key, descending = %v, want %v", got, want)
	}
	if n, err := db.CountScenes(ctx); err != nil || n != 4 {
		t.Errorf("CountScenes = %d, %v", n, err)
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
		of(db.CreateBook(ctx, p)).must(t)
	}
	if n, err := db.CopyBooks(ctx, []CreateBookParams{{ID: 13, ShelfMood: MoodCalm, Tone: MoodCalm, Code: "m"}}); err != nil || n != 1 {
		t.Fatalf("CopyBooks = %d, %v", n, err)
	}
	if b, err := db.GetBook(ctx, 13); err != nil || b.Tone != MoodCalm {
		t.Errorf("GetBook(13) = %+v, %v", b, err)
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
			all := of(db.FindBooks(ctx, f, o, nil, 100)).must(t)
			paged := pages(t, func(after *Book) ([]Book, error) { return db.FindBooks(ctx, f, o, after, 2) })
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
		if got, err := db.FindBooks(ctx, c.f, BooksByID, nil, 20); err != nil || !slices.Equal(bookIDs(got), c.want) {
			t.Errorf("FindBooks feelings %s = %v, %v; want %v", c.what, bookIDs(got), err, c.want)
		}
	}
	// (tone, rank, id): the tones in the enum's order, a NULL rank last.
	all := of(db.FindBooks(ctx, BookFilter{}, BooksByToneAndRank, nil, 100)).must(t)
	if want := []int32{1, 9, 5, 2, 6, 10, 3, 7, 11, 4, 8, 12, 13}; !slices.Equal(bookIDs(all), want) {
		t.Errorf("FindBooks by tone and rank = %v, want %v", bookIDs(all), want)
	}
}

// upsertBooks: the upsert by the unique key (tone, code) finds the row by
// it and writes the other columns.
func upsertBooks(t *testing.T, db *DB) {
	ctx := context.Background()
	b, err := db.GetBookByToneAndCode(ctx, MoodSad, "b")
	if err != nil || b.ID != 2 {
		t.Fatalf("GetBookByToneAndCode(sad, b) = %+v, %v", b, err)
	}
	r := int32(9)
	up, err := db.UpsertBookByToneAndCode(ctx, CreateBookParams{ID: 2, ShelfMood: MoodCalm, Tone: MoodSad, Code: "b", Rank: &r})
	if err != nil || up.ID != 2 || up.ShelfMood != MoodCalm || *up.Rank != 9 {
		t.Errorf("UpsertBookByToneAndCode on (sad, b) = %+v, %v", up, err)
	}
	up, err = db.UpsertBookByToneAndCode(ctx, CreateBookParams{ID: 20, ShelfMood: MoodSad, Tone: MoodAngry, Code: "z"})
	if err != nil || up.ID != 20 {
		t.Errorf("UpsertBookByToneAndCode inserting (angry, z) = %+v, %v", up, err)
	}
	if up, err := db.UpsertBook(ctx, CreateBookParams{ID: 20, ShelfMood: MoodHappy, Tone: MoodAngry, Code: "z"}); err != nil || up.ShelfMood != MoodHappy {
		t.Errorf("UpsertBook(20) = %+v, %v", up, err)
	}
	p, err := db.PatchBook(ctx, 20, BookPatch{Tone: Set(MoodCalm)})
	if err != nil || p.Tone != MoodCalm {
		t.Errorf("PatchBook(20) = %+v, %v", p, err)
	}
	p.ShelfMood = MoodSad
	if err := db.UpdateBook(ctx, &p); err != nil {
		t.Errorf("UpdateBook(20): %v", err)
	}
	if got, err := db.GetBookByToneAndCode(ctx, MoodCalm, "z"); err != nil || got.ShelfMood != MoodSad {
		t.Errorf("GetBookByToneAndCode(calm, z) = %+v, %v", got, err)
	}
	if err := db.DeleteBook(ctx, 20); err != nil {
		t.Errorf("DeleteBook(20): %v", err)
	}
	if n, err := db.CountBooks(ctx); err != nil || n != 13 {
		t.Errorf("CountBooks = %d, %v", n, err)
	}
	if page, err := db.ListBooks(ctx, &Book{ID: 11}, 5); err != nil || !slices.Equal(bookIDs(page), []int32{12, 13}) {
		t.Errorf("ListBooks after 11 = %v, %v", bookIDs(page), err)
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
	after := of(db.GetBook(ctx, 6)).must(t)
	keyset, args := findSQL(findBooksSQL, nil, BooksByToneAndCode.o, after.scanDest(), 2)
	rank, rankArgs := findSQL(findBooksSQL, nil, BooksByToneAndRank.o, after.scanDest(), 2)
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
