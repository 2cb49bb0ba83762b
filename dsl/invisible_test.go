package dsl_test

import (
	"fmt"
	"testing"

	"github.com/ergen-dev/ergen/dsl"
)

func TestInvisibleCharactersRefused(t *testing.T) {
	for _, r := range []rune{0x061C, 0x200B, 0x200D, 0x200F, 0x202A, 0x202E, 0x2060, 0x2066, 0x2069, 0xFEFF} {
		src := fmt.Sprintf("entity T {\n  id serial pk comment 'é%cx'\n}\n", r)
		_, diags := dsl.Parse("t.er", []byte(src))
		want := fmt.Sprintf("t.er:2:26: error: invisible character U+%04X", r)
		if len(diags) != 1 || diags[0].Pos.String()+": error: "+diags[0].Msg != want {
			t.Errorf("U+%04X: %v, want %s", r, diags, want)
		}
	}
	// Other non-ASCII text is fine: é, CJK, emoji.
	if _, diags := dsl.Parse("t.er", []byte("entity Été { id serial pk comment '漢字 🙂' }\n")); len(diags) > 0 {
		t.Errorf("plain non-ASCII text refused: %v", diags)
	}
}
