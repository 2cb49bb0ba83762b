package migrate_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ergen-dev/ergen/generator/migrate"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

const partitionedOld = `entity Payment {
  id      bigserial
  paid_on date
  kind    text
  pk (id, paid_on)
  partition by range (paid_on)
  partition payments_2000 from ('2000-01-01') to ('2001-01-01')
  partition payments_other default
}
`

// Partitions are added and dropped on PostgreSQL, an index of a
// partitioned table is built (not concurrently, which PostgreSQL refuses
// there), and a new partitioned table comes with its partitions.
func TestPartitionsMigrate(t *testing.T) {
	conn, fresh := pgtest.Conn(t), pgtest.Conn(t)
	newSrc := `entity Payment {
  id      bigserial
  paid_on date
  kind    text
  pk (id, paid_on)
  index (kind)
  partition by range (paid_on)
  partition payments_2090 from ('2090-01-01') to ('2091-01-01')
  partition payments_other default
}
entity Visit {
  id     bigserial
  region text
  pk (id, region)
  partition by list (region)
  partition visits_eu in ('de', 'fr')
}
`
	plan := converge(t, conn, fresh, partitionedOld, newSrc, migrate.Options{Allow: []string{"drop"}})
	contains(t, string(plan.Script()),
		"DROP TABLE IF EXISTS payments_2000;",
		"CREATE TABLE payments_2090 PARTITION OF payments FOR VALUES FROM ('2090-01-01') TO ('2091-01-01');",
		"CREATE INDEX IF NOT EXISTS idx_payments_kind ON ONLY payments (kind);",
		"CREATE INDEX CONCURRENTLY payments_2090_idx_payments_kind ON payments_2090 (kind);",
		"ALTER INDEX idx_payments_kind ATTACH PARTITION payments_2090_idx_payments_kind;\nALTER INDEX idx_payments_kind ATTACH PARTITION payments_other_idx_payments_kind;",
		") PARTITION BY LIST (region);\nCREATE TABLE IF NOT EXISTS visits_eu PARTITION OF visits FOR VALUES IN ('de', 'fr');")
}

// What PostgreSQL cannot change in place is refused, with the hazard's code.
func TestPartitionsRefused(t *testing.T) {
	for _, tc := range []struct {
		name, newSrc string
		want         []string
	}{{
		name: "another partition key",
		newSrc: `entity Payment {
  id      bigserial
  paid_on date
  kind    text
  pk (id, paid_on, kind)
  partition by list (kind)
  partition payments_a in ('a')
}
`,
		want: []string{"new.er:1:8: error ER211: table payments changes its partitioning from RANGE (paid_on) to LIST (kind): PostgreSQL cannot change how a table is partitioned"},
	}, {
		name: "no longer partitioned",
		newSrc: `entity Payment {
  id      bigserial
  paid_on date
  kind    text
  pk (id, paid_on)
}
`,
		want: []string{"new.er:1:8: error ER211: table payments changes its partitioning from RANGE (paid_on) to none: PostgreSQL cannot change how a table is partitioned"},
	}, {
		name: "a dropped partition, without --allow drop",
		newSrc: `entity Payment {
  id      bigserial
  paid_on date
  kind    text
  pk (id, paid_on)
  partition by range (paid_on)
  partition payments_other default
}
`,
		want: []string{"old.er:7:13: error ER201: partition payments_2000 of payments is gone: dropping a table deletes its rows"},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			_, diags := diff(t, partitionedOld, tc.newSrc, migrate.Options{})
			var got []string
			for _, d := range diags {
				got = append(got, d.Error())
			}
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("diagnostics (-want +got):\n%s", d)
			}
		})
	}
}

// A check is added NOT VALID and validated on a partitioned table as on
// any other, and a column and comments added, each step locking the
// partitions as it says; a unique key or a foreign key, which PostgreSQL
// 15 cannot add there the way ergen adds them without a long lock, is
// refused.
func TestPartitionedTableConstraints(t *testing.T) {
	conn, fresh := pgtest.Conn(t), pgtest.Conn(t)
	withCheck := strings.Replace(partitionedOld, "  kind    text\n", "  kind    text check (kind <> '')\n", 1)
	plan := converge(t, conn, fresh, partitionedOld, withCheck, migrate.Options{})
	contains(t, string(plan.Script()), "CHECK (kind <> '') NOT VALID;", "VALIDATE CONSTRAINT ck_payments_kind;")

	// A column and a comment, on a table and in a step of their own.
	withColumn := strings.Replace(partitionedOld, "  kind    text\n", "  kind    text\n  note    text? comment 'why'\n  comment 'one row per payment'\n", 1)
	plan = converge(t, pgtest.Conn(t), pgtest.Conn(t), partitionedOld, withColumn, migrate.Options{})
	contains(t, string(plan.Script()), "ALTER TABLE payments ADD COLUMN IF NOT EXISTS note text;", "COMMENT ON TABLE payments IS 'one row per payment';")
}

