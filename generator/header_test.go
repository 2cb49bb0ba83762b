package generator_test

import (
	"bytes"
	"testing"

	"github.com/ergen-dev/ergen/generator"
	"github.com/ergen-dev/ergen/generator/golang"
	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/generator/postgres"
	"github.com/ergen-dev/ergen/generator/review/diagram"
	"github.com/ergen-dev/ergen/generator/review/doc"
	"github.com/ergen-dev/ergen/internal/output"
	"github.com/ergen-dev/ergen/internal/testkit"
)

// TestOutputsOpenWithTheHeader: every file of every output of one model
// opens with model.GeneratedHeader in its comment syntax, which
// internal/output recognises as ergen's, so that ergen replaces its own
// files and no other.
func TestOutputsOpenWithTheHeader(t *testing.T) {
	s := testkit.MustResolve(t, "t.er", []byte("entity User { id bigint pk }\nentity Post { id bigint pk }\nrelationship User 1:N Post\n"))
	const source = "shop -->*/.er"
	header := []byte(model.GeneratedHeader(source))
	for _, req := range []generator.Request{
		{Output: generator.SQL, SQL: postgres.Options{Source: source}},
		{Output: generator.Go, Go: golang.Options{Package: "shop", Source: model.SourceLabel(source)}},
		{Output: generator.Diagram, Diagram: diagram.Options{Source: source}},
		{Output: generator.Diagram, Diagram: diagram.Options{Source: source, Format: diagram.DOT}},
		{Output: generator.Doc, Doc: doc.Options{Source: source}},
		{Output: generator.Doc, Doc: doc.Options{Source: source, Format: doc.HTML}},
	} {
		req.Schema = s
		res, err := generator.Generate(bg, req)
		if err != nil {
			t.Fatalf("%s: %v", req.Output, err)
		}
		if len(res.Files) == 0 {
			t.Fatalf("%s: no file", req.Output)
		}
		for _, f := range res.Files {
			line, _, _ := bytes.Cut(f.Data, []byte("\n"))
			if !bytes.Contains(line, header) || !output.IsGenerated(f.Data) {
				t.Errorf("%s %s opens with %q, want %q in a line ergen recognises", req.Output, f.Name, line, header)
			}
		}
	}
}
