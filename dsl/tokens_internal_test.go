package dsl

import (
	"strings"
	"testing"
	"unsafe"
)

// inside reports whether s's bytes are part of src's.
func inside(s, src string) bool {
	if s == "" {
		return false
	}
	p, start := uintptr(unsafe.Pointer(unsafe.StringData(s))), uintptr(unsafe.Pointer(unsafe.StringData(src)))
	return p >= start && p < start+uintptr(len(src))
}

// sharedTexts checks that texts that read alike are one string: the same
// bytes in memory.
func sharedTexts(t *testing.T, texts []string) {
	t.Helper()
	first := map[string]*byte{}
	for _, s := range texts {
		p := unsafe.StringData(s)
		if q, ok := first[s]; !ok {
			first[s] = p
		} else if q != p {
			t.Errorf("two strings of %q", s)
		}
	}
}

const twoEntities = "entity User {\n  id serial pk\n  name text\n}\nentity Order {\n  id serial pk\n  name text\n}\n"

// TestReadTokensShareTexts: the text of each token is what the source
// holds where it is, in a string that is no part of the source (which a
// token's text would otherwise keep whole for as long as the model lives),
// one string for all the tokens that read alike.
func TestReadTokensShareTexts(t *testing.T) {
	src := strings.Clone(twoEntities)
	toks, ok := readTokens(src)
	if !ok {
		t.Fatal("readTokens failed")
	}
	var texts []string
	for _, tok := range toks[:len(toks)-1] {
		if got := src[tok.off : int(tok.off)+len(tok.val)]; got != tok.val {
			t.Errorf("token %q at %d, where the source has %q", tok.val, tok.off, got)
		}
		if inside(tok.val, src) {
			t.Errorf("token %q at %d is a part of the source", tok.val, tok.off)
		}
		texts = append(texts, tok.val)
	}
	sharedTexts(t, texts)
}

// TestReadNamesShareTexts: the reader builds the AST of the tokens'
// strings, so its names are no part of the source either, and the names
// that read alike are one string.
func TestReadNamesShareTexts(t *testing.T) {
	src := strings.Clone(twoEntities)
	f, _, _ := read("t.er", src)
	if f == nil {
		t.Fatal("the reader failed")
	}
	var names []string
	for _, d := range f.Decls {
		names = append(names, d.Entity.Name.Value)
		for _, it := range d.Entity.Items {
			names = append(names, it.Attribute.Name.Value, it.Attribute.Type.Name)
		}
	}
	if len(names) != 10 {
		t.Fatalf("names %q", names)
	}
	for _, n := range names {
		if inside(n, src) {
			t.Errorf("name %q is a part of the source", n)
		}
	}
	sharedTexts(t, names)
}
