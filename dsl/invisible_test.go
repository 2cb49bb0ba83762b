package dsl_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/dsl"
)

func TestInvisibleCharactersRefused(t *testing.T) {
	for _, r := range []rune{0x01, 0x1B, 0x7F, 0x85, 0x9B,
		0x061C, 0x200B, 0x200D, 0x200F, 0x202A, 0x202E, 0x2060, 0x2066, 0x2069, 0xFEFF} {
		kind := "invisible"
		if r < 0xA0 {
			kind = "control"
		}
		src := fmt.Sprintf("entity T {\n  id serial pk comment 'é%cx'\n}\n", r)
		_, diags := dsl.Parse("t.er", []byte(src))
		want := fmt.Sprintf("t.er:2:26: error: %s character U+%04X", kind, r)
		if len(diags) != 1 || diags[0].Pos.String()+": error: "+diags[0].Msg != want {
			t.Errorf("U+%04X: %v, want %s", r, diags, want)
		}
	}
	// The diagnostic quotes the line with the character replaced.
	src := "entity T { id serial pk comment '\x1b[2J\u202e' }\n"
	_, diags := dsl.Parse("t.er", []byte(src))
	var b strings.Builder
	dsl.Print(&b, diags, func(string) []byte { return []byte(src) })
	if strings.ContainsAny(b.String(), "\x1b\u202e") {
		t.Errorf("a diagnostic prints the character itself:\n%s", b.String())
	}
	// Other non-ASCII text is fine: é, CJK, emoji; so are tab, CR and FF.
	if _, diags := dsl.Parse("t.er", []byte("entity Été {\tid serial pk\f comment '漢字 🙂' }\r\n")); len(diags) > 0 {
		t.Errorf("plain text refused: %v", diags)
	}
}

// A byte order mark first in the file is dropped, not refused, and the
// positions count from after it; anywhere else it is an invisible
// character.
func TestByteOrderMark(t *testing.T) {
	f, diags := dsl.Parse("bom.er", []byte("\uFEFFentity A { id serial pk }\n"))
	if len(diags) > 0 || len(f.Decls) != 1 || f.Decls[0].Entity.Pos.Column != 1 || string(f.Source[:6]) != "entity" {
		t.Errorf("a file starting with a BOM: %v", diags)
	}
	_, diags = dsl.Parse("bom.er", []byte("entity A { id serial pk }\n\uFEFFentity B { id serial pk }\n"))
	if len(diags) != 1 || !strings.Contains(diags[0].Error(), "bom.er:2:1: error: invisible character U+FEFF") {
		t.Errorf("a BOM on line 2: %v", diags)
	}
}
