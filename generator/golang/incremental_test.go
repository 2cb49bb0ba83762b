package golang_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/ergen-dev/ergen/generator/golang"
	"github.com/ergen-dev/ergen/internal/randmodel"
	"github.com/ergen-dev/ergen/internal/testkit"
)

// build is one run of the Go emitter over src: the files it made, the
// record of every table file, and the table files it skipped, which
// Incremental.Prior's records were made with.
type build struct {
	files   map[string][]byte
	order   []string
	records map[string][]byte
	skipped []string
}

// emitSource runs the emitter over src, incremental with prior when
// incremental is set; ok is false when the model or the package is
// refused.
func emitSource(t *testing.T, src string, incremental bool, prior map[string][]byte) (b build, ok bool) {
	t.Helper()
	s, diags := testkit.LoadSource("m.er", []byte(src))
	if diags.HasErrors() {
		return b, false
	}
	b = build{files: map[string][]byte{}, records: map[string][]byte{}}
	var mu sync.Mutex // Record runs on the caller's goroutine, write on another
	opts := golang.Options{Package: "m", Source: "m.er"}
	if incremental {
		opts.Incremental = &golang.Incremental{Build: []byte("test"), Prior: prior,
			Record: func(name string, rec []byte, skipped bool) {
				mu.Lock()
				defer mu.Unlock()
				if _, dup := b.records[name]; dup {
					t.Errorf("%s recorded twice", name)
				}
				b.records[name] = rec
				if skipped {
					b.skipped = append(b.skipped, name)
					b.order = append(b.order, name)
				}
			}}
	}
	err := golang.EmitEach(s, opts, func(f golang.File) error {
		mu.Lock()
		defer mu.Unlock()
		b.files[f.Name] = f.Data
		b.order = append(b.order, f.Name)
		return nil
	})
	return b, err == nil
}

// checkIncremental builds old in full, then new incrementally over it,
// and requires the package a full build of new makes: the same files,
// byte for byte, the skipped ones being old's, and the same records. It
// returns the number of table files skipped, and of table files; ok is
// false when either model is refused.
func checkIncremental(t *testing.T, old, new string) (skipped, tables int, ok bool) {
	t.Helper()
	a, okA := emitSource(t, old, true, nil)
	want, okB := emitSource(t, new, true, nil)
	if !okA || !okB {
		return 0, 0, false
	}
	if len(a.skipped) > 0 || len(want.skipped) > 0 {
		t.Fatalf("a build without prior records skipped %v %v", a.skipped, want.skipped)
	}
	plain, _ := emitSource(t, new, false, nil)
	if !slices.Equal(plain.order, want.order) {
		t.Fatalf("recording changes the files: %v, against %v", want.order, plain.order)
	}
	got, _ := emitSource(t, new, true, a.records)
	for _, name := range got.skipped {
		if _, made := got.files[name]; made {
			t.Errorf("%s both skipped and made", name)
		}
		data, had := a.files[name]
		if !had {
			t.Fatalf("%s skipped, but the old build did not make it", name)
		}
		got.files[name] = data
	}
	// Skipped files are recorded as they are passed, before the files
	// made ahead of them are written: the names, not their order.
	if !slices.Equal(slices.Sorted(slices.Values(got.order)), slices.Sorted(slices.Values(plain.order))) {
		t.Errorf("incremental build makes %v, a full build %v", got.order, plain.order)
	}
	for _, name := range plain.order {
		if !bytes.Equal(got.files[name], plain.files[name]) {
			t.Errorf("%s differs from a full build's (skipped: %v)", name, slices.Contains(got.skipped, name))
		}
		if !bytes.Equal(got.records[name], want.records[name]) {
			t.Errorf("the record of %s differs from a full build's", name)
		}
	}
	return len(got.skipped), len(want.records), true
}

// incrementalPairs is the number of random pairs the property runs:
// ERGEN_INCREMENTAL_PAIRS, or a few.
func incrementalPairs(t *testing.T) int {
	if v := os.Getenv("ERGEN_INCREMENTAL_PAIRS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			t.Fatalf("ERGEN_INCREMENTAL_PAIRS: %v", err)
		}
		return n
	}
	if testing.Short() {
		return 5
	}
	return 25
}

