package dsl_test

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/internal/randmodel"
)

// agree checks the reader against participle on src: when the reader
// reads src, participle must accept it too and build the same AST. It
// reports whether the reader read src and whether participle accepted it.
func agree(t testing.TB, name string, src []byte) (read, valid bool) {
	t.Helper()
	got := dsl.Read("f.er", src)
	want, err := dsl.ParseParticiple("f.er", src)
	if got == nil {
		return false, err == nil
	}
	if err != nil {
		t.Fatalf("%s: the reader read input that participle rejects (%v):\n%s", name, err, src)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("%s: the reader's AST differs from participle's (-participle +reader):\n%s\ninput:\n%s", name, diff, src)
	}
	return true, true
}

// participleOnly reports whether f, as participle read it, uses a
// construct the reader leaves to participle by design: a unique or index
// clause with more than a list of column names, or one in a relationship;
// match full or simple; an extension;
// a name given with `as` to an enum type, a key or a check.
func participleOnly(f *dsl.File) bool {
	plain := func(d *dsl.IndexDecl) bool {
		if d == nil || len(d.Options) > 0 {
			return d == nil
		}
		for _, k := range d.Keys {
			if k.Column == nil || k.Args != nil || k.OpClass != nil || k.Order != "" || k.Nulls != "" {
				return false
			}
		}
		return true
	}
	for _, d := range f.Decls {
		if d.Extension != nil || d.Enum != nil && d.Enum.Type != nil {
			return true
		}
		if e := d.Entity; e != nil {
			for _, it := range e.Items {
				if !plain(it.Unique) || !plain(it.Index) || it.PKName != nil || it.CheckName != nil {
					return true
				}
				if a := it.Attribute; a != nil && slices.ContainsFunc(a.Options, func(o *dsl.AttrOption) bool { return o.Name != nil }) {
					return true
				}
			}
		}
		if r := d.Relationship; r != nil {
			for _, it := range r.Items {
				if it.Unique != nil || it.Index != nil || it.Match != "" {
					return true
				}
			}
		}
	}
	return false
}

// readable checks that the reader reads src, a valid file, as participle
// does, unless src uses a construct left to participle.
func readable(t testing.TB, name string, src []byte) {
	t.Helper()
	f, err := dsl.ParseParticiple("f.er", src)
	if err != nil {
		t.Fatalf("%s: not a valid file: %v", name, err)
	}
	if read, _ := agree(t, name, src); !read && !participleOnly(f) {
		t.Fatalf("%s: the reader left a valid file to participle:\n%s", name, src)
	}
}

// TestReaderReadsValidFiles runs the reader on every valid file at hand:
// the examples, the test files, the language reference's examples and
// random models of every shape randmodel draws, flawed ones included (their
// flaws are semantic, so they parse).
func TestReaderReadsValidFiles(t *testing.T) {
	for i, src := range seedFiles(t) {
		readable(t, "seed file "+itoa(i), src)
		crlf := strings.ReplaceAll(string(src), "\n", "\r\n")
		readable(t, "seed file "+itoa(i)+" with CRLF line ends", []byte(crlf))
	}
	raw, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fences(t, strings.Split(string(raw), "\n")) {
		if f.info == "er" {
			readable(t, "README.md:"+itoa(f.start+1), []byte(f.body))
		}
	}
	n := 200
	if testing.Short() {
		n = 20
	}
	for seed := range int64(n) {
		m := randmodel.New(seed, randmodel.Options{Entities: 2 + int(seed%12), Flaws: seed%3 == 0})
		readable(t, "random model "+itoa(int(seed)), []byte(m.Source))
	}
}

