package importer_test

import (
	"testing"

	"github.com/ergen-dev/ergen/internal/pgtest"
)

// TestImportWhatAModelRefuses: a database may hold what ergen refuses in
// a model, since its DDL would do what no author means. The import still
// gives a model that resolves: the foreign key gives way, losing its
// referential actions, or if that is not enough, being left out; the
// note says why, and the comparison of the catalogs what was lost.
func TestImportWhatAModelRefuses(t *testing.T) {
	conn := pgtest.Conn(t)
	cases := []struct {
		name, ddl string
		lines     []string
		notes     []string
	}{{
		// Every delete of a referenced row fails, as it does without
		// the action, which the model keeps MATCH FULL for.
		name: "MATCH FULL with ON DELETE SET NULL of some columns",
		ddl: `CREATE TABLE orgs (region text, slug text, PRIMARY KEY (region, slug));
			CREATE TABLE users (id int PRIMARY KEY, region text, org_slug text,
			FOREIGN KEY (region, org_slug) REFERENCES orgs (region, slug) MATCH FULL ON DELETE SET NULL (org_slug));`,
		lines: []string{"relationship Org 1:N User {", "match full", "!on delete"},
		notes: []string{"foreign key users_region_org_slug_fkey: the model would not resolve (ON DELETE SET NULL (org_slug) on Org 1:N User leaves some of its columns set, which MATCH FULL refuses",
			"it leaves out ON DELETE and ON UPDATE", "ON DELETE is SET NULL in the database, NO ACTION in the model"},
	}, {
		name:  "ON DELETE SET NULL on a NOT NULL column",
		ddl:   `CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (id int PRIMARY KEY, p_id int NOT NULL REFERENCES p ON DELETE SET NULL ON UPDATE CASCADE);`,
		lines: []string{"relationship P 1:N C {", "required", "!on delete", "!on update"},
		notes: []string{"but c.p_id is NOT NULL", "ON UPDATE is CASCADE in the database, NO ACTION in the model"},
	}, {
		name:  "ON DELETE SET DEFAULT on a column without a default",
		ddl:   `CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (id int PRIMARY KEY, p_id int REFERENCES p ON DELETE SET DEFAULT);`,
		lines: []string{"relationship P 1:N C {", "!on delete"},
		notes: []string{"but c.p_id has no default"},
	}, {
		// Only the member whose action the model refuses loses it.
		name: "an arc member's action",
		ddl: `CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE q (id int PRIMARY KEY);
			CREATE TABLE c (id int PRIMARY KEY, p_id int REFERENCES p ON DELETE SET DEFAULT, q_id int REFERENCES q ON DELETE CASCADE,
			CONSTRAINT ck_c_p_q_arc CHECK (num_nonnulls(p_id, q_id) = 1));`,
		lines: []string{"relationship P | Q 1:N C {", "on delete Q cascade", "!on delete P"},
		notes: []string{"foreign key c_p_id_fkey: the model would not resolve (ON DELETE SET DEFAULT on P 1:N C"},
	}, {
		name: "a cycle of NOT NULL foreign keys",
		ddl: `CREATE TABLE a (id int PRIMARY KEY, b_id int NOT NULL);
			CREATE TABLE b (id int PRIMARY KEY, a_id int NOT NULL REFERENCES a);
			ALTER TABLE a ADD FOREIGN KEY (b_id) REFERENCES b;`,
		lines: []string{"relationship A 1:N B {", "!relationship B 1:N A {", "b_id integer"},
		notes: []string{"foreign key a_b_id_fkey: the model would not resolve (required foreign keys form a cycle", "it leaves the foreign key out",
			"foreign key a_b_id_fkey (b_id) -> public.b(id) is in the database, not in the model"},
	}, {
		// An index, key, check or exclusion constraint is left out.
		name:  "an index over one column twice",
		ddl:   `CREATE TABLE t (id int PRIMARY KEY, a int); CREATE INDEX i1 ON t (a, a);`,
		lines: []string{"entity T {", "!index (a, a)"},
		notes: []string{`index i1: the model would not resolve (column "a" listed twice in index); it leaves it out`},
	}, {
		// The sequence's line holds no name to write: the index's is.
		name:  "a sequence named as ergen names an index",
		ddl:   `CREATE TABLE t (id int PRIMARY KEY, a int); CREATE SEQUENCE idx_t_a; CREATE INDEX foo ON t (a);`,
		lines: []string{"sequence idx_t_a", "index (a) as foo"},
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := importCase(t, conn, c.ddl)
			contains(t, res, c.lines...)
			noted(t, res, c.notes...)
		})
	}
}
