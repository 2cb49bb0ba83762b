package model_test

import (
	"testing"

	"github.com/ergen-dev/ergen/generator/model"
)

func init() { checkCases = append(checkCases, arcCases...) }

// arcCases: exclusive arcs, one child and several parents.
var arcCases = []checkCase{
	{
		name: "an arc with a policy per parent",
		src: `entity Post { id serial pk }
entity Photo { id serial pk }
entity Comment { id serial pk }
relationship Post | Photo 1:N Comment {
  on delete Post cascade
  on delete Photo restrict
  constraint Photo fk_comment_photo
  column Post post_ref
  no index Photo
}
`,
	},
	{
		name: "what an arc refuses",
		src: `entity Post { id serial pk }
entity Photo { id serial pk }
entity Comment { id serial pk }
relationship Post | Photo | Post 1:1 Comment as x {
  on delete Post set null
  constraint fk_a
  column Phot p_id
}
`,
		want: []string{
			"t.er:4:29: error: \"Post\" is twice a parent of the arc",
			"t.er:4:34: error: an arc of several parents is 1:N, not 1:1",
			"= hint: write relationship Post | Photo | Post 1:N Comment",
			"t.er:4:46: error: an arc of several parents takes no `as`, `via`, `was` or `shared key`",
			"= hint: each parent's role is its entity's name",
			"t.er:5:3: error: ON DELETE SET NULL on Post 1:1 Comment would leave a comment with no parent, which the arc Post | Photo 1:N Comment forbids",
			"= hint: use CASCADE or RESTRICT, or make the arc `optional`: at most one parent",
			"t.er:6:3: error: an arc has one constraint per parent; name the parent",
			"= hint: write the parent's name after the keyword, as in `constraint Post ...`",
			"t.er:7:10: error: \"Phot\" is not a parent of the arc Post | Photo | Post",
			"= hint: name a parent: Post, Photo, Post",
		},
	},
	{
		name: "a composite parent of an arc sets all its columns",
		src: `entity P {
  a integer
  b integer
  pk (a, b)
}
entity Q { id serial pk }
entity C { id serial pk }
relationship P | Q 1:N C {
  optional
  on delete P set null (p_b)
}
`,
		want: []string{
			"t.er:10:3: error: ON DELETE SET NULL (p_b) on P 1:N C leaves some of its columns set, but a composite foreign key of an arc matches in full",
			"= hint: set all of its columns: write `on delete P set null`",
		},
	},
}

// TestArcModel checks what an arc resolves to: one optional 1:N per
// parent, each with its policy, and the CHECK that makes them exclusive.
func TestArcModel(t *testing.T) {
	s, diags := load(t, `entity Post { id serial pk }
entity Photo {
  region text
  no     integer
  pk (region, no)
}
entity Comment { id serial pk }
relationship Post | Photo 1:N Comment {
  optional
  on delete Post cascade
  on delete Photo set null
}
`)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if len(s.Arcs) != 1 {
		t.Fatalf("%d arcs, want 1", len(s.Arcs))
	}
	a := s.Arcs[0]
	if a.Label() != "Post | Photo 1:N Comment" || a.Required || len(a.Members) != 2 {
		t.Fatalf("arc %s, required %v, %d members", a.Label(), a.Required, len(a.Members))
	}
	post, photo := a.Members[0].ForeignKeys[0], a.Members[1].ForeignKeys[0]
	if post.OnDelete.Action != model.Cascade || photo.OnDelete.Action != model.SetNull || post.Required() || photo.Required() {
		t.Errorf("policies %s and %s, required %v and %v", post.OnDelete.Action, photo.OnDelete.Action, post.Required(), photo.Required())
	}
	// A composite parent matches in full, so that its first column
	// stands for it in the CHECK.
	if !photo.MatchFull || post.MatchFull {
		t.Errorf("match full: post %v, photo %v; want the composite photo only", post.MatchFull, photo.MatchFull)
	}
	if a.Check.Name != "ck_comments_post_photo_arc" || a.Check.Expr != "(num_nonnulls(post_id, photo_region) <= 1)" {
		t.Errorf("check %s %s", a.Check.Name, a.Check.Expr)
	}
	if a.Members[0].Arc != a || a.Child.Name != "Comment" {
		t.Error("the members do not point at their arc")
	}
}
