package model_test

import (
	"slices"
	"testing"

	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/internal/testkit"
	"github.com/ergen-dev/ergen/internal/testkit/corpus"
)

func init() { checkCases = append(checkCases, sharedColumnCases...) }

// tenantModel keys every table by (tenant_id, id); a post's keys to its
// board and its author share its tenant_id.
const tenantModel = `entity Tenant { id bigint pk }
entity Board { tenant_id bigint; id bigint; pk (tenant_id, id) }
entity User { tenant_id bigint; id bigint; pk (tenant_id, id) }
entity Post {
  tenant_id bigint
  id        bigint
  board_id  bigint
  author_id bigint?
  pk (tenant_id, id)
}
relationship Tenant 1:N Board { column tenant_id }
relationship Tenant 1:N User { column tenant_id }
relationship Tenant 1:N Post
relationship Board 1:N Post { columns (tenant_id, board_id) on delete cascade }
relationship User 1:N Post as author { columns (tenant_id, author_id) on delete set null (author_id) }
`

func TestSharedColumn(t *testing.T) {
	s := mustLoad(t, tenantModel)
	posts := tableNamed(t, s, "posts")
	tenant := posts.Column("tenant_id")
	var names []string
	for _, fk := range tenant.ForeignKeys {
		names = append(names, fk.Name)
	}
	if want := []string{"fk_posts_tenant", "fk_posts_board", "fk_posts_author"}; !equal(names, want) {
		t.Errorf("foreign keys through posts.tenant_id: %v, want %v", names, want)
	}
	if tenant.ForeignKey != tenant.ForeignKeys[0] || tenant.Nullable {
		t.Errorf("tenant_id: owner %s, nullable %v", tenant.ForeignKey.Name, tenant.Nullable)
	}
	for _, c := range []struct {
		col      string
		required bool
	}{{"board_id", true}, {"author_id", false}} {
		col := posts.Column(c.col)
		if len(col.ForeignKeys) != 1 || col.ForeignKey.Required() != c.required {
			t.Errorf("%s: %d keys, required %v, want 1 and %v", c.col, len(col.ForeignKeys), col.ForeignKey.Required(), c.required)
		}
	}
	author := posts.Column("author_id").ForeignKey
	if got := model.ColumnNames(author.ActionColumns(model.DeleteEvent)); got != "author_id" {
		t.Errorf("ON DELETE of %s changes %s, want author_id", author.Name, got)
	}
}

// TestColumnKeys checks, over every corpus model and the tenant model, that
// a column's ForeignKey is the first of its ForeignKeys, and that the keys
// through a column are exactly those that list it.
func TestColumnKeys(t *testing.T) {
	srcs := append(corpus.Read(t, corpus.Examples, corpus.DeleteModels, corpus.Constructs), []byte(tenantModel))
	for i, src := range srcs {
		s := testkit.MustResolve(t, "t.er", src)
		for _, tb := range s.Tables {
			for _, c := range tb.Columns {
				switch {
				case len(c.ForeignKeys) == 0 && c.ForeignKey != nil:
					t.Errorf("model %d: %s.%s: ForeignKey %s, but no ForeignKeys", i, tb.Name, c.Name, c.ForeignKey.Name)
				case len(c.ForeignKeys) > 0 && c.ForeignKey != c.ForeignKeys[0]:
					t.Errorf("model %d: %s.%s: ForeignKey is not ForeignKeys[0]", i, tb.Name, c.Name)
				}
				for _, fk := range c.ForeignKeys {
					if !slices.Contains(fk.Columns, c) {
						t.Errorf("model %d: %s.%s lists %s, which does not list it", i, tb.Name, c.Name, fk.Name)
					}
				}
			}
			for _, fk := range tb.ForeignKeys {
				for _, c := range fk.Columns {
					if !slices.Contains(c.ForeignKeys, fk) {
						t.Errorf("model %d: %s lists %s.%s, which does not list it", i, fk.Name, tb.Name, c.Name)
					}
				}
			}
		}
	}
}

