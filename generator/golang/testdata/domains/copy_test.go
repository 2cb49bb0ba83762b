package domains

// This file is copied next to the generated package by TestCompilesAndVets
// in generator/golang, with roundtrip_test.go, whose TestRoundTrip runs it.

import (
	"context"
	"net/netip"
	"testing"

	"github.com/jackc/pgx/v5/pgtype"
)

// testNullDefaults: a field of a NOT NULL column with a default that
// points to a NULL (a pgtype.Numeric not Valid) takes the default in
// Create and in Copy alike, where COPY would otherwise have sent NULL;
// the field of a nullable column with a default is an Opt, unset for the
// default and Set(nil) for NULL, in Create and Copy alike.
func testNullDefaults(t *testing.T, db *DB) {
	ctx := context.Background()
	var five pgtype.Numeric
	if err := five.Scan("5.00"); err != nil {
		t.Fatal(err)
	}
	null := Set[*pgtype.Numeric](nil)
	rows := []CreateTicketParams{{Price: &pgtype.Numeric{}}, {Price: &five, Fee: null}, {Price: &pgtype.Numeric{}, Fee: Set(&five)}}
	want := [][2]string{{"0", "0"}, {"5.00", "NULL"}, {"0", "5.00"}}
	check := func(how string, i int, r Ticket) {
		fee := "NULL"
		if r.Fee != nil {
			fee = priceText(*r.Fee)
		}
		if priceText(r.Price) != want[i][0] || fee != want[i][1] {
			t.Errorf("%s row %d = price %s, fee %s; want %s, %s", how, i, priceText(r.Price), fee, want[i][0], want[i][1])
		}
	}
	var first int32
	for i, p := range rows {
		r, err := Create(ctx, db, Tickets, p)
		if err != nil {
			t.Fatalf("Create(Tickets, %+v): %v", p, err)
		}
		if i == 0 {
			first = r.ID
		}
		check("created", i, r)
	}
	if n, err := Copy(ctx, db, Tickets, rows); err != nil || n != 3 {
		t.Fatalf("Copy(Tickets) of invalid numerics = %d, %v", n, err)
	}
	copied, err := Find(ctx, db, Tickets, TicketFilter{ID: Gt(first + 2)}, TicketsByID, nil, 10)
	if err != nil || len(copied) != 3 {
		t.Fatalf("Find(Tickets) after Copy = %+v, %v", copied, err)
	}
	for i, r := range copied {
		check("copied", i, r)
	}

	var zero netip.Prefix
	host, err := Create(ctx, db, Hosts, CreateHostParams{Addr: &zero})
	if err != nil || host.Addr.String() != "10.0.0.1/32" {
		t.Errorf("Create(Hosts) of an invalid netip.Prefix = %+v, %v; want the default", host, err)
	}
	if n, err := Copy(ctx, db, Hosts, []CreateHostParams{{Addr: &zero}}); err != nil || n != 1 {
		t.Fatalf("Copy(Hosts) of an invalid netip.Prefix = %d, %v; want the default", n, err)
	}
	hosts, err := Find(ctx, db, Hosts, HostFilter{ID: Gt(host.ID)}, HostsByID, nil, 10)
	if err != nil || len(hosts) != 1 || hosts[0].Addr.String() != "10.0.0.1/32" {
		t.Errorf("Find(Hosts) after Copy = %+v, %v; want the default", hosts, err)
	}
}
