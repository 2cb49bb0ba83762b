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

// TestMapKeyOnlyByteEquality checks that a type keys a batch map only
// when PostgreSQL's = on it is the equality of its Go values: not citext
// however it is reached, nor a collation ergen cannot tell compares bytes,
// nor a type ergen knows by name only, nor a Go type a `go` clause chose.
func TestMapKeyOnlyByteEquality(t *testing.T) {
	s := testkit.MustResolve(t, "t.er", []byte(`extension citext
enum Tier { gold silver }
domain Email citext
domain Folded text collate "case_insensitive"
domain Plain text collate "C"
type ltree
entity T {
  id      integer pk
  email   citext
  qual    public.citext
  mail    Email
  folded  Folded
  plain   Plain
  nocase  text collate "case_insensitive"
  posix   varchar(9) collate "POSIX"
  code    char(4)
  path    ltree
  oid     oid
  mac     macaddr
  chosen  text go "github.com/x/y.Name"
  tier    Tier
  flag    boolean
  id2     uuid
  net     inet
}
`))
	want := map[string]bool{"id": true, "email": false, "qual": false, "mail": false, "folded": false, "plain": true,
		"nocase": false, "posix": true, "code": false, "path": false, "oid": false, "mac": false, "chosen": false,
		"tier": true, "flag": true, "id2": true, "net": true}
	for _, c := range s.Entities[0].Table.Columns {
		if got := mapKey(c.Type); got != want[c.Name] {
			t.Errorf("mapKey(%s %s) = %v, want %v", c.Name, c.Type.SQL(), got, want[c.Name])
		}
	}
}