func TestSharedColumnOptional(t *testing.T) {
	// `optional` over a shared NOT NULL tenant_id makes the key's own
	// column nullable and keeps tenant_id as declared.
	s := mustLoad(t, `entity U { t integer; id integer; pk (t, id) }
entity B { t integer; id integer; pk (t, id) }
entity P { id serial pk; t integer; b integer }
relationship B 1:N P { columns (t, b) }
relationship U 1:N P as author { optional; columns (t, author_id) }
`)
	p := tableNamed(t, s, "ps")
	if p.Column("t").Nullable || !p.Column("author_id").Nullable || p.Column("b").Nullable {
		t.Errorf("nullability: t %v, author_id %v, b %v", p.Column("t").Nullable, p.Column("author_id").Nullable, p.Column("b").Nullable)
	}
	if p.Column("author_id").ForeignKey.Required() {
		t.Errorf("the author key is required")
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

var sharedColumnCases = []checkCase{
	{
		name: "a shared column set null with the key",
		src: `entity U { t integer; id integer; pk (t, id) }
entity B { t integer; id integer; pk (t, id) }
entity P { id serial pk; t integer?; b integer?; a integer? }
relationship B 1:N P { columns (t, b) }
relationship U 1:N P as author { columns (t, a) on delete set null on update set default }
`,
		want: []string{
			"t.er:5:49: error: ON DELETE SET NULL on U 1:N P as author would change t, which fk_ps_b shares",
			"= hint: list the key's own columns, as in `on delete set null (a)` (PostgreSQL 15): changing t too would break the row's other keys",
			"t.er:5:68: error: ON UPDATE SET DEFAULT on U 1:N P as author would change t, which fk_ps_b shares",
			"= hint: on update PostgreSQL changes every column of the key, and the other keys need t: use CASCADE, RESTRICT or NO ACTION",
		},
	},
	{
		name: "a shared column listed in set null",
		src: `entity U { t integer; id integer; pk (t, id) }
entity B { t integer; id integer; pk (t, id) }
entity P { id serial pk; t integer?; b integer?; a integer? }
relationship B 1:N P { columns (t, b) }
relationship U 1:N P as author { columns (t, a) on delete set null (t, a) }
`,
		want: []string{
			"t.er:5:49: error: ON DELETE SET NULL on U 1:N P as author would change t, which fk_ps_b shares",
			"= hint: list the key's own columns, as in `on delete set null (a)` (PostgreSQL 15): changing t too would break the row's other keys",
		},
	},
	{
		name: "an optional key keeps a NOT NULL column no other key shares",
		src: `entity U { t integer; id integer; pk (t, id) }
entity P { id serial pk; t integer; a integer? }
relationship U 1:N P as author { optional; columns (t, a) }
`,
		want: []string{
			`t.er:2:26: error: U 1:N P as author is optional, but column "t" is declared NOT NULL`,
			"= hint: make them agree: add ? to the column's type; only a column another foreign key shares (a tenant's id) may stay NOT NULL in an optional one",
		},
	},
	{
		name: "a shared column's nullability disagrees",
		src: `entity U { t integer; id integer; pk (t, id) }
entity B { t integer; id integer; pk (t, id) }
entity P { id serial pk; t integer?; b integer }
relationship B 1:N P { required; columns (t, b) }
relationship U 1:N P as author { optional; columns (t, a) }
`,
		want: []string{
			`t.er:3:26: error: B 1:N P is required, but column "t" is declared nullable`,
			"= hint: make them agree: remove the ? from the column",
		},
	},
	{
		name: "mixed nullability without a shared column",
		src: `entity U { t integer; id integer; pk (t, id) }
entity P { id serial pk; t integer; a integer? }
relationship U 1:N P as author { columns (t, a) }
`,
		want: []string{
			"t.er:2:26: error: columns of one foreign key must all be nullable or all NOT NULL",
			"= hint: only a column another foreign key shares (a tenant's id) may stay NOT NULL in an optional one",
		},
	},
	{
		name: "a junction's column is not shared",
		src: `entity U { t integer; id integer; pk (t, id) }
entity B { t integer; id integer; pk (t, id) }
relationship U M:N B { columns U (t, u) columns B (t, b) }
`,
		want: []string{
			`t.er:3:41: error: column "t" of "u_bs" already belongs to U M:N B`,
			"= hint: a junction's columns belong to its own two keys: name another column",
		},
	},
}
