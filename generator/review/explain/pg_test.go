package explain

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/generator/postgres"
	"github.com/ergen-dev/ergen/internal/pgtest"
	"github.com/ergen-dev/ergen/internal/randmodel"
	"github.com/ergen-dev/ergen/internal/testkit"
)

// TestMain stops the throwaway PostgreSQL cluster that pgtest may start.
func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// TestEffectsMatchPostgres checks every delete and key-update tree against
// PostgreSQL itself. For each table of each model it inserts a graph of
// rows shaped like the tree (one row per node, referencing its parent
// node's row; every other FK points at an "anchor" row that the change
// does not reach), deletes or re-keys the root row, and compares the
// tables with the prediction: rows gone, columns nulled, defaulted or
// re-keyed, or the statement refused by one of the predicted blocks.
func TestEffectsMatchPostgres(t *testing.T) {
	conn := pgtest.Conn(t)
	for _, path := range models(t) {
		name := strings.TrimSuffix(filepath.Base(path), ".er")
		t.Run(name, func(t *testing.T) {
			inModel(t, conn, func(tx pgx.Tx) { checkModel(t, tx, load(t, path), false) })
		})
	}
}

// randomModels is how many random models TestRandomEffectsMatchPostgres
// checks by default: about 0.2 s each on two cores.
const randomModels = 30

// modelsPerConn is how many random models share one connection.
const modelsPerConn = 100

// TestRandomEffectsMatchPostgres does the same for random models, which
// combine composite keys, junction keys, deferrable FKs, SET DEFAULT and
// cycles in ways no hand-written model does. ERGEN_RANDOM_MODELS sets the
// number of seeds (0 to N-1) for a longer run; one seed reruns with
//
//	ERGEN_RANDOM_MODELS=5000 go test ./generator/review/explain -run 'RandomEffects/seed1234$'
//
// The models in testdata/random, cut down from seeds that once failed,
// are checked first, the way random models are.
func TestRandomEffectsMatchPostgres(t *testing.T) {
	n := randomModels
	if v := os.Getenv("ERGEN_RANDOM_MODELS"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 1 {
			t.Fatalf("ERGEN_RANDOM_MODELS=%q: want a positive number", v)
		}
	}
	// One database; a new connection every modelsPerConn models, because
	// a PostgreSQL 15 backend slows down as more tables and types come and
	// go in its session (its caches keep growing): after 1,200 models one
	// backend held 685 MB and took 1.3 s a model instead of 0.2 s.
	url := pgtest.URL(t)
	ctx := context.Background()
	var conn *pgx.Conn
	reconnect := func() {
		if conn != nil {
			if err := conn.Close(ctx); err != nil {
				t.Fatal(err)
			}
		}
		var err error
		if conn, err = pgx.Connect(ctx, url); err != nil {
			t.Fatal(err)
		}
	}
	reconnect()
	t.Cleanup(func() { conn.Close(ctx) })
	paths, err := filepath.Glob("testdata/random/*.er")
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range paths {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".er"), func(t *testing.T) {
			inModel(t, conn, func(tx pgx.Tx) { checkModel(t, tx, load(t, path), true) })
		})
	}
	failures := 0
	for seed := range int64(n) {
		if failures >= 10 {
			t.Fatalf("stopping after %d failing seeds", failures)
		}
		if seed > 0 && seed%modelsPerConn == 0 {
			reconnect()
		}
		ok := t.Run(fmt.Sprintf("seed%d", seed), func(t *testing.T) {
			// Every third model partitions some of its tables, some of
			// them by an expression or in turn.
			src := randmodel.Generate(seed, randmodel.Options{Entities: 6, Partitions: seed%3 == 1})
			s, diags := testkit.Resolve(t, fmt.Sprintf("seed%d.er", seed), []byte(src))
			if diags.HasErrors() {
				t.Fatalf("%v\n%s", diags, src)
			}
			inModel(t, conn, func(tx pgx.Tx) { checkModel(t, tx, s, true) })
			if t.Failed() {
				t.Logf("model:\n%s", src)
			}
		})
		if !ok {
			// A failure may leave the connection mid-query.
			failures++
			reconnect()
		}
	}
}

// inModel runs f in a transaction that is rolled back afterwards, so that
// every model starts from the same empty database: one database and one
// connection serve all models, which is much faster than a database each.
func inModel(t *testing.T, conn *pgx.Conn, f func(pgx.Tx)) {
	ctx := context.Background()
	tx, err := conn.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx) //nolint:errcheck // nothing to keep
	f(tx)
}

