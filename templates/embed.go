// Package templates holds the text templates ergen renders output from.
// They are layout only: the emitters decide every name, quote and clause in
// Go and hand the templates finished lines.
package templates

import "embed"

// FS holds every template, by file name.
//
//go:embed *.tmpl
var FS embed.FS
