package postgres_test

import (
	"context"
	"testing"
)

// TestSetColumns runs testdata/setcolumns and deletes referenced rows: ON
// DELETE SET NULL (author_id) clears the author and keeps the tenant, ON
// DELETE SET DEFAULT (reviewer_id) gives the reviewer its default and
// keeps the reviewer's tenant, as PostgreSQL 15 does with a column list.
func TestSetColumns(t *testing.T) {
	_, conn := applied(t, "setcolumns")
	ctx := context.Background()
	mustExec(t, conn, "INSERT INTO users (tenant_id, user_id) VALUES (1, 0), (1, 7), (1, 8), (2, 0)")
	mustExec(t, conn, "INSERT INTO posts (id, tenant_id, author_id, reviewer_tn, reviewer_id) VALUES (1, 1, 7, 1, 8), (2, 1, 8, 2, 0)")

	mustExec(t, conn, "DELETE FROM users WHERE tenant_id = 1 AND user_id = 7")
	mustExec(t, conn, "DELETE FROM users WHERE tenant_id = 1 AND user_id = 8")
	type post struct {
		tenant, reviewerTn, reviewer int32
		author                       *int32
	}
	var got [2]post
	rows, err := conn.Query(ctx, "SELECT tenant_id, author_id, reviewer_tn, reviewer_id FROM posts ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; rows.Next(); i++ {
		if err := rows.Scan(&got[i].tenant, &got[i].author, &got[i].reviewerTn, &got[i].reviewer); err != nil {
			t.Fatal(err)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	// Post 1 lost its author (NULL) and its reviewer (the default 0, in
	// the same tenant); post 2 lost its author and kept its reviewer.
	if p := got[0]; p.tenant != 1 || p.author != nil || p.reviewerTn != 1 || p.reviewer != 0 {
		t.Errorf("post 1 after the deletes: tenant %d, author %v, reviewer (%d, %d); want 1, NULL, (1, 0)", p.tenant, p.author, p.reviewerTn, p.reviewer)
	}
	if p := got[1]; p.tenant != 1 || p.author != nil || p.reviewerTn != 2 || p.reviewer != 0 {
		t.Errorf("post 2 after the deletes: tenant %d, author %v, reviewer (%d, %d); want 1, NULL, (2, 0)", p.tenant, p.author, p.reviewerTn, p.reviewer)
	}
}
