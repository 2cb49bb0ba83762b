package main

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"

	"github.com/ergen-dev/ergen/generator"
	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/generator/review/diagram"
	"github.com/ergen-dev/ergen/generator/review/doc"
)

// cmdDiagram declares the flags of ergen diagram on fs and returns the
// function that runs it.
func cmdDiagram(fs *pflag.FlagSet) func(*env, []string) int {
	format := fs.StringP("format", "f", "", "mermaid (renders in GitHub Markdown) or dot (Graphviz); by default from OUT's extension (.dot, .gv; .mmd, .md or none for mermaid)")
	out := fs.StringP("out", "o", "", "write the diagram to this file instead of standard output")
	return func(e *env, args []string) int {
		if code, ok := e.checkInputs("diagram", args, true); !ok {
			return code
		}
		name, err := diagramFormat(*format, *out)
		if err != nil {
			return e.usageError("diagram", "%v", err)
		}
		f, err := diagram.ParseFormat(name)
		if err != nil {
			return e.usageError("diagram", "%v", err)
		}
		s := e.load(args...)
		if s == nil {
			return exitInvalid
		}
		return e.generateTo(*out, generator.Request{Output: generator.Diagram, Schema: s, Diagram: diagram.Options{Format: f, Source: sourceName(args...)}})
	}
}

// diagramFormat is the diagram's format: the one given, or by OUT's
// extension (.dot, .gv: dot; .mmd, .mermaid, .md or none: mermaid). An
// image's extension is refused either way, and an unknown one without a
// format: ergen writes the diagram's text, not a picture of it.
func diagramFormat(format, out string) (string, error) {
	ext := strings.ToLower(filepath.Ext(out))
	switch {
	case meansStdout(out):
		ext = ""
	case ext == ".png" || ext == ".svg" || ext == ".pdf" || ext == ".jpg" || ext == ".jpeg" || ext == ".gif":
		return "", fmt.Errorf("%s would be an image, but ergen writes the diagram as text: write a .dot and render it with Graphviz (dot -T%s), or a .mmd for Mermaid", out, strings.TrimPrefix(ext, "."))
	}
	if format != "" {
		return format, nil
	}
	switch ext {
	case ".dot", ".gv":
		return "dot", nil
	case "", ".mmd", ".mermaid", ".md":
		return "mermaid", nil
	}
	return "", fmt.Errorf("cannot tell the format from %s's extension: name it .mmd or .md (Mermaid) or .dot (Graphviz), or pass --format", out)
}

// cmdDoc declares the flags of ergen doc on fs and returns the
// function that runs it.
func cmdDoc(fs *pflag.FlagSet) func(*env, []string) int {
	out := fs.StringP("out", "o", "", "write the document to this file; .md for Markdown, .html for one self-contained page (needs Graphviz's dot)")
	format := fs.StringP("format", "f", "", "md or html; by default from OUT's extension, else md")
	return func(e *env, args []string) int {
		if code, ok := e.checkInputs("doc", args, true); !ok {
			return code
		}
		f := doc.Markdown
		var err error
		switch {
		case *format != "":
			f, err = doc.ParseFormat(*format)
		case !meansStdout(*out):
			f, err = doc.FormatOf(*out)
		}
		if err != nil {
			return e.usageError("doc", "%v", err)
		}
		s := e.load(args...)
		if s == nil {
			return exitInvalid
		}
		res, err := e.generate(generator.Request{Output: generator.Doc, Schema: s, Doc: e.docOptions(s, f, args)})
		if err != nil {
			fmt.Fprintf(e.stderr, "ergen: %v\n", err)
			if errors.Is(err, diagram.ErrNoGraphviz) {
				fmt.Fprintf(e.stderr, "the HTML review embeds the diagram as SVG drawn by Graphviz: install graphviz, or write Markdown (-o %s)\n", mdName(*out))
			}
			return exitInvalid
		}
		return e.emit(*out, res.Files[0].Data)
	}
}

// mdName suggests the Markdown twin of an HTML output path.
func mdName(out string) string {
	if meansStdout(out) {
		return "review.md"
	}
	return strings.TrimSuffix(out, filepath.Ext(out)) + ".md"
}

// docOptions names the document's source and gives it the .er text, for
// the comments it carries: of the one file, or by file for a model read
// from several.
func (e *env) docOptions(s *model.Schema, f doc.Format, inputs []string) doc.Options {
	opt := doc.Options{Format: f, Source: sourceName(inputs...)}
	if src, ok := e.sources[s.File]; ok {
		opt.Src = src
	} else {
		opt.Sources = func(file string) []byte { return e.sources[file] }
	}
	return opt
}