// TestReaderOnMutations runs the reader and participle on the examples and
// the test files with one token deleted, doubled, swapped with the next, or
// replaced by a token that often changes how a line parses. Most mutants
// are invalid; those that are not must be read as participle reads them,
// and no invalid one may be read; an invalid one gets the same errors with
// the reader as without. By default each token gets two of the
// replacements in turn; with ERGEN_LARGE_TESTS=1 it gets all of them, and
// the language reference's examples are mutated too.
func TestReaderOnMutations(t *testing.T) {
	replacements := []string{"(", ")", "{", "}", ",", ";", "\n", "pk", "key", "no", "set", "unique",
		"check", "'s'", "::", "-", "1:N", "N:1", "?", "[", "]", "deferrable", "initially", "as", "x"}
	all := os.Getenv("ERGEN_LARGE_TESTS") == "1"
	files := seedFiles(t)
	if all {
		raw, err := os.ReadFile("README.md")
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range fences(t, strings.Split(string(raw), "\n")) {
			if f.info == "er" || f.info == "er error" {
				files = append(files, []byte(f.body))
			}
		}
	}
	mutants, read, valid := 0, 0, 0
	for fi, src := range files {
		toks, err := dsl.Tokens("f.er", src)
		if err != nil {
			continue
		}
		for i, tok := range toks {
			if tok.Kind == "Whitespace" || tok.Kind == "Comment" {
				continue
			}
			at, end := tok.Pos.Offset, tok.Pos.Offset+len(tok.Value)
			splice := func(with string) []byte {
				return []byte(string(src[:at]) + with + string(src[end:]))
			}
			variants := [][]byte{splice(""), splice(tok.Value + " " + tok.Value)}
			if i+2 < len(toks) {
				next := toks[i+2] // skip the blank between them
				variants = append(variants, []byte(string(src[:at])+next.Value+string(src[end:next.Pos.Offset])+tok.Value+string(src[next.Pos.Offset+len(next.Value):])))
			}
			if all {
				for _, r := range replacements {
					variants = append(variants, splice(r))
				}
			} else {
				variants = append(variants, splice(replacements[i%len(replacements)]), splice(replacements[(i*7+3)%len(replacements)]))
			}
			for vi, v := range variants {
				mutants++
				name := "file " + itoa(fi) + " token " + itoa(i) + " variant " + itoa(vi)
				r, ok := agree(t, name, v)
				if r {
					read++
				}
				if ok {
					if f, _ := dsl.ParseParticiple("f.er", v); r || !participleOnly(f) {
						valid++
					}
					continue
				}
				// Parse reports an invalid file's errors as participle
				// alone would, though participle reads only the
				// declarations the reader failed in.
				parseErrors(t, v)
			}
		}
	}
	t.Logf("%d mutants: %d valid, %d read by the reader", mutants, valid, read)
	if read == 0 || valid == mutants {
		t.Fatalf("the mutations do not exercise both valid and invalid input")
	}
	if valid != read {
		t.Errorf("the reader left %d valid mutants to participle", valid-read)
	}
}

// TestReaderBacktracksFully checks that how far apart the tokens that
// decide an alternative are does not matter: blank lines before the ")"
// of a column list send the parser down the ", column" branch, which
// fails however many there are, and the list must still be read. (With
// participle's default lookahead, a failed branch that got more than a few
// tokens in was an error.)
func TestReaderBacktracksFully(t *testing.T) {
	for n := range 14 {
		src := []byte("entity A {\n  pk (a" + strings.Repeat("\n", n) + ")\n  a int\n}\n")
		if read, valid := agree(t, itoa(n)+" blank lines", src); !read || !valid {
			t.Errorf("%d blank lines: read %v, participle accepts %v; want both", n, read, valid)
		}
	}
}

// TestReaderHasNoIterationBound checks that a repetition has no bound: a
// million blank lines are a valid file, for participle as for the reader.
func TestReaderHasNoIterationBound(t *testing.T) {
	if testing.Short() {
		t.Skip("parses a million tokens with participle")
	}
	src := []byte(strings.Repeat("\n", 1_000_001))
	if read, valid := agree(t, "a million blank lines", src); !read || !valid {
		t.Errorf("a million blank lines: read %v, participle accepts %v; want both", read, valid)
	}
}
