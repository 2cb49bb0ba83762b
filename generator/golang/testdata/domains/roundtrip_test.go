package domains

// This file is copied next to the generated package by TestCompilesAndVets in
// generator/golang: it writes columns of domains through the generated code
// as their base types' Go values, reads them back from PostgreSQL, and
// checks that the domains' checks, defaults and NOT NULL hold.

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/ergen-dev/ergen/generator/golang/golangtest"
)

func TestRoundTrip(t *testing.T) {
	ctx := context.Background()
	db := New(golangtest.ConnectSchema(t, "ROUNDTRIP_DATABASE_URL_DOMAINS"))

	var price pgtype.Numeric
	if err := price.Scan("12.50"); err != nil {
		t.Fatal(err)
	}
	year, release, sad := int32(1999), int32(2001), MoodSad
	full := CreateFilmParams{Year: &year, Years: []int32{1990, 2000}, Email: "Jo@Example.com", Price: &price,
		Mood: &sad, Release: &release, Tags: []string{"a", "b"}}
	got, err := Create(ctx, db, Films, full)
	if err != nil {
		t.Fatal(err)
	}
	back, err := Get(ctx, db, FilmByID, got.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, back) {
		t.Errorf("Create returned\n%+v\nGet returned\n%+v", got, back)
	}
	if *back.Year != 1999 || back.Years[1] != 2000 || back.Mood != MoodSad || *back.Release != 2001 || back.Tags[1] != "b" {
		t.Errorf("values changed on the way: %+v", back)
	}
	if v, _ := back.Price.Value(); v != "12.50" {
		t.Errorf("price read back as %v", v)
	}
	// The email domain is citext: the unique key finds the row in capitals.
	if byEmail, err := Get(ctx, db, FilmByEmail, "JO@EXAMPLE.COM"); err != nil || byEmail.ID != got.ID {
		t.Errorf("Get(FilmByEmail) = %+v, %v", byEmail, err)
	}

	// An upsert's nil keeps what the row holds where a domain gives the
	// default (price, mood), as a column's own default would.
	kept, err := Upsert(ctx, db, FilmByEmail, CreateFilmParams{Email: "jo@example.com", Year: &year})
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := kept.Price.Value(); v != "12.50" || kept.Mood != MoodSad || kept.ID != got.ID {
		t.Errorf("Upsert with nil price and mood: price %v, mood %v, id %d; want 12.50, sad, %d", v, kept.Mood, kept.ID, got.ID)
	}
	back.Years, back.Tags = kept.Years, kept.Tags

	// Update writes nil as NULL in columns of domains over arrays.
	back.Years, back.Tags, back.Year = nil, nil, &release
	if err := Update(ctx, db, Films, &back); err != nil {
		t.Fatal(err)
	}
	if again, err := Get(ctx, db, FilmByID, back.ID); err != nil || again.Years != nil || again.Tags != nil || *again.Year != 2001 {
		t.Errorf("after Update(Films) = %+v, %v", again, err)
	}

	// nil takes the domains' defaults.
	bare, err := Create(ctx, db, Films, CreateFilmParams{Email: "other@example.com", SequelID: &got.ID})
	if err != nil {
		t.Fatal(err)
	}
	if bare.Price.Int.Sign() != 0 || !bare.Price.Valid || bare.Mood != MoodHappy || bare.Year != nil || bare.Years != nil || bare.Tags != nil {
		t.Errorf("defaults not applied, or nullable columns not NULL: %+v", bare)
	}
	if seq, err := ChildrenOf(ctx, db, FilmSequel, got.ID); err != nil || len(seq) != 1 || seq[0].ID != bare.ID {
		t.Errorf("ChildrenOf(FilmSequel) = %+v, %v", seq, err)
	}

	// Each domain's check refuses what it must, as a *CheckError of the
	// domain, with the domain's constraint named.
	early, late := int32(1800), int32(1940)
	tags := []string{"1", "2", "3", "4", "5"}
	for name, p := range map[string]CreateFilmParams{
		"year_check":    {Email: "a@example.com", Year: &early},
		"release_check": {Email: "b@example.com", Release: &late},
		"email_check":   {Email: "a@b"},
		"tags_check":    {Email: "c@example.com", Tags: tags},
	} {
		_, err := Create(ctx, db, Films, p)
		var pgErr *pgconn.PgError
		if !errors.As(err, &pgErr) || pgErr.Code != "23514" || pgErr.ConstraintName != name {
			t.Errorf("%s: Create(Films, %+v) = %v, want a check violation of %s", name, p, err, name)
		}
		var ce *CheckError
		if !errors.As(err, &ce) || ce.Constraint != name || ce.Domain != strings.TrimSuffix(name, "_check") || ce.Table != "" {
			t.Errorf("%s: Create(Films, %+v) = %#v, want the *CheckError of the domain", name, p, err)
		}
	}

	// COPY writes domains in their base types' binary form.
	mood := MoodHappy
	if n, err := Copy(ctx, db, Films, []CreateFilmParams{{Email: "copy@example.com", Price: &price, Mood: &mood, Year: &year}}); err != nil || n != 1 {
		t.Fatalf("Copy(Films) = %d, %v", n, err)
	}
	// A nil field whose column's default is its domain's takes that
	// default in COPY too, as in Create.
	if n, err := Copy(ctx, db, Films, []CreateFilmParams{{Email: "defaults@example.com"}}); err != nil || n != 1 {
		t.Fatalf("Copy(Films) of defaults = %d, %v", n, err)
	}
	f, err := Get(ctx, db, FilmByEmail, "defaults@example.com")
	if err != nil || f.Mood != MoodHappy || priceText(f.Price) != "0" {
		t.Errorf("copied with nil price and mood: %+v, %v; want the domains' defaults (0, happy)", f, err)
	}
	if err := Delete(ctx, db, Films, f.ID); err != nil {
		t.Fatal(err)
	}
	if n, err := Count(ctx, db, Films); err != nil || n != 3 {
		t.Fatalf("Count(Films) = %d, %v", n, err)
	}

	// Filters on a domain take its base type's conditions: on a domain
	// over an enum they compare the column as the enum (In sends the
	// values as text, cast to the enum's array), and on a domain over an
	// array In compares whole arrays.
	xy, err := Create(ctx, db, Films, CreateFilmParams{Email: "xy@example.com", Tags: []string{"x", "y"}, Docs: []json.RawMessage{json.RawMessage(`[1]`)}})
	if err != nil {
		t.Fatal(err)
	}
	copied, err := Get(ctx, db, FilmByEmail, "copy@example.com")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		what string
		f    FilmFilter
		want []int64
	}{
		{"mood IN (sad)", FilmFilter{Mood: In(MoodSad)}, []int64{got.ID}},
		{"mood = happy", FilmFilter{Mood: Eq(MoodHappy)}, []int64{bare.ID, copied.ID, xy.ID}},
		{"mood > happy", FilmFilter{Mood: Gt(MoodHappy)}, []int64{got.ID}},
		{"tags IN ({x,y})", FilmFilter{Tags: In([]string{"x", "y"})}, []int64{xy.ID}},
		{"tags IN ({x})", FilmFilter{Tags: In([]string{"x"})}, nil},
		{"tags @> {y}", FilmFilter{Tags: Contains([]string{"y"})}, []int64{xy.ID}},
		// A domain over json[] compares as jsonb[], as json[] does.
		{"docs = {[1]}", FilmFilter{Docs: Eq([]json.RawMessage{json.RawMessage(`[ 1 ]`)})}, []int64{xy.ID}},
		{"docs @> {[1]}", FilmFilter{Docs: Contains([]json.RawMessage{json.RawMessage(`[1]`)})}, []int64{xy.ID}},
	} {
		films, err := Find(ctx, db, Films, c.f, FilmsByID, nil, 10)
		var ids []int64
		for _, f := range films {
			ids = append(ids, f.ID)
		}
		if err != nil || !reflect.DeepEqual(ids, c.want) {
			t.Errorf("Find(Films) %s = %v, %v; want %v", c.what, ids, err, c.want)
		}
	}

	// The order over expressions of domains pages one row at a time as
	// PostgreSQL lists them: the keyset passes each column's value as the
	// domain's base type, cast to the domain, and a nil Tags as NULL:
	// of two films alike but for no tags and empty tags, each is after
	// the other in one direction.
	for _, tags := range [][]string{nil, {}} {
		day := time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC)
		if _, err := Create(ctx, db, Films, CreateFilmParams{Email: "tags" + strconv.Itoa(len(tags)) + strconv.FormatBool(tags == nil) + "@example.com", Tags: tags, Day: &day}); err != nil {
			t.Fatal(err)
		}
	}
	for _, o := range []Ordering[Film]{FilmsByValue, FilmsByValueDesc} {
		all, err := Find(ctx, db, Films, FilmFilter{}, o, nil, 10)
		if err != nil || len(all) < 4 {
			t.Fatalf("Find(Films) by value = %d rows, %v", len(all), err)
		}
		var after *Film
		for i := range all {
			page, err := Find(ctx, db, Films, FilmFilter{}, o, after, 1)
			if err != nil || len(page) != 1 || page[0].ID != all[i].ID {
				t.Fatalf("Find(Films) by value, page %d = %v, %v; want row %d", i, page, err, all[i].ID)
			}
			after = &page[0]
		}
		if page, err := Find(ctx, db, Films, FilmFilter{}, o, after, 1); err != nil || len(page) != 0 {
			t.Errorf("Find(Films) by value after the last = %d rows, %v", len(page), err)
		}
	}
	t.Run("keys", func(t *testing.T) { testDomainKeys(t, db) })
	t.Run("null defaults", func(t *testing.T) { testNullDefaults(t, db) })
}

// priceText is a numeric as PostgreSQL writes it.
func priceText(n pgtype.Numeric) string {
	v, _ := n.Value()
	s, _ := v.(string)
	return s
}
