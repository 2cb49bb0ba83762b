package doc

import (
	"bytes"
	"fmt"
	"html/template"

	"github.com/ergen-dev/ergen/templates"
)

var htmlTmpl = template.Must(template.New("review.html.tmpl").
	Option("missingkey=error").
	ParseFS(templates.FS, "review.html.tmpl"))

// htmlView is the data of review.html.tmpl. html/template escapes every
// string; only the SVG, which dot produced from escaped labels, is
// inserted as markup.
type htmlView struct {
	*review
	SVG template.HTML
}

func emitHTML(r *review, svg []byte) ([]byte, error) {
	var b bytes.Buffer
	// The header comment is written here: html/template drops comments
	// from templates.
	fmt.Fprintf(&b, "<!-- %s -->\n", r.Header)
	if err := htmlTmpl.Execute(&b, htmlView{review: r, SVG: template.HTML(svg)}); err != nil {
		return nil, fmt.Errorf("doc: rendering HTML: %w", err)
	}
	return normalize(b.Bytes()), nil
}
