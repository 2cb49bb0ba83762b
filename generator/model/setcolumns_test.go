package model_test

import (
	"testing"

	"github.com/ergen-dev/ergen/generator/model"
)

func init() { checkCases = append(checkCases, setColumnsCases...) }

// setColumnsCases: `on delete set null (...)` and `set default (...)`,
// which change only the listed FK columns.
var setColumnsCases = []checkCase{
	{
		name: "set null of one column keeps the others NOT NULL",
		src: `entity User {
  tenant_id integer
  user_id   integer
  pk (tenant_id, user_id)
}
entity Post {
  id        serial pk
  tenant_id integer
  author_id integer?
}
relationship User 1:N Post as author {
  columns (tenant_id, author_id)
  on delete set null (author_id)
}
`,
	},
	{
		name: "where a column list does not apply",
		src: `entity User {
  tenant_id integer
  user_id   integer
  pk (tenant_id, user_id)
}
entity Post {
  id        serial pk
  tenant_id integer
  editor_id integer?
}
relationship User 1:N Post as author {
  optional
  on delete cascade (author_user_id)
  on update set null (author_user_id)
}
relationship User 1:N Post as editor {
  columns (tenant_id, editor_id)
  on delete set null (editr_id, editor_id, editor_id)
}
relationship User 1:N Post as reviewer {
  optional
  match full
  on delete set null (reviewer_user_id)
}
`,
		want: []string{
			"t.er:13:21: error: a column list applies to SET NULL and SET DEFAULT only, not to CASCADE",
			"= hint: remove the list: CASCADE acts on the whole row",
			"t.er:14:22: error: a column list applies to ON DELETE only",
			"= hint: PostgreSQL sets some of the columns only when the parent row is deleted; on update, write `on update set null` alone",
			"t.er:18:23: error: \"editr_id\" is not a column of the foreign key of User 1:N Post as editor (tenant_id, editor_id)",
			"= hint: did you mean \"editor_id\"?",
			"t.er:18:44: error: column \"editor_id\" listed twice in on delete",
			"t.er:23:22: error: ON DELETE SET NULL (reviewer_user_id) on User 1:N Post as reviewer leaves some of its columns set, which MATCH FULL refuses: every delete of a referenced row would fail",
			"= hint: list every column of the foreign key, or remove `match full`",
		},
	},
	{
		name: "the listed columns must take the action",
		src: `entity User {
  tenant_id integer
  user_id   integer
  pk (tenant_id, user_id)
}
entity Post {
  tenant_id integer
  post_id   integer
  author_id integer?
  pk (tenant_id, post_id)
}
entity Note {
  id        serial pk
  tenant_id integer
  editor_id integer
}
relationship User 1:N Post as author {
  columns (tenant_id, author_id)
  on delete set null (tenant_id, author_id)
}
relationship User 1:N Note as editor {
  columns (tenant_id, editor_id)
  on delete set default (editor_id)
}
relationship User 1:N Note {
  optional
  on delete set null (tenant_id)
}
`,
		want: []string{
			"t.er:19:3: error: ON DELETE SET NULL on User 1:N Post as author, but posts.tenant_id is part of the primary key",
			"= hint: primary key columns cannot be NULL: use CASCADE or RESTRICT",
			"t.er:23:3: error: ON DELETE SET DEFAULT on User 1:N Note as editor, but notes.editor_id has no default",
			"= hint: declare editor_id on Note with a default, as in `editor_id integer = 1`, and make sure a row with that key exists",
			"t.er:27:23: error: \"tenant_id\" is not a column of the foreign key of User 1:N Note (user_tenant_id, user_id)",
			"= hint: list some of the foreign key's columns: user_tenant_id, user_id",
		},
	},
}

// TestActionColumns checks which columns a delete changes: those listed,
// else all of the FK's; and that the delete tree says so.
func TestActionColumns(t *testing.T) {
	s, diags := load(t, `entity User {
  tenant_id integer
  user_id   integer
  pk (tenant_id, user_id)
}
entity Post {
  id        serial pk
  tenant_id integer
  author_id integer? = 0
}
relationship User 1:N Post as author {
  columns (tenant_id, author_id)
  on delete set null (author_id)
  on update cascade
}
`)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	fk := s.Tables[1].ForeignKeys[0]
	if got := model.ColumnNames(fk.ActionColumns(model.DeleteEvent)); got != "author_id" {
		t.Errorf("delete changes %s, want author_id", got)
	}
	if got := model.ColumnNames(fk.ActionColumns(model.UpdateEvent)); got != "tenant_id, author_id" {
		t.Errorf("update changes %s, want tenant_id, author_id", got)
	}
	if c := fk.Table.Column("tenant_id"); c.Nullable {
		t.Error("tenant_id, not listed, became nullable")
	}
	te := s.Tables[0].DeleteEffects().Tables()
	if len(te) != 2 || model.ColumnNames(te[1].Nulled) != "author_id" {
		t.Errorf("the delete tree sets %+v to NULL, want author_id only", te)
	}
}
