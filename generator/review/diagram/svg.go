package diagram

import (
	"bytes"
	"errors"
	"fmt"
	"os/exec"
	"regexp"
)

// ErrNoGraphviz is returned by SVG when Graphviz's dot is not installed.
var ErrNoGraphviz = errors.New("Graphviz's dot was not found on PATH; install graphviz (Debian: apt-get install graphviz)")

// SVG lays out a DOT graph with Graphviz's dot and returns the <svg>
// element, without the XML prolog, DOCTYPE or comments dot writes before
// it (they name the Graphviz version, which would make the output depend
// on the machine), so the element can be inlined in an HTML page.
func SVG(dot []byte) ([]byte, error) {
	path, err := exec.LookPath("dot")
	if err != nil {
		return nil, ErrNoGraphviz
	}
	cmd := exec.Command(path, "-Tsvg")
	cmd.Stdin = bytes.NewReader(dot)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("diagram: dot -Tsvg: %v: %s", err, bytes.TrimSpace(errOut.Bytes()))
	}
	svg := out.Bytes()
	i := bytes.Index(svg, []byte("<svg"))
	if i < 0 {
		return nil, fmt.Errorf("diagram: dot -Tsvg wrote no <svg> element")
	}
	svg = svgComment.ReplaceAll(svg[i:], nil)
	return svg, nil
}

// svgComment matches the comments dot writes inside the element, one per
// node and edge ("<!-- users -->"), which repeat the <title> beside them.
var svgComment = regexp.MustCompile(`(?m)^<!-- .*? -->\n`)
