package model_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ergen-dev/ergen/dsl"
)

// TestHugeNamesQuotedInPart: a name of the file may be a whole line of a
// megabyte, and a message that quotes it, or names a relationship by it,
// writes its first dsl.MaxName characters and "…", so the message stays
// short and still reads whole (rather than being cut, name and all, at
// dsl.MaxMessage).
func TestHugeNamesQuotedInPart(t *testing.T) {
	huge := strings.Repeat("n", 1<<20)
	q := `"` + huge[:dsl.MaxName] + `…"`
	for _, tc := range []struct {
		name, src string
		want      []string
	}{{
		name: "duplicate attribute",
		src:  "entity T {\n  id serial pk\n  " + huge + " text\n  " + huge + " text\n}\n",
		want: []string{
			"t.er:4:3: error: duplicate attribute " + q + ` in "T"`,
			"= hint: PostgreSQL cuts names to 63 bytes, and this one is then \"" + huge[:63] + "\" like the attribute at 3:3",
		},
	}, {
		name: "duplicate entity",
		src:  "entity " + huge + " { id serial pk }\nentity " + huge + " { id serial pk }\n",
		want: []string{
			"t.er:2:8: error: duplicate entity " + q,
			"= hint: " + q + " is already declared at 1:8",
		},
	}, {
		name: "relationship of an entity of a huge name",
		src: "entity " + strings.ToUpper(huge) + " { id serial pk }\nentity C { id serial pk }\n" +
			"relationship " + strings.ToUpper(huge) + " 1:N C { column ref }\n" +
			"relationship " + strings.ToUpper(huge) + " 1:N C as other { column ref }\n",
		want: []string{
			`t.er:4:1048608: error: column "ref" of "C" already belongs to ` + strings.ToUpper(huge[:dsl.MaxName]) + "… 1:N C",
			"= hint: tell the relationships apart with a role (`as author`) or a `column` name; to share a column (a tenant's id), declare it as an attribute of C and name it in both relationships' `columns`",
		},
	}, {
		name: "duplicate role",
		src: "entity A { id serial pk }\nentity C { id serial pk }\n" +
			"relationship A 1:N C as " + huge + " { column x }\n" +
			"relationship A 1:N C as " + huge + " { column y }\n",
		want: []string{
			"t.er:4:1: error: duplicate role " + q + ` on "C": A 1:N C as ` + huge[:dsl.MaxName] + "… already uses it",
			"= hint: tell them apart with role names, as in `A 1:N C as author` and `... as reviewer`",
			"t.er:4:1: error: name \"fk_cs_" + huge[:48] + "_59842b4a\" of foreign key of A 1:N C as " + huge[:dsl.MaxName] +
				"… is already used by foreign key of A 1:N C as " + huge[:dsl.MaxName] + "…",
			"= hint: names are shortened to 63 bytes; choose a shorter or different name",
		},
	}, {
		name: "M:N relationship of an entity with itself",
		src:  "entity " + huge + " { id serial pk }\nrelationship " + huge + " M:N " + huge + "\n",
		want: []string{
			"t.er:2:1: error: M:N relationship of " + q + " with itself needs two role names",
			"= hint: name both sides: relationship " + huge[:dsl.MaxName] + "… M:N " + huge[:dsl.MaxName] + "… as follower, followed",
		},
	}, {
		name: "unknown entity in a relationship",
		src:  "entity A { id serial pk }\nrelationship A 1:N " + huge + "\n",
		want: []string{
			"t.er:2:20: error: unknown entity " + q,
			"= hint: declare it with `entity " + huge[:dsl.MaxName] + "… { ... }`",
		},
	}, {
		name: "unknown column in a key",
		src:  "entity T {\n  id serial pk\n  unique (" + huge + ")\n}\n",
		want: []string{"t.er:3:11: error: unknown column " + q + ` in unique of "T"`},
	}, {
		name: "unknown index method",
		src:  "entity T {\n  id serial pk\n  x text\n  unique (x) using " + huge + "\n}\n",
		want: []string{
			"t.er:4:20: error: unknown index method " + q,
			"= hint: use one of btree, hash, gist, spgist, gin, brin",
		},
	}, {
		name: "duplicate enum value",
		src:  "enum E { '" + huge + "' '" + huge + "' }\n",
		want: []string{
			"t.er:1:10: error: enum value " + q + " is longer than 63 bytes",
			"= hint: PostgreSQL limits enum labels to 63 bytes",
			"t.er:1:1048589: error: duplicate value " + q + ` in enum "E"`,
		},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			_, diags := load(t, tc.src)
			if diff := cmp.Diff(tc.want, render(diags)); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%.3000s", diff)
			}
		})
	}
}

// No message or hint prints more of a name of the file than
// dsl.MaxName characters of it: arcs, whose messages list their parents,
// an M:N with one role, and an arc's child named in a refusal included.
func TestHugeNamesNeverWhole(t *testing.T) {
	huge := strings.Repeat("n", 1<<20)
	upper := strings.ToUpper(huge)
	for _, src := range []string{
		"entity " + upper + " { id serial pk }\nentity Q { id serial pk }\nentity C { id serial pk }\n" +
			"relationship " + upper + " | Q 1:1 C {\n  constraint fk_a\n  column Phot p_id\n}\n",
		"entity P { id serial pk }\nentity Q { id serial pk }\nentity " + upper + " { id serial pk }\n" +
			"relationship P | Q 1:N " + upper + " {\n  on delete P set null\n}\n",
		"entity A { id serial pk }\nentity B { id serial pk }\nrelationship A M:N B as " + huge + "\n",
	} {
		_, diags := load(t, src)
		lines := render(diags)
		if len(lines) == 0 {
			t.Fatalf("no diagnostics for %.200s", src)
		}
		for _, line := range lines {
			if strings.Contains(line, huge[:dsl.MaxName+1]) || strings.Contains(line, upper[:dsl.MaxName+1]) {
				t.Errorf("a name is printed beyond %d characters: %.300s", dsl.MaxName, line)
			}
		}
	}
}
