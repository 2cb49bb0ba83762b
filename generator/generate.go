// Package generator runs ergen's pipeline: parse (dsl), resolve and check
// (model), then the emitters in generator/postgres and generator/golang.
package generator

import (
	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator/model"
)

// Load parses and resolves one .er file. It returns every diagnostic of
// the file; the schema is nil when the file does not parse, and must not
// be emitted when the diagnostics hold an error.
func Load(filename string, src []byte) (*model.Schema, dsl.Diagnostics) {
	return LoadFiles(Source{filename, src})
}

// Source is one .er file of a model: its name, for positions, and its
// content.
type Source struct {
	Name string
	Src  []byte
}

// LoadFiles parses several .er files and resolves them as one model, in
// which a declaration of one file may refer to those of the others. The
// syntax errors of every file are returned at once; the schema is nil when
// any file does not parse, since names it would have declared are missing.
func LoadFiles(files ...Source) (*model.Schema, dsl.Diagnostics) {
	f, diags := Parse(files...)
	if diags.HasErrors() {
		return nil, diags
	}
	return model.Resolve(f)
}

// Parse parses several .er files into one, as dsl.Join does, with the
// syntax errors of all of them.
func Parse(files ...Source) (*dsl.File, dsl.Diagnostics) {
	parts := make([]*dsl.File, 0, len(files))
	var diags dsl.Diagnostics
	for _, src := range files {
		f, ds := dsl.Parse(src.Name, src.Src)
		parts, diags = append(parts, f), append(diags, ds...)
	}
	return dsl.Join(parts...), diags
}
