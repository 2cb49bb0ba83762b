package catalog_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ergen-dev/ergen/generator/importer/catalog"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

// exprCollationModel gives index keys a COLLATE over the whole of their
// expression, which PostgreSQL keeps as the key's collation; over a
// column alone, which makes the key the column's; over an operand only,
// which stays in the expression; and one that repeats the collation the
// expression has already (tag's), which the server does not print.
const exprCollationModel = `schema kc
entity Item {
  id   serial pk
  code text
  name text
  tag  text collate "C"
  index ((lower(code) collate "C"))
  index (((code || name) collate "POSIX"), (name collate "C") desc)
  unique ((upper(name) collate "C")) where (id > 0)
  index ((name || tag collate "POSIX"))
  index ((lower(tag) collate "C"))
}
`

// TestExpectExprCollations: Read reports the collation of every index
// key as Expect predicts it from the model; a COLLATE that repeats the
// expression's own is read only as the caller spells it (ReadPreferring),
// which drift does.
func TestExpectExprCollations(t *testing.T) {
	s := load(t, exprCollationModel)
	conn := pgtest.Conn(t)
	exec(t, conn, ddl(t, s))
	keys := map[string][]string{}
	for _, ix := range s.Tables[0].Indexes {
		for _, k := range ix.Keys {
			keys[ix.Name] = append(keys[ix.Name], k.Expr)
		}
	}
	got, err := catalog.ReadPreferring(context.Background(), conn, s.Name, catalog.Spellings{Keys: map[string]map[string][]string{"items": keys}})
	if err != nil {
		t.Fatal(err)
	}
	got.Settled = catalog.Spellings{}
	if diff := cmp.Diff(catalog.Expect(s), got); diff != "" {
		t.Errorf("(-Expect +Read):\n%s", diff)
	}
	want := map[string][]string{
		"idx_items_lower_code_collate_C":                   {"C"},
		"idx_items_code_name_collate_POSIX_name_collate_C": {"POSIX", "C"},
		"uq_items_upper_name_collate_C_partial":            {"C"},
		"idx_items_name_tag_collate_POSIX":                 nil,
		"idx_items_lower_tag_collate_C":                    nil,
	}
	plain := read(t, conn, s.Name).Table("items")
	for name, colls := range want {
		if ix := plain.Index(name); ix == nil || !slices.Equal(ix.Collations, colls) {
			t.Errorf("%s: %+v, want the collations %q", name, ix, colls)
		}
	}
	if ix := plain.Index("idx_items_code_name_collate_POSIX_name_collate_C"); ix == nil || !slices.Equal(ix.Columns, []string{"", "name"}) {
		t.Errorf("the key of a column alone: %+v, want the column's", ix)
	}
}

// TestPreferredCollationMustBeStored: a caller's COLLATE over the whole of
// a key is taken only where it names the key's stored collation; one
// naming another is not.
func TestPreferredCollationMustBeStored(t *testing.T) {
	s := load(t, exprCollationModel)
	conn := pgtest.Conn(t)
	exec(t, conn, ddl(t, s))
	for _, tc := range []struct {
		spelt string
		want  []string
	}{
		{`(lower(tag) collate "C")`, []string{"C"}},
		{`(lower(tag) collate "POSIX")`, nil},
		{`lower(tag)`, nil},
	} {
		keys := map[string][]string{"idx_items_lower_tag_collate_C": {tc.spelt}}
		got, err := catalog.ReadPreferring(context.Background(), conn, s.Name, catalog.Spellings{Keys: map[string]map[string][]string{"items": keys}})
		if err != nil {
			t.Fatal(err)
		}
		if ix := got.Table("items").Index("idx_items_lower_tag_collate_C"); ix == nil || !slices.Equal(ix.Collations, tc.want) {
			t.Errorf("spelt %s: %+v, want the collations %q", tc.spelt, ix, tc.want)
		}
	}
}

// TestExpectQualifiedKeyCollations: a model may name a key's collation
// with its schema, in the COLLATE over the whole of an expression
// ((lower(name) collate c.mine)), which its DDL writes as it is. Read
// qualifies a collation its name alone would not find (c.mine), and
// Expect names each as Read does, so that drift finds none where the
// database has the model's collations, ReadPreferring's too (a COLLATE
// that repeats the expression's own), and finds one where a key has a
// collation of another schema of the same name.
func TestExpectQualifiedKeyCollations(t *testing.T) {
	s := load(t, `schema app
entity Person {
  id   integer pk
  name text
  code text collate "C"
  index ((lower(name) collate c.mine))
  index ((name collate c.bytes))
  index ((lower(name collate c.bytes) collate c.bytes))
  index ((lower(name) collate app.loc))
  index ((lower(name) collate public.mine))
  index ((lower(code) collate pg_catalog."C"))
}
`)
	conn := pgtest.Conn(t)
	exec(t, conn, `CREATE SCHEMA c; CREATE SCHEMA app;
		CREATE COLLATION c.mine (provider = icu, locale = 'de-u-co-phonebk');
		CREATE COLLATION c.bytes FROM "C";
		CREATE COLLATION app.loc FROM "C";
		CREATE COLLATION public.mine FROM "C";`)
	exec(t, conn, ddl(t, s))
	keys := map[string][]string{}
	for _, ix := range s.Tables[0].Indexes {
		for _, k := range ix.Keys {
			keys[ix.Name] = append(keys[ix.Name], k.Expr)
		}
	}
	got, err := catalog.ReadPreferring(context.Background(), conn, s.Name, catalog.Spellings{Keys: map[string]map[string][]string{"people": keys}})
	if err != nil {
		t.Fatal(err)
	}
	// app.loc, which a key names with its schema, is among Others, which
	// a model cannot create.
	if diff := cmp.Diff(catalog.Expect(s).Tables, got.Tables); diff != "" {
		t.Errorf("(-Expect +Read):\n%s", diff)
	}
	var colls [][]string
	for _, ix := range got.Table("people").Indexes {
		colls = append(colls, ix.Collations)
	}
	if want := [][]string{{"C"}, {"app.loc"}, {"c.bytes"}, {"c.mine"}, {"mine"}, {"c.bytes"}, nil}; !cmp.Equal(colls, want) {
		t.Errorf("the keys' collations read as %q, want %q", colls, want)
	}
	ix := s.Tables[0].Indexes[0]
	diffs := diffAfter(t, conn, s, `DROP INDEX app.`+ix.Name+`; CREATE INDEX `+ix.Name+` ON app.people ((lower(name) COLLATE public.mine))`)
	if !slices.ContainsFunc(diffs, func(d string) bool { return strings.Contains(d, "(c.mine)") }) {
		t.Errorf("a key of public.mine for the model's c.mine: %q", diffs)
	}
}
