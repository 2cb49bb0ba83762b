package explain

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/generator/postgres"
	"github.com/ergen-dev/ergen/internal/testkit"
)

// The rows the PostgreSQL tests insert: for each effect tree, a row of
// every table it reaches, linked through the FKs the tree follows.

// row is one inserted row as PostgreSQL returned it (row_to_json), keyed
// by column name.
type row map[string]any

// A row is found again by its locator, kept where the code says ctid: the
// table that stores it (a partition, for a partitioned table) and its
// ctid there, as "tableoid/ctid". A ctid alone names no row of a
// partitioned table, since each partition numbers its rows from the
// start. rowLocator returns it; atLocator finds the row of locator $1.
const (
	rowLocator = `tableoid::text || '/' || ctid::text`
	atLocator  = `tableoid = split_part($1, '/', 1)::oid AND ctid = split_part($1, '/', 2)::tid`
)

// graph inserts rows and predicts what the statement does to them.
type graph struct {
	t    *testing.T
	ctx  context.Context
	tx   pgx.Tx
	s    *model.Schema
	next int // counter behind every generated value, so values differ

	anchors  map[*model.Table]row
	defaults map[*model.Column]any // evaluated defaults of SET DEFAULT columns
	dropped  map[*model.Key]bool   // UNIQUE keys dropped from the database
	arcs     map[*model.Arc]arcChoice

	// refs records, for rows inserted with a key FK to a row made for
	// them, which row references which: by FK and the parent's ctid.
	refs map[refKey]insertedRow
	// closing lists the rows that close a cycle of key FKs by referencing
	// a row further up the stack; that row's ctid is read when needed,
	// since it is known only once the row is in place, and may change.
	closing []closingRef
}

type refKey struct {
	fk     *model.ForeignKey
	parent string // ctid
}

type insertedRow struct {
	row  row
	ctid string
}

type closingRef struct {
	fk     *model.ForeignKey
	parent *pendingRow
	child  insertedRow
}

// referencing returns the row inserted with fk pointing at the row with
// ctid parent, if the graph made one.
func (g *graph) referencing(fk *model.ForeignKey, parent string) (insertedRow, bool) {
	if r, ok := g.refs[refKey{fk, parent}]; ok {
		return r, true
	}
	for _, c := range g.closing {
		if c.fk == fk && c.parent.ctid == parent {
			return c.child, true
		}
	}
	return insertedRow{}, false
}

func (g *graph) exec(sql string, args ...any) {
	g.t.Helper()
	if _, err := g.tx.Exec(g.ctx, sql, args...); err != nil {
		g.t.Fatalf("%s: %v", sql, err)
	}
}

