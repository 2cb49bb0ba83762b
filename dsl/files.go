package dsl

import (
	"fmt"
	"strings"

	"github.com/alecthomas/participle/v2/lexer"
)

// A model may be split over several files, by domain: each file is parsed
// on its own (its positions name it), and Join makes one File of them for
// the resolver, which then sees one list of declarations and may resolve a
// relationship in one file to an entity in another.

// Join returns one File holding the declarations of files, in the order
// given. Its Name lists the files' names; Text reads each position from the
// file it names. One file is returned as it is.
func Join(files ...*File) *File {
	if len(files) == 1 {
		return files[0]
	}
	j := &File{Parts: files}
	names := make([]string, 0, len(files))
	for _, f := range files {
		names = append(names, f.Name)
		j.Decls = append(j.Decls, f.Decls...)
	}
	j.Name = strings.Join(names, ", ")
	return j
}

// source returns the content of the file a position is in: f's own, or
// that of the part Join took it from.
func (f *File) source(p lexer.Position) []byte {
	for _, part := range f.Parts {
		if part.Name == p.Filename {
			return part.Source
		}
	}
	return f.Source
}

// Reparse parses f's sources again, file by file, for a caller that needs
// an AST of its own to change. f must have parsed without errors.
func Reparse(f *File) (*File, Diagnostics) {
	if len(f.Parts) == 0 {
		return Parse(f.Name, f.Source)
	}
	var parts []*File
	var diags Diagnostics
	for _, p := range f.Parts {
		again, ds := Parse(p.Name, p.Source)
		parts, diags = append(parts, again), append(diags, ds...)
	}
	return Join(parts...), diags
}

// Where names a declaration's position for a message about another one:
// line:col when both are in the same file, file:line:col when they are
// not, so that a duplicate across files names both places.
func Where(p, from Pos) string {
	if p.File == from.File {
		return fmt.Sprintf("%d:%d", p.Line, p.Column)
	}
	return p.String()
}
