package fktypes

// This file is copied next to the generated package by TestCompilesAndVets
// in generator/golang: FK columns narrower than the keys they reference
// (an int16 and an int64 toward an int64 and an int32 key) are navigated
// both ways and batch loaded against PostgreSQL, and so is a column of a
// domain over integer.

import (
	"context"
	"testing"

	"github.com/ergen-dev/ergen/generator/golang/golangtest"
)

func TestNarrowForeignKeys(t *testing.T) {
	ctx := context.Background()
	db := New(golangtest.ConnectSchema(t, "ROUNDTRIP_DATABASE_URL_FKTYPES"))

	artist := golangtest.Must[Artist](t)(Create(ctx, db, Artists, CreateArtistParams{Name: "Nina"}))
	near := golangtest.Must[Region](t)(Create(ctx, db, Regions, CreateRegionParams{Zone: 3, No: 1}))
	far := golangtest.Must[Region](t)(Create(ctx, db, Regions, CreateRegionParams{Zone: 5_000_000_000, No: 1}))
	zone, no := int16(3), int64(1)
	album := golangtest.Must[Album](t)(Create(ctx, db, Albums, CreateAlbumParams{ArtistID: int32(artist.ID), RegionZone: &zone, RegionNo: &no}))

	if got := golangtest.Must[Artist](t)(ParentOf(ctx, db, AlbumArtist, &album)); got != artist {
		t.Errorf("AlbumArtist = %+v, want %+v", got, artist)
	}
	if got := golangtest.Must[Region](t)(ParentOf(ctx, db, AlbumRegion, &album)); got != near {
		t.Errorf("AlbumRegion = %+v, want %+v", got, near)
	}
	if got := golangtest.Must[[]Album](t)(ChildrenOf(ctx, db, AlbumRegion, RegionKey{Zone: 3, No: 1})); len(got) != 1 || got[0].ID != album.ID {
		t.Errorf("ChildrenOf(AlbumRegion, 3, 1) = %+v", got)
	}
	// The batch passes the regions' own keys, a zone beyond int16
	// included: it finds no album there rather than failing.
	nearKey, farKey := RegionKey{near.Zone, near.No}, RegionKey{far.Zone, far.No}
	byRegion := golangtest.Must[map[RegionKey][]Album](t)(ChildrenOfMany(ctx, db, AlbumRegion, []RegionKey{nearKey, farKey}))
	if len(byRegion) != 1 || len(byRegion[nearKey]) != 1 || byRegion[nearKey][0].ID != album.ID {
		t.Errorf("ChildrenOfMany(AlbumRegion) = %+v, want album %d under %+v", byRegion, album.ID, nearKey)
	}
	// A column of a domain over integer references the integer key.
	review := golangtest.Must[Review](t)(Create(ctx, db, Reviews, CreateReviewParams{AlbumRef: &album.ID}))
	if got := golangtest.Must[Album](t)(ParentOf(ctx, db, ReviewAlbum, &review)); got.ID != album.ID {
		t.Errorf("ReviewAlbum = %+v, want album %d", got, album.ID)
	}
	if got := golangtest.Must[[]Review](t)(ChildrenOf(ctx, db, ReviewAlbum, album.ID)); len(got) != 1 || got[0].ID != review.ID {
		t.Errorf("ChildrenOf(ReviewAlbum) = %+v, want review %d", got, review.ID)
	}
	if err := Delete(ctx, db, Albums, album.ID); err != nil {
		t.Fatal(err)
	}
	if got := golangtest.Must[Review](t)(Get(ctx, db, ReviewByID, review.ID)); got.AlbumRef != nil {
		t.Errorf("the review of a deleted album refers to %d, want NULL (on delete set null)", *got.AlbumRef)
	}
}