// The incremental property: for random models OLD and NEW = OLD with a
// few edits, a build of NEW over OLD's records makes NEW's package byte
// for byte, skipping what it can; a build of a model over its own
// records skips every table file.
func TestIncrementalProperty(t *testing.T) {
	n := incrementalPairs(t)
	var pairs, small, smallSkipping, skipped, tables int
	seen := map[string]int{}
	for seed := range int64(n) {
		old := randmodel.Generate(seed, randmodel.Options{Entities: 3 + int(seed%6)})
		r := rand.New(rand.NewPCG(uint64(seed), 0x1c4e))
		edits := 1 + r.IntN(3)
		if seed%2 == 0 {
			edits = 1
		}
		new, done := mutateModel(r, old, edits)
		t.Run(fmt.Sprintf("seed%d", seed), func(t *testing.T) {
			t.Logf("edits: %s", strings.Join(done, ", "))
			s, all, ok := checkIncremental(t, old, old)
			if ok && s != all {
				t.Errorf("a build over its own records skips %d of %d table files", s, all)
			}
			s, all, ok = checkIncremental(t, old, new)
			if !ok {
				return
			}
			pairs++
			skipped += s
			tables += all
			for _, d := range done {
				seen[d]++
			}
			if len(done) == 1 && localEdits[done[0]] && all >= 4 {
				small++
				if s > 0 {
					smallSkipping++
				}
			}
		})
	}
	t.Logf("%d pairs, %d of %d files with a record (table files, errors.go) skipped; %d of %d one-edit pairs skipped some; edits: %v",
		pairs, skipped, tables, smallSkipping, small, seen)
	if small > 0 && smallSkipping*2 < small {
		t.Errorf("only %d of %d pairs of one local edit skipped a file", smallSkipping, small)
	}
}

// localEdits are the edits that change one entity or relationship, after
// which a build skips the files of the tables they do not reach.
var localEdits = map[string]bool{"add attribute": true, "rename attribute": true, "drop attribute": true,
	"add comment": true, "change action": true, "toggle required": true}

// mutateModel applies want random edits to src that leave a valid model,
// and names them.
func mutateModel(r *rand.Rand, src string, want int) (string, []string) {
	lines := strings.Split(src, "\n")
	var done []string
	for n := 0; len(done) < want && n < 20*want; n++ {
		e := modelEdits[r.IntN(len(modelEdits))]
		out, ok := e.fn(r, slices.Clone(lines), n)
		if !ok {
			continue
		}
		if _, diags := testkit.LoadSource("m.er", []byte(strings.Join(out, "\n"))); diags.HasErrors() {
			continue
		}
		lines = out
		done = append(done, e.name)
	}
	return strings.Join(lines, "\n"), done
}

type modelEdit struct {
	name string
	fn   func(r *rand.Rand, lines []string, n int) ([]string, bool)
}

var (
	attrLine   = regexp.MustCompile(`^  ([a-z_][a-z_0-9]*) ([a-z]+)`)
	actionLine = regexp.MustCompile(`^(  on (?:delete|update)(?: \S+)?) (cascade|restrict|no action|set null)$`)
	enumLine   = regexp.MustCompile(`^enum (\S+) \{(.*) \}$`)
	headerLine = regexp.MustCompile(`^entity (\S+) \{$`)
)

