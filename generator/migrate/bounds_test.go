package migrate_test

import (
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/ergen-dev/ergen/generator/migrate"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

const boundsOld = `entity Payment {
  id      bigserial
  paid_on date
  pk (id, paid_on)
  partition by range (paid_on)
  partition payments_2023 from ('2023-01-01') to ('2024-01-02')
  partition payments_2024 from ('2024-01-02') to ('2025-01-01')
  partition payments_other default
}
entity Visit {
  id     bigserial
  region text
  pk (id, region)
  partition by list (region)
  partition visits_one in ('v1')
  partition visits_two in ('v2', 'x')
}
`

const boundsMultiOld = `entity Reading {
  id    bigserial
  year  integer
  month integer
  pk (id, year, month)
  partition by range (year, month)
  partition readings_a from (2024, 1) to (2024, 7)
  partition readings_b from (2024, 7) to (2025, 1)
  partition readings_rest default
}
`

// Partitions get new bounds by DETACH and ATTACH in one transaction: the
// rows stay where they are, and the checks validated beforehand let
// PostgreSQL skip every scan of the ATTACH, the default partition's
// included, as it says at DEBUG1. A bound that no longer holds a
// partition's rows fails the validation, before anything is detached.
func TestPartitionBoundsChange(t *testing.T) {
	newSrc := strings.NewReplacer("from ('2023-01-01')", "from ('2022-01-01')", "to ('2025-01-01')", "to ('2026-01-01')",
		"in ('v2', 'x')", "in ('v2', 'y', 'z')").Replace(boundsOld) +
		strings.NewReplacer("from (2024, 1)", "from (2024, 2)", "to (2025, 1)", "to (2025, 6)").Replace(boundsMultiOld)
	conn, notices := debugConn(t)
	plan := converge(t, conn, pgtest.Conn(t), boundsOld+boundsMultiOld, newSrc, migrate.Options{})
	contains(t, string(plan.Script()),
		"ALTER TABLE payments_2023 ADD CONSTRAINT ergen_bound_payments_2023 CHECK (paid_on IS NOT NULL AND paid_on >= '2022-01-01' AND paid_on < '2024-01-02') NOT VALID;",
		"ALTER TABLE payments_other ADD CONSTRAINT ergen_bound_payments_other_payments_2024 CHECK (NOT (paid_on IS NOT NULL AND paid_on >= '2024-01-02' AND paid_on < '2026-01-01')) NOT VALID;",
		"ALTER TABLE visits_two ADD CONSTRAINT ergen_bound_visits_two CHECK (region IS NOT NULL AND region IN ('v2', 'y', 'z')) NOT VALID;",
		"ALTER TABLE readings_a ADD CONSTRAINT ergen_bound_readings_a CHECK (year IS NOT NULL AND month IS NOT NULL AND year = 2024 AND (month >= 2) AND (month < 7)) NOT VALID;",
		"ALTER TABLE readings_b ADD CONSTRAINT ergen_bound_readings_b CHECK (year IS NOT NULL AND month IS NOT NULL AND (year > 2024 OR year = 2024 AND month >= 7) AND (year < 2025 OR year = 2025 AND month < 6)) NOT VALID;",
		"ALTER TABLE payments DETACH PARTITION payments_2023;\nALTER TABLE payments DETACH PARTITION payments_2024;\n"+
			"ALTER TABLE payments ATTACH PARTITION payments_2023 FOR VALUES FROM ('2022-01-01') TO ('2024-01-02');")
	for _, s := range plan.Steps {
		if s.Phase == migrate.PhaseTables && s.Scans {
			t.Errorf("step %q scans under its lock", s.What)
		}
	}
	// five partitions, the default partitions four times
	skippedScans(t, notices(), 9)

	// A row outside its partition's new bounds stops the migration.
	shrunk := strings.Replace(boundsOld, "to ('2024-01-02')", "to ('2023-06-01')", 1)
	conn2 := pgtest.Conn(t)
	if _, err := conn2.Exec(ctx, ddl(t, load(t, "old.er", boundsOld))+"INSERT INTO payments (paid_on) VALUES ('2023-07-01');"); err != nil {
		t.Fatal(err)
	}
	plan, diags := diff(t, boundsOld, shrunk, migrate.Options{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if err := apply(conn2, plan); err == nil || !strings.Contains(err.Error(), "validate ergen_bound_payments_2023") {
		t.Errorf("a row left outside the new bounds: %v, want the validation to fail", err)
	}
}

// New bounds for a partition of a table a foreign key references:
// PostgreSQL 15 will not detach a partition whose rows are referenced, so
// the foreign key is dropped first and added again once the partitions
// are attached, validated as it is added (PostgreSQL 15 would leave the
// constraint it keeps for each referenced partition not valid after
// VALIDATE CONSTRAINT). Every row, the referencing ones too, stays, and
// every step claims the locks it takes.
func TestPartitionBoundsReferenced(t *testing.T) {
	old := boundsOld + "entity Refund {\n  id serial pk\n}\nrelationship Payment 1:N Refund {\n  optional\n}\n"
	conn := pgtest.Conn(t)
	plan := convergeWith(t, conn, pgtest.Conn(t), old, strings.Replace(old, "to ('2025-01-01')", "to ('2026-01-01')", 1), migrate.Options{},
		func(plan *migrate.Plan, _ string) error {
			// A refund references a payment of payments_2024.
			if _, err := conn.Exec(ctx, `UPDATE refunds SET payment_id = NULL, payment_paid_on = NULL;
UPDATE payments SET paid_on = '2024-06-01' WHERE id = (SELECT min(id) FROM payments);
UPDATE refunds SET (payment_id, payment_paid_on) = (SELECT min(id), date '2024-06-01' FROM payments)`); err != nil {
				return err
			}
			return apply(conn, plan)
		})
	script := string(plan.Script())
	drop := strings.Index(script, "ALTER TABLE refunds DROP CONSTRAINT IF EXISTS fk_refunds_payment;")
	detach := strings.Index(script, "ALTER TABLE payments DETACH PARTITION payments_2024;")
	add := strings.Index(script, "ALTER TABLE refunds ADD CONSTRAINT fk_refunds_payment FOREIGN KEY (payment_id, payment_paid_on) REFERENCES payments (id, paid_on) ON DELETE NO ACTION ON UPDATE NO ACTION;")
	if drop < 0 || detach < 0 || add < 0 || drop > detach || detach > add {
		t.Errorf("want the foreign key dropped, the partition detached and attached, then the foreign key added back:\n%s", script)
	}
	var n int
	if err := conn.QueryRow(ctx, "SELECT count(*) FROM refunds r JOIN payments_2024 p ON (p.id, p.paid_on) = (r.payment_id, r.payment_paid_on)").Scan(&n); err != nil || n == 0 {
		t.Errorf("%d refunds reference payments_2024 (%v)", n, err)
	}

	// A partitioned table that references itself, alike: its foreign key
	// comes back partition by partition, then on the parent.
	self := boundsOld + "relationship Payment 1:N Payment as parent {\n  optional\n}\n"
	plan = converge(t, pgtest.Conn(t), pgtest.Conn(t), self, strings.Replace(self, "to ('2025-01-01')", "to ('2026-01-01')", 1), migrate.Options{})
	script = string(plan.Script())
	if drop, detach := strings.Index(script, "DROP CONSTRAINT IF EXISTS fk_payments_parent;"), strings.Index(script, "DETACH PARTITION payments_2024;"); drop < 0 || drop > detach {
		t.Errorf("want the foreign key dropped before the partition is detached:\n%s", script)
	}
}

// debugConn connects to a new database with client_min_messages at
// DEBUG1; notices returns the messages so far.
func debugConn(t *testing.T) (conn *pgx.Conn, notices func() []string) {
	t.Helper()
	var mu sync.Mutex
	var msgs []string
	cfg, err := pgx.ParseConfig(pgtest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	cfg.RuntimeParams["client_min_messages"] = "debug1"
	cfg.OnNotice = func(_ *pgconn.PgConn, n *pgconn.Notice) {
		mu.Lock()
		defer mu.Unlock()
		msgs = append(msgs, n.Message)
	}
	conn, err = pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(ctx) })
	return conn, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(msgs)
	}
}

// skippedScans checks that PostgreSQL said want times that it skipped the
// scan of an ATTACH PARTITION, since constraints imply the partition's.
// Where they do not, ATTACH scans; validating scans too, so "verifying
// table" says nothing.
func skippedScans(t *testing.T, notices []string, want int) {
	t.Helper()
	implied := 0
	for _, n := range notices {
		if strings.Contains(n, "is implied by existing constraints") {
			implied++
		}
	}
	if implied != want {
		t.Errorf("%d ATTACH scans skipped, want %d:\n%s", implied, want, strings.Join(notices, "\n"))
	}
}

// A partition of a partition gets new bounds as one of the table does,
// detached from and attached to its own parent; its check holds its
// parent's bound too, which PostgreSQL also checks, so that both scans
// are skipped.
func TestSubpartitionBoundsChange(t *testing.T) {
	oldSrc := subpartitionedSales
	newSrc := strings.Replace(oldSrc, "from ('2025-01-01')", "from ('2024-06-01')", 1)
	conn, notices := debugConn(t)
	plan := converge(t, conn, pgtest.Conn(t), oldSrc, newSrc, migrate.Options{})
	contains(t, string(plan.Script()),
		"ALTER TABLE sales_eu_2025 ADD CONSTRAINT ergen_bound_sales_eu_2025 CHECK ((region IS NOT NULL AND region IN ('de', 'fr')) AND sold_on IS NOT NULL AND sold_on >= '2024-06-01' AND sold_on < '2026-01-01') NOT VALID;",
		"ALTER TABLE sales_eu_other ADD CONSTRAINT ergen_bound_sales_eu_other_sales_eu_2025 CHECK (NOT (sold_on IS NOT NULL AND sold_on >= '2024-06-01' AND sold_on < '2026-01-01')) NOT VALID;",
		"ALTER TABLE sales_eu DETACH PARTITION sales_eu_2025;\nALTER TABLE sales_eu ATTACH PARTITION sales_eu_2025 FOR VALUES FROM ('2024-06-01') TO ('2026-01-01');")
	for _, s := range plan.Steps {
		if s.Scans && s.Phase == migrate.PhaseTables {
			t.Errorf("step %q scans under its lock", s.What)
		}
	}
	skippedScans(t, notices(), 2)
}

// A hash partition whose modulus grows gets, first, a check of its new
// bounds with PostgreSQL's own satisfies_hash_partition, validated while
// writes go on, which spares ATTACH its scan, at either level.
func TestHashPartitionBoundsChange(t *testing.T) {
	oldSrc := `entity Event {
  id     bigserial
  region text
  pk (id, region)
  partition by hash (id)
  partition events_0 with (modulus 2, remainder 0)
  partition events_1 with (modulus 2, remainder 1)
}
entity Visit {
  id     bigserial
  region text
  pk (id, region)
  partition by list (region)
  partition visits_eu in ('de', 'fr') partition by hash (id)
  partition visits_eu_0 of visits_eu with (modulus 2, remainder 0)
  partition visits_eu_1 of visits_eu with (modulus 2, remainder 1)
  partition visits_us in ('us')
}
`
	newSrc := strings.NewReplacer("partition events_1 with (modulus 2, remainder 1)",
		"partition events_1 with (modulus 4, remainder 1)\n  partition events_3 with (modulus 4, remainder 3)",
		"partition visits_eu_1 of visits_eu with (modulus 2, remainder 1)",
		"partition visits_eu_1 of visits_eu with (modulus 4, remainder 1)\n  partition visits_eu_3 of visits_eu with (modulus 4, remainder 3)").Replace(oldSrc)
	conn, notices := debugConn(t)
	plan := convergeWith(t, conn, pgtest.Conn(t), oldSrc, newSrc, migrate.Options{}, func(plan *migrate.Plan, _ string) error {
		// The rows the partitions give away, which no partition would
		// take before the new one is created, go first.
		if _, err := conn.Exec(ctx, `DELETE FROM events_1 WHERE NOT satisfies_hash_partition('events'::regclass::oid, 4, 1, id);
DELETE FROM visits_eu_1 WHERE NOT satisfies_hash_partition('visits_eu'::regclass::oid, 4, 1, id)`); err != nil {
			return err
		}
		return apply(conn, plan)
	})
	contains(t, string(plan.Script()),
		"ALTER TABLE events_1 ADD CONSTRAINT ergen_bound_events_1 CHECK (satisfies_hash_partition('events'::regclass::oid, 4, 1, id)) NOT VALID;",
		"ALTER TABLE visits_eu_1 ADD CONSTRAINT ergen_bound_visits_eu_1 CHECK ((region IS NOT NULL AND region IN ('de', 'fr')) AND satisfies_hash_partition('visits_eu'::regclass::oid, 4, 1, id)) NOT VALID;",
		"ALTER TABLE events DETACH PARTITION events_1;\nALTER TABLE events ATTACH PARTITION events_1 FOR VALUES WITH (modulus 4, remainder 1);")
	for _, s := range plan.Steps {
		if s.Scans && s.Phase == migrate.PhaseTables && strings.HasPrefix(s.What, "detach") {
			t.Errorf("step %q scans under its lock", s.What)
		}
	}
	skippedScans(t, notices(), 2)
}

// New bounds for a list partition keyed by a domain over an enum, which
// PostgreSQL compares with no operator: no check is written over the key
// (one would fail), and ATTACH checks the rows itself.
func TestEnumDomainBoundsChange(t *testing.T) {
	v1 := `enum Mood { happy sad calm angry }
domain Feeling Mood
entity Note {
  id bigserial
  f  Feeling
  pk (id, f)
  partition by list (f)
  partition notes_sad in ('sad')
  partition notes_other in ('happy', 'calm')
}
`
	v2 := strings.Replace(v1, "in ('sad')", "in ('sad', 'angry')", 1)
	plan := converge(t, pgtest.Conn(t), pgtest.Conn(t), v1, v2, migrate.Options{})
	contains(t, string(plan.Script()), "ALTER TABLE notes ATTACH PARTITION notes_sad FOR VALUES IN ('sad', 'angry');")
	if strings.Contains(string(plan.Script()), "ergen_bound_") {
		t.Errorf("a check over a domain over an enum was written:\n%s", plan.Script())
	}
}
