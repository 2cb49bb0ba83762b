package explain

import (
	"errors"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/ergen-dev/ergen/internal/testkit"
)

// TestPartitionedParentBlock checks what the delete tree says of a block
// by a foreign key to a partitioned table, against PostgreSQL: the
// delete is refused, under the name of the copy of the key PostgreSQL
// made for the row's partition, whose parent is the key the tree names.
func TestPartitionedParentBlock(t *testing.T) {
	s := testkit.MustResolve(t, "part.er", []byte(`entity Payment {
  id      integer
  paid_on date
  pk (id, paid_on)
  partition by range (paid_on)
  partition payments_2025 from ('2025-01-01') to ('2026-01-01')
}
entity Refund { id serial pk }
relationship Payment 1:N Refund { on delete restrict }
`))
	tree := string(Render(s.Entities[0].Table.DeleteEffects(), ""))
	if !strings.Contains(tree, "blocked by fk_refunds_payment (ON DELETE RESTRICT, part.er:9); "+partitionedParentNote) {
		t.Errorf("the tree does not say whose name PostgreSQL reports:\n%s", tree)
	}
	ctx, tx := applied(t, s,
		"INSERT INTO payments VALUES (1, '2025-03-01')",
		"INSERT INTO refunds (payment_id, payment_paid_on) VALUES (1, '2025-03-01')",
	)
	err := inSavepoint(ctx, tx, "DELETE FROM payments")
	var pe *pgconn.PgError
	if !errors.As(err, &pe) || pe.Code != "23503" {
		t.Fatalf("deleting a referenced payment: %v; want a foreign key violation", err)
	}
	var parent string
	if err := tx.QueryRow(ctx, `SELECT p.conname FROM pg_constraint c JOIN pg_constraint p ON p.oid = c.conparentid
		WHERE c.conname = $1 AND c.conrelid = 'refunds'::regclass`, pe.ConstraintName).Scan(&parent); err != nil {
		t.Fatalf("the constraint %q PostgreSQL names is no copy of another: %v", pe.ConstraintName, err)
	}
	if parent != "fk_refunds_payment" || pe.ConstraintName == parent {
		t.Errorf("PostgreSQL named %q, a copy of %q; want a copy of fk_refunds_payment under another name", pe.ConstraintName, parent)
	}
}