// insertAnchors inserts one row per table that no change reaches: the
// parent of every FK that is not the one a node hangs from. A table that a
// SET DEFAULT FK references gets the default key, so that the default
// parent exists.
func (g *graph) insertAnchors() {
	for _, tb := range g.s.Tables {
		for _, fk := range tb.ForeignKeys {
			if fk.OnDelete.Action != model.SetDefault && fk.OnUpdate.Action != model.SetDefault {
				continue
			}
			for _, c := range fk.Columns {
				var js []byte
				if err := g.tx.QueryRow(g.ctx, fmt.Sprintf("SELECT to_json((%s)::%s)::text", c.Default, g.s.TypeSQL(c.Type))).Scan(&js); err != nil {
					g.t.Fatalf("evaluating default of %s.%s: %v", tb.Name, c.Name, err)
				}
				var v any
				if err := json.Unmarshal(js, &v); err != nil {
					g.t.Fatal(err)
				}
				g.defaults[c] = v
			}
		}
	}
	// Values of every anchor first, so that FKs may point at anchors of
	// tables created later (cycles; constraints are deferred meanwhile).
	fixed := map[*model.Table]map[string]string{}
	for _, tb := range g.s.Tables {
		fixed[tb] = map[string]string{}
		for _, c := range tb.Columns {
			fixed[tb][c.Name] = g.value(c)
		}
	}
	// FK columns take their parent anchor's values; a referenced column
	// may itself be an FK column (shared keys), so repeat until stable.
	propagate := func() {
		for changed := true; changed; {
			changed = false
			for _, tb := range g.s.Tables {
				for _, fk := range tb.ForeignKeys {
					for i, c := range fk.Columns {
						if v := fixed[fk.RefTable][fk.RefColumns[i].Name]; fixed[tb][c.Name] != v {
							fixed[tb][c.Name], changed = v, true
						}
					}
				}
			}
		}
	}
	propagate()
	for _, tb := range g.s.Tables {
		for _, fk := range tb.ForeignKeys {
			if fk.OnDelete.Action != model.SetDefault && fk.OnUpdate.Action != model.SetDefault {
				continue
			}
			for i, c := range fk.Columns {
				// The default must be the key of the parent's anchor, and of
				// its own parent's where that key is an FK column too.
				for ref := fk.RefColumns[i]; ref != nil; {
					fixed[ref.Table][ref.Name] = literal(g.defaults[c], ref)
					up := ref.ForeignKey
					if up == nil || up.RefTable == ref.Table {
						break
					}
					ref = up.RefColumns[slices.Index(up.Columns, ref)]
				}
			}
		}
	}
	propagate()
	order := anchorOrder(g.s.Tables)
	g.arcs = arcChoices(g.s, order)
	for _, tb := range g.s.Tables {
		for _, fk := range tb.ForeignKeys {
			if g.otherArcMember(fk, nil) {
				for _, c := range fk.Columns {
					fixed[tb][c.Name] = "NULL"
				}
			}
		}
	}
	// An anchor refers to itself only where it must: a nullable
	// self-reference stays NULL, so that a SET DEFAULT into a unique
	// column does not collide with the anchor.
	for _, tb := range g.s.Tables {
		for _, fk := range tb.ForeignKeys {
			if fk.RefTable == tb && !fk.Required() {
				for _, c := range fk.Columns {
					fixed[tb][c.Name] = "NULL"
				}
			}
		}
	}
	// A non-deferrable FK to a table whose anchor comes later (a cycle) is
	// filled in once every anchor exists.
	inserted := map[*model.Table]bool{}
	type later struct {
		tb   *model.Table
		fks  []*model.ForeignKey
		ctid string
	}
	var pending []later
	for _, tb := range order {
		vals := maps.Clone(fixed[tb])
		var wait []*model.ForeignKey
		for _, fk := range tb.ForeignKeys {
			if fk.RefTable != tb && !inserted[fk.RefTable] && fk.Deferrable == model.NotDeferrable && !fk.Required() {
				wait = append(wait, fk)
				for _, c := range fk.Columns {
					vals[c.Name] = "NULL"
				}
			}
		}
		var ctid string
		g.anchors[tb], ctid = g.insertValues(tb, vals)
		inserted[tb] = true
		if len(wait) > 0 {
			pending = append(pending, later{tb, wait, ctid})
		}
	}
	for _, p := range pending {
		var sets []string
		for _, fk := range p.fks {
			for _, c := range fk.Columns {
				sets = append(sets, fmt.Sprintf("%s = %s", model.QuoteIdent(c.Name), fixed[p.tb][c.Name]))
			}
		}
		var js []byte
		sql := fmt.Sprintf("UPDATE %s AS x SET %s WHERE %s RETURNING row_to_json(x)::text", g.s.Qualify(p.tb.Name), strings.Join(sets, ", "), atLocator)
		if err := g.tx.QueryRow(g.ctx, sql, p.ctid).Scan(&js); err != nil {
			g.t.Fatalf("%s: %v", sql, err)
		}
		g.anchors[p.tb] = decode(g.t, js)
	}
}

