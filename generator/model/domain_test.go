package model_test

import (
	"testing"

	"github.com/ergen-dev/ergen/internal/testkit"
)

// TestCompareCast: a column of a domain over an enum, through domains
// over domains, compares as the enum, qualified like any type of the
// schema; every other column, arrays of that domain and a domain over an
// enum's array among them, compares as itself.
func TestCompareCast(t *testing.T) {
	s := testkit.MustResolve(t, "t.er", []byte(`schema shop
enum Mood { happy sad }
domain Feeling Mood
domain Deep Feeling
domain Moods Mood[]
domain Year integer
entity A {
  id    integer pk
  f     Feeling
  d     Deep?
  m     Mood
  fs    Feeling[]
  ms    Moods
  y     Year
  t     text
}
`))
	want := map[string]string{"f": "::shop.mood", "d": "::shop.mood"}
	for _, c := range s.Tables[0].Columns {
		if got := s.CompareCast(c.Type); got != want[c.Name] {
			t.Errorf("CompareCast(%s %s) = %q, want %q", c.Name, c.Type.SQL(), got, want[c.Name])
		}
		if cmp := c.Type.ComparedAs(); (want[c.Name] == "") != cmp.Equal(c.Type) {
			t.Errorf("%s %s compares as %s", c.Name, c.Type.SQL(), cmp.SQL())
		}
	}
	if len(s.Tables[0].Columns) != 8 {
		t.Fatalf("columns %d, want 8", len(s.Tables[0].Columns))
	}
}
