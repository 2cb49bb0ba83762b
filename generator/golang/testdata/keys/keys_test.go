package keys

// This file is copied next to the generated package by TestCompilesAndVets
// in generator/golang: it checks, on PostgreSQL, the M:N helpers of a
// junction keyed by line number (key line), where one pair may be on
// several lines.

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/ergen-dev/ergen/generator/golang/golangtest"
)

func TestLineJunction(t *testing.T) {
	ctx := context.Background()
	db := New(golangtest.ConnectSchema(t, "ROUNDTRIP_DATABASE_URL_KEYS"))
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	_, err := Create(ctx, db, Orders, CreateOrderParams{OrderID: 1})
	must(err)
	for _, n := range []int32{1, 2} {
		_, err = Create(ctx, db, Lines, CreateLineParams{OrderID: 1, LineNo: n, User: "u"})
		must(err)
	}
	g, err := Create(ctx, db, Groups, CreateGroupParams{Name: "g"})
	must(err)
	jan := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	link := func(pos, line int32, since *time.Time) bool {
		t.Helper()
		added, err := Link(ctx, db, Memberships, LinkGroupLineParams{GroupID: g.GroupID, Pos: pos, LineOrderID: 1, LineNo: line, Since: since})
		must(err)
		return added
	}
	// The same pair on two lines: two links.
	if !link(1, 1, &jan) || !link(2, 1, nil) {
		t.Fatal("Link(Memberships) reported no new line")
	}
	// Linking line 1 again writes its new line and keeps its date (nil
	// means "as it is" for a column with a default).
	if link(1, 2, nil) {
		t.Error("re-linking line 1 reported a new line")
	}
	m, err := GetLink(ctx, db, Memberships, MembershipKey{g.GroupID, 1})
	must(err)
	if m.LineNo != 2 || !m.Since.Equal(jan) {
		t.Errorf("line 1 after re-linking = %+v, want line_no 2 since %v", m, jan)
	}
	// Unlink removes one line, not every line of the pair.
	if ok, err := Unlink(ctx, db, Memberships, MembershipKey{g.GroupID, 2}); !ok || err != nil {
		t.Fatalf("Unlink(Memberships, line 2) = %v, %v", ok, err)
	}
	if _, err := GetLink(ctx, db, Memberships, MembershipKey{g.GroupID, 2}); !errors.Is(err, ErrNotFound) {
		t.Errorf("line 2 after unlink: %v, want ErrNotFound", err)
	}
	if _, err := GetLink(ctx, db, Memberships, MembershipKey{g.GroupID, 1}); err != nil {
		t.Errorf("line 1 after unlinking line 2: %v", err)
	}
}
