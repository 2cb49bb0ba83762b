package domains

// This file is copied next to the generated package by TestCompilesAndVets
// in generator/golang, with roundtrip_test.go, whose TestRoundTrip runs it.

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5/pgtype"
)

// testNullDefaults: a field of a column with a default that points to a
// NULL (a pgtype.Numeric not Valid) takes the default in Create and in
// Copy alike, for a NOT NULL column and a nullable one, where COPY would
// otherwise have sent NULL; a valid value is written as given.
func testNullDefaults(t *testing.T, db *DB) {
	ctx := context.Background()
	var five pgtype.Numeric
	if err := five.Scan("5.00"); err != nil {
		t.Fatal(err)
	}
	null := CreateTicketParams{Price: &pgtype.Numeric{}, Fee: &pgtype.Numeric{}}
	created, err := Create(ctx, db, Tickets, null)
	if err != nil || priceText(created.Price) != "0" || created.Fee == nil || priceText(*created.Fee) != "0" {
		t.Fatalf("Create(Tickets) of invalid numerics = %+v, %v; want the defaults, 0 and 0", created, err)
	}
	rows := []CreateTicketParams{null, {Price: &five, Fee: &pgtype.Numeric{}}, {Price: &pgtype.Numeric{}, Fee: &five}}
	if n, err := Copy(ctx, db, Tickets, rows); err != nil || n != 3 {
		t.Fatalf("Copy(Tickets) of invalid numerics = %d, %v", n, err)
	}
	copied, err := Find(ctx, db, Tickets, TicketFilter{ID: Gt(created.ID)}, TicketsByID, nil, 10)
	if err != nil || len(copied) != 3 {
		t.Fatalf("Find(Tickets) after Copy = %+v, %v", copied, err)
	}
	for i, want := range [][2]string{{"0", "0"}, {"5.00", "0"}, {"0", "5.00"}} {
		r := copied[i]
		if priceText(r.Price) != want[0] || r.Fee == nil || priceText(*r.Fee) != want[1] {
			t.Errorf("copied row %d = price %s, fee %v; want %s, %s as Create stores them", i, priceText(r.Price), r.Fee, want[0], want[1])
		}
	}
}
