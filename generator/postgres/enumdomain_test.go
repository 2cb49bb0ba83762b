package postgres_test

import (
	"context"
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/internal/pgtest"
	"github.com/ergen-dev/ergen/internal/testkit"
)

// TestEnumDomainKeys checks ergen's rule for domains over an enum against
// the server's: a foreign key between an enum and domains over it, in
// every pairing, and an exclusion constraint comparing a column with =
// (the column, or an expression that is only the column: (k)),
// are accepted by ergen exactly when PostgreSQL's CREATE TABLE accepts
// them. PostgreSQL finds no operator for a domain over an enum. (Between
// text and a domain over text PostgreSQL builds the key where ergen asks
// for one type on both sides, so those pairs are left out.)
func TestEnumDomainKeys(t *testing.T) {
	conn := pgtest.Conn(t)
	ctx := context.Background()
	mustExec(t, conn, `CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE DOMAIN feeling AS mood;
CREATE DOMAIN deep AS feeling;
CREATE DOMAIN label AS text`)
	const decls = "enum Mood { happy sad }\ndomain Feeling Mood\ndomain Deep Feeling\ndomain Label text\n"
	types := []string{"Mood", "Feeling", "Deep", "Label", "text"}
	accepts := func(sql string) bool {
		_, err := conn.Exec(ctx, "BEGIN; "+sql+"; ROLLBACK")
		if err != nil {
			mustExec(t, conn, "ROLLBACK")
		}
		return err == nil
	}
	for _, parent := range types {
		for _, child := range types[:3] {
			if parent == "Label" || parent == "text" {
				continue
			}
			src := decls + "entity P { k " + parent + " pk }\nentity C {\n  id integer pk\n  k " + child + "\n}\nrelationship P 1:N C { column k }\n"
			_, diags := testkit.Resolve(t, "t.er", []byte(src))
			server := accepts("CREATE TABLE p (k " + strings.ToLower(parent) + " PRIMARY KEY); CREATE TABLE c (id integer PRIMARY KEY, k " + strings.ToLower(child) + " REFERENCES p)")
			if ergen := !diags.HasErrors(); ergen != server {
				t.Errorf("foreign key from %s to %s: PostgreSQL accepts it: %v; ergen: %v (%v)", child, parent, server, ergen, diags)
			}
		}
		// The column alone, and as an expression that is only the column,
		// which PostgreSQL reads as the column, of its type.
		for _, elem := range []string{"k", "(k)", "((k))", `("k")`} {
			src := decls + "entity X {\n  id integer pk\n  k " + parent + "\n  exclude using btree (" + elem + " with =)\n}\n"
			_, diags := testkit.Resolve(t, "t.er", []byte(src))
			server := accepts("CREATE TABLE x (id integer PRIMARY KEY, k " + strings.ToLower(parent) + ", EXCLUDE USING btree (" + elem + " WITH =))")
			if ergen := !diags.HasErrors(); ergen != server {
				t.Errorf("exclusion (%s with =) on %s: PostgreSQL accepts it: %v; ergen: %v (%v)", elem, parent, server, ergen, diags)
			}
		}
	}
}
