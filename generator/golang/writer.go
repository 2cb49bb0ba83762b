package golang

import (
	"bytes"
	"fmt"
	"go/format"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/dave/jennifer/jen"
	"github.com/ergen-dev/ergen/generator/model"
)

// file is a generated Go file being built with jennifer: every piece of
// Go that depends on the schema is a jen tree, printed by jen without
// formatting and laid out by layout (see render).
type file struct {
	g       *gen
	jf      *jen.File
	imports map[string]bool // import paths the body uses, see importPaths
	lit     litText         // the literal being written (see literal)
}

func (g *gen) newFile() *file {
	jf := jen.NewFilePathName("", g.opts.Package)
	jf.HeaderComment(lineComment(model.GeneratedHeader(g.opts.Source)))
	jf.ImportNames(map[string]string{
		"context":       "context",
		"time":          "time",
		"encoding/json": "json",
		"net/netip":     "netip",
		pgxPath:         "pgx",
		pgconnPath:      "pgconn",
		pgtypePath:      "pgtype",
	})
	return &file{g: g, jf: jf, imports: map[string]bool{}}
}

// qual is a name from another package, noted as imported.
func (f *file) qual(path, name string) *jen.Statement {
	f.imports[path] = true
	return jen.Qual(path, name)
}

// doc writes a comment, one "// " line per line of text. Each line goes
// through lineComment, so model text never ends the comment. The lines
// are one jen comment, which jen writes as it is when it starts with
// "//": the text is that of a comment per line, in one jen value.
func (f *file) doc(text string) {
	line, rest, more := strings.Cut(text, "\n")
	if !more {
		f.jf.Comment(lineComment(line))
		return
	}
	var b strings.Builder
	b.Grow(len(text) + len(text)/16 + 8)
	for {
		writeLineComment(&b, line)
		if !more {
			break
		}
		b.WriteByte('\n')
		line, rest, more = strings.Cut(rest, "\n")
	}
	f.jf.Comment(b.String())
}

// docf is doc of a formatted text.
func (f *file) docf(format string, args ...any) { f.doc(fmt.Sprintf(format, args...)) }

// decl adds a top-level declaration, followed by a blank line.
func (f *file) decl(code jen.Code) {
	// One item of the file: jen separates the two by a space, which
	// layout drops, as no declaration ends in a comment.
	f.jf.Add(code, blankLine)
}

// blankLine is the line break after a declaration, one value for every
// file (jen only reads it).
var blankLine = jen.Line()

// render renders the file: jen prints it unformatted and layout lays
// it out as gofmt would; a file with a construct layout does not know is
// formatted by go/format instead, and counted in formatFallbacks. jen
// writes every import in one block, and a lone import without
// parentheses; ergen's files keep the standard library's imports apart
// from the others, as goimports does, so the rendered block is replaced
// by appendImportBlock's, written with the rest of the file into the
// slice returned, the one the file allocates: what jen prints and layout
// writes go to buffers kept for the next files.
func (f *file) render() ([]byte, error) {
	b := renderBuffers.Get().(*renderBuffer)
	defer renderBuffers.Put(b)
	b.jen.Reset()
	f.jf.NoFormat = true
	if err := f.jf.Render(&b.jen); err != nil {
		return nil, fmt.Errorf("golang: generated code does not render: %w", err)
	}
	src, ok := layout(b.laid[:0], b.jen.Bytes())
	if ok {
		b.laid = src
	} else {
		formatFallbacks.Add(1)
		var err error
		if src, err = format.Source(b.jen.Bytes()); err != nil {
			return nil, fmt.Errorf("golang: generated code does not format: %w", err)
		}
	}
	start := bytes.Index(src, []byte("\nimport "))
	if start < 0 {
		return bytes.Clone(src), nil
	}
	start++
	end := bytes.IndexByte(src[start:], '\n') + start + 1
	if bytes.HasPrefix(src[start:], []byte("import (")) {
		end = bytes.Index(src[start:], []byte("\n)\n")) + start + 3
	}
	b.paths = f.importPaths(b.paths[:0])
	out := make([]byte, 0, len(src)-(end-start)+importBlockSize(b.paths))
	out = append(out, src[:start]...)
	out = appendImportBlock(out, b.paths)
	return append(out, src[end:]...), nil
}

// renderBuffer is what a file is printed (jen) and laid out (laid) in
// before it is copied, with its import block, to a slice of its own:
// renderBuffers keeps them, grown to the size of a file, for the next
// files.
type renderBuffer struct {
	jen   bytes.Buffer
	laid  []byte
	paths []string // the file's imports, see importPaths
}

var renderBuffers = sync.Pool{New: func() any { return new(renderBuffer) }}

// formatFallbacks counts the files layout could not lay out, formatted
// by go/format instead; the tests require it to stay zero for every
// package they generate.
var formatFallbacks atomic.Int64

// importPaths appends the import paths the file uses to paths, in the
// order of its import block: the standard library's, then the others,
// each group sorted.
func (f *file) importPaths(paths []string) []string {
	for p := range f.imports {
		paths = append(paths, p)
	}
	slices.SortFunc(paths, func(a, b string) int {
		if sa := isStd(a); sa != isStd(b) {
			if sa {
				return -1 // the standard library's first
			}
			return 1
		}
		return strings.Compare(a, b)
	})
	return paths
}

// isStd reports whether an import path is the standard library's: it
// has no dot.
func isStd(path string) bool { return !strings.Contains(path, ".") }

// appendImportBlock appends the import declaration of paths, in the order
// of importPaths, a blank line between the standard library's and the
// others.
func appendImportBlock(dst []byte, paths []string) []byte {
	dst = append(dst, "import (\n"...)
	for i, p := range paths {
		if i > 0 && isStd(paths[i-1]) && !isStd(p) {
			dst = append(dst, '\n')
		}
		dst = append(dst, '\t')
		dst = strconv.AppendQuote(dst, p)
		dst = append(dst, '\n')
	}
	return append(dst, ")\n"...)
}

// importBlockSize is the size of the import block of paths, when no path
// needs an escape in quotes.
func importBlockSize(paths []string) int {
	n := len("import (\n") + len(")\n") + 1
	for _, p := range paths {
		n += len(p) + len("\t\"\"\n")
	}
	return n
}

// header is the first line of every generated file, by which tools and
// ergen itself recognise a generated file. The file name goes through
// lineComment, as model text does.
func header(source string) string { return lineComment(model.GeneratedHeader(source)) + "\n" }

// field is a line of a struct: a name, a type and an optional comment.
type field struct {
	name    string
	typ     jen.Code
	comment string
}

// structType declares a struct type.
func structType(name string, fields []field) *jen.Statement {
	return jen.Type().Id(name).StructFunc(func(g *jen.Group) {
		for _, fd := range fields {
			s := g.Id(fd.name).Add(fd.typ)
			if fd.comment != "" {
				s.Comment(lineComment(fd.comment))
			}
		}
	})
}

// goString is a Go string literal of s.
func goString(s string) *jen.Statement { return jen.Op(strconv.Quote(s)) }

// sel is v.name.
func sel(v, name string) *jen.Statement { return jen.Id(v).Dot(name) }