// anchorOrder is the order to insert anchors in: the tables' creation
// order, except that a table waits for the parents of its required,
// non-deferrable FKs. An FK that closes a cycle is added after both tables
// exist and may point at a table created later; that cycle has a
// deferrable FK (the model refuses one without), which waits for commit.
func anchorOrder(tables []*model.Table) []*model.Table {
	var out []*model.Table
	placed, visiting := map[*model.Table]bool{}, map[*model.Table]bool{}
	var place func(tb *model.Table)
	place = func(tb *model.Table) {
		if placed[tb] || visiting[tb] {
			return
		}
		visiting[tb] = true
		for _, fk := range tb.ForeignKeys {
			if fk.RefTable != tb && fk.Required() && fk.Deferrable == model.NotDeferrable {
				place(fk.RefTable)
			}
		}
		placed[tb] = true
		out = append(out, tb)
	}
	for _, tb := range tables {
		place(tb)
	}
	return out
}

// insert inserts a fresh row into tb whose FK columns for via point at
// parent, and whose other FK columns point at anchors (or at a new parent
// row where the FK columns are a key, so two rows may not share them).
func (g *graph) insert(tb *model.Table, via *model.ForeignKey, parent row) (row, string) {
	return g.insertUnder(nil, tb, via, parent)
}

// pendingRow is a row being inserted: the values it will have, and the
// row and its ctid once it is in place.
type pendingRow struct {
	tb   *model.Table
	vals map[string]string
	row  row
	ctid string
}

// insertUnder inserts as insert does; stack holds the rows whose insert
// led to this one. Key FKs may form a cycle (two 1:1 relationships in
// opposite directions, say), and a new parent per key FK would then never
// end. So a nullable key FK is NULL (unless its columns serve another FK
// too, or are referenced: a NULL there would unhook the rows below); a
// deferrable key FK gets its new parent after the row is in place; and a
// key FK to a table of the stack points at that row, in place or (for a
// deferrable FK) still to come. In the models randmodel draws, every
// cycle of required FKs has a deferrable one, so the recursion ends.
func (g *graph) insertUnder(stack []*pendingRow, tb *model.Table, via *model.ForeignKey, parent row) (row, string) {
	vals := map[string]string{}
	for _, c := range tb.Columns {
		vals[c.Name] = g.value(c)
	}
	self := &pendingRow{tb: tb, vals: vals}
	stack = append(stack, self)
	var madeFor []refKey // parents made for this row
	var closes []closingRef
	var later []*model.ForeignKey // parents made once this row is in place
	for _, fk := range tb.ForeignKeys {
		p := g.anchors[fk.RefTable]
		key := g.inKey(tb, fk.Columns) && fk != via
		up := slices.IndexFunc(stack, func(r *pendingRow) bool { return r.tb == fk.RefTable })
		deferrable := fk.Deferrable != model.NotDeferrable
		switch {
		case fk == via:
			p = parent
		case g.otherArcMember(fk, via):
			for _, c := range fk.Columns {
				vals[c.Name] = "NULL"
			}
			continue
		case key && nullable(fk.Columns) && !sharesColumns(tb, fk) &&
			!slices.ContainsFunc(tb.ReferencedColumns(), func(c *model.Column) bool { return slices.Contains(fk.Columns, c) }):
			for _, c := range fk.Columns {
				vals[c.Name] = "NULL"
			}
			continue
		case key && fk.RefTable != tb && up >= 0 && stack[up].ctid != "":
			p = stack[up].row
			closes = append(closes, closingRef{fk: fk, parent: stack[up]})
		case key && fk.RefTable != tb && up >= 0:
			for i, c := range fk.Columns {
				if !deferrable || fk.RefColumns[i].ForeignKey != nil {
					g.t.Fatalf("no row of %s can be inserted: its key FK %s closes a cycle", tb.Name, fk.Name)
				}
				vals[c.Name] = stack[up].vals[fk.RefColumns[i].Name]
			}
			closes = append(closes, closingRef{fk: fk, parent: stack[up]})
			continue
		case key && fk.RefTable != tb && deferrable:
			later = append(later, fk) // fresh values meanwhile
			continue
		case key && fk.RefTable != tb:
			var ct string
			p, ct = g.insertUnder(stack, fk.RefTable, nil, nil)
			madeFor = append(madeFor, refKey{fk, ct})
		case key:
			// A required self-reference in a key: the row refers to itself.
			for i, c := range fk.Columns {
				vals[c.Name] = vals[fk.RefColumns[i].Name]
			}
			continue
		}
		for i, c := range fk.Columns {
			vals[c.Name] = literal(p[fk.RefColumns[i].Name], c)
		}
	}
	self.row, self.ctid = g.insertValues(tb, vals)
	for _, fk := range later {
		p, ct := g.insertUnder(stack, fk.RefTable, nil, nil)
		madeFor = append(madeFor, refKey{fk, ct})
		var sets []string
		for i, c := range fk.Columns {
			sets = append(sets, fmt.Sprintf("%s = %s", model.QuoteIdent(c.Name), literal(p[fk.RefColumns[i].Name], c)))
		}
		var js []byte
		sql := fmt.Sprintf("UPDATE %s AS x SET %s WHERE %s RETURNING row_to_json(x)::text, %s", g.s.Qualify(tb.Name), strings.Join(sets, ", "), atLocator, rowLocator)
		if err := g.tx.QueryRow(g.ctx, sql, self.ctid).Scan(&js, &self.ctid); err != nil {
			g.t.Fatalf("%s: %v", sql, err)
		}
		self.row = decode(g.t, js)
	}
	for _, k := range madeFor {
		g.refs[k] = insertedRow{self.row, self.ctid}
	}
	for _, c := range closes {
		c.child = insertedRow{self.row, self.ctid}
		g.closing = append(g.closing, c)
	}
	return self.row, self.ctid
}

