package model_test

import (
	"testing"
)

// collationCases: `collate` on the types PostgreSQL collates, refused on
// the others, with its position.
var collationCases = []checkCase{
	{
		name: "collations where PostgreSQL takes them",
		src: `extension citext
domain Code text collate "C"
entity A {
  code  Code pk
  name  text collate "und-x-icu"
  short varchar(8)? collate 'POSIX'
  one   char collate C
  email citext collate "C"
  tags  text[] collate "C"
  other Code collate "POSIX"
}
`,
	},
	{
		name: "collations on types without one",
		src: `enum Mood { happy sad }
domain Year integer collate "C"
entity A {
  id   integer pk collate "C"
  mood Mood collate "C"
  at   tsvector collate "C"
  x    text collate ""
  y    text collate "C" collate "POSIX"
}
`,
		want: []string{
			"t.er:2:21: error: domain \"Year\" is of type integer, which takes no collation",
			"= hint: a collation applies to text, varchar, char, citext and domains over them",
			"t.er:4:19: error: column \"id\" is of type integer, which takes no collation",
			"= hint: a collation applies to text, varchar, char, citext and domains over them",
			"t.er:5:13: error: column \"mood\" is of type mood, which takes no collation",
			"= hint: a collation applies to text, varchar, char, citext and domains over them",
			"t.er:6:17: error: column \"at\" is of type tsvector, which takes no collation",
			"= hint: a collation applies to text, varchar, char, citext and domains over them",
			"t.er:7:13: error: empty collation name",
			"= hint: name a collation of the server, as in collate \"C\" or collate \"und-x-icu\"",
			"t.er:8:25: error: attribute \"y\" has two collations",
		},
	},
	{
		name: "a declared FK column of another collation than its key",
		src: `entity Tag {
  slug text collate "C" pk
}
entity Post {
  id       integer pk
  tag_slug text
}
entity Note {
  id       integer pk
  tag_slug text collate "C"
}
relationship Tag 1:N Post
relationship Tag 1:N Note
`,
		want: []string{
			"t.er:6:3: warning: column \"tag_slug\" of \"Post\" has collation its type's default but references tags.slug of collation \"C\"",
			"= hint: give it the key's collation, or remove the attribute and let ergen add it; PostgreSQL 18 refuses the pair when either collation is nondeterministic",
		},
	},
}

// TestCollationCopied checks that FK and junction columns ergen adds take
// the collation of the key column they reference, and that a collation is
// no part of the SQL type.
func TestCollationCopied(t *testing.T) {
	s := mustLoad(t, `entity Tag {
  slug text collate "C" pk
}
entity Post {
  id serial pk
}
relationship Tag 1:N Post
relationship Tag M:N Post
`)
	for _, c := range []struct{ table, col string }{{"posts", "tag_slug"}, {"tag_posts", "tag_slug"}} {
		col := tableNamed(t, s, c.table).Column(c.col)
		if col == nil || col.Type.Collation != "C" || col.Type.SQL() != "text" || col.Type.CollateSQL() != ` COLLATE "C"` {
			t.Errorf("%s.%s: %+v", c.table, c.col, col)
		}
	}
}
