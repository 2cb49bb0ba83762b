package testkit_test

import (
	"testing"

	"github.com/ergen-dev/ergen/internal/testkit"
)

// TestRowValue checks the literals RowValue gives: through domains to
// their base type, none for a generated column, distinct per row.
func TestRowValue(t *testing.T) {
	s := testkit.MustResolve(t, "rowvalue.er", []byte(`schema s
extension citext

enum Mood { happy sad }

domain Year integer check (value >= 1901)
domain Feeling Mood
domain Release Year
domain Tags text[]

entity Film {
  id      bigint pk
  year    Release
  mood    Feeling
  tags    Tags
  title   varchar(80)
  mac     macaddr
  flags   bit(8)
  paid_on date
  twice   bigint generated (id * 2)
}
`))
	want := map[string][2]string{
		"id":      {"1", "2"},
		"year":    {"1", "2"},
		"mood":    {"'sad'", "'happy'"},
		"tags":    {"'{}'", "'{}'"},
		"title":   {"'v1'", "'v2'"},
		"mac":     {"'08:00:2b:00:00:01'", "'08:00:2b:00:00:02'"},
		"flags":   {"B'00000001'", "B'00000010'"},
		"paid_on": {"'2024-01-01'", "'2024-01-02'"},
		"twice":   {"", ""},
	}
	for _, c := range s.Tables[0].Columns {
		w, ok := want[c.Name]
		if !ok {
			t.Errorf("unexpected column %s", c.Name)
			continue
		}
		for i, n := range []int{1, 2} {
			if got := testkit.RowValue(c, n); got != w[i] {
				t.Errorf("RowValue(%s, %d) = %q, want %q", c.Name, n, got, w[i])
			}
		}
	}
}
