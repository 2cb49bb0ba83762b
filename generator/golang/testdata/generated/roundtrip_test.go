package generated

// This file is copied next to the generated package by TestCompilesAndVets in
// generator/golang: the generated columns are computed by PostgreSQL on
// Create, Update and Copy, and returned by every read.

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5/pgtype"

	"github.com/ergen-dev/ergen/generator/golang/golangtest"
)

func num(t *testing.T, s string) pgtype.Numeric {
	var n pgtype.Numeric
	if err := n.Scan(s); err != nil {
		t.Fatal(err)
	}
	return n
}

func text(n pgtype.Numeric) string {
	v, _ := n.Value()
	s, _ := v.(string)
	return s
}

func TestRoundTrip(t *testing.T) {
	ctx := context.Background()
	db := New(golangtest.ConnectSchema(t, "ROUNDTRIP_DATABASE_URL_GENERATED"))

	line, err := Create(ctx, db, Lines, CreateLineParams{Price: num(t, "2.50"), Qty: 4, Sku: "ab"})
	if err != nil {
		t.Fatal(err)
	}
	if text(line.Total) != "10.00" || line.Label == nil || *line.Label != "AB" {
		t.Errorf("Create(Lines) returned total %s, label %v", text(line.Total), line.Label)
	}
	note := "red"
	line.Qty, line.Note = 3, &note
	line.Total = num(t, "999") // ignored: PostgreSQL computes it
	if err := Update(ctx, db, Lines, &line); err != nil {
		t.Fatal(err)
	}
	got, err := Get(ctx, db, LineByID, line.ID)
	if err != nil {
		t.Fatal(err)
	}
	if text(got.Total) != "7.50" || *got.Label != "AB red" {
		t.Errorf("after Update(Lines), total %s, label %q", text(got.Total), *got.Label)
	}
	again := CreateLineParams{Price: got.Price, Qty: got.Qty, Sku: got.Sku, Note: got.Note}
	if n, err := Copy(ctx, db, Lines, []CreateLineParams{again, again}); err != nil || n != 2 {
		t.Fatalf("Copy(Lines) = %d, %v", n, err)
	}
	rows, err := List(ctx, db, Lines, nil, 10)
	if err != nil || len(rows) != 3 {
		t.Fatalf("List(Lines) = %v, %v", rows, err)
	}
	for _, r := range rows {
		if text(r.Total) != "7.50" || *r.Label != "AB red" {
			t.Errorf("listed %+v: generated columns not computed", r)
		}
	}
}
