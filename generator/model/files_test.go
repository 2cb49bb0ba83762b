package model_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ergen-dev/ergen/generator"
)

// A model split over several files reports the errors of every file at
// once, each at its own file, and a declaration repeated in another file
// names the other place.
func TestSplitModelDiagnostics(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files []string // name, source, name, source...
		want  []string
	}{{
		name: "syntax errors of two files",
		files: []string{
			"a.er", "entity User {\n  id serial pk\n  name text uniqe\n}\n",
			"b.er", "entity Order {\n  id serial pk\n}\nrelationship User 1:N\n",
		},
		want: []string{
			`a.er:3:13: error: misspelt keyword "uniqe"`,
			`= hint: did you mean "unique"?`,
			`b.er:4:22: error: expected a name, found end of line`,
			`= hint: name the entity on the other side: relationship User 1:N Other`,
		},
	}, {
		name: "resolution errors of two files",
		files: []string{
			"a.er", "entity User { id serial pk }\nrelationship User 1:N Ordr\n",
			"b.er", "entity Order {\n  id    serial pk\n  total numerc\n}\n",
		},
		want: []string{
			`a.er:2:23: error: unknown entity "Ordr"`,
			`= hint: did you mean "Order"?`,
			`b.er:3:9: error: unknown type "numerc"`,
			"= hint: did you mean \"numeric\"? If numerc is a PostgreSQL type, declare it with `type numerc`",
		},
	}, {
		name: "duplicates across files name both places",
		files: []string{
			"a.er", "extension pg_trgm\nenum Status { a b }\nentity User { id serial pk }\n",
			"b.er", "\nextension pg_trgm\nentity User { id serial pk }\nenum Status { c }\n",
		},
		want: []string{
			`b.er:2:11: error: extension "pg_trgm" declared twice`,
			`= hint: it is already declared at a.er:1:11`,
			`b.er:3:8: error: duplicate entity "User"`,
			`= hint: "User" is already declared at a.er:3:8`,
			`b.er:4:6: error: duplicate enum "Status"`,
			`= hint: "Status" is already declared at a.er:2:6`,
		},
	}, {
		name: "the same schema in each file",
		files: []string{
			"a.er", "schema shop\nentity User { id serial pk }\n",
			"b.er", "schema shop\nentity Order { id serial pk }\n",
		},
	}, {
		name: "different schemas",
		files: []string{
			"a.er", "schema shop\nentity User { id serial pk }\n",
			"b.er", "schema crm\nentity Order { id serial pk }\n",
		},
		want: []string{
			`b.er:1:8: error: schema "crm" differs from schema "shop" declared at a.er:1:8`,
			`= hint: the files of a model describe one PostgreSQL schema`,
		},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			s, diags := generator.LoadFiles(sources(tc.files...)...)
			if diff := cmp.Diff(tc.want, render(diags)); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
			if len(tc.want) == 0 && (s == nil || s.Name != "shop" || len(s.Tables) != 2) {
				t.Errorf("want one model of both files in schema shop, got %+v", s)
			}
		})
	}
}

// sources pairs file names with their contents.
func sources(nameSrc ...string) []generator.Source {
	var out []generator.Source
	for i := 0; i+1 < len(nameSrc); i += 2 {
		out = append(out, generator.Source{Name: nameSrc[i], Src: []byte(nameSrc[i+1])})
	}
	return out
}
