package golang

import (
	"testing"

	"github.com/ergen-dev/ergen/internal/testkit"
)

// TestMapKeyThroughDomains checks that a domain is a batch map's key
// exactly when its base type is: a domain over numeric or a date keeps
// the base type's Go equality, which differs from SQL's.
func TestMapKeyThroughDomains(t *testing.T) {
	s := testkit.MustResolve(t, "t.er", []byte(`domain Price numeric(10, 2)
domain Day date
domain Code text
domain Cents bigint
domain Deep Price
entity T {
  id    integer pk
  price Price
  day   Day
  code  Code
  cents Cents
  deep  Deep
}
`))
	want := map[string]bool{"id": true, "price": false, "day": false, "code": true, "cents": true, "deep": false}
	for _, c := range s.Entities[0].Table.Columns {
		if got := mapKey(c.Type); got != want[c.Name] {
			t.Errorf("mapKey(%s %s) = %v, want %v", c.Name, c.Type.SQL(), got, want[c.Name])
		}
	}
}
