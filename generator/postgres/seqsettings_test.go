package postgres_test

import (
	"context"
	"fmt"
	"testing"
)

// TestSequenceSettings runs testdata/seqsettings: each sequence hands out
// numbers as its settings say: from 1000 by 10, down from 100, round 1 to
// 3 again, and 1, 2, 3 for the one with the defaults.
func TestSequenceSettings(t *testing.T) {
	conn := appliedTestdata(t, "seqsettings")
	ctx := context.Background()
	var got []string
	for range 4 {
		var id, left, ticket, n int64
		if err := conn.QueryRow(ctx, "INSERT INTO shop.orders DEFAULT VALUES RETURNING id, left_, ticket, n").Scan(&id, &left, &ticket, &n); err != nil {
			t.Fatal(describe(err))
		}
		got = append(got, fmt.Sprint(id, left, ticket, n))
	}
	want := []string{"1000 100 1 1", "1010 99 2 2", "1020 98 3 3", "1030 97 1 4"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("numbers handed out (id, left_, ticket, n) = %q, want %q", got, want)
	}
}
