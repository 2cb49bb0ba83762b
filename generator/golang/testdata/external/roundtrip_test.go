package external

// This file is copied next to the generated package by TestCompilesAndVets in
// generator/golang: it writes every type ergen knows by name only through
// the generated code, set and NULL, and reads it back from PostgreSQL.

import (
	"context"
	"net"
	"reflect"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgtype"

	"github.com/ergen-dev/ergen/generator/golang/golangtest"
)

// TestRoundTrip applies the schema to the case's database once and runs
// each kind of type on it.
func TestRoundTrip(t *testing.T) {
	db, ctx := open(t)
	t.Run("postgres types", func(t *testing.T) { postgresTypes(t, db, ctx) })
	t.Run("text types", func(t *testing.T) { textTypes(t, db, ctx) })
}

func open(t *testing.T) (*DB, context.Context) {
	return New(golangtest.ConnectSchema(t, "ROUNDTRIP_DATABASE_URL_EXTERNAL")), context.Background()
}

// postgresTypes: PostgreSQL's own types come back as pgx's values,
// through Create, Get and COPY.
func postgresTypes(t *testing.T, db *DB, ctx context.Context) {
	var body pgtype.TSVector
	if err := body.Scan("'fat':1 'rat':2"); err != nil {
		t.Fatal(err)
	}
	from := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	during := pgtype.Range[pgtype.Timestamptz]{
		Lower: pgtype.Timestamptz{Time: from, Valid: true}, Upper: pgtype.Timestamptz{Time: from.Add(time.Hour), Valid: true},
		LowerType: pgtype.Inclusive, UpperType: pgtype.Exclusive, Valid: true,
	}
	mac, _ := net.ParseMAC("08:00:2b:01:02:03")
	at := pgtype.Point{P: pgtype.Vec2{X: 1.5, Y: -2}, Valid: true}
	flags := pgtype.Bits{Bytes: []byte{0xa0}, Len: 4, Valid: true}
	full := CreatePlaceParams{Body: body, Bodyn: &body, During: during, Mac: mac, Macn: mac, At: at, Atn: &at,
		Flags: flags, Flagsn: &flags, Spots: []pgtype.Point{at, at}}
	got, err := Create(ctx, db, Places, full)
	if err != nil {
		t.Fatal(err)
	}
	back, err := Get(ctx, db, PlaceByID, got.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, back) {
		t.Errorf("Create returned\n%+v\nGet returned\n%+v", got, back)
	}
	if len(back.Body.Lexemes) != 2 || back.Body.Lexemes[1].Word != "rat" || !back.During.Lower.Time.Equal(from) ||
		back.Mac.String() != "08:00:2b:01:02:03" || back.At != at || back.Flags.Len != 4 || back.Flags.Bytes[0] != 0xa0 || len(back.Spots) != 2 {
		t.Errorf("values changed on the way: %+v", back)
	}
	bare, err := Create(ctx, db, Places, CreatePlaceParams{Body: body, During: during, Mac: mac, At: at, Flags: flags})
	if err != nil {
		t.Fatal(err)
	}
	if bare.Bodyn != nil || bare.Days != nil || bare.Macn != nil || bare.Atn != nil || bare.Flagsn != nil || bare.Area != nil || bare.Spots != nil {
		t.Errorf("nullable columns not NULL: %+v", bare)
	}
	if n, err := Copy(ctx, db, Places, []CreatePlaceParams{full, {Body: body, During: during, Mac: mac, At: at, Flags: flags}}); err != nil || n != 2 {
		t.Fatalf("Copy(Places) = %d, %v", n, err)
	}
	if n, err := Count(ctx, db, Places); err != nil || n != 4 {
		t.Fatalf("Count(Places) = %d, %v", n, err)
	}
}

// textTypes: extension types and PostgreSQL's own without a pgx codec
// go through their text form, as strings or the chosen Go type.
func textTypes(t *testing.T, db *DB, ctx context.Context) {
	price, addr, note := "$12.50", "08:00:2b:01:02:03", "<a>b</a>"
	x := "x"
	attrs := pgtype.Hstore{"colour": &x, "none": nil}
	full := CreateLabelParams{Email: "Jo@Example.com", Emails: []string{"a@b", "C@D"}, Price: price, Pricen: &price,
		Path: "top.science.astronomy", Paths: []string{"a.b", "c"}, Attrs: &attrs, Addr: &addr, Note: &note}
	got, err := Create(ctx, db, Labels, full)
	if err != nil {
		t.Fatal(err)
	}
	back, err := Get(ctx, db, LabelByID, got.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, back) {
		t.Errorf("Create returned\n%+v\nGet returned\n%+v", got, back)
	}
	if back.Price != "$12.50" || back.Path != "top.science.astronomy" || len(back.Paths) != 2 || back.Emails[1] != "C@D" ||
		*back.Addr != addr || *back.Note != note || *(*back.Attrs)["colour"] != "x" || (*back.Attrs)["none"] != nil {
		t.Errorf("values changed on the way: %+v", back)
	}
	// citext compares without case: the unique key finds the row by
	// another spelling.
	if byEmail, err := Get(ctx, db, LabelByEmail, "JO@EXAMPLE.COM"); err != nil || byEmail.ID != got.ID {
		t.Errorf("Get(LabelByEmail) in capitals = %+v, %v", byEmail, err)
	}
	bare, err := Create(ctx, db, Labels, CreateLabelParams{Email: "other@example.com", Price: "1", Path: "a"})
	if err != nil {
		t.Fatal(err)
	}
	if bare.Emails != nil || bare.Pricen != nil || bare.Paths != nil || bare.Attrs != nil || bare.Addr != nil || bare.Note != nil || bare.Price != "$1.00" {
		t.Errorf("nullable columns not NULL, or money not as PostgreSQL prints it: %+v", bare)
	}
	back.Price, back.Path = "$3.00", "a.b.c"
	if err := Update(ctx, db, Labels, &back); err != nil {
		t.Fatal(err)
	}
	if again, err := Get(ctx, db, LabelByID, back.ID); err != nil || again.Price != "$3.00" || again.Path != "a.b.c" {
		t.Errorf("after Update(Labels) = %+v, %v", again, err)
	}
}