func nullable(cols []*model.Column) bool {
	return !slices.ContainsFunc(cols, func(c *model.Column) bool { return !c.Nullable })
}

// sharesColumns reports whether another FK of tb uses one of fk's columns.
func sharesColumns(tb *model.Table, fk *model.ForeignKey) bool {
	return slices.ContainsFunc(tb.ForeignKeys, func(o *model.ForeignKey) bool {
		return o != fk && slices.ContainsFunc(o.Columns, func(c *model.Column) bool { return slices.Contains(fk.Columns, c) })
	})
}

func (g *graph) insertValues(tb *model.Table, vals map[string]string) (row, string) {
	g.t.Helper()
	var cols, exprs []string
	override := ""
	for _, c := range tb.Columns {
		cols = append(cols, model.QuoteIdent(c.Name))
		exprs = append(exprs, vals[c.Name])
		if c.Identity == model.IdentityAlways {
			override = " OVERRIDING SYSTEM VALUE"
		}
	}
	sql := fmt.Sprintf("INSERT INTO %s AS x (%s)%s VALUES (%s) RETURNING row_to_json(x)::text, %s",
		g.s.Qualify(tb.Name), strings.Join(cols, ", "), override, strings.Join(exprs, ", "), rowLocator)
	var js []byte
	var ctid string
	if err := g.tx.QueryRow(g.ctx, sql).Scan(&js, &ctid); err != nil {
		g.t.Fatalf("%s: %v", sql, err)
	}
	return decode(g.t, js), ctid
}

func sameSet(a, b []*model.Column) bool {
	return len(a) == len(b) && !slices.ContainsFunc(a, func(c *model.Column) bool { return !slices.Contains(b, c) })
}

// inKey reports whether any of cols belongs to a primary or unique key of
// tb that the database has: two rows sharing the values could then
// collide.
func (g *graph) inKey(tb *model.Table, cols []*model.Column) bool {
	keys := slices.DeleteFunc(slices.Clone(tb.Uniques), func(k *model.Key) bool { return g.dropped[k] })
	if tb.PrimaryKey != nil {
		keys = append(keys, tb.PrimaryKey)
	}
	for _, k := range keys {
		if slices.ContainsFunc(k.Columns, func(c *model.Column) bool { return slices.Contains(cols, c) }) {
			return true
		}
	}
	return false
}

