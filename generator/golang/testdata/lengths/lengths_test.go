package lengths

// This file is copied next to the generated package by TestCompilesAndVets
// in generator/golang: every statement that writes a value longer than its
// column's length fails on PostgreSQL as an INSERT of it would, and a
// value compared with a column is compared whole.

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/ergen-dev/ergen/generator/golang/golangtest"
)

func ptr[T any](v T) *T { return &v }

// sqlState is the SQLSTATE of err, or "" when it has none.
func sqlState(err error) string {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code
	}
	return ""
}

func TestLengths(t *testing.T) {
	db := New(golangtest.ConnectSchema(t, "ROUNDTRIP_DATABASE_URL_LENGTHS"))
	t.Run("TooLongFails", func(t *testing.T) { tooLongFails(t, db) })
	t.Run("KeysetAfterLongValue", func(t *testing.T) { keysetAfterLongValue(t, db) })
	t.Run("LongKeysFindNothing", func(t *testing.T) { longKeysFindNothing(t, db) })
}

// tooLongFails writes too long a value through each statement: each
// fails, and nothing is written.
func tooLongFails(t *testing.T, db *DB) {
	ctx := context.Background()
	cat := golangtest.Must[Cat](t)(Create(ctx, db, Cats, CreateCatParams{Code: "c1", Label: "ok"}))
	dog := golangtest.Must[Dog](t)(Create(ctx, db, Dogs, struct{}{}))
	long := "abcdefghij"
	oneBit := pgtype.Bits{Bytes: []byte{0x80}, Len: 1, Valid: true}
	for _, tc := range []struct {
		name, state string
		run         func() error
	}{
		{"Create of a defaulted varchar(5)", "22001", func() error {
			_, err := Create(ctx, db, Cats, CreateCatParams{Code: "c2", Nick: &long, Label: "ok"})
			return err
		}},
		{"Create of a domain over varchar(5)", "22001", func() error {
			_, err := Create(ctx, db, Cats, CreateCatParams{Code: "c3", Label: long})
			return err
		}},
		{"Create of a defaulted char(2)", "22001", func() error {
			_, err := Create(ctx, db, Cats, CreateCatParams{Code: "c4", Label: "ok", Grade: &long})
			return err
		}},
		{"Create of a defaulted domain over char(1)", "22001", func() error {
			_, err := Create(ctx, db, Cats, CreateCatParams{Code: "c5", Label: "ok", Initial: &long})
			return err
		}},
		{"Create of one bit into a bit(3)", "22026", func() error {
			_, err := Create(ctx, db, Cats, CreateCatParams{Code: "c6", Label: "ok", Flags: &oneBit})
			return err
		}},
		{"Upsert of a defaulted varchar(5)", "22001", func() error {
			_, err := Upsert(ctx, db, CatByCode, CreateCatParams{Code: "c1", Nick: &long, Label: "ok"})
			return err
		}},
		{"Update of a domain over varchar(5)", "22001", func() error {
			r := cat
			r.Label = "updated"
			return Update(ctx, db, Cats, &r)
		}},
		{"Patch of a domain over varchar(5)", "22001", func() error {
			_, err := Patch(ctx, db, Cats, cat.Code, CatPatch{Label: Set("updated")})
			return err
		}},
		{"Copy of a defaulted varchar(5)", "22001", func() error {
			_, err := Copy(ctx, db, Cats, []CreateCatParams{{Code: "c7", Nick: &long, Label: "ok"}})
			return err
		}},
		{"Link of a defaulted varchar(3)", "22001", func() error {
			_, err := Link(ctx, db, Walks, LinkCatDogParams{CatCode: cat.Code, DogID: dog.ID, Note: ptr("long")})
			return err
		}},
	} {
		if err := tc.run(); sqlState(err) != tc.state {
			t.Errorf("%s: error %v, want SQLSTATE %s", tc.name, err, tc.state)
		}
	}
	if got := golangtest.Must[Cat](t)(Get(ctx, db, CatByCode, cat.Code)); !reflect.DeepEqual(got, cat) {
		t.Errorf("the cat after the failed writes: %+v, want %+v", got, cat)
	}
	if n := len(golangtest.Must[[]Cat](t)(Find(ctx, db, Cats, CatFilter{}, CatsByCode, nil, 10))); n != 1 {
		t.Errorf("%d cats after the failed writes, want 1", n)
	}
	if _, err := GetLink(ctx, db, Walks, WalkKey{CatCode: cat.Code, DogID: dog.ID}); !errors.Is(err, ErrNotFound) {
		t.Errorf("GetLink after the failed Link: %v, want ErrNotFound", err)
	}
}

