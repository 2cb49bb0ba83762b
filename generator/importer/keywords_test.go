package importer_test

import (
	"testing"

	"github.com/ergen-dev/ergen/generator"
	"github.com/ergen-dev/ergen/generator/postgres"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

// keywordModel has the shape of random seeds 314 and 688 of the long
// round trip: an entity named Table on the table "order", so that the
// import names it Order and the side of the M:N gets the role table,
// which a sided clause cannot name (`no index table` reads as `no index`
// and a `table` clause). Its self-referencing M:N has roles that lead
// clauses too, which only a role can name.
const keywordModel = `
entity User {
  code text pk
}

entity Table {
  table "order"
  id integer pk
}

relationship User M:N Table {
  key surrogate
  no index Table
  on delete Table restrict
  deferrable initially deferred
}

entity Part {
  id serial pk
}

relationship Part M:N Part as table, required {
  quantity integer
}
`

// A model whose roles and attributes are words of the relationship block
// imports to a model that reads back, reproducing the database.
func TestImportKeywordRolesAndAttributes(t *testing.T) {
	conn := pgtest.Conn(t)
	s, diags := generator.Load("keywords.er", []byte(keywordModel))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	ddl, err := postgres.DDL(s, "keywords.er")
	if err != nil {
		t.Fatal(err)
	}
	// A junction's attribute named column would read as a clause of the
	// M:N: the table stays an entity.
	res := importCase(t, conn, string(ddl)+`
		CREATE TABLE user_parts (user_code text NOT NULL REFERENCES users, part_id integer NOT NULL REFERENCES parts,
			"column" text, PRIMARY KEY (user_code, part_id));`)
	if len(res.Notes) > 0 {
		t.Errorf("notes on a model ergen wrote: %v", res.Notes)
	}
	contains(t, res,
		"relationship User M:N Order via UserTable as user, table {", "no index Order", "on delete Order restrict", "!no index table",
		"relationship Part M:N Part as table_side, required_side {", "column table_side table_id", "column required_side required_id",
		"entity UserPart {", "column text?", "// an entity, not the junction of an M:N: its column column text would read as a clause")
}
