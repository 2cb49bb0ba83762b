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
	f, diags := dsl.Parse(filename, src)
	if diags.HasErrors() {
		return nil, diags
	}
	return model.Resolve(f)
}
