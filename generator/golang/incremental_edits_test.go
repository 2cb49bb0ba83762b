package golang_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/internal/testkit"
)

// TestIncrementalLineEdits holds incremental builds to full ones on the
// models of the emitter's test cases and of the examples, each edited
// line by line: a line deleted, repeated, swapped with the next, copied
// or moved elsewhere, or a name written on it renamed on that line or in
// the whole file. Such edits reach what TestIncrementalProperty's do not:
// entities renamed or added, keys and uniques reordered, types, domains,
// arcs and partitions changed, declarations reordered, names made to
// clash. Only edits that leave a valid model are kept. Each file gets
// ERGEN_INCREMENTAL_PAIRS/8 pairs (at least one; 3 by default).
func TestIncrementalLineEdits(t *testing.T) {
	files, _ := filepath.Glob("testdata/*/input.er")
	examples, _ := filepath.Glob("../../examples/*/*.er")
	files = append(files, examples...)
	if len(files) < 10 {
		t.Fatalf("found %d models, want the test cases' and the examples'", len(files))
	}
	per := max(incrementalPairs(t)/8, 1)
	tried := 0
	for fi, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(src), "\n")
		names := identifier.FindAllString(string(src), -1)
		r := rand.New(rand.NewPCG(uint64(fi), 7))
		for k := range per {
			cur, done := lines, []string(nil)
			for range 1 + r.IntN(3) {
				next, what := editLine(r, cur, names)
				if next == nil {
					continue
				}
				if _, d := testkit.LoadSource("m.er", []byte(strings.Join(next, "\n"))); d.HasErrors() {
					continue
				}
				cur, done = next, append(done, what)
			}
			if len(done) == 0 {
				continue
			}
			tried++
			name := fmt.Sprintf("%s/%d", filepath.Base(filepath.Dir(f)), k)
			t.Run(name, func(t *testing.T) {
				if _, _, ok := checkIncremental(t, string(src), strings.Join(cur, "\n")); !ok {
					t.Fatalf("a model was refused after %v", done)
				}
				if t.Failed() {
					t.Logf("edits: %v", done)
				}
			})
		}
	}
	if tried < len(files)/2 {
		t.Errorf("only %d edited models of %d files: the edits rarely keep a model valid", tried, len(files))
	}
}

var identifier = regexp.MustCompile(`\b[A-Za-z_][A-Za-z_0-9]*\b`)

// editLine makes one edit at a random line of lines, or returns nil when
// the edit drawn does not apply there; names are the names a rename may
// take, besides the old name with an x appended.
func editLine(r *rand.Rand, lines, names []string) ([]string, string) {
	i := r.IntN(len(lines))
	switch r.IntN(7) {
	case 0:
		return slices.Delete(slices.Clone(lines), i, i+1), fmt.Sprintf("delete line %d", i+1)
	case 1:
		return slices.Insert(slices.Clone(lines), i, lines[i]), fmt.Sprintf("repeat line %d", i+1)
	case 2:
		if i+1 >= len(lines) {
			return nil, ""
		}
		out := slices.Clone(lines)
		out[i], out[i+1] = out[i+1], out[i]
		return out, fmt.Sprintf("swap lines %d and %d", i+1, i+2)
	case 3, 4:
		ids := identifier.FindAllString(lines[i], -1)
		if len(ids) == 0 {
			return nil, ""
		}
		from, to := ids[r.IntN(len(ids))], names[r.IntN(len(names))]
		if r.IntN(2) == 0 {
			to = from + "x"
		}
		word := regexp.MustCompile(`\b` + regexp.QuoteMeta(from) + `\b`)
		out := slices.Clone(lines)
		if r.IntN(2) == 0 {
			out[i] = word.ReplaceAllString(out[i], to)
			return out, fmt.Sprintf("rename %s to %s on line %d", from, to, i+1)
		}
		for j := range out {
			out[j] = word.ReplaceAllString(out[j], to)
		}
		return out, fmt.Sprintf("rename %s to %s everywhere", from, to)
	case 5:
		j := r.IntN(len(lines))
		return slices.Insert(slices.Clone(lines), j, lines[i]), fmt.Sprintf("copy line %d before line %d", i+1, j+1)
	default:
		out := slices.Delete(slices.Clone(lines), i, i+1)
		j := min(r.IntN(len(lines)), len(out))
		return slices.Insert(out, j, lines[i]), fmt.Sprintf("move line %d to %d", i+1, j+1)
	}
}
