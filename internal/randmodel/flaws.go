package randmodel

import (
	"fmt"
	"strings"
)

// flawKind is one way to make a model invalid: decls writes the offending
// declarations (fresh entities and relationships, named with n so that they
// clash with nothing else), and want matches the reason Resolve must give.
type flawKind struct {
	kind  string
	want  string
	decls func(g *gen, n int) string
}

var flawKinds = []flawKind{
	{"set-null-on-required", `SET NULL on .* is NOT NULL`, func(g *gen, n int) string {
		return parentChild(n) + fmt.Sprintf("relationship FlawParent%d 1:N FlawChild%d {\n  required\n  on %s set null\n}\n", n, n, pick(g, []string{"delete", "update"}))
	}},
	{"set-null-on-junction", `SET NULL on .* is NOT NULL`, func(g *gen, n int) string {
		return parentChild(n) + fmt.Sprintf("relationship FlawParent%d M:N FlawChild%d {\n  on delete FlawChild%d set null\n}\n", n, n, n)
	}},
	{"set-null-on-key", `SET NULL on .* is part of the primary key`, func(g *gen, n int) string {
		return fmt.Sprintf("entity FlawParent%d {\n  id serial pk\n}\n\nentity FlawChild%d {\n  note text?\n}\n\n"+
			"relationship FlawParent%d 1:1 FlawChild%d shared key {\n  on delete set null\n}\n", n, n, n, n)
	}},
	{"set-default-without-default", `SET DEFAULT on .* has no default`, func(g *gen, n int) string {
		return parentChild(n) + fmt.Sprintf("relationship FlawParent%d 1:N FlawChild%d {\n  %s\n  on delete set default\n}\n", n, n, pick(g, []string{"required", "optional"}))
	}},
	{"required-cycle", `required foreign keys form a cycle`, func(g *gen, n int) string {
		return parentChild(n) + fmt.Sprintf("relationship FlawParent%d 1:N FlawChild%d\nrelationship FlawChild%d 1:N FlawParent%d { required }\n", n, n, n, n)
	}},
	{"shared-key-cycle", `shared keys form a cycle`, func(g *gen, n int) string {
		return fmt.Sprintf("entity FlawParent%d {\n  note text?\n}\n\nentity FlawChild%d {\n  note text?\n}\n\n"+
			"relationship FlawParent%d 1:1 FlawChild%d shared key\nrelationship FlawChild%d 1:1 FlawParent%d shared key\n", n, n, n, n, n, n)
	}},
	{"optional-shared-key", `a shared key cannot be optional`, func(g *gen, n int) string {
		return fmt.Sprintf("entity FlawParent%d {\n  id serial pk\n}\n\nentity FlawChild%d {\n  note text?\n}\n\n"+
			"relationship FlawParent%d 1:1 FlawChild%d shared key { optional }\n", n, n, n, n)
	}},
	{"unknown-entity", `unknown entity "FlawMissing\d+"`, func(g *gen, n int) string {
		return parentChild(n) + fmt.Sprintf("relationship FlawParent%d 1:N FlawMissing%d\n", n, n)
	}},
	{"duplicate-entity", `duplicate entity "FlawParent\d+"`, func(g *gen, n int) string {
		return parentChild(n) + fmt.Sprintf("entity FlawParent%d {\n  id serial pk\n}\n", n)
	}},
	{"references-non-unique", `\(label\) is neither the primary key nor a unique key`, func(g *gen, n int) string {
		return parentChild(n) + fmt.Sprintf("relationship FlawParent%d 1:N FlawChild%d { references (label) }\n", n, n)
	}},
	{"fk-column-taken", `column "same_id" of "FlawChild\d+" already belongs to`, func(g *gen, n int) string {
		return parentChild(n) + fmt.Sprintf("relationship FlawParent%d 1:N FlawChild%d as same\nrelationship FlawParent%d 1:N FlawChild%d as same\n", n, n, n, n)
	}},
	{"fk-type-mismatch", `column "flaw_parent\d+_id" of "FlawChild\d+" is text but references`, func(g *gen, n int) string {
		return fmt.Sprintf("entity FlawParent%d {\n  id serial pk\n}\n\nentity FlawChild%d {\n  id serial pk\n  flaw_parent%d_id text\n}\n\n"+
			"relationship FlawParent%d 1:N FlawChild%d\n", n, n, n, n, n)
	}},
	{"nullable-primary-key", `primary key column "id" cannot be nullable`, func(g *gen, n int) string {
		return fmt.Sprintf("entity FlawParent%d {\n  id integer? pk\n}\n", n)
	}},
	{"no-primary-key", `"FlawParent\d+" has no primary key`, func(g *gen, n int) string {
		return fmt.Sprintf("entity FlawParent%d {\n  label text\n}\n\nentity FlawChild%d {\n  id serial pk\n}\n\n"+
			"relationship FlawParent%d 1:N FlawChild%d\n", n, n, n, n)
	}},
	{"self-many-to-many-without-roles", `M:N relationship of "FlawParent\d+" with itself needs two role names`, func(g *gen, n int) string {
		return parentChild(n) + fmt.Sprintf("relationship FlawParent%d M:N FlawParent%d\n", n, n)
	}},
	{"duplicate-table-name", `name "(pk_)?flaw_table_\d+" of (table|primary key) of FlawChild\d+ is already used by (table|primary key) of FlawParent\d+`, func(g *gen, n int) string {
		return fmt.Sprintf("entity FlawParent%d {\n  id serial pk\n  table \"flaw_table_%d\"\n}\n\nentity FlawChild%d {\n  id serial pk\n  table \"flaw_table_%d\"\n}\n", n, n, n, n)
	}},
	{"attributes-equal-when-cut", `duplicate attribute "an_attribute_name_\w+_two" in "FlawParent\d+"`, func(g *gen, n int) string {
		// PostgreSQL cuts identifiers to 63 bytes: these two become one name.
		const long = "an_attribute_name_that_goes_well_beyond_the_sixty_three_byte_limit"
		return fmt.Sprintf("entity FlawParent%d {\n  id serial pk\n  %s_one text\n  %s_two text\n}\n", n, long, long)
	}},
	{"json-in-key", `column "doc" of "FlawParent\d+" is json, which cannot be part of a unique key`, func(g *gen, n int) string {
		// PostgreSQL has no equality operator for json: the UNIQUE fails.
		return fmt.Sprintf("entity FlawParent%d {\n  id serial pk\n  doc json unique\n}\n", n)
	}},
	{"unknown-type", `unknown type "strng"`, func(g *gen, n int) string {
		return fmt.Sprintf("entity FlawParent%d {\n  id serial pk\n  label strng\n}\n", n)
	}},
}

// parentChild declares two fresh entities with serial keys.
func parentChild(n int) string {
	return fmt.Sprintf("entity FlawParent%d {\n  id serial pk\n  label text\n}\n\nentity FlawChild%d {\n  id serial pk\n}\n\n", n, n)
}

// FlawKinds lists the kinds of flaw New can put into a model.
func FlawKinds() []string {
	kinds := make([]string, len(flawKinds))
	for i, k := range flawKinds {
		kinds[i] = k.kind
	}
	return kinds
}

func (g *gen) flaw(kind string) Flaw {
	for _, k := range flawKinds {
		if k.kind == kind {
			text := k.decls(g, g.next())
			g.flawText = append(g.flawText, text)
			return Flaw{Kind: kind, Want: k.want, Decl: strings.TrimSpace(text)}
		}
	}
	panic(fmt.Sprintf("randmodel: unknown flaw kind %q; see FlawKinds", kind))
}
