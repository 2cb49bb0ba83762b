package doc

import (
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/internal/testkit"
)

// TestObjectsShown checks that the document shows every domain with its
// checks and the columns of its type, every standalone sequence with the
// columns whose default uses it, the extensions, the options of a
// foreign key and what refuses a row of each table; and that a model
// without domains or sequences gets no section on them.
func TestObjectsShown(t *testing.T) {
	s := testkit.MustResolve(t, "o.er", []byte(`extension citext
sequence ticket_no
sequence spare as integer start 1000 increment -10 minvalue 10 maxvalue 1000 cache 20 cycle
domain Year integer check (value >= 1901) as year_min not null
domain Email citext collate "C"
domain Modern Year check (value >= 2000)
entity Film {
  id    integer = nextval('ticket_no'::regclass) pk
  year  Year
  email Email?
  made  Modern?
}
entity Site { region integer; no integer; pk (region, no) }
entity Show { id serial pk }
relationship Site 1:N Show { optional; match full }
relationship Film 1:N Show { not valid }
`))
	md, err := Render(s, Markdown, Options{Source: "o.er", Src: nil})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Extensions it installs: citext.",
		"- [Domains](#domains)\n- [Sequences](#sequences)\n",
		"| Year | `year` | `integer` |  | NOT NULL | `year_min CHECK (value >= 1901)` | `domain modern, films.year` |",
		"| Modern | `modern` | `year` |  | NULL | `modern_check CHECK (value >= 2000)` | `films.made` |",
		"| Email | `email` | `citext COLLATE \"C\"` |  | NULL |  | `films.email` |",
		"| `ticket_no` | bigint from 1 by 1, 1 to 9223372036854775807 | `films.id` |",
		"| `spare` | integer from 1000 by -10, 10 to 1000, 20 cached per session, starting over past the bound | no default takes numbers from it |",
		"`(site_region, site_no) REFERENCES sites (region, no) MATCH FULL`",
		"`(film_id) REFERENCES films (id) NOT VALID`",
		"NOT VALID: rows written before it was added are not checked",
		"A row is refused when:\n\n- another row has the same id (pk_films)\n- year fails CHECK (value \\>= 1901) of domain year (year_min)\n",
	} {
		if !strings.Contains(string(md), want) {
			t.Errorf("the document lacks %q:\n%s", want, md)
		}
	}
	plain := testkit.MustResolve(t, "p.er", []byte("entity A { id serial pk }\n"))
	md, err = Render(plain, Markdown, Options{Source: "p.er"})
	if err != nil {
		t.Fatal(err)
	}
	for _, absent := range []string{"Domains", "Sequences", "Enums", "Extensions"} {
		if strings.Contains(string(md), absent) {
			t.Errorf("a model without them has a mention of %s:\n%s", absent, md)
		}
	}
}
