package golang

import (
	"go/format"
	"go/token"
	"testing"
)

// TestLayoutConstructs lays out, in jen's unformatted style, constructs
// beyond what today's emitter writes: layout must either print exactly
// what go/format prints or decline (the file then goes to go/format).
// want says which of the two is expected.
func TestLayoutConstructs(t *testing.T) {
	for _, c := range []struct {
		name, src string
		laidOut   bool
	}{
		{"interface", "package p\n\ntype I interface{\nGet (ctx int) (string,error)\nPut (x * T) error\n}\n\n\nvar _ interface{} = nil\n", true},
		{"func literal called", "package p\n\nfunc f () {\ngo func () {\nx ()\n}()\ndefer func () {\n}()\n}\n", true},
		{"array and index", "package p\n\nfunc f (a [16]byte,b [] int) byte {\nreturn a [b [0]]\n}\n", true},
		{"generic", "package p\n\nfunc g [T any] (xs [] T) T {\nreturn xs [0]\n}\n\nvar x = g [int] ([] int {1})\n", true},
		{"aligned fields and comments", "package p\n\ntype T struct{\nA * int // a\nLonger map [string] [] * T // b\nC int\n\nD string // d\n}\n", true},
		{"const block", "package p\n\nconst (\nA T = \"a\"\nLonger T = \"b\"\n)\n", true},
		{"switch", "package p\n\nfunc f (v T) bool {\nswitch v {\ncase A,B:\nreturn true\ndefault:\n}\nif x,err := g (); err != nil && x == nil {\nreturn false\n} else {\nreturn true\n}\n}\n", true},
		{"elements with comments", "package p\n\nvar x = T{\nfalse , // a\nlongerName , // b\n[] string {\"user_id\",\"bio\",\"avatar_url\",\"location\",\"x\"}, // c: past 2.5 times the mean\n[] bool {false,false,false,false}, // d\nshort, // e: back under it\nf(\n1,\n), // g: no size\nh, // h\n\ni, // after a blank line\n}\n", true},
		{"elements sized in bytes", "package p\n\nvar x = T{\n\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\", // a\n\"éééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé\", // b: 2.5 times a in bytes, not in runes\n}\n", true},
		{"assignment operators", "package p\n\nfunc f () {\nfor i := 0; i < 10; i ++ {\nx [i] += 1\ny <<= 2\n}\n}\n", true},
		{"element closing its literal", "package p\n\nvar x = T{\n0}\n", false},
		{"multiplication", "package p\n\nvar x = a * b\n", false},
		{"keyed lines", "package p\n\nvar x = T{\nA: 1,\nLonger: 2,\n}\n", false},
		{"list in a doc comment", "package p\n\n// F does:\n//   - a\nfunc F () {\n}\n", false},
		{"doc comment ending blank", "package p\n\n// F does.\n//\nfunc F () {\n}\n", false},
		{"struct tag", "package p\n\ntype T struct{\nA int `json:\"a\"`\n}\n", false},
	} {
		got, ok := layout(nil, []byte(c.src))
		want, err := format.Source([]byte(c.src))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if ok && string(got) != string(want) {
			t.Errorf("%s: laid out as\n%s\ngofmt:\n%s", c.name, got, want)
		}
		if ok != c.laidOut {
			t.Errorf("%s: laid out %v, want %v", c.name, ok, c.laidOut)
		}
	}
}

// TestLayoutDeclinesInvalidText: source that is not Go text (invalid
// UTF-8 in a name, which the scanner reads as a replacement character)
// is declined, not laid out from the scanner's text and not a panic.
func TestLayoutDeclinesInvalidText(t *testing.T) {
	for _, src := range []string{"package p\n\nconst \xc3clairSQL = 1\n", "package p\n\nvar x = T{\n\xff, // a\n}\n"} {
		if out, ok := layout(nil, []byte(src)); ok {
			t.Errorf("layout(%q) = %q, want it declined", src, out)
		}
	}
}

// TestTrackedTokens: track changes nothing and declines nothing for a
// token outside tracked, whose call layout skips.
func TestTrackedTokens(t *testing.T) {
	for tok := range token.TILDE + 1 {
		if tracked[tok] {
			continue
		}
		for _, open := range []token.Token{token.LBRACE, token.LBRACK} {
			l := &layouter{stack: []bracket{{tok: open}}, funcs: []int{1}}
			if !l.track([]ltok{{tok: tok}}, 0, kindOther, 0) || len(l.stack) != 1 || len(l.funcs) != 1 {
				t.Errorf("track does something for %v after %v, which tracked leaves out", tok, open)
			}
		}
	}
}