// A unique key, an index and a foreign key are added to a partitioned
// table, and the foreign key's action changed, each partition building
// its index concurrently and validating its foreign key while writes go
// on; the parent takes them in a catalog update. The way back drops them.
func TestPartitionedKeysAndForeignKeys(t *testing.T) {
	v1 := "entity Kind {\n  id serial pk\n}\n" + partitionedOld + "relationship Kind 1:N Payment {\n  optional\n}\n"
	v2 := strings.NewReplacer("  pk (id, paid_on)\n", "  pk (id, paid_on)\n  unique (kind, paid_on)\n  index (kind)\n",
		"  optional\n", "  optional\n  on delete cascade\n").Replace(v1)
	conn, fresh := pgtest.Conn(t), pgtest.Conn(t)
	plan := converge(t, conn, fresh, v1, v2, migrate.Options{})
	contains(t, string(plan.Script()),
		"CREATE UNIQUE INDEX CONCURRENTLY payments_2000_uq_payments_kind_paid_on ON payments_2000 (kind, paid_on);",
		"ALTER TABLE payments_2000 ADD CONSTRAINT payments_2000_uq_payments_kind_paid_on UNIQUE USING INDEX payments_2000_uq_payments_kind_paid_on;",
		"ALTER TABLE payments ADD CONSTRAINT uq_payments_kind_paid_on UNIQUE (kind, paid_on);",
		"ALTER TABLE payments DROP CONSTRAINT fk_payments_kind;\nALTER TABLE payments_2000 ADD CONSTRAINT fk_payments_kind FOREIGN KEY (kind_id) REFERENCES kinds (id) ON DELETE CASCADE ON UPDATE NO ACTION NOT VALID;",
		"ALTER TABLE payments_other VALIDATE CONSTRAINT fk_payments_kind;",
		"ALTER TABLE payments ADD CONSTRAINT fk_payments_kind FOREIGN KEY (kind_id) REFERENCES kinds (id) ON DELETE CASCADE ON UPDATE NO ACTION;")
	back := converge(t, pgtest.Conn(t), pgtest.Conn(t), v2, v1, migrate.Options{})
	contains(t, string(back.Script()), "DROP INDEX IF EXISTS idx_payments_kind;", "ALTER TABLE payments DROP CONSTRAINT IF EXISTS uq_payments_kind_paid_on;")

	t.Run("new foreign key", func(t *testing.T) {
		v0 := "entity Kind {\n  id serial pk\n}\n" + partitionedOld
		plan := converge(t, pgtest.Conn(t), pgtest.Conn(t), v0, v1, migrate.Options{})
		contains(t, string(plan.Script()), "ALTER TABLE payments_other ADD CONSTRAINT fk_payments_kind FOREIGN KEY (kind_id) REFERENCES kinds (id) ON DELETE NO ACTION ON UPDATE NO ACTION NOT VALID;")
	})
}

// A foreign key that references a partitioned table is validated as it is
// added: PostgreSQL 15 would leave NOT VALID the constraint it keeps for
// each referenced partition. From a partitioned table too.
func TestForeignKeyToPartitionedTable(t *testing.T) {
	for _, c := range []struct{ name, child string }{
		{"from a table", "entity Refund {\n  id serial pk\n}\n"},
		{"from a partitioned table", "entity Refund {\n  id serial\n  at date\n  pk (id, at)\n  partition by range (at)\n  partition refunds_all from (MINVALUE) to (MAXVALUE)\n}\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			v1 := partitionedOld + c.child
			v2 := v1 + "relationship Payment 1:N Refund {\n  optional\n}\n"
			plan := converge(t, pgtest.Conn(t), pgtest.Conn(t), v1, v2, migrate.Options{})
			script := string(plan.Script())
			contains(t, script, "REFERENCES payments (id, paid_on) ON DELETE NO ACTION ON UPDATE NO ACTION;")
			if strings.Contains(script, "NOT VALID") {
				t.Errorf("a foreign key to a partitioned table is added NOT VALID:\n%s", script)
			}
			v3 := strings.Replace(v2, "  optional\n", "  optional\n  on delete set null\n", 1)
			converge(t, pgtest.Conn(t), pgtest.Conn(t), v2, v3, migrate.Options{})
		})
	}
}

