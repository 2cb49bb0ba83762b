package domains

// This file is copied next to the generated package by TestCompilesAndVets
// in generator/golang, with roundtrip_test.go, whose TestRoundTrip runs it.

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// testDomainKeys: a key of a domain that no row could hold (a year the
// domain's check refuses, an email too short for its domain) finds
// nothing, in Get, Find, batch loading and counts alike, rather than
// failing the statement on the domain's check, since the keys are
// compared as the base type; and the foreign keys' indexes still serve
// the batches.
func testDomainKeys(t *testing.T, db *DB) {
	ctx := context.Background()
	ed, err := Create(ctx, db, Editions, CreateEditionParams{Year: 1999, Number: 1})
	if err != nil {
		t.Fatal(err)
	}
	p, err := Create(ctx, db, Printings, CreatePrintingParams{EditionYear: ed.Year, EditionNumber: ed.Number})
	if err != nil {
		t.Fatal(err)
	}
	film, err := Create(ctx, db, Films, CreateFilmParams{Email: "keys@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	r, err := Create(ctx, db, Reviews, CreateReviewParams{FilmEmail: film.Email})
	if err != nil {
		t.Fatal(err)
	}

	good, bad := EditionKey{Year: 1999, Number: 1}, EditionKey{Year: 1000, Number: 1}
	if _, err := Get(ctx, db, EditionByYearAndNumber, bad); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get(EditionByYearAndNumber, year 1000) = %v, want ErrNotFound", err)
	}
	if _, err := Get(ctx, db, FilmByEmail, "a@b"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get(FilmByEmail, a@b) = %v, want ErrNotFound", err)
	}
	if got, err := Find(ctx, db, Editions, EditionFilter{Year: In[int32](1000, 1999)}, EditionsByYearAndNumber, nil, 10); err != nil || len(got) != 1 {
		t.Errorf("Find(Editions) year IN (1000, 1999) = %v, %v; want the 1999 edition", got, err)
	}
	batch, err := ChildrenOfMany(ctx, db, PrintingEdition, []EditionKey{bad, good})
	if err != nil || len(batch) != 1 || len(batch[good]) != 1 || batch[good][0] != p {
		t.Errorf("ChildrenOfMany(PrintingEdition) with year 1000 = %v, %v; want the 1999 edition's printing", batch, err)
	}
	if counts, err := CountChildrenOf(ctx, db, PrintingEdition, []EditionKey{bad, good}); err != nil || len(counts) != 1 || counts[good] != 1 {
		t.Errorf("CountChildrenOf(PrintingEdition) with year 1000 = %v, %v", counts, err)
	}
	reviews, err := ChildrenOfMany(ctx, db, ReviewFilm, []string{"a@b", "KEYS@example.com"})
	if err != nil || len(reviews) != 2 || len(reviews[0]) != 0 || len(reviews[1]) != 1 || reviews[1][0] != r {
		t.Errorf("ChildrenOfMany(ReviewFilm) with a@b = %v, %v; want none, then the review", reviews, err)
	}
	if counts, err := CountChildrenOf(ctx, db, ReviewFilm, []string{"a@b", "keys@example.com"}); err != nil || len(counts) != 2 || counts[0] != 0 || counts[1] != 1 {
		t.Errorf("CountChildrenOf(ReviewFilm) with a@b = %v, %v", counts, err)
	}

	// The foreign keys' indexes serve the batches, keys of the base type
	// compared with columns of the domain.
	if _, err := db.Exec(ctx, "SET enable_seqscan = off"); err != nil {
		t.Fatal(err)
	}
	defer db.Exec(ctx, "RESET enable_seqscan")
	for _, c := range []struct {
		sql, index string
		args       []any
	}{
		{printingEditionBatchSQL, "idx_printings_edition_year_edition_number", []any{[]int32{1000, 1999}, []int32{1, 1}}},
		{printingEditionCountSQL, "idx_printings_edition_year_edition_number", []any{[]int32{1000, 1999}, []int32{1, 1}}},
		{reviewFilmBatchSQL, "idx_reviews_film_email", []any{[]string{"a@b", "keys@example.com"}}},
	} {
		if plan := explain(t, db, c.sql, c.args...); !strings.Contains(plan, c.index) {
			t.Errorf("the plan of\n%s\nuses no %s:\n%s", c.sql, c.index, plan)
		}
	}
}

// explain is the plan of sql with args, as EXPLAIN writes it.
func explain(t *testing.T, db *DB, sql string, args ...any) string {
	t.Helper()
	rows, err := db.Query(context.Background(), "EXPLAIN "+sql, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			t.Fatal(err)
		}
		b.WriteString(line + "\n")
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
