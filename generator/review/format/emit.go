package format

import (
	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator/model"
)

// Options are fmt's inputs: the files to format.
type Options struct {
	// Files are .er sources by name; each is formatted on its own.
	Files []model.File
}

// Emit formats each of opts.Files as Source does, into a file of the same
// name: the entry every output of ergen has. It reads no schema (pass
// nil): fmt works on the text, keeping its comments, and never builds a
// model. The error carries the syntax errors of every file that does not
// parse, as dsl.Diagnostics.
func Emit(_ *model.Schema, opts Options) ([]model.File, error) {
	out := make([]model.File, 0, len(opts.Files))
	var diags dsl.Diagnostics
	for _, f := range opts.Files {
		b, ds := Source(f.Name, f.Data)
		diags = append(diags, ds...)
		out = append(out, model.File{Name: f.Name, Data: b})
	}
	if diags.HasErrors() {
		return nil, diags
	}
	return out, nil
}