// value returns a fresh SQL value for c that no other call returns: a
// testkit.RowValue cast to c's type (a number to the type an FK to it
// has: a serial's integer), text for a type by name testkit has no value
// of, which PostgreSQL casts if it can, and DEFAULT for a generated column.
func (g *graph) value(c *model.Column) string {
	g.next++
	n := g.next
	if c.GeneratedAs != "" {
		return "DEFAULT"
	}
	typ := g.s.TypeSQL(c.Type)
	switch c.Type.Base {
	case model.Smallint, model.Integer, model.Bigint, model.Smallserial, model.Serial, model.Bigserial,
		model.Numeric, model.Real, model.DoublePrecision:
		if c.Type.Array == 0 {
			typ = c.Type.Referencing().SQL()
		}
	}
	v := testkit.RowValue(c, n)
	if v == "" {
		v = fmt.Sprintf("'v%d'", n)
	}
	return fmt.Sprintf("(%s)::%s", v, typ)
}

// literal writes a value decoded from row_to_json back as SQL of c's type.
func literal(v any, c *model.Column) string {
	if v == nil {
		return "NULL"
	}
	js, _ := json.Marshal(v)
	typ := c.Type.Referencing()
	return fmt.Sprintf("(%s::jsonb #>> '{}')::%s", postgres.QuoteLiteral(string(js)), typSQL(c, typ))
}

func typSQL(c *model.Column, t model.Type) string {
	if t.Base == model.EnumType {
		return model.QuoteIdent(t.Enum.SQLName)
	}
	return t.SQL()
}

// declaredConstraint returns the name of the constraint the model
// declared for the one pe names. A foreign key to a partitioned table is
// checked by a copy of it that PostgreSQL adds for each partition, under
// a name of its own (orders_user_region_user_num_fkey1), and a violation
// names that copy: its name is followed up to the declared constraint.
func (g *graph) declaredConstraint(pe *pgconn.PgError) string {
	const q = `
WITH RECURSIVE up AS (
  SELECT c.conname, c.conparentid FROM pg_constraint c
  JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
  WHERE c.conname = $1 AND t.relname = $2 AND n.nspname = $3
  UNION ALL
  SELECT p.conname, p.conparentid FROM pg_constraint p JOIN up ON p.oid = up.conparentid
)
SELECT conname FROM up WHERE conparentid = 0`
	var name string
	if err := g.tx.QueryRow(g.ctx, q, pe.ConstraintName, pe.TableName, pe.SchemaName).Scan(&name); err != nil {
		g.t.Fatalf("finding the constraint of %s on %s.%s: %v", pe.ConstraintName, pe.SchemaName, pe.TableName, err)
	}
	return name
}

// snapshot returns every row of every table as canonical JSON, sorted.
func (g *graph) snapshot() map[string][]string {
	out := map[string][]string{}
	for _, tb := range g.s.Tables {
		rs, err := g.tx.Query(g.ctx, fmt.Sprintf("SELECT row_to_json(x)::text FROM %s AS x", g.s.Qualify(tb.Name)))
		if err != nil {
			g.t.Fatal(err)
		}
		list := []string{}
		for rs.Next() {
			var js []byte
			if err := rs.Scan(&js); err != nil {
				g.t.Fatal(err)
			}
			list = append(list, encode(decode(g.t, js)))
		}
		if err := rs.Err(); err != nil {
			g.t.Fatal(err)
		}
		slices.Sort(list)
		out[tb.Name] = list
	}
	return out
}

func decode(t *testing.T, js []byte) row {
	var r row
	if err := json.Unmarshal(js, &r); err != nil {
		t.Fatalf("decoding %s: %v", js, err)
	}
	return r
}

// encode writes a row with sorted keys, so equal rows compare equal.
func encode(r row) string {
	b, _ := json.Marshal(map[string]any(r))
	return string(b)
}

func compare(want, got map[string][]string) string {
	var b strings.Builder
	for _, tb := range slices.Sorted(func(yield func(string) bool) {
		for k := range want {
			if !yield(k) {
				return
			}
		}
	}) {
		if !slices.Equal(want[tb], got[tb]) {
			fmt.Fprintf(&b, "%s:\n  want %v\n  got  %v\n", tb, want[tb], got[tb])
		}
	}
	return b.String()
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
