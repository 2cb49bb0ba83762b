package golang

import (
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/internal/testkit"
)

// TestPlainKeyKeepsKeyName: a plain unique key's struct is …Key and a
// NULLS NOT DISTINCT key's over the same columns …NullableKey, whichever
// is declared first.
func TestPlainKeyKeepsKeyName(t *testing.T) {
	for _, order := range []string{
		"unique (team, seat) nulls not distinct\n  unique (team, seat) as uq_plain",
		"unique (team, seat) as uq_plain\n  unique (team, seat) nulls not distinct",
	} {
		s := testkit.MustResolve(t, "t.er", []byte("entity Member {\n  id integer pk\n  team integer?\n  seat integer?\n  "+order+"\n}\n"))
		files, err := Emit(s, Options{Package: "p", Source: "t.er"})
		if err != nil {
			t.Fatal(err)
		}
		var src string
		for _, f := range files {
			if f.Name == "member.go" {
				src = string(f.Data)
			}
		}
		for _, want := range []string{
			"type MemberTeamAndSeatKey struct {\n\tTeam int32\n\tSeat int32\n}",
			"type MemberTeamAndSeatNullableKey struct {\n\tTeam *int32\n\tSeat *int32\n}",
		} {
			if !strings.Contains(src, want) {
				t.Errorf("with\n  %s\nmember.go lacks\n%s\n%s", order, want, src)
			}
		}
	}
}
