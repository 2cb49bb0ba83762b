package diagram

import (
	"fmt"
	"math"
	"testing"

	"github.com/ergen-dev/ergen/internal/tools/mermaid"
)

// maxLabelGap is how far, in CSS pixels, a label's box may be from the
// nearest point of its line before a reader can no longer tell which line
// it belongs to.
const maxLabelGap = 12

// TestMermaidLabelsInChromium renders every diagram with the real Mermaid
// library in headless Chromium and checks the relationship labels where
// Mermaid put them: one per relationship, none overlapping another, each
// on or beside its own line.
func TestMermaidLabelsInChromium(t *testing.T) {
	cs := cases(t)
	var srcs []string
	for _, c := range cs {
		srcs = append(srcs, string(EmitMermaid(c.schema, c.source)))
	}
	layouts := mermaid.Render(t, srcs...)
	for i, c := range cs {
		t.Run(c.name, func(t *testing.T) {
			l := layouts[i]
			if l.Error != "" {
				t.Fatalf("Mermaid failed to render: %s\n%s", l.Error, srcs[i])
			}
			if n := len(Edges(c.schema)); len(l.Labels) != n || len(l.Edges) != n {
				t.Fatalf("rendered %d labels and %d lines for %d relationships", len(l.Labels), len(l.Edges), n)
			}
			for _, p := range labelProblems(l) {
				t.Error(p)
			}
		})
	}
}

// labelProblems lists the labels of l that overlap one another or lie
// farther than maxLabelGap from their own line.
func labelProblems(l mermaid.Layout) []string {
	var out []string
	lines := map[string][][2]float64{}
	for _, e := range l.Edges {
		lines[e.ID] = e.Points
	}
	for i, a := range l.Labels {
		for _, b := range l.Labels[i+1:] {
			if overlap(a, b) {
				out = append(out, fmt.Sprintf("labels overlap: %q at %s and %q at %s", a.Text, box(a), b.Text, box(b)))
			}
		}
		pts, ok := lines[a.Edge]
		if !ok {
			out = append(out, fmt.Sprintf("label %q has no line %q", a.Text, a.Edge))
			continue
		}
		if d := gap(a, pts); d > maxLabelGap {
			out = append(out, fmt.Sprintf("label %q at %s is %.0f px from its line", a.Text, box(a), d))
		}
	}
	return out
}

func box(l mermaid.Label) string {
	return fmt.Sprintf("(%.0f,%.0f %.0fx%.0f)", l.X, l.Y, l.W, l.H)
}

// overlap reports whether two label boxes share more than a pixel's
// width of area (touching edges are not overlapping).
func overlap(a, b mermaid.Label) bool {
	const slack = 1
	return a.X+a.W-slack > b.X && b.X+b.W-slack > a.X &&
		a.Y+a.H-slack > b.Y && b.Y+b.H-slack > a.Y
}

// gap is the distance from a label's box to the nearest of pts (0 when
// the line passes through the box).
func gap(l mermaid.Label, pts [][2]float64) float64 {
	best := math.Inf(1)
	for _, p := range pts {
		dx := math.Max(0, math.Max(l.X-p[0], p[0]-(l.X+l.W)))
		dy := math.Max(0, math.Max(l.Y-p[1], p[1]-(l.Y+l.H)))
		best = math.Min(best, math.Hypot(dx, dy))
	}
	return best
}

// TestLabelProblems shows that the layout check finds overlapping labels
// and labels away from their line, and passes a clean layout.
func TestLabelProblems(t *testing.T) {
	line := func(id string, y float64) mermaid.Edge {
		return mermaid.Edge{ID: id, Points: [][2]float64{{0, y}, {50, y}, {100, y}}}
	}
	clean := mermaid.Layout{
		Labels: []mermaid.Label{{Edge: "a", Text: "a", X: 40, Y: 5, W: 20, H: 10}, {Edge: "b", Text: "b", X: 40, Y: 105, W: 20, H: 10}},
		Edges:  []mermaid.Edge{line("a", 10), line("b", 110)},
	}
	if p := labelProblems(clean); len(p) != 0 {
		t.Errorf("clean layout: %v", p)
	}
	crowded := clean
	crowded.Labels = []mermaid.Label{clean.Labels[0], {Edge: "b", Text: "b", X: 50, Y: 8, W: 20, H: 10}}
	if p := labelProblems(crowded); len(p) != 2 {
		t.Errorf("overlapping labels, one far from its line: got %d problems %v, want 2", len(p), p)
	}
}
