package tenants

// This file is copied next to the generated package by TestCompilesAndVets
// in generator/golang: a post's keys to its board and its author share its
// tenant_id, one field of the row; both refs follow their composite keys,
// the database refuses a reference to another tenant's row, deleting an
// author clears only author_id and deleting a board deletes its posts.

import (
	"context"
	"errors"
	"testing"

	"github.com/ergen-dev/ergen/generator/golang/golangtest"
)

func TestSharedTenantID(t *testing.T) {
	ctx := context.Background()
	db := New(golangtest.ConnectSchema(t, "ROUNDTRIP_DATABASE_URL_TENANTS"))
	for _, id := range []int64{1, 2} {
		golangtest.Must[Tenant](t)(Create(ctx, db, Tenants, CreateTenantParams{ID: id, Name: "t"}))
	}
	board := golangtest.Must[Board](t)(Create(ctx, db, Boards, CreateBoardParams{TenantID: 1, ID: 10, Title: "news"}))
	ann := golangtest.Must[User](t)(Create(ctx, db, Users, CreateUserParams{TenantID: 1, ID: 20, Name: "ann"}))
	golangtest.Must[User](t)(Create(ctx, db, Users, CreateUserParams{TenantID: 2, ID: 21, Name: "bob"}))
	author := ann.ID
	post := golangtest.Must[Post](t)(Create(ctx, db, Posts, CreatePostParams{TenantID: 1, ID: 1, BoardID: 10, AuthorID: &author, Body: "hi"}))

	if got := golangtest.Must[Board](t)(ParentOf(ctx, db, PostBoard, &post)); got != board {
		t.Errorf("ParentOf(PostBoard) = %+v, want %+v", got, board)
	}
	if got := golangtest.Must[User](t)(ParentOf(ctx, db, PostAuthor, &post)); got != ann {
		t.Errorf("ParentOf(PostAuthor) = %+v, want %+v", got, ann)
	}
	if got := golangtest.Must[[]Post](t)(ChildrenOf(ctx, db, PostBoard, BoardKey{TenantID: 1, ID: 10})); len(got) != 1 || got[0].ID != 1 {
		t.Errorf("ChildrenOf(PostBoard) = %+v", got)
	}
	if got := golangtest.Must[[]Post](t)(ChildrenOf(ctx, db, PostAuthor, UserKey{TenantID: 1, ID: 20})); len(got) != 1 || got[0].ID != 1 {
		t.Errorf("ChildrenOf(PostAuthor) = %+v", got)
	}
	// The same ids under the other tenant are other rows.
	if got := golangtest.Must[[]Post](t)(ChildrenOf(ctx, db, PostAuthor, UserKey{TenantID: 2, ID: 20})); len(got) != 0 {
		t.Errorf("ChildrenOf(PostAuthor) of tenant 2 = %+v, want none", got)
	}

	// Bob is tenant 2's: a post of tenant 1 cannot name him.
	bob := int64(21)
	_, err := Create(ctx, db, Posts, CreatePostParams{TenantID: 1, ID: 2, BoardID: 10, AuthorID: &bob})
	var fe *ForeignKeyError
	if !errors.As(err, &fe) || fe.Constraint != "fk_posts_author" {
		t.Errorf("a post of tenant 1 by tenant 2's user: %v, want fk_posts_author's ForeignKeyError", err)
	} else if fe.OnDelete != "SET NULL (author_id)" {
		t.Errorf("fk_posts_author's ON DELETE: %q, want the columns it sets too", fe.OnDelete)
	}
	// Nor a board of tenant 2.
	_, err = Create(ctx, db, Posts, CreatePostParams{TenantID: 2, ID: 2, BoardID: 10})
	if !errors.As(err, &fe) || fe.Constraint != "fk_posts_board" {
		t.Errorf("a post of tenant 2 on tenant 1's board: %v, want fk_posts_board's ForeignKeyError", err)
	}

	// Deleting the author clears author_id and keeps tenant_id.
	if err := Delete(ctx, db, Users, UserKey{TenantID: 1, ID: 20}); err != nil {
		t.Fatal(err)
	}
	kept := golangtest.Must[Post](t)(Get(ctx, db, PostByTenantIDAndID, PostKey{TenantID: 1, ID: 1}))
	if kept.AuthorID != nil || kept.TenantID != 1 || kept.BoardID != 10 {
		t.Errorf("the post after its author's delete = %+v, want author_id NULL only", kept)
	}
	if _, err := ParentOf(ctx, db, PostAuthor, &kept); !errors.Is(err, ErrNotFound) {
		t.Errorf("ParentOf(PostAuthor) without an author: %v, want ErrNotFound", err)
	}
	// Deleting the board deletes its posts.
	if err := Delete(ctx, db, Boards, BoardKey{TenantID: 1, ID: 10}); err != nil {
		t.Fatal(err)
	}
	if _, err := Get(ctx, db, PostByTenantIDAndID, PostKey{TenantID: 1, ID: 1}); !errors.Is(err, ErrNotFound) {
		t.Errorf("the post after its board's delete: %v, want ErrNotFound", err)
	}
}
