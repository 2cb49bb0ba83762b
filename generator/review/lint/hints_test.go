package lint

import (
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/internal/testkit"
)

// TestHintsHold checks that hints of the model and of lint suggest only
// what ergen then accepts: each case is a model, the hint one of its
// diagnostics must give, and the model with that hint followed, which
// must have neither that diagnostic nor a new one.
func TestHintsHold(t *testing.T) {
	const two = "entity Order {\n  id serial pk\n}\nentity Product {\n  id serial pk\n}\n"
	for _, tc := range []struct {
		name, src, hint, fixed string
	}{
		{"SET NULL on an M:N side",
			two + "relationship Order M:N Product {\n  on delete Order set null\n  on delete Product cascade\n}\n",
			"a row of the junction links two rows and cannot lose one: use CASCADE or RESTRICT",
			two + "relationship Order M:N Product {\n  on delete Order cascade\n  on delete Product cascade\n}\n"},
		{"no delete policy on a junction",
			two + "relationship Order M:N Product {\n  on delete Order cascade\n}\n",
			"write `on delete Product restrict` or `on delete Product cascade` to record the decision",
			two + "relationship Order M:N Product {\n  on delete Order cascade\n  on delete Product restrict\n}\n"},
		{"no delete policy on a required FK",
			two + "relationship Order 1:N Product {\n  required\n}\n",
			"write `on delete restrict` or `on delete cascade` to record the decision",
			two + "relationship Order 1:N Product {\n  required\n  on delete cascade\n}\n"},
		{"the via name used as an entity",
			two + "relationship Order M:N Product via OrderLine {\n  on delete Order cascade\n  on delete Product cascade\n}\nrelationship OrderLine 1:N Order\n",
			"OrderLine is the junction of Order M:N Product, which no relationship can name: declare entity OrderLine with a 1:N relationship from each side instead of the M:N",
			two + "entity OrderLine {\n  id serial pk\n}\n" +
				"relationship Order 1:N OrderLine {\n  on delete cascade\n}\nrelationship Product 1:N OrderLine {\n  on delete cascade\n}\n"},
		{"via inside the block",
			two + "relationship Order M:N Product {\n  via OrderLine\n  on delete Order cascade\n  on delete Product cascade\n}\n",
			"move `via OrderLine` to the first line, before the {",
			two + "relationship Order M:N Product via OrderLine {\n  on delete Order cascade\n  on delete Product cascade\n}\n"},
		{"a misspelt junction key clause",
			two + "relationship Order M:N Product {\n  ky surrogate\n  on delete Order cascade\n  on delete Product cascade\n}\n",
			"did you mean `key surrogate`?",
			two + "relationship Order M:N Product {\n  key surrogate\n  on delete Order cascade\n  on delete Product cascade\n}\n"},
		{"a unique key declared twice",
			"entity User {\n  id serial pk\n  email text unique\n  unique (email)\n}\n",
			"unique key of User is declared twice: remove one of them",
			"entity User {\n  id serial pk\n  email text unique\n}\n"},
		{"an upper-case table name that is already plural",
			"entity User {\n  id serial pk\n  table \"Users\"\n}\n",
			"give the table another name, such as `table \"users\"`",
			"entity User {\n  id serial pk\n  table \"users\"\n}\n"},
		{"a reserved table name",
			"entity User {\n  id serial pk\n  table \"user\"\n}\n",
			"give the table another name, such as `table \"users\"`",
			"entity User {\n  id serial pk\n  table \"users\"\n}\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := diagnostics(tc.src)
			var hinted *dsl.Diagnostic
			for _, d := range before {
				if d.Hint == tc.hint {
					hinted = d
				}
			}
			if hinted == nil {
				t.Fatalf("no diagnostic with the hint %q:\n%s", tc.hint, render(before))
			}
			after := diagnostics(tc.fixed)
			for _, d := range after {
				if d.Msg == hinted.Msg || !strings.Contains(render(before), d.Msg) {
					t.Errorf("with the hint followed: %v", d)
				}
			}
		})
	}
}

// TestIndependentErrorsTogether checks that an FK column of the wrong
// type does not hide the SET NULL error of the same relationship.
func TestIndependentErrorsTogether(t *testing.T) {
	src := "entity User {\n  id serial pk\n}\nentity Order {\n  id serial pk\n  user_id text\n}\n" +
		"relationship User 1:N Order {\n  required\n  on delete set null\n}\n"
	got := render(diagnostics(src))
	for _, want := range []string{
		`t.er:6:3: error: column "user_id" of "Order" is text but references users.id of type integer`,
		"t.er:10:3: error: ON DELETE SET NULL on User 1:N Order, but orders.user_id is NOT NULL",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %s in:\n%s", want, got)
		}
	}
}

// diagnostics are the errors of src, or its lint warnings when it has none.
func diagnostics(src string) dsl.Diagnostics {
	s, diags := testkit.LoadSource("t.er", []byte(src))
	if diags.HasErrors() {
		return diags
	}
	return append(diags, Check(s)...)
}

func render(ds dsl.Diagnostics) string {
	var b strings.Builder
	for _, d := range ds {
		b.WriteString(d.Error() + "\n  hint: " + d.Hint + "\n")
	}
	return b.String()
}
