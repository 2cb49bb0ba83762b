package importer_test

import (
	"testing"

	"github.com/ergen-dev/ergen/internal/pgtest"
)

// A negative number is stored as a literal cast to the type it has
// ('-1'::integer): the model writes it as a number, and the text of a
// string that reads as one ('-0'::text) as that string, both reproduced
// without a note.
func TestImportNegativeDefaults(t *testing.T) {
	conn := pgtest.Conn(t)
	res := importCase(t, conn, `CREATE DOMAIN level AS integer DEFAULT -3;
		CREATE DOMAIN delta AS integer;
		CREATE TABLE readings (
			a  integer DEFAULT -1 CHECK (a > -1),
			k  numeric DEFAULT -1.5,
			b  bigint DEFAULT -9000000000,
			b2 bigint DEFAULT -1,
			d  double precision DEFAULT -2.5,
			r  real DEFAULT -1.5::real,
			z  text DEFAULT '-0',
			u  text DEFAULT '5',
			l  level,
			e  delta DEFAULT -2);`)
	if len(res.Notes) > 0 {
		t.Errorf("notes on defaults the model reproduces: %v\n%s", res.Notes, res.Source)
	}
	contains(t, res, "domain Level integer = -3", "a integer? = -1 check (a > -1)", "k numeric? = -1.5", "b bigint? = -9000000000",
		"b2 bigint? = -1", "d double precision? = -2.5", "r real? = (- (1.5)::real)", "z text? = '-0'", "u text? = '5'", "e Delta? = -2")
}
