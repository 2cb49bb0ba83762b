package dsl

import "testing"

// A posCursor gives PosAt's position for any order of offsets: forward it
// advances from the last one, and back it starts again from the source's
// beginning.
func TestPosCursorAnyOrder(t *testing.T) {
	src := []byte("entity A {\n  naïve text\n  id serial pk\n}\n")
	c := newPosCursor("t.er", src)
	for _, off := range []int{0, 5, 14, 30, 3, 22, len(src), 12, -1, len(src) + 9} {
		if got, want := c.pos(off), PosAt("t.er", src, off); got != want {
			t.Errorf("pos(%d) = %+v, want %+v", off, got, want)
		}
	}
}
