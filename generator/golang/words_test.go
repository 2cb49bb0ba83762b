package golang

import (
	"regexp"
	"testing"

	"github.com/ergen-dev/ergen/internal/testkit"
)

// TestWordsOfAShortenedJunction: a junction whose SQL name ergen
// shortens with a hash is named in messages and comments by the model's
// words, as its Go types are, not by the hash.
func TestWordsOfAShortenedJunction(t *testing.T) {
	s := testkit.Load(t, "testdata/roles/input.er")
	files, err := Emit(s, Options{Package: "roles", Source: "input.er"})
	if err != nil {
		t.Fatal(err)
	}
	// A word of hex digits in a message's words, or in a comment.
	hashed := regexp.MustCompile(`(?m)((child|children|words|parent): "[^"]* [0-9a-f]{8}"|^// .*\b[0-9a-f]{8}\b)`)
	for _, f := range files {
		if m := hashed.Find(f.Data); m != nil {
			t.Errorf("%s names a table by its hash: %s", f.Name, m)
		}
	}
}