// Partitions partitioned in turn, on PostgreSQL: a sub-partition is added
// and dropped at its level, a partition partitioned in turn is created
// with its partitions and dropped with them, each step locking what
// PostgreSQL locks; changing how a partition is partitioned is refused.
func TestSubpartitionsMigrate(t *testing.T) {
	oldSrc := `entity Sale {
  id      bigserial
  region  text
  sold_on date
  pk (id, region, sold_on)
  partition by list (region)
  partition sales_eu in ('de') partition by range (sold_on)
  partition sales_eu_2025 of sales_eu from ('2025-01-01') to ('2026-01-01')
  partition sales_eu_other of sales_eu default
  partition sales_us in ('us') partition by hash (id)
  partition sales_us_0 of sales_us with (modulus 1, remainder 0)
}
`
	newSrc := `entity Sale {
  id      bigserial
  region  text
  sold_on date
  pk (id, region, sold_on)
  partition by list (region)
  partition sales_eu in ('de') partition by range (sold_on)
  partition sales_eu_2026 of sales_eu from ('2026-01-01') to ('2027-01-01')
  partition sales_eu_other of sales_eu default
  partition sales_fr in ('fr') partition by range (sold_on)
  partition sales_fr_other of sales_fr default
  partition sales_fr_2025 of sales_fr from ('2025-01-01') to ('2026-01-01')
}
`
	conn, fresh := pgtest.Conn(t), pgtest.Conn(t)
	plan := converge(t, conn, fresh, oldSrc, newSrc, migrate.Options{Allow: []string{"drop"}})
	contains(t, string(plan.Script()),
		"DROP TABLE IF EXISTS sales_us;",
		"DROP TABLE IF EXISTS sales_eu_2025;",
		"CREATE TABLE sales_eu_2026 PARTITION OF sales_eu FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');",
		"CREATE TABLE sales_fr PARTITION OF sales FOR VALUES IN ('fr') PARTITION BY RANGE (sold_on);",
		"CREATE TABLE sales_fr_2025 PARTITION OF sales_fr FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');")

	_, diags := diff(t, oldSrc, strings.Replace(oldSrc, "partition sales_us in ('us') partition by hash (id)", "partition sales_us in ('us') partition by hash (id, sold_on)", 1), migrate.Options{})
	want := "new.er:10:13: error ER211: partition sales_us of sales changes its partitioning from HASH (id) to HASH (id, sold_on): PostgreSQL cannot change how a table is partitioned"
	if len(diags) != 1 || diags[0].Error() != want {
		t.Errorf("diagnostics %v, want %s", diags, want)
	}
}

// subpartitionedSales is a table partitioned by list, one of whose
// partitions is partitioned by range in turn.
const subpartitionedSales = `entity Sale {
  id      bigserial
  region  text
  sold_on date
  pk (id, region, sold_on)
  partition by list (region)
  partition sales_eu in ('de', 'fr') partition by range (sold_on)
  partition sales_eu_2025 of sales_eu from ('2025-01-01') to ('2026-01-01')
  partition sales_eu_other of sales_eu default
  partition sales_us in ('us')
}
`

// A key and a foreign key are added to a table whose partitions are
// partitioned in turn, with an index, and the foreign key's action
// changed: the leaves, at every level, build their indexes concurrently
// and validate their foreign keys while writes go on, and the parent's
// ADD (or ATTACH, level by level, for the index) takes them in a catalog
// update.
func TestSubpartitionedKeysAndForeignKeys(t *testing.T) {
	v1 := "entity Kind {\n  id serial pk\n}\n" + subpartitionedSales
	v2 := strings.Replace(v1, "  pk (id, region, sold_on)\n", "  pk (id, region, sold_on)\n  unique (sold_on, region, kind_id)\n  index (sold_on)\n", 1) +
		"relationship Kind 1:N Sale {\n  optional\n}\n"
	conn, fresh := pgtest.Conn(t), pgtest.Conn(t)
	plan := converge(t, conn, fresh, v1, v2, migrate.Options{})
	script := string(plan.Script())
	contains(t, script,
		"CREATE UNIQUE INDEX CONCURRENTLY sales_eu_2025_uq_sales_sold_on_region_kind_id ON sales_eu_2025 (sold_on, region, kind_id);",
		"ALTER TABLE sales_eu_other ADD CONSTRAINT fk_sales_kind FOREIGN KEY (kind_id) REFERENCES kinds (id) ON DELETE NO ACTION ON UPDATE NO ACTION NOT VALID;",
		"ALTER TABLE sales_eu_2025 VALIDATE CONSTRAINT fk_sales_kind;",
		"ALTER TABLE sales ADD CONSTRAINT fk_sales_kind FOREIGN KEY (kind_id)",
		"CREATE INDEX IF NOT EXISTS sales_eu_idx_sales_sold_on ON ONLY sales_eu (sold_on);",
		"CREATE INDEX CONCURRENTLY sales_eu_other_idx_sales_sold_on ON sales_eu_other (sold_on);",
		"ALTER INDEX sales_eu_idx_sales_sold_on ATTACH PARTITION sales_eu_2025_idx_sales_sold_on;",
		"ALTER INDEX idx_sales_sold_on ATTACH PARTITION sales_eu_idx_sales_sold_on;")
	if strings.Contains(script, "ALTER TABLE sales_eu ADD") {
		t.Errorf("a partition partitioned in turn is altered on its own:\n%s", script)
	}
	v3 := strings.Replace(v2, "  optional\n", "  optional\n  on delete cascade\n", 1)
	converge(t, pgtest.Conn(t), pgtest.Conn(t), v2, v3, migrate.Options{})
	converge(t, pgtest.Conn(t), pgtest.Conn(t), v3, v1, migrate.Options{Allow: []string{"drop"}})
}
