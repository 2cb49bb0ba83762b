package arc

// This file is copied next to the generated package by TestCompilesAndVets
// in generator/golang: the rows of an exclusive arc say which parent they
// reference, and a row with two parents comes back as the arc's CheckError.

import (
	"context"
	"errors"
	"testing"

	"github.com/ergen-dev/ergen/generator/golang/golangtest"
)

func TestArcParent(t *testing.T) {
	ctx := context.Background()
	db := New(golangtest.ConnectSchema(t, "ROUNDTRIP_DATABASE_URL_ARC"))

	post := golangtest.Must[Post](t)(Create(ctx, db, Posts, struct{}{}))
	video := golangtest.Must[Video](t)(Create(ctx, db, Videos, struct{}{}))
	onPost := golangtest.Must[Comment](t)(Create(ctx, db, Comments, CreateCommentParams{PostID: &post.ID, Body: "nice"}))
	onVideo := golangtest.Must[Comment](t)(Create(ctx, db, Comments, CreateCommentParams{VideoID: &video.ID, Body: "long"}))
	loose := golangtest.Must[Tag](t)(Create(ctx, db, Tags, CreateTagParams{Name: "loose"}))
	if CommentParent(onPost) != "Post" || CommentParent(onVideo) != "Video" || TagPostOrVideoParent(loose) != "" {
		t.Errorf("parents = %q, %q, %q; want Post, Video and none", CommentParent(onPost), CommentParent(onVideo), TagPostOrVideoParent(loose))
	}
	// A tag is on one parent in each of its two arcs, and each arc's
	// function answers for its own.
	both := golangtest.Must[Tag](t)(Create(ctx, db, Tags, CreateTagParams{Name: "both", VideoID: &video.ID, CommentID: &onPost.ID}))
	if TagPostOrVideoParent(both) != "Video" || TagPhotoOrCommentParent(both) != "Comment" || TagPhotoOrCommentParent(loose) != "" {
		t.Errorf("tag parents = %q, %q, %q; want Video, Comment and none", TagPostOrVideoParent(both), TagPhotoOrCommentParent(both), TagPhotoOrCommentParent(loose))
	}
	if got := golangtest.Must[Post](t)(ParentOf(ctx, db, CommentPost, &onPost)); got != post {
		t.Errorf("CommentPost = %+v, want %+v", got, post)
	}

	_, err := Create(ctx, db, Comments, CreateCommentParams{PostID: &post.ID, VideoID: &video.ID, Body: "both"})
	var ce *CheckError
	if !errors.As(err, &ce) || ce.Constraint != "ck_comments_post_photo_video_arc" {
		t.Errorf("a comment on a post and a video: %v; want the arc's CheckError", err)
	}
}
