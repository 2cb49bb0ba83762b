package generator_test

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/ergen-dev/ergen/generator"
	"github.com/ergen-dev/ergen/generator/golang"
	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/generator/postgres"
	"github.com/ergen-dev/ergen/generator/review/diagram"
	"github.com/ergen-dev/ergen/generator/review/doc"
	"github.com/ergen-dev/ergen/generator/review/explain"
	"github.com/ergen-dev/ergen/internal/testkit"
)

// TestGenerate checks that each output reaches its emitter with its own
// options: the files Generate returns are those the emitter's own
// renderer writes, under the documented names.
func TestGenerate(t *testing.T) {
	s := testkit.Load(t, testkit.Path(t, testkit.ShopflowModel))
	src := testkit.Read(t, testkit.ShopflowModel)[0]
	one := func(b []byte, err error) []byte {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	user := explain.FindTable(s, "User")
	goFiles, err := golang.Emit(s, golang.Options{Package: "shopdb", Source: "shop.er"})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		req  generator.Request
		want []model.File
	}{
		{generator.Request{Output: generator.SQL, SQL: postgres.Options{Source: "shop.er"}},
			[]model.File{{Name: "schema.sql", Data: one(postgres.DDL(s, "shop.er"))}}},
		{generator.Request{Output: generator.Go, Go: golang.Options{Package: "shopdb", Source: "shop.er"}}, goFiles},
		{generator.Request{Output: generator.Explain, Explain: explain.Options{Entity: "User", Update: true}},
			[]model.File{{Name: "explain.txt", Data: explain.Render(user.UpdateEffects(), "")}}},
		{generator.Request{Output: generator.Diagram, Diagram: diagram.Options{Source: "shop.er"}},
			[]model.File{{Name: "diagram.mmd", Data: one(diagram.Render(s, diagram.Mermaid, "shop.er"))}}},
		{generator.Request{Output: generator.Diagram, Diagram: diagram.Options{Format: diagram.DOT}},
			[]model.File{{Name: "diagram.dot", Data: one(diagram.Render(s, diagram.DOT, ""))}}},
		{generator.Request{Output: generator.Doc, Doc: doc.Options{Source: "shop.er", Src: src}},
			[]model.File{{Name: "review.md", Data: one(doc.Render(s, doc.Markdown, doc.Options{Source: "shop.er", Src: src}))}}},
	} {
		c.req.Schema = s
		res, err := generator.Generate(context.Background(), c.req)
		if err != nil {
			t.Fatalf("%s: %v", c.req.Output, err)
		}
		got := res.Files
		if len(got) != len(c.want) || len(got) == 0 {
			t.Fatalf("%s: %d file(s), want %d", c.req.Output, len(got), len(c.want))
		}
		for i := range got {
			if got[i].Name != c.want[i].Name || !bytes.Equal(got[i].Data, c.want[i].Data) || len(got[i].Data) == 0 {
				t.Errorf("%s: file %d is %s (%d bytes), want %s (%d bytes)", c.req.Output, i, got[i].Name, len(got[i].Data), c.want[i].Name, len(c.want[i].Data))
			}
		}
	}

	_, err = generator.Generate(context.Background(), generator.Request{Output: generator.Explain, Schema: s, Explain: explain.Options{Entity: "Usr"}})
	var unknown *explain.UnknownEntityError
	if !errors.As(err, &unknown) || unknown.Suggestion != "User" {
		t.Errorf("explain of an unknown entity: %v, want an UnknownEntityError suggesting User", err)
	}
	if _, err := generator.Generate(context.Background(), generator.Request{Output: "pdf", Schema: s}); err == nil {
		t.Error("an unknown output generated something")
	}
	if _, err := generator.Generate(context.Background(), generator.Request{Output: generator.SQL}); err == nil {
		t.Error("sql without a model generated something")
	}
}
