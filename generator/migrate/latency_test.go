package migrate_test

import (
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/ergen-dev/ergen/generator/migrate"
	"github.com/ergen-dev/ergen/internal/pgtest"
)

const latencyV1 = `
entity Customer {
  id   serial pk
  name text
}
entity Shop { id serial pk }
entity Purchase {
  id          serial pk
  amount      integer
  note        text?
  customer_id integer?
}
relationship Shop 1:N Purchase {
  optional
  on delete restrict
}
`

const latencyV2 = `
entity Customer {
  id   serial pk
  name text
}
entity Shop { id serial pk }
entity Purchase {
  id          serial pk
  amount      integer
  note        text
  customer_id integer?
  index (amount)
}
relationship Shop 1:N Purchase {
  optional
  on delete cascade
}
relationship Customer 1:N Purchase {
  optional
}
`

// While a migration adds a foreign key on a 1M-row child to a 1M-row
// parent, builds an index, sets NOT NULL and changes an action, a writer
// inserts children and updates parents; its worst latency must stay under
// the lock timeout. It takes a minute or more: ERGEN_LARGE_TESTS=1 runs it.
func TestWriterLatencyDuringMigration(t *testing.T) {
	if os.Getenv("ERGEN_LARGE_TESTS") != "1" {
		t.Skip("set ERGEN_LARGE_TESTS=1 to run (1M-row tables)")
	}
	url := pgtest.URL(t)
	connect := func() *pgx.Conn {
		c, err := pgx.Connect(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close(ctx) })
		return c
	}
	conn, writer := connect(), connect()
	plan, diags := diff(t, latencyV1, latencyV2, migrate.Options{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if _, err := conn.Exec(ctx, ddl(t, load(t, "v1.er", latencyV1))+`
INSERT INTO shops DEFAULT VALUES;
INSERT INTO customers (name) SELECT 'c' || g FROM generate_series(1, 1000000) g;
INSERT INTO purchases (amount, note, customer_id, shop_id) SELECT g, 'n', g, 1 FROM generate_series(1, 1000000) g;
ANALYZE;`); err != nil {
		t.Fatal(err)
	}
	var done atomic.Bool
	worst := make(chan time.Duration)
	go func() {
		var max time.Duration
		for i := 0; !done.Load(); i++ {
			start := time.Now()
			_, err := writer.Exec(ctx, `INSERT INTO purchases (amount, note, customer_id, shop_id) VALUES ($1, 'w', $1, 1);
`, 1+i%1000000)
			if err == nil {
				_, err = writer.Exec(ctx, `UPDATE customers SET name = 'w' WHERE id = $1`, 1+i%1000000)
			}
			if err != nil {
				t.Errorf("writer: %v", err)
				break
			}
			if d := time.Since(start); d > max {
				max = d
			}
		}
		worst <- max
	}()
	start := time.Now()
	err := apply(conn, plan)
	done.Store(true)
	max := <-worst
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("migration: %v; the writer's worst insert and update: %v", time.Since(start).Round(time.Millisecond), max.Round(time.Millisecond))
	if max >= 5*time.Second {
		t.Errorf("the writer waited %v, longer than the lock timeout", max)
	}
}