// checkModel applies the model's DDL in tx and checks the delete and
// key-update tree of every table, each in a savepoint of its own.
func checkModel(t *testing.T, tx pgx.Tx, s *model.Schema, random bool) {
	ctx := context.Background()
	ddl, err := postgres.DDL(s, filepath.Base(s.File))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, string(ddl)); err != nil {
		t.Fatalf("applying DDL: %v", err)
	}
	dropped := map[*model.Key]bool{}
	if random {
		// CHECK constraints, EXCLUDE constraints and the UNIQUE keys no FK
		// references play no part in referential actions, and the rows
		// inserted here are not drawn to satisfy arbitrary ones (an enum
		// column has few values, ranges of fresh values overlap).
		// An arc's CHECK stays where the rows can satisfy it (arcChoices).
		safeArcs := map[*model.Check]bool{}
		for a, c := range arcChoices(s, anchorOrder(s.Tables)) {
			safeArcs[a.Check] = c.safe
		}
		for _, tb := range s.Tables {
			drop := func(name string) {
				if _, err := tx.Exec(ctx, fmt.Sprintf("ALTER TABLE %s DROP CONSTRAINT %s", s.Qualify(tb.Name), model.QuoteIdent(name))); err != nil {
					t.Fatal(err)
				}
			}
			for _, ck := range tb.Checks {
				if !safeArcs[ck] {
					drop(ck.Name)
				}
			}
			for _, x := range tb.Exclusions {
				drop(x.Name)
			}
			for _, k := range tb.Uniques {
				if !slices.ContainsFunc(tb.Referenced, func(fk *model.ForeignKey) bool { return sameSet(fk.RefColumns, k.Columns) }) {
					drop(k.Name)
					dropped[k] = true
				}
			}
			// A unique index (partial, or over expressions) is no key an
			// FK can reference.
			for _, ix := range tb.Indexes {
				if ix.Unique {
					if _, err := tx.Exec(ctx, "DROP INDEX "+s.Qualify(ix.Name)); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
	}
	for _, tb := range s.Tables {
		t.Run("delete "+tb.Name, func(t *testing.T) {
			checkEffect(t, tx, s, dropped, tb.DeleteEffects())
		})
		if len(tb.ReferencedColumns()) > 0 {
			t.Run("update "+tb.Name, func(t *testing.T) {
				checkEffect(t, tx, s, dropped, tb.UpdateEffects())
			})
		}
	}
}

// checkEffect runs in a savepoint of the model's transaction (outer), so
// that the rows it inserts are gone for the next tree.
func checkEffect(t *testing.T, outer pgx.Tx, s *model.Schema, dropped map[*model.Key]bool, root *model.Effect) {
	ctx := context.Background()
	tx, err := outer.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	g := &graph{t: t, ctx: ctx, tx: tx, s: s, next: 1000, anchors: map[*model.Table]row{}, defaults: map[*model.Column]any{}, refs: map[refKey]insertedRow{}, dropped: dropped}
	g.exec("SET CONSTRAINTS ALL DEFERRED")
	g.insertAnchors()

	// One row per node; the root is a row of its own, not an anchor. Where
	// unique FKs form a cycle, the row a node needs may exist already: the
	// one that references the parent node's row through the node's FK.
	rows := map[*model.Effect]row{}
	ctids := map[*model.Effect]string{}
	root.Walk(func(n *model.Effect, _ int) bool {
		if n.FK == nil {
			rows[n], ctids[n] = g.insert(n.Table, nil, nil)
			return true
		}
		p := parentOf(root, n)
		if r, ok := g.referencing(n.FK, ctids[p]); ok {
			rows[n], ctids[n] = r.row, r.ctid
			return true
		}
		rows[n], ctids[n] = g.insert(n.Table, n.FK, rows[p])
		return true
	})
	// New key values; key columns that are also FK columns need a new
	// parent row to point at (one per FK), inserted before the snapshot.
	q := model.QuoteIdent
	var sets []string
	newParents := map[*model.ForeignKey]row{}
	for _, c := range root.Columns {
		if c.Identity == model.IdentityAlways {
			sets = append(sets, q(c.Name)+" = DEFAULT")
			continue
		}
		v := g.value(c)
		if fk := c.ForeignKey; fk != nil {
			p, ok := newParents[fk]
			if !ok {
				p, _ = g.insert(fk.RefTable, nil, nil)
				newParents[fk] = p
			}
			v = literal(p[fk.RefColumns[slices.Index(fk.Columns, c)].Name], c)
		}
		sets = append(sets, fmt.Sprintf("%s = %s", q(c.Name), v))
	}
	g.exec("SET CONSTRAINTS ALL IMMEDIATE") // the graph itself must be valid
	before := g.snapshot()

	// Predict.
	want := map[string][]string{}
	for tb, rs := range before {
		want[tb] = slices.Clone(rs)
	}
	blocked := map[string]bool{}
	for _, b := range root.Blockers() {
		blocked[b.FK.Name] = true
	}

	g.exec("SAVEPOINT change")
	var stmtErr error
	newRows := map[*model.Effect]row{}
	if root.Kind == model.Deletes {
		_, stmtErr = tx.Exec(ctx, fmt.Sprintf("DELETE FROM %s WHERE %s", s.Qualify(root.Table.Name), atLocator), ctids[root])
	} else {
		var js []byte
		stmtErr = tx.QueryRow(ctx, fmt.Sprintf("UPDATE %s AS x SET %s WHERE %s RETURNING row_to_json(x)::text",
			s.Qualify(root.Table.Name), strings.Join(sets, ", "), atLocator), ctids[root]).Scan(&js)
		if stmtErr == nil {
			newRows[root] = decode(t, js)
		}
	}
	if stmtErr == nil {
		_, stmtErr = tx.Exec(ctx, "SET CONSTRAINTS ALL IMMEDIATE")
	}

	if len(blocked) > 0 {
		var pgErr *pgconn.PgError
		switch {
		case stmtErr == nil:
			t.Fatalf("predicted a block by %v, but the statement succeeded\n%s", keys(blocked), Render(root, ""))
		case !errors.As(stmtErr, &pgErr) || pgErr.Code != "23503":
			t.Fatalf("predicted a block by %v, got %v", keys(blocked), stmtErr)
		}
		g.exec("ROLLBACK TO SAVEPOINT change")
		if name := g.declaredConstraint(pgErr); !blocked[name] {
			t.Fatalf("predicted a block by %v, but %s refused it: %v", keys(blocked), name, stmtErr)
		}
		if diff := compare(before, g.snapshot()); diff != "" {
			t.Errorf("rows changed although the statement failed:\n%s", diff)
		}
		return
	}
	if stmtErr != nil {
		t.Fatalf("predicted success, got %v\n%s", stmtErr, Render(root, ""))
	}

	// Apply the prediction to the rows as inserted, parents first. A row
	// that two nodes share changes as both say, and is deleted once.
	state := map[string]row{} // by table and ctid
	for n, ct := range ctids {
		state[n.Table.Name+ct] = rows[n]
	}
	gone := map[string]bool{}
	remove := func(tb *model.Table, r row) {
		k := encode(r)
		i := slices.Index(want[tb.Name], k)
		if i < 0 {
			t.Fatalf("row %s of %s not found in the prediction", k, tb.Name)
		}
		want[tb.Name] = slices.Delete(want[tb.Name], i, i+1)
	}
	root.Walk(func(n *model.Effect, _ int) bool {
		ct := n.Table.Name + ctids[n]
		if gone[ct] {
			return false
		}
		old := state[ct]
		if n.FK == nil {
			remove(n.Table, old)
			if root.Kind == model.UpdatesKey {
				want[n.Table.Name] = append(want[n.Table.Name], encode(newRows[n]))
				state[ct] = newRows[n]
			} else {
				gone[ct] = true
			}
			return true
		}
		parentNew := newRows[parentOf(root, n)]
		nr := row{}
		for k, v := range old {
			nr[k] = v
		}
		switch n.Kind {
		case model.Deletes:
			remove(n.Table, old)
			gone[ct] = true
			return true
		case model.SetsNull:
			for _, c := range n.Columns {
				nr[c.Name] = nil
			}
		case model.SetsDefault:
			for _, c := range n.Columns {
				nr[c.Name] = g.defaults[c]
			}
		case model.UpdatesKey:
			for i, c := range n.FK.Columns {
				nr[c.Name] = parentNew[n.FK.RefColumns[i].Name]
			}
		}
		remove(n.Table, old)
		want[n.Table.Name] = append(want[n.Table.Name], encode(nr))
		newRows[n], state[ct] = nr, nr
		return true
	})
	for _, rs := range want {
		slices.Sort(rs)
	}
	if diff := compare(want, g.snapshot()); diff != "" {
		t.Errorf("PostgreSQL did not do what explain predicted (want vs got):\n%s\nprediction:\n%s", diff, Render(root, ""))
	}
}

func parentOf(root, n *model.Effect) *model.Effect {
	var p *model.Effect
	root.Walk(func(x *model.Effect, _ int) bool {
		if slices.Contains(x.Children, n) {
			p = x
		}
		return p == nil
	})
	return p
}
