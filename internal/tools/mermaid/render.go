package mermaid

import (
	"bytes"
	"context"
	"encoding/json"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// Layout is where Mermaid, run in a browser, drew one diagram's
// relationships: each label's box and points along each edge, in CSS pixels
// of the same page.
type Layout struct {
	Error  string  `json:"error"`
	Labels []Label `json:"labels"`
	Edges  []Edge  `json:"edges"`
}

// Label is a relationship label as rendered. Edge is the id of the edge it
// belongs to; the box is the extent of its text.
type Label struct {
	Edge string  `json:"edge"`
	Text string  `json:"text"`
	X    float64 `json:"x"`
	Y    float64 `json:"y"`
	W    float64 `json:"w"`
	H    float64 `json:"h"`
}

// Edge is a relationship line as rendered, sampled every few pixels.
type Edge struct {
	ID     string       `json:"id"`
	Points [][2]float64 `json:"points"`
}

// renderScript renders each diagram into its own div, one after the other,
// and writes what it measured into <pre id="layout"> for --dump-dom. The
// label's box is that of its text (ranges over its text nodes), not of the
// foreignObject or block around it, which may be wider than the text.
const renderScript = `
// textBox is the union of the boxes of el's text, line by line (a range
// over each text node), with the lines joined by newlines.
function textBox(el) {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  const lines = [];
  const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    if (!n.textContent.trim()) continue;
    lines.push(n.textContent.trim());
    const range = document.createRange();
    range.selectNodeContents(n);
    for (const r of range.getClientRects()) {
      if (r.width === 0 || r.height === 0) continue;
      x0 = Math.min(x0, r.left); y0 = Math.min(y0, r.top);
      x1 = Math.max(x1, r.right); y1 = Math.max(y1, r.bottom);
    }
  }
  return {text: lines.join('\n'), x: x0, y: y0, w: x1 - x0, h: y1 - y0};
}
(async () => {
  mermaid.initialize({startOnLoad: false, securityLevel: 'strict'});
  const out = [];
  for (let i = 0; i < diagrams.length; i++) {
    const res = {labels: [], edges: []};
    out.push(res);
    try {
      const host = document.createElement('div');
      document.body.appendChild(host);
      host.innerHTML = (await mermaid.render('d' + i, diagrams[i])).svg;
      for (const g of host.querySelectorAll('.edgeLabel .label[data-id]')) {
        const r = textBox(g);
        res.labels.push({edge: g.getAttribute('data-id'), text: r.text, x: r.x + scrollX, y: r.y + scrollY, w: r.w, h: r.h});
      }
      for (const p of host.querySelectorAll('path.relationshipLine[data-id]')) {
        const m = p.getScreenCTM(), len = p.getTotalLength(), pts = [];
        for (let l = 0; l <= len; l += 2) {
          const q = new DOMPoint(p.getPointAtLength(l).x, p.getPointAtLength(l).y).matrixTransform(m);
          pts.push([q.x + scrollX, q.y + scrollY]);
        }
        res.edges.push({id: p.getAttribute('data-id'), points: pts});
      }
    } catch (e) {
      res.error = String(e && e.message ? e.message : e);
    }
  }
  const pre = document.createElement('pre');
  pre.id = 'layout';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
`

var layoutPre = regexp.MustCompile(`(?s)<pre id="layout">(.*?)</pre>`)

// Render draws each diagram with the real Mermaid library in headless
// Chromium, from a local page that loads Mermaid from Modules() (no
// network), and returns one Layout per diagram, in order. Without
// chromium or the modules it skips the test, or fails it when CI=true.
func Render(t testing.TB, diagrams ...string) []Layout {
	t.Helper()
	browser := ""
	for _, n := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(n); err == nil {
			browser = p
			break
		}
	}
	if browser == "" {
		unavailable(t, "chromium is not on PATH; install the Debian package chromium to render Mermaid diagrams")
	}
	lib := filepath.Join(Modules(), "mermaid", "dist", "mermaid.min.js")
	if _, err := os.Stat(lib); err != nil {
		unavailable(t, "the mermaid npm package is not installed in "+Modules()+"; run `npm ci` in "+dir()+" or set ERGEN_NODE_MODULES")
	}
	data, err := json.Marshal(diagrams) // escapes <, > and &: safe inside <script>
	if err != nil {
		t.Fatal(err)
	}
	page := `<!doctype html><html><head><meta charset="utf-8"></head><body>
<script src="file://` + html.EscapeString(filepath.ToSlash(lib)) + `"></script>
<script>const diagrams = ` + string(data) + `;` + renderScript + `</script>
</body></html>`
	tmp := t.TempDir()
	file := filepath.Join(tmp, "render.html")
	if err := os.WriteFile(file, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	// --virtual-time-budget lets the asynchronous rendering finish before
	// --dump-dom reads the page.
	cmd := exec.CommandContext(ctx, browser,
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+filepath.Join(tmp, "profile"), "--window-size=1400,2000",
		"--virtual-time-budget=30000", "--dump-dom", "file://"+file)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	dom, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium: %v\n%s", err, stderr.Bytes())
	}
	m := layoutPre.FindSubmatch(dom)
	if m == nil {
		t.Fatalf("chromium did not finish rendering the diagrams (no layout in the page)\n%s", stderr.Bytes())
	}
	var ls []Layout
	if err := json.Unmarshal([]byte(html.UnescapeString(string(m[1]))), &ls); err != nil {
		t.Fatalf("reading the rendered layout: %v\n%s", err, strings.TrimSpace(string(m[1])))
	}
	if len(ls) != len(diagrams) {
		t.Fatalf("rendered %d diagrams of %d", len(ls), len(diagrams))
	}
	return ls
}