var modelEdits = []modelEdit{
	{"add attribute", func(r *rand.Rand, lines []string, n int) ([]string, bool) {
		i, ok := pickLine(r, lines, headerLine)
		return slices.Insert(lines, i+1, fmt.Sprintf("  zq_%d text?", n)), ok
	}},
	{"rename attribute", func(r *rand.Rand, lines []string, n int) ([]string, bool) {
		i, ok := pickLine(r, lines, attrLine)
		if !ok {
			return nil, false
		}
		old := attrLine.FindStringSubmatch(lines[i])[1]
		word := regexp.MustCompile(`\b` + old + `\b`)
		for j := blockStart(lines, i); j < len(lines) && lines[j] != "}"; j++ {
			lines[j] = word.ReplaceAllString(lines[j], old+"_r")
		}
		return lines, true
	}},
	{"drop attribute", func(r *rand.Rand, lines []string, _ int) ([]string, bool) {
		i, ok := pickLine(r, lines, attrLine)
		return slices.Delete(lines, i, i+1), ok
	}},
	{"add comment", func(r *rand.Rand, lines []string, _ int) ([]string, bool) {
		i, ok := pickLine(r, lines, attrLine)
		if ok {
			lines[i] += " comment 'changed'"
		}
		return lines, ok
	}},
	{"change action", func(r *rand.Rand, lines []string, _ int) ([]string, bool) {
		i, ok := pickLine(r, lines, actionLine)
		if ok {
			m := actionLine.FindStringSubmatch(lines[i])
			actions := slices.DeleteFunc([]string{"cascade", "restrict", "no action", "set null"}, func(a string) bool { return a == m[2] })
			lines[i] = m[1] + " " + actions[r.IntN(len(actions))]
		}
		return lines, ok
	}},
	{"toggle required", func(r *rand.Rand, lines []string, _ int) ([]string, bool) {
		i, ok := pickLine(r, lines, regexp.MustCompile(`^  (required|optional)$`))
		if ok {
			lines[i] = map[string]string{"  required": "  optional", "  optional": "  required"}[lines[i]]
		}
		return lines, ok
	}},
	{"add enum value", func(r *rand.Rand, lines []string, n int) ([]string, bool) {
		i, ok := pickLine(r, lines, enumLine)
		if ok {
			m := enumLine.FindStringSubmatch(lines[i])
			lines[i] = fmt.Sprintf("enum %s {%s 'zv%d' }", m[1], m[2], n)
		}
		return lines, ok
	}},
	{"add entity", addEntityEdit},
	{"add relationship", func(r *rand.Rand, lines []string, n int) ([]string, bool) {
		names := entityNames(lines)
		p, c := names[r.IntN(len(names))], names[r.IntN(len(names))]
		return append(lines, fmt.Sprintf("relationship %s 1:N %s as zr_%d { optional }", p, c, n)), true
	}},
	{"one-to-many to one-to-one", func(r *rand.Rand, lines []string, _ int) ([]string, bool) {
		i, ok := pickLine(r, lines, regexp.MustCompile(`^relationship \S+ 1:N `))
		if ok {
			lines[i] = strings.Replace(lines[i], " 1:N ", " 1:1 ", 1)
		}
		return lines, ok
	}},
	{"move schema", func(r *rand.Rand, lines []string, n int) ([]string, bool) {
		return append([]string{fmt.Sprintf("schema zs%d", n)}, slices.DeleteFunc(lines, func(l string) bool { return strings.HasPrefix(l, "schema ") })...), true
	}},
}

// addEntityEdit adds an entity, its name now and then one the package
// derives from an entity's (OrderFilter, OrderPatch, OrderRow, OrderKey),
// whose type then takes that name first, with a relationship to an
// existing entity.
func addEntityEdit(r *rand.Rand, lines []string, n int) ([]string, bool) {
	names := entityNames(lines)
	if len(names) == 0 {
		return nil, false
	}
	other := names[r.IntN(len(names))]
	name := fmt.Sprintf("Zq%d", n)
	if r.IntN(2) == 0 {
		name = other + []string{"Filter", "Patch", "Row", "Key", "Params", "Ref"}[r.IntN(6)]
	}
	lines = append(lines, "entity "+name+" {", "  id serial pk", "  label text", "}")
	if r.IntN(2) == 0 {
		lines = append(lines, fmt.Sprintf("relationship %s 1:N %s", other, name))
	}
	return lines, true
}

// pickLine picks a line matching re, and reports whether there is one.
func pickLine(r *rand.Rand, lines []string, re *regexp.Regexp) (int, bool) {
	var at []int
	for i, l := range lines {
		if re.MatchString(l) {
			at = append(at, i)
		}
	}
	if len(at) == 0 {
		return 0, false
	}
	return at[r.IntN(len(at))], true
}

// blockStart is the line opening the block line i is in.
func blockStart(lines []string, i int) int {
	for i > 0 && !strings.HasSuffix(lines[i], "{") {
		i--
	}
	return i
}

func entityNames(lines []string) []string {
	var out []string
	for _, l := range lines {
		if m := headerLine.FindStringSubmatch(l); m != nil {
			out = append(out, m[1])
		}
	}
	return out
}