// keysetAfterLongValue pages after a row whose label is longer than the
// column's: it is compared whole, not cut to its first five letters.
func keysetAfterLongValue(t *testing.T, db *DB) {
	ctx := context.Background()
	cat := golangtest.Must[Cat](t)(Create(ctx, db, Cats, CreateCatParams{Code: "k1", Label: "abcde"}))
	page := golangtest.Must[[]Cat](t)(Find(ctx, db, Cats, CatFilter{}, CatsByLowerLabelDesc, &Cat{Label: "abcdeZ"}, 10))
	if len(page) != 1 || page[0].Code != cat.Code {
		t.Errorf("the page after abcdeZ, descending: %+v, want the cat labelled abcde", page)
	}
}

// longKeysFindNothing loads the children of keys longer than the key
// columns, whose first letters are a parent's key: like ChildrenOf, the
// batches find nothing for them, and the parent's own key finds its
// children.
func longKeysFindNothing(t *testing.T, db *DB) {
	ctx := context.Background()
	kennel := golangtest.Must[Kennel](t)(Create(ctx, db, Kennels, CreateKennelParams{Tag: "abcd"}))
	pup := golangtest.Must[Pup](t)(Create(ctx, db, Pups, CreatePupParams{KennelTag: &kennel.Tag}))
	dog := golangtest.Must[Dog](t)(Create(ctx, db, Dogs, struct{}{}))
	golangtest.Must[bool](t)(Link(ctx, db, Stays, LinkKennelDogParams{KennelTag: kennel.Tag, DogID: dog.ID}))
	shelf := golangtest.Must[Shelf](t)(Create(ctx, db, Shelves, CreateShelfParams{Aisle: "ab", Slot: 1}))
	book := golangtest.Must[Book](t)(Create(ctx, db, Books, CreateBookParams{ShelfAisle: &shelf.Aisle, ShelfSlot: &shelf.Slot}))

	if got := golangtest.Must[[]Pup](t)(ChildrenOf(ctx, db, PupKennel, "abcdXYZ")); len(got) != 0 {
		t.Errorf("ChildrenOf(PupKennel, abcdXYZ) = %+v, want none", got)
	}
	pups := golangtest.Must[[][]Pup](t)(ChildrenOfMany(ctx, db, PupKennel, []string{"abcdXYZ", "abcd"}))
	if len(pups) != 2 || len(pups[0]) != 0 || len(pups[1]) != 1 || pups[1][0].ID != pup.ID {
		t.Errorf("ChildrenOfMany(PupKennel, abcdXYZ, abcd) = %+v, want none, then %+v", pups, pup)
	}
	if n := golangtest.Must[[]int64](t)(CountChildrenOf(ctx, db, PupKennel, []string{"abcdXYZ", "abcd"})); len(n) != 2 || n[0] != 0 || n[1] != 1 {
		t.Errorf("CountChildrenOf(PupKennel, abcdXYZ, abcd) = %v, want [0 1]", n)
	}
	dogs := golangtest.Must[[][]StayDog](t)(LinkedOfMany(ctx, db, DogsOfKennel, []string{"abcdXYZ", "abcd"}))
	if len(dogs) != 2 || len(dogs[0]) != 0 || len(dogs[1]) != 1 || dogs[1][0].Dog != dog {
		t.Errorf("LinkedOfMany(DogsOfKennel, abcdXYZ, abcd) = %+v, want none, then %+v", dogs, dog)
	}

	long, own := ShelfKey{Aisle: "abX", Slot: 1}, ShelfKey{Aisle: "ab", Slot: 1}
	books := golangtest.Must[map[ShelfKey][]Book](t)(ChildrenOfMany(ctx, db, BookShelf, []ShelfKey{long, own}))
	if len(books) != 1 || len(books[own]) != 1 || books[own][0].ID != book.ID {
		t.Errorf("ChildrenOfMany(BookShelf, abX/1, ab/1) = %+v, want %+v under ab/1 alone", books, book)
	}
	if n := golangtest.Must[map[ShelfKey]int64](t)(CountChildrenOf(ctx, db, BookShelf, []ShelfKey{long})); len(n) != 0 {
		t.Errorf("CountChildrenOf(BookShelf, abX/1) = %v, want none", n)
	}
}
