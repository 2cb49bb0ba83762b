package types

// This file is copied next to the generated package by TestCompilesAndVets in
// generator/golang: it writes every column type through the generated code,
// set and NULL, and reads it back from PostgreSQL.

import (
	"context"
	"encoding/json"
	"errors"
	"net/netip"
	"reflect"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgtype"

	"github.com/ergen-dev/ergen/generator/golang/golangtest"
)

func TestRoundTrip(t *testing.T) {
	ctx := context.Background()
	db := New(golangtest.ConnectSchema(t, "ROUNDTRIP_DATABASE_URL_TYPES"))

	var num pgtype.Numeric
	if err := num.Scan("123456789.125"); err != nil {
		t.Fatal(err)
	}
	ts := time.Date(2024, 2, 29, 13, 14, 15, 123456000, time.UTC)
	day := time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC)
	u := [16]byte{0xde, 0xad, 0xbe, 0xef, 15: 1}
	ip := netip.MustParsePrefix("192.168.1.7/32")
	net := netip.MustParsePrefix("10.0.0.0/8")
	tod := pgtype.Time{Microseconds: 3723000001, Valid: true}
	iv := pgtype.Interval{Months: 14, Days: 3, Microseconds: 5000000, Valid: true}
	js := json.RawMessage(`{"a": [1, 2]}`)
	i2, i4, i8 := int16(-2), int32(-4), int64(-8)
	r4, r8 := float32(1.5), 2.25
	s, b := "x", true
	sad := MoodSad
	grid := [][]int32{{1, 2}, {3, 4}}
	tags := []string{"a", "b"}
	blob := []byte{0, 1, 2}

	full := CreateSampleParams{
		I2: 2, I2n: &i2, I4: 4, I4n: &i4, I8: 8, I8n: &i8, Num: num, Numn: &num,
		R4: 1.5, R4n: &r4, R8: 2.25, R8n: &r8, Vc: "vc", Vcn: &s, Ch: "abc", Chn: &s,
		Txt: "t", Txtn: &s, Flag: true, Flagn: &b, D: day, Dn: &day, T: tod, Tn: &tod,
		Ts: ts, Tsn: &ts, Tstz: &ts, Tstzn: &ts, Iv: iv, Ivn: &iv,
		U: u, Un: &u, J: js, Jn: js, Jb: js, Jbn: js, B: blob, Bn: blob, IP: ip, Ipn: &ip,
		Net: net, Netn: &net, M: &sad, Mn: &sad, Ms: []string{"happy", "so-so"}, Ints: []int32{1, 2, 3},
		Grid: grid, Tags: tags, Jbd: json.RawMessage(`{"k": 1}`), Jsa: []json.RawMessage{js, json.RawMessage(`[3]`)},
	}
	got, err := Create(ctx, db, Samples, full)
	if err != nil {
		t.Fatal(err)
	}
	back, err := Get(ctx, db, SampleByID, got.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, back) {
		t.Errorf("Create returned\n%+v\nGet returned\n%+v", got, back)
	}
	if v, _ := back.Num.Value(); v != "123456789.125" {
		t.Errorf("numeric read back as %v", v)
	}
	if !back.Ts.Equal(ts) || !back.D.Equal(day) || back.U != u || back.IP != ip || back.Iv != iv || back.T != tod || back.M != MoodSad {
		t.Errorf("values changed on the way: %+v", back)
	}
	if string(back.J) != string(js) || back.Grid == nil || back.Grid[1][1] != 4 || back.Ms[1] != "so-so" {
		t.Errorf("json or arrays changed: %s %v %v", back.J, back.Grid, back.Ms)
	}

	// NULL in every nullable column, defaults from nil.
	bare := CreateSampleParams{Ch: "abc", D: day, Ts: ts, U: u, J: js, Jb: js, B: blob, IP: ip, Net: net, T: tod, Iv: iv, Num: num, Ms: []string{}, Ints: []int32{}}
	got, err = Create(ctx, db, Samples, bare)
	if err != nil {
		t.Fatal(err)
	}
	if got.I2n != nil || got.Numn != nil || got.Un != nil || got.Jn != nil || got.Bn != nil || got.Ipn != nil || got.Mn != nil || got.Grid != nil || got.Tags != nil || got.Tstzn != nil || got.Ivn != nil || got.Tn != nil {
		t.Errorf("nullable columns not NULL: %+v", got)
	}
	if got.Ints == nil || len(got.Ints) != 0 {
		t.Errorf("an empty array read back as %#v, want an empty slice", got.Ints)
	}
	if got.M != MoodHappy || got.Tstz.IsZero() {
		t.Errorf("defaults not applied: m=%q tstz=%v", got.M, got.Tstz)
	}

	// COPY writes the same types, and takes what Create takes: a nil field
	// with a default (timestamptz, enum, jsonb) is the column's default,
	// as in an INSERT.
	if n, err := Copy(ctx, db, Samples, []CreateSampleParams{full, bare}); err != nil || n != 2 {
		t.Fatalf("Copy(Samples) = %d, %v", n, err)
	}
	if n, err := Count(ctx, db, Samples); err != nil || n != 4 {
		t.Fatalf("Count(Samples) = %d, %v", n, err)
	}
	copied, err := List(ctx, db, Samples, &got, 2)
	if err != nil || len(copied) != 2 {
		t.Fatalf("List(Samples) after COPY = %d rows, %v", len(copied), err)
	}
	if c := copied[0]; c.M != MoodSad || !c.Tstz.Equal(ts) || c.I2n == nil || string(c.Jbd) != `{"k": 1}` {
		t.Errorf("the row copied with every field given: m=%q tstz=%v jbd=%s", c.M, c.Tstz, c.Jbd)
	}
	if c := copied[1]; c.M != MoodHappy || c.Tstz.IsZero() || string(c.Jbd) != "{}" || c.I2n != nil {
		t.Errorf("defaults not applied by COPY: m=%q tstz=%v jbd=%s", c.M, c.Tstz, c.Jbd)
	}
	// A nil json without a default is NULL, and the column is NOT NULL.
	noJSON := bare
	noJSON.J = nil
	_, err = Copy(ctx, db, Samples, []CreateSampleParams{noJSON})
	var nn *NotNullError
	if !errors.As(err, &nn) || nn.Column != "j" || nn.Table != "samples" {
		t.Errorf("COPY of a nil json: %v, want a *NotNullError for samples.j", err)
	}

	// Filters on an enum (In sends the values as text, cast to the enum
	// array) and a uuid: the two rows written from full, newest first.
	sads, err := Find(ctx, db, Samples, SampleFilter{M: In(MoodSad), U: Eq(u)}, SamplesByIDDesc, nil, 10)
	if err != nil || len(sads) != 2 || sads[0].M != MoodSad || sads[1].ID != back.ID || sads[0].ID != copied[0].ID {
		t.Errorf("Find(Samples) m IN (sad) = %d rows, %v", len(sads), err)
	}
	// jsonb containment and keys, array containment and overlap: the
	// same two rows, and none for a tag no row has.
	both := SampleFilter{
		Jb: Contains(json.RawMessage(`{"a": [2]}`)), Jbd: HasKey[json.RawMessage]("k"),
		Ints: Contains([]int32{3, 2}), Grid: Contains([][]int32{{4}}), Tags: Overlaps([]string{"b", "z"}),
	}
	if got, err := Find(ctx, db, Samples, both, SamplesByIDDesc, nil, 10); err != nil || len(got) != 2 || got[0].ID != sads[0].ID || got[1].ID != sads[1].ID {
		t.Errorf("Find(Samples) by jsonb and array operators = %d rows, %v", len(got), err)
	}
	// In on an array column compares whole arrays: {a,b} is one of the
	// values, {b,a} and {a} are not.
	if got, err := Find(ctx, db, Samples, SampleFilter{Tags: In([]string{"b", "a"}, []string{"a", "b"})}, SamplesByIDDesc, nil, 10); err != nil || len(got) != 2 || got[0].ID != sads[0].ID {
		t.Errorf("Find(Samples) tags IN ({b,a}, {a,b}) = %d rows, %v", len(got), err)
	}
	if got, err := Find(ctx, db, Samples, SampleFilter{Tags: In([]string{"a"})}, SamplesByID, nil, 10); err != nil || len(got) != 0 {
		t.Errorf("Find(Samples) tags IN ({a}) = %d rows, %v", len(got), err)
	}
	if got, err := Find(ctx, db, Samples, SampleFilter{Tags: Overlaps([]string{"z"})}, SamplesByID, nil, 10); err != nil || len(got) != 0 {
		t.Errorf("Find(Samples) tags && {z} = %d rows, %v", len(got), err)
	}
	if got, err := Find(ctx, db, Samples, SampleFilter{Jb: HasKey[json.RawMessage]("b")}, SamplesByID, nil, 10); err != nil || len(got) != 0 {
		t.Errorf("Find(Samples) jb ? b = %d rows, %v", len(got), err)
	}
	// An enum array's conditions (its values sent as text[], cast to
	// inventory.mood[]) and json's (through its jsonb; IsNull and NotNull
	// on the json): the rows written from full have ms {happy,so-so} and
	// jn, those from bare ms {} and no jn.
	for _, c := range []struct {
		what string
		f    SampleFilter
		want int
	}{
		{"ms @> {so-so}", SampleFilter{Ms: Contains([]string{"so-so"})}, 2},
		{"ms && {sad,happy}", SampleFilter{Ms: Overlaps([]string{"sad", "happy"})}, 2},
		{"ms && {sad}", SampleFilter{Ms: Overlaps([]string{"sad"})}, 0},
		{"ms = {happy,so-so}", SampleFilter{Ms: Eq([]string{"happy", "so-so"})}, 2},
		{"ms IN ({}, {sad})", SampleFilter{Ms: In([]string{}, []string{"sad"})}, 2},
		{"ms IS NULL", SampleFilter{Ms: IsNull[[]string]()}, 0},
		{"ms IS NOT NULL", SampleFilter{Ms: NotNull[[]string]()}, 4},
		{"jn::jsonb @> {a: [2]}", SampleFilter{Jn: Contains(json.RawMessage(`{"a": [2]}`))}, 2},
		{"jn::jsonb ? a", SampleFilter{Jn: HasKey[json.RawMessage]("a")}, 2},
		{"j::jsonb ? b", SampleFilter{J: HasKey[json.RawMessage]("b")}, 0},
		{"j::jsonb = {a: [1, 2]}", SampleFilter{J: Eq(json.RawMessage(`{"a":[1,2]}`))}, 4},
		{"jn IS NULL", SampleFilter{Jn: IsNull[json.RawMessage]()}, 2},
		{"jn IS NOT NULL", SampleFilter{Jn: NotNull[json.RawMessage]()}, 2},
		// json[] compares as jsonb[], column and parameters.
		{"jsa = {{a: [1, 2]}, [3]}", SampleFilter{Jsa: Eq([]json.RawMessage{json.RawMessage(`{"a":[1,2]}`), json.RawMessage(`[3]`)})}, 2},
		{"jsa <> {[3]}", SampleFilter{Jsa: Ne([]json.RawMessage{json.RawMessage(`[3]`)})}, 2},
		{"jsa IN ({[3]}, {{a: [1, 2]}, [3]})", SampleFilter{Jsa: In([]json.RawMessage{json.RawMessage(`[3]`)}, []json.RawMessage{js, json.RawMessage(`[3]`)})}, 2},
		{"jsa BETWEEN {} AND {{b: 1}}", SampleFilter{Jsa: Between([]json.RawMessage{}, []json.RawMessage{json.RawMessage(`{"b": 1}`)})}, 2},
		{"jsa @> {[3]}", SampleFilter{Jsa: Contains([]json.RawMessage{json.RawMessage(` [ 3 ] `)})}, 2},
		{"jsa && {[4], 1}", SampleFilter{Jsa: Overlaps([]json.RawMessage{json.RawMessage(`[4]`), json.RawMessage(`1`)})}, 0},
		{"jsa IS NULL", SampleFilter{Jsa: IsNull[[]json.RawMessage]()}, 2},
	} {
		got, err := Find(ctx, db, Samples, c.f, SamplesByID, nil, 10)
		if err != nil || len(got) != c.want {
			t.Errorf("Find(Samples) %s = %d rows, %v; want %d", c.what, len(got), err, c.want)
		}
	}
	// The order over (mn = 'sad') and cardinality(ms) pages one row at a
	// time as PostgreSQL lists them: the keyset computes both from the
	// enum and the enum array of the row it starts after, NULL for a
	// row without mn.
	for _, o := range []Ordering[Sample]{SamplesByMood, SamplesByMoodDesc} {
		all, err := Find(ctx, db, Samples, SampleFilter{}, o, nil, 10)
		if err != nil || len(all) != 4 || (all[0].Mn == nil) == (all[3].Mn == nil) {
			t.Fatalf("Find(Samples) by mood = %d rows, %v", len(all), err)
		}
		var after *Sample
		for i := range all {
			page, err := Find(ctx, db, Samples, SampleFilter{}, o, after, 1)
			if err != nil || len(page) != 1 || page[0].ID != all[i].ID {
				t.Fatalf("Find(Samples) by mood, page %d = %v, %v; want row %d", i, page, err, all[i].ID)
			}
			after = &page[0]
		}
		if page, err := Find(ctx, db, Samples, SampleFilter{}, o, after, 1); err != nil || len(page) != 0 {
			t.Errorf("Find(Samples) by mood after the last = %d rows, %v", len(page), err)
		}
	}
	zone := "23:59:59-05"
	clock, err := Create(ctx, db, Clocks, CreateClockParams{Ttz: "10:00:00+02", Ttzn: &zone})
	if err != nil {
		t.Fatal(err)
	}
	if clock.Ttz != "10:00:00+02" || *clock.Ttzn != zone {
		t.Errorf("timetz read back as %q, %q", clock.Ttz, *clock.Ttzn)
	}
}
