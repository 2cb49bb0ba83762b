package migrate_test

import (
	"strings"
	"testing"

	"github.com/ergen-dev/ergen/generator/migrate"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

// A sequence whose settings change is altered in place with every
// setting written, keeping its position: the next number follows the last
// one handed out, by the new step. A new sequence is created with the
// settings written, and removing them all sets the defaults again.
func TestSequenceSettingsChanged(t *testing.T) {
	v1 := "sequence order_no\nsequence other\n\nentity Order {\n  id bigint = nextval('order_no'::regclass) pk\n}\n"
	v2 := strings.Replace(v1, "sequence order_no", "sequence order_no as integer increment 10 maxvalue 100000 cache 5 cycle", 1)
	v2 = strings.Replace(v2, "sequence other", "sequence other maxvalue 1000 start 7", 1)
	conn := pgtest.Conn(t)
	var last int64
	plan := convergeWith(t, conn, pgtest.Conn(t), v1, v2, migrate.Options{}, func(plan *migrate.Plan, _ string) error {
		if err := conn.QueryRow(ctx, "SELECT setval('order_no', 500)").Scan(&last); err != nil {
			return err
		}
		return apply(conn, plan)
	})
	contains(t, string(plan.Script()),
		"ALTER SEQUENCE order_no AS integer INCREMENT BY 10 MINVALUE 1 MAXVALUE 100000 START WITH 1 CACHE 5 CYCLE;",
		"ALTER SEQUENCE other AS bigint INCREMENT BY 1 MINVALUE 1 MAXVALUE 1000 START WITH 7 CACHE 1 NO CYCLE;")
	var next int64
	if err := conn.QueryRow(ctx, "SELECT nextval('order_no')").Scan(&next); err != nil || next != last+10 {
		t.Errorf("after the change, nextval = %d (%v), want %d", next, err, last+10)
	}
	plan = converge(t, pgtest.Conn(t), pgtest.Conn(t), v2, v1, migrate.Options{})
	contains(t, string(plan.Script()),
		"ALTER SEQUENCE order_no AS bigint INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1 NO CYCLE;")
}
