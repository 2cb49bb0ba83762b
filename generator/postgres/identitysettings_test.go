package postgres_test

import (
	"context"
	"fmt"
	"testing"
)

// TestIdentitySettings runs testdata/identitysettings: each identity
// column's sequence hands out numbers as its settings say (from 1000 by
// 10, down from 100, round 1 to 3 again, and 1, 2, 3 for the one with the
// defaults), and pg_sequence holds every setting written, with the
// column's type.
func TestIdentitySettings(t *testing.T) {
	conn := appliedTestdata(t, "identitysettings")
	ctx := context.Background()
	var got []string
	for range 4 {
		var id, left, round, n int64
		if err := conn.QueryRow(ctx, "INSERT INTO shop.tickets DEFAULT VALUES RETURNING id, left_, round, n").Scan(&id, &left, &round, &n); err != nil {
			t.Fatal(describe(err))
		}
		got = append(got, fmt.Sprint(id, left, round, n))
	}
	want := []string{"1000 100 1 1", "1010 99 2 2", "1020 98 3 3", "1030 97 1 4"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("numbers handed out (id, left_, round, n) = %q, want %q", got, want)
	}
	rows, err := conn.Query(ctx, `SELECT a.attname || ' ' || format_type(s.seqtypid, NULL) || ' ' || s.seqstart || ' ' || s.seqincrement
	    || ' ' || s.seqmin || ' ' || s.seqmax || ' ' || s.seqcache || ' ' || s.seqcycle
	  FROM pg_attribute a JOIN pg_sequence s ON s.seqrelid = pg_get_serial_sequence('shop.tickets', a.attname)::regclass
	  WHERE a.attrelid = 'shop.tickets'::regclass AND a.attnum > 0 ORDER BY a.attnum`)
	if err != nil {
		t.Fatal(err)
	}
	var seqs []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		seqs = append(seqs, s)
	}
	wantSeqs := []string{
		"id bigint 1000 10 1 9223372036854775807 20 false",
		"left_ integer 100 -1 -2147483648 100 1 false",
		"round smallint 1 1 1 3 1 true",
		"n integer 1 1 1 2147483647 1 false",
	}
	if fmt.Sprint(seqs) != fmt.Sprint(wantSeqs) {
		t.Errorf("pg_sequence = %q, want %q", seqs, wantSeqs)
	}
}
