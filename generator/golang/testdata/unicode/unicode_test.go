package unicode

// This file is copied next to the generated package by TestCompilesAndVets
// in generator/golang: it runs the package made from names beyond ASCII
// (Éclair, Ölçü, 订单) on PostgreSQL, through every kind of statement
// value: a Table, a Key, a Ref, a Junction and a Through.

import (
	"context"
	"testing"

	"github.com/ergen-dev/ergen/generator/golang/golangtest"
)

func TestNamesBeyondASCII(t *testing.T) {
	ctx := context.Background()
	db := New(golangtest.ConnectSchema(t, "ROUNDTRIP_DATABASE_URL_UNICODE"))
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}

	é, err := Create(ctx, db, Éclairs, CreateÉclairParams{Nom: "café"})
	must(err)
	if !é.Crème {
		t.Errorf("Crème = false, want its default, true")
	}
	got, err := Get(ctx, db, ÉclairByNom, "café")
	must(err)
	if got != é {
		t.Errorf("Get(ÉclairByNom) = %+v, want %+v", got, é)
	}

	ö, err := Create(ctx, db, ÖlçüTable, CreateÖlçüParams{ÉclairID: &é.ID, Değer: 3})
	must(err)
	parent, err := ParentOf(ctx, db, ÖlçüÉclair, &ö)
	must(err)
	kids, err := ChildrenOf(ctx, db, ÖlçüÉclair, é.ID)
	must(err)
	if parent != é || len(kids) != 1 || kids[0].Değer != 3 {
		t.Errorf("ParentOf = %+v, ChildrenOf = %+v", parent, kids)
	}

	o, err := Create(ctx, db, X订单Table, CreateX订单Params{X名称: "第一"})
	must(err)
	added, err := Link(ctx, db, X订单Éclairs, LinkX订单ÉclairParams{X订单ID: o.ID, ÉclairID: é.ID})
	must(err)
	linked, err := Linked(ctx, db, ÉclairsOfX订单, o.ID)
	must(err)
	if !added || len(linked) != 1 || linked[0].Éclair != é || linked[0].X订单Éclair.X数量 != 1 {
		t.Errorf("Link = %v, Linked = %+v", added, linked)
	}
	orders, err := Linked(ctx, db, X订单OfÉclair, é.ID)
	must(err)
	if len(orders) != 1 || orders[0].X订单.X名称 != "第一" {
		t.Errorf("Linked(X订单OfÉclair) = %+v", orders)
	}

	// Unlinked, the éclair can go; its ölçü stays, with no éclair (ON
	// DELETE SET NULL).
	_, err = Unlink(ctx, db, X订单Éclairs, X订单ÉclairKey{X订单ID: o.ID, ÉclairID: é.ID})
	must(err)
	must(Delete(ctx, db, Éclairs, é.ID))
	ö, err = Get(ctx, db, ÖlçüByIDKey, ö.ID)
	must(err)
	if ö.ÉclairID != nil {
		t.Errorf("after the éclair's delete, ÉclairID = %v, want nil", *ö.ÉclairID)
	}
}
