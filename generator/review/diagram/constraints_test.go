package diagram

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ergen-dev/ergen/internal/testkit"
)

// TestConstraintMarks checks what the boxes and labels say of unique
// indexes, exclusion constraints, collations, MATCH FULL and NOT VALID,
// and that dot draws the spelt-out lines.
func TestConstraintMarks(t *testing.T) {
	src := `
extension btree_gist
entity Room {
  id      serial pk
  code    text collate "C"
  slug    text
  retired boolean
  unique index (slug)
  unique index (code) where (not retired)
}
entity Site { region integer; no integer; pk (region, no) }
entity Booking {
  id     serial pk
  during tstzrange
  exclude using gist (room_id with =, during with &&)
}
relationship Room 1:N Booking { not valid }
relationship Site 1:N Booking { optional; match full }
`
	s := testkit.MustResolve(t, "t.er", []byte(src))
	var got []string
	for _, tb := range Tables(s) {
		for _, bc := range BoxColumns(tb) {
			keys, note := MermaidMarks(tb, bc)
			got = append(got, tb.Name+"."+bc.Column.Name+" "+ColumnType(bc.Column)+" "+strings.Join(bc.Marks, " ")+" | "+strings.Join(keys, ",")+" "+note)
		}
	}
	want := []string{
		`rooms.id serial PK | PK `,
		`rooms.code text COLLATE "C" UK1 | UK UK1: unique (code) WHERE (not retired); collation C`,
		`rooms.slug text UK | UK `,
		`rooms.retired boolean  |  `,
		`sites.region integer PK | PK `,
		`sites.no integer PK | PK `,
		`bookings.id serial PK | PK `,
		`bookings.room_id integer FK EX1 | FK EX1: exclude USING gist (room_id WITH =, during WITH &&)`,
		`bookings.site_region integer FK NULL | FK NULL`,
		`bookings.site_no integer FK NULL | FK NULL`,
		`bookings.during tstzrange EX1 |  EX1`,
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("box columns (-want +got):\n%s", d)
	}
	got = nil
	for _, e := range Edges(s) {
		got = append(got, e.Label, MermaidLabel(e))
	}
	want = []string{
		"room_id: ON DELETE NO ACTION, ON UPDATE NO ACTION, NOT VALID",
		"room_id<br>on delete no action<br>on update no action<br>not valid",
		"(site_region, site_no): ON DELETE NO ACTION, ON UPDATE NO ACTION, MATCH FULL",
		"(site_region, site_no)<br>on delete no action<br>on update no action<br>match full",
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("labels (-want +got):\n%s", d)
	}
	needDot(t)
	svg, err := SVG(EmitDOT(s, ""))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"UK1: unique (code) WHERE (not retired)",
		"EX1: exclude USING gist (room_id WITH =, during WITH &amp;&amp;)",
		"text COLLATE &quot;C&quot;",
		"NOT VALID",
	} {
		if !strings.Contains(string(svg), want) {
			t.Errorf("the drawn SVG lacks %q", want)
		}
	}
}
