package postgres_test

import (
	"context"
	"testing"
)

// TestArc runs testdata/arc: a comment must reference exactly one of a
// post, a photo or a video (zero or two break the arc's CHECK), a tag at
// most one; each parent's delete follows its own policy.
func TestArc(t *testing.T) {
	_, conn := applied(t, "arc")
	ctx := context.Background()
	mustExec(t, conn, "INSERT INTO posts (id) VALUES (1), (2)")
	mustExec(t, conn, "INSERT INTO photos (id) VALUES (1)")
	mustExec(t, conn, "INSERT INTO videos (id) VALUES (1)")
	mustExec(t, conn, "INSERT INTO comments (id, post_id, photo_id, video_id, body) VALUES (1, 1, NULL, NULL, 'a'), (2, NULL, 1, NULL, 'b'), (3, NULL, NULL, 1, 'c')")
	mustExec(t, conn, "INSERT INTO tags (id, post_id, video_id, name) VALUES (1, NULL, NULL, 'loose'), (2, 1, NULL, 'on a post'), (3, NULL, 1, 'on a video')")

	wantRefused(t, conn, "INSERT INTO comments (body) VALUES ('no parent')", "23514", "ck_comments_post_photo_video_arc")
	wantRefused(t, conn, "INSERT INTO comments (post_id, photo_id, body) VALUES (2, 1, 'two parents')", "23514", "ck_comments_post_photo_video_arc")
	wantRefused(t, conn, "INSERT INTO tags (post_id, video_id, name) VALUES (2, 1, 'two parents')", "23514", "ck_tags_post_video_arc")

	// Each parent's own policy: the photo is kept by RESTRICT, the post
	// and the video take their comments along, and their tags lose them.
	_, err := conn.Exec(ctx, "DELETE FROM photos WHERE id = 1")
	wantFKError(t, err, "fk_comments_photo")
	mustExec(t, conn, "DELETE FROM posts WHERE id = 1")
	mustExec(t, conn, "DELETE FROM videos WHERE id = 1")
	var comments, loose int
	if err := conn.QueryRow(ctx, "SELECT (SELECT count(*) FROM comments), (SELECT count(*) FROM tags WHERE num_nonnulls(post_id, video_id) = 0)").Scan(&comments, &loose); err != nil {
		t.Fatal(err)
	}
	if comments != 1 || loose != 3 {
		t.Errorf("after deleting the post and the video: %d comments, %d tags without a parent; want 1 (the photo's) and 3", comments, loose)
	}
}
