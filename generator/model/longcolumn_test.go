package model_test

import (
	"strings"
	"testing"
)

// A column name longer than 63 bytes, written in full, names the column
// PostgreSQL cuts it to in every clause that names a column: keys,
// indexes, `references`, `column`, `on delete set null (...)` and a
// junction's key column.
func TestLongColumnNameInEveryClause(t *testing.T) {
	const long = "a_very_long_attribute_name_that_is_close_to_the_limit_of_sixty_x"
	const cut = "a_very_long_attribute_name_that_is_close_to_the_limit_of_sixty_"
	src := strings.ReplaceAll(`entity A {
  id   serial pk
  LONG text
  unique (LONG)
  index (LONG)
}
entity B {
  id   serial pk
  LONG text?
  n    integer?
  g    text generated (LONG || 'x')
  check (LONG <> '')
}
relationship A 1:N B {
  references (LONG)
  columns (LONG)
  on delete set null (LONG)
}
entity C { id serial pk }
relationship B M:N C { key line (LONG) }
`, "LONG", long)
	s := mustLoad(t, src)
	a, b := tableNamed(t, s, "as"), tableNamed(t, s, "bs")
	if got := colNames(a.Uniques[0].Columns); got != cut {
		t.Errorf("unique key of A is over %q, want %q", got, cut)
	}
	if got := colNames(a.Indexes[0].Columns); got != cut {
		t.Errorf("index of A is over %q, want %q", got, cut)
	}
	fk := b.ForeignKeys[0]
	if got := colNames(fk.RefColumns) + " / " + colNames(fk.Columns) + " / " + colNames(fk.SetColumns); got != cut+" / "+cut+" / "+cut {
		t.Errorf("foreign key of B: referenced / own / set null columns are %q", got)
	}
	if g := b.Column("g"); len(g.GeneratedFrom) != 1 || g.GeneratedFrom[0].Name != cut {
		t.Errorf("generated column g is computed from %q, want %q", colNames(g.GeneratedFrom), cut)
	}
	if cols, ok := b.ExprColumns("lower(" + long + ")"); !ok || colNames(cols) != cut {
		t.Errorf("an expression over the long name reads columns %q, want %q", colNames(cols), cut)
	}
	if c := b.ExprColumn(long); c == nil || c.Name != cut {
		t.Errorf("an expression of the long name alone is not its column")
	}
	if len(b.Columns) != 4 {
		t.Errorf("B has columns %q, want the declared attribute used as the FK column", colNames(b.Columns))
	}
	j := tableNamed(t, s, "b_cs")
	if j.Column(cut) == nil {
		t.Errorf("junction's key column is not named %q: %q", cut, colNames(j.Columns))
	}
}

func init() { checkCases = append(checkCases, fkColumnListCases...) }

// fkColumnListCases: a relationship's `columns (...)` naming a column
// twice is reported at the second, in terms of the list.
var fkColumnListCases = []checkCase{
	{
		name: "FK column listed twice",
		src: `entity A { x int; y int; pk (x, y) }
entity B { id serial pk }
relationship A 1:N B { columns (a, a) }
relationship A M:N B { column A (p, q); column B (r, r) }
`,
		want: []string{
			`t.er:3:36: error: column "a" listed twice in columns`,
			"= hint: each column of the foreign key is listed once, one per referenced column",
			`t.er:4:54: error: column "r" listed twice in columns`,
			"= hint: each column of the foreign key is listed once, one per referenced column",
		},
	},
	{
		name: "FK columns equal once cut to 63 bytes",
		src: `entity A { x int; y int; pk (x, y) }
entity B { id serial pk }
relationship A 1:N B {
  columns (a_name_far_longer_than_the_sixty_three_bytes_postgresql_keeps_abone,
    a_name_far_longer_than_the_sixty_three_bytes_postgresql_keeps_abtwo)
}
`,
		want: []string{
			`t.er:5:5: error: column "a_name_far_longer_than_the_sixty_three_bytes_postgresql_keeps_abtwo" listed twice in columns`,
			`= hint: PostgreSQL cuts names to 63 bytes, and this one is then "a_name_far_longer_than_the_sixty_three_bytes_postgresql_keeps_a" like the column at 4:12`,
		},
	},
}
