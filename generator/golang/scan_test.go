package golang

import (
	"fmt"
	"go/build"
	"go/scanner"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// scanDiff compares lscanner with go/scanner on src: the tokens lscanner
// gives before it declines, or all of them when it does not, must be the
// first of those go/scanner gives, at the same places, and go/scanner
// must find no error in a text lscanner accepts. It returns what differs,
// or "".
func scanDiff(src string) string {
	type tok struct {
		tok        token.Token
		off, end   int
		breaksFrom int // where the gap before it starts
	}
	fset := token.NewFileSet()
	file := fset.AddFile("", -1, len(src))
	var s scanner.Scanner
	var goErr error
	s.Init(file, []byte(src), func(pos token.Position, msg string) {
		if goErr == nil {
			goErr = fmt.Errorf("%v: %s", pos, msg)
		}
	}, scanner.ScanComments)
	var want []tok
	for {
		pos, t, lit := s.Scan()
		if t == token.EOF {
			break
		}
		if t == token.SEMICOLON && lit == "\n" {
			continue
		}
		if lit == "" {
			lit = t.String()
		}
		off := file.Offset(pos)
		want = append(want, tok{tok: t, off: off, end: off + len(lit)})
	}
	sc, ok := newScanner([]byte(src))
	if !ok {
		return ""
	}
	end := 0
	for i := 0; ; i++ {
		t, text, breaks, ok := sc.next()
		if !ok {
			return ""
		}
		if t == token.EOF {
			if i != len(want) || goErr != nil {
				return fmt.Sprintf("accepted %d tokens, go/scanner %d, error %v", i, len(want), goErr)
			}
			return ""
		}
		off := sc.off - len(text)
		if i >= len(want) {
			return fmt.Sprintf("token %d %v %q at %d: go/scanner has no more", i, t, text, off)
		}
		w := want[i]
		if t != w.tok || off != w.off || sc.off != w.end || src[off:sc.off] != string(text) {
			return fmt.Sprintf("token %d: %v %q at %d, go/scanner %v %q at %d", i, t, text, off, w.tok, src[w.off:w.end], w.off)
		}
		if n := strings.Count(src[end:off], "\n"); n != breaks {
			return fmt.Sprintf("token %d: %d line breaks before it, want %d", i, breaks, n)
		}
		end = sc.off
	}
}

// TestScanLikeGo compares lscanner with go/scanner on every string of up
// to three bytes of an alphabet of Go's punctuation, quotes and a few
// letters, digits and spaces, and on Go files: the goldens, the fixed
// runtime and go/scanner's own sources (where lscanner declines at the
// first construct it does not know, after agreeing up to it), and on
// each key word and names close to one. With ERGEN_LONG_TESTS=1, on all
// of the standard library's sources and four bytes of the alphabet.
func TestScanLikeGo(t *testing.T) {
	long := os.Getenv("ERGEN_LONG_TESTS") != ""
	alphabet := []string{"+", "-", "*", "/", "%", "&", "|", "^", "<", ">", "=", "!", ":", ".", "~",
		"(", ")", "[", "]", "{", "}", ",", ";", "\"", "'", "`", "\\", " ", "\n", "a", "0", "1", "x", "é", "_", "\t"}
	n := 3
	if long {
		n = 4
	}
	var all func(prefix string, n int)
	all = func(prefix string, n int) {
		if d := scanDiff(prefix); d != "" {
			t.Fatalf("%q: %s", prefix, d)
		}
		if n == 0 {
			return
		}
		for _, a := range alphabet {
			all(prefix+a, n-1)
		}
	}
	all("", n)
	for k := range token.Token(128) {
		if !k.IsKeyword() {
			continue
		}
		for _, src := range []string{k.String(), k.String() + "x", "x" + k.String(), k.String()[:len(k.String())-1], strings.ToUpper(k.String())} {
			if d := scanDiff(src); d != "" {
				t.Fatalf("%q: %s", src, d)
			}
		}
	}
	goroot := build.Default.GOROOT
	globs := []string{"testdata/*/*.golden", "runtime/*.go", filepath.Join(goroot, "src/go/scanner/*.go")}
	if long {
		globs = append(globs, filepath.Join(goroot, "src/*/*.go"), filepath.Join(goroot, "src/*/*/*.go"))
	}
	files := 0
	for _, g := range globs {
		names, _ := filepath.Glob(g)
		files += len(names)
		for _, name := range names {
			src, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			if d := scanDiff(string(src)); d != "" {
				t.Errorf("%s: %s", name, d)
			}
		}
	}
	if files < 100 {
		t.Errorf("%d Go files compared, want the goldens at least", files)
	}
}

// scanSeeds are texts for FuzzScan: the emitter's constructs in
// jen's spacing, and the corners of the scanner.
var scanSeeds = []string{
	"package p\n\nimport (\n\"context\"\n\"time\"\n)\n\nfunc (r * T) F (ctx context.Context,x [] int) (int,error) {\nif x == nil {\nreturn 0,nil\n}\nreturn len (x),nil\n}\n",
	"package p\n\ntype T struct{\nA * int // a\nLonger map [string] [] * T // b\n}\n\nconst (\nA T = \"a\\n\\x00\\u00e9\"\nB = 'x'\n)\n",
	"package p\n\nvar q = `select *\nfrom t`\n\nvar é = '\\''\n",
	"package p\n\nfunc f () {\nfor i := 0; i < 10; i ++ {\nx [i] += 1\n}\n}\n",
	"package p\n\nvar x = 1.5 + 0x1f + 07 + 1_0 + 1e9 + .5\n/* block */\n//line x.go:1\n",
	"package p\n\nvar s = \"\\q\" + '\\400' + \"\\uD800\" + \"\n",
}

// FuzzScan compares lscanner with go/scanner on any text (see scanDiff):
//
//	go test -run '^$' -fuzz FuzzScan ./generator/golang/
func FuzzScan(f *testing.F) {
	for _, s := range scanSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if d := scanDiff(src); d != "" {
			t.Fatalf("%q: %s", src, d)
		}
	})
}
