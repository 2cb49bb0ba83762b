package migrate_test

import (
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/generator/migrate"
	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

// TestSequencesConverge migrates to a model with a standalone sequence
// that a new table's key takes from, a UNIQUE index that is not a
// constraint and a foreign key added NOT VALID: the sequence is created
// before the table, and the catalog ends as NEW's DDL makes it (the
// sequence unowned, the foreign key still NOT VALID).
func TestSequencesConverge(t *testing.T) {
	v1 := `
entity Payment { id serial pk }
`
	v2 := `
sequence refund_id_seq

entity Payment { id serial pk }

entity Refund {
  id    integer = nextval('refund_id_seq'::regclass) pk
  code  text
  unique index (code) as refund_code_unq
}

relationship Payment 1:N Refund { optional not valid }
`
	plan := converge(t, pgtest.Conn(t), pgtest.Conn(t), v1, v2, migrate.Options{})
	script := string(plan.Script())
	seq, table := strings.Index(script, "CREATE SEQUENCE IF NOT EXISTS refund_id_seq;"), strings.Index(script, "CREATE TABLE IF NOT EXISTS refunds")
	if seq < 0 || table < 0 || seq > table {
		t.Errorf("the script does not create refund_id_seq before refunds:\n%s", script)
	}
	if !strings.Contains(script, "NOT VALID;") {
		t.Errorf("the script does not add the foreign key NOT VALID:\n%s", script)
	}
}

// A foreign key declared `not valid` and added to tables that exist is
// added NOT VALID and left so, as NEW's DDL leaves it: a row already
// without a parent stays, a new one is refused.
func TestNotValidOnExistingTables(t *testing.T) {
	v1 := "entity Payment { id serial pk }\nentity Refund {\n  id serial pk\n  payment_id integer?\n}\n"
	v2 := strings.Replace(v1, "  payment_id integer?\n", "", 1) + "relationship Payment 1:N Refund { optional not valid }\n"
	plan := converge(t, pgtest.Conn(t), pgtest.Conn(t), v1, v2, migrate.Options{})
	script := string(plan.Script())
	if !strings.Contains(script, "NOT VALID;") || strings.Contains(script, "VALIDATE CONSTRAINT") {
		t.Errorf("the foreign key is not left NOT VALID:\n%s", script)
	}
}

// Removing `not valid` validates the foreign key in a transaction of its
// own. Adding it to a checked one drops the foreign key and adds it again
// NOT VALID in one transaction, since PostgreSQL cannot un-check one: the
// catalog shows it not validated (converge compares NOT VALID), as NEW's
// DDL leaves it, and new rows are checked.
func TestNotValidRemoved(t *testing.T) {
	v1 := "entity Payment { id serial pk }\nentity Refund { id serial pk }\nrelationship Payment 1:N Refund { optional not valid }\n"
	v2 := strings.Replace(v1, " not valid", "", 1)
	plan := converge(t, pgtest.Conn(t), pgtest.Conn(t), v1, v2, migrate.Options{})
	if script := string(plan.Script()); !strings.Contains(script, "VALIDATE CONSTRAINT fk_refunds_payment") {
		t.Errorf("the foreign key is not validated:\n%s", script)
	}
	conn := pgtest.Conn(t)
	plan = converge(t, conn, pgtest.Conn(t), v2, v1, migrate.Options{})
	script := string(plan.Script())
	contains(t, script, "DROP CONSTRAINT fk_refunds_payment;\nALTER TABLE refunds ADD CONSTRAINT fk_refunds_payment")
	if strings.Contains(script, "VALIDATE") || len(plan.Steps) != 1 || !plan.Steps[0].Transactional {
		t.Errorf("not one transaction that leaves the foreign key NOT VALID:\n%s", script)
	}
	var validated bool
	if err := conn.QueryRow(ctx, "SELECT convalidated FROM pg_constraint WHERE conname = 'fk_refunds_payment'").Scan(&validated); err != nil || validated {
		t.Errorf("convalidated = %v (%v), want false", validated, err)
	}
	if _, err := conn.Exec(ctx, "INSERT INTO refunds (payment_id) VALUES (-1)"); err == nil {
		t.Error("a new row without a parent is accepted")
	}
}

// declaredNotValid reports whether an object invalid lists is a foreign
// key or a check s declares `not valid`, which stays so by design.
func declaredNotValid(s *model.Schema) func(string) bool {
	return func(obj string) bool {
		for _, t := range s.Tables {
			for _, fk := range t.ForeignKeys {
				if fk.NotValid && obj == "constraint "+fk.Name {
					return true
				}
			}
			for _, ck := range t.Checks {
				if ck.NotValid && obj == "constraint "+ck.Name {
					return true
				}
			}
		}
		return false
	}
}