// Changes that send a later file's declaration to another name, or that
// reach a file through the tables it refers to: the incremental build
// must make what a full build makes, in which rebuilt holds want, while
// the file of an entity the change does not reach is skipped.
func TestIncrementalCases(t *testing.T) {
	cases := []struct {
		name, old, new string
		rebuilt, want  string
		// global is set for a change to what every file's key holds;
		// sameKey when rebuilt's input key does not change, and only the
		// names taken before it send it to be built again.
		global, sameKey bool
	}{{
		name: "a Ref taken by an earlier file's new Ref",
		old: "entity C { id serial pk }\nentity Ax { id serial pk }\nentity AxBy { id serial pk }\nentity D { id serial pk }\n" +
			"relationship C 1:N AxBy as c",
		new: "entity C { id serial pk }\nentity Ax { id serial pk }\nentity AxBy { id serial pk }\nentity D { id serial pk }\n" +
			"relationship C 1:N AxBy as c\nrelationship C 1:N Ax as by_c",
		rebuilt: "ax_by.go", want: "var AxByCRef = ", sameKey: true,
	}, {
		name: "a Key taken by an earlier file's new unique column",
		old: "entity User { id serial pk }\nentity Email { id serial pk }\nentity UserBy { id serial pk }\nentity D { id serial pk }\n" +
			"relationship Email 1:N UserBy",
		new: "entity User { id serial pk\n email text unique }\nentity Email { id serial pk }\nentity UserBy { id serial pk }\nentity D { id serial pk }\n" +
			"relationship Email 1:N UserBy",
		rebuilt: "user_by.go", want: "var UserByEmailRef = ", sameKey: true,
	}, {
		name: "an entity named as a filter type",
		old:  "entity P { id serial pk }\nentity D { id serial pk }",
		new:  "entity P { id serial pk }\nentity D { id serial pk }\nentity PFilter { id serial pk }",
		// PFilter's type takes the name before P's file is built.
		rebuilt: "p.go", want: "type PFilterInput struct", sameKey: true,
	}, {
		name:    "a column of the parent renamed",
		old:     "entity P { id serial pk\n name text }\nentity K { id serial pk }\nentity D { id serial pk }\nrelationship P 1:N K",
		new:     "entity P { id serial pk\n title text }\nentity K { id serial pk }\nentity D { id serial pk }\nrelationship P 1:N K",
		rebuilt: "k.go", want: "title",
	}, {
		name:    "a delete policy changed",
		old:     "entity P { id serial pk }\nentity K { id serial pk }\nentity D { id serial pk }\nrelationship P 1:N K { on delete cascade }",
		new:     "entity P { id serial pk }\nentity K { id serial pk }\nentity D { id serial pk }\nrelationship P 1:N K { on delete restrict }",
		rebuilt: "p.go", want: "ON DELETE RESTRICT",
	}, {
		name:    "a delete policy changed, in errors.go",
		old:     "entity P { id serial pk }\nentity K { id serial pk }\nentity D { id serial pk }\nrelationship P 1:N K { on delete cascade }",
		new:     "entity P { id serial pk }\nentity K { id serial pk }\nentity D { id serial pk }\nrelationship P 1:N K { on delete restrict }",
		rebuilt: "errors.go", want: `OnDelete: "RESTRICT"`,
	}, {
		name:    "an enum value added",
		old:     "enum Mood { 'a' 'b' }\nentity P { id serial pk\n m Mood }\nentity D { id serial pk }",
		new:     "enum Mood { 'a' 'b' 'c' }\nentity P { id serial pk\n m Mood }\nentity D { id serial pk }",
		rebuilt: "enums.go", want: "MoodC Mood = ", global: true,
	}, {
		name: "an arc made required",
		old: "entity Post { id serial pk }\nentity Photo { id serial pk }\nentity Comment { id serial pk }\nentity D { id serial pk }\n" +
			"relationship Post | Photo 1:N Comment { optional }",
		new: "entity Post { id serial pk }\nentity Photo { id serial pk }\nentity Comment { id serial pk }\nentity D { id serial pk }\n" +
			"relationship Post | Photo 1:N Comment { required }",
		rebuilt: "comment.go", want: "exactly one of them", global: true,
	}, {
		name: "an arc given a parent",
		old: "entity Post { id serial pk }\nentity Photo { id serial pk }\nentity Video { id serial pk }\nentity Comment { id serial pk }\n" +
			"entity D { id serial pk }\nrelationship Post | Photo 1:N Comment",
		new: "entity Post { id serial pk }\nentity Photo { id serial pk }\nentity Video { id serial pk }\nentity Comment { id serial pk }\n" +
			"entity D { id serial pk }\nrelationship Post | Photo | Video 1:N Comment",
		rebuilt: "comment.go", want: `"Post", "Photo", "Video"`, global: true,
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if _, _, ok := checkIncremental(t, c.old, c.new); !ok {
				t.Fatal("a model is refused")
			}
			a, _ := emitSource(t, c.old, true, nil)
			got, _ := emitSource(t, c.new, true, a.records)
			if !strings.Contains(string(got.files[c.rebuilt]), c.want) {
				t.Errorf("%s is not rebuilt with %q (skipped: %v)", c.rebuilt, c.want, got.skipped)
			}
			if key := 64; c.sameKey && string(a.records[c.rebuilt][:key]) != string(got.records[c.rebuilt][:key]) {
				t.Errorf("the input key of %s changed", c.rebuilt)
			}
			if !c.global && !slices.Contains(got.skipped, "d.go") {
				t.Errorf("d.go, which the change does not reach, is built again (skipped: %v)", got.skipped)
			}
		})
	}
}
