package postgres_test

import (
	"context"
	"testing"
)

// TestNarrowReference runs testdata/fktypes, whose FK columns are narrower
// than the keys they reference (integer toward bigint, varchar(8) toward
// text, smallint and bigint toward bigint and integer), and checks what
// PostgreSQL then does: keys that fit are referenced and the policies act
// across the types; a key that does not fit can never be referenced, as
// ER109 warns.
func TestNarrowReference(t *testing.T) {
	_, conn := applied(t, "fktypes")
	ctx := context.Background()
	mustExec(t, conn, "INSERT INTO artists (id, name) OVERRIDING SYSTEM VALUE VALUES (7, 'small'), (3000000000, 'large')")
	mustExec(t, conn, "INSERT INTO labels (code) VALUES ('indie'), ('far too long a code')")
	mustExec(t, conn, "INSERT INTO regions (zone, no) VALUES (1, 2)")
	mustExec(t, conn, "INSERT INTO albums (id, artist_id, label, region_zone, region_no) VALUES (101, 7, 'indie', 1, 2), (102, 7, NULL, NULL, NULL)")

	wantRefused(t, conn, "INSERT INTO albums (artist_id) VALUES (3000000000)", "22003", "")                      // integer out of range
	wantRefused(t, conn, "INSERT INTO albums (artist_id, label) VALUES (7, 'far too long a code')", "22001", "") // too long for varchar(8)
	wantRefused(t, conn, "INSERT INTO albums (artist_id) VALUES (8)", "23503", "fk_albums_artist")               // no such artist

	// The policies act across the types: SET NULL on the label and the
	// composite region, CASCADE from the bigint artist.
	mustExec(t, conn, "DELETE FROM labels WHERE code = 'indie'")
	mustExec(t, conn, "DELETE FROM regions WHERE zone = 1")
	var zone, no *int64
	var labelText *string
	if err := conn.QueryRow(ctx, "SELECT label, region_zone, region_no FROM albums WHERE id = 101").Scan(&labelText, &zone, &no); err != nil {
		t.Fatal(err)
	}
	if labelText != nil || zone != nil || no != nil {
		t.Errorf("after deleting the label and the region, album 101 has label %v, region (%v, %v); want all NULL", labelText, zone, no)
	}
	mustExec(t, conn, "DELETE FROM artists WHERE id = 7")
	var n int
	if err := conn.QueryRow(ctx, "SELECT count(*) FROM albums").Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("%d albums left after deleting their artist; ON DELETE CASCADE should delete them all", n)
	}
}
