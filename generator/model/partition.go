package model

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/ergen-dev/ergen/dsl"
)

// Partitioning is how a partitioned table splits its rows among its
// partitions (PARTITION BY). The partitions are tables of their own that
// PostgreSQL keeps in step with the parent: same columns, keys, checks,
// foreign keys and indexes. Rows are inserted into, read from and
// deleted through the parent, which routes each to its partition.
type Partitioning struct {
	Pos    dsl.Pos
	Method string // "range", "list" or "hash"
	// Keys are the partition key, in order: columns or expressions, with
	// their operator class. Key lists the ones that are plain columns.
	Keys       []IndexKey
	Key        []*Column
	Partitions []*Partition
}

// Partition is one partition of a partitioned table.
type Partition struct {
	Pos  dsl.Pos
	Name string // the partition's table name, in the parent's schema
	// Bound is the partition's FOR VALUES clause as SQL, the values as
	// written ("FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')"), or
	// "DEFAULT".
	Bound string
	// Modulus and Remainder are a hash partition's, as Bound writes them;
	// 0 for other partitions.
	Modulus, Remainder int
	// Parent names the partition this one is a partition of when its
	// table's partition is partitioned in turn; "" for a partition of
	// the table.
	Parent string
	// Partitioning is set for a partition partitioned in turn
	// (subpartition.go).
	Partitioning *Partitioning
}

// Partitions returns t's partitions, none when it is not partitioned.
func (t *Table) Partitions() []*Partition {
	if t.Partitioning == nil {
		return nil
	}
	return t.Partitioning.Partitions
}

// SQL is the PARTITION BY clause's content: "RANGE (paid_at)", as
// pg_get_partkeydef prints it; expressions as written.
func (p *Partitioning) SQL() string {
	var b strings.Builder
	b.WriteString(strings.ToUpper(p.Method) + " (")
	for i, k := range p.Keys {
		if i > 0 {
			b.WriteString(", ")
		}
		k.writeSQL(&b)
	}
	b.WriteString(")")
	return b.String()
}

// Expression returns the first key of p that is an expression, or "".
func (p *Partitioning) Expression() string {
	for _, k := range p.Keys {
		if k.Column == nil {
			return k.Expr
		}
	}
	return ""
}

// pendingPartition is a partition clause of an entity, resolved once the
// relationships gave the table its FK columns, which may be in the key.
type pendingPartition struct {
	table  *Table
	at     dsl.Pos // where the clause starts, at its keyword
	clause *dsl.Partition
}

// partitions resolves every partition clause: first each table's
// partitioning, then its partitions, then PostgreSQL's rules on the keys
// of a partitioned table. A partition's name is a relation's and a
// type's, checked with the others' in checkNames.
func (r *resolver) partitions() {
	var pending []pendingPartition
	for i, d := range r.entityDecls {
		for _, it := range d.Items {
			if it.Partition != nil {
				pending = append(pending, pendingPartition{r.s.Entities[i].Table, pos(it.Pos), it.Partition})
			}
		}
	}
	for _, p := range pending {
		if p.clause.By != nil {
			r.partitionBy(p.table, p.at, p.clause)
		}
	}
	for _, p := range pending {
		if p.clause.Bound != nil {
			r.partition(p.table, p.at, p.clause)
		}
	}
	for _, t := range r.tables {
		if t.Partitioning != nil {
			r.checkPartitionKeys(t)
			r.checkNotValidFrom(t)
		}
	}
}

func (r *resolver) partitionBy(t *Table, p dsl.Pos, d *dsl.Partition) {
	e := pos(d.EndPos)
	if prev := t.Partitioning; prev != nil {
		r.diags.Errorf(p, e, "%s is partitioned twice", dsl.QuoteName(t.Label())).Hintf("it is already partitioned at %s", dsl.Where(prev.Pos, p))
		return
	}
	t.Partitioning = r.partitioning(t, p, d.By)
}

// partitioning resolves the method and key of a partitioning of t (or
// of one of its partitions), nil when they are wrong.
func (r *resolver) partitioning(t *Table, p dsl.Pos, by *dsl.PartitionBy) *Partitioning {
	method := by.Method.Value
	if method != "range" && method != "list" && method != "hash" {
		mp, me := at(by.Method)
		r.diags.Errorf(mp, me, "unknown partitioning method %s", dsl.QuoteName(method)).
			Hintf("partition by range, list or hash, as in partition by range (%s)", keyExample(t))
		return nil
	}
	pt := &Partitioning{Pos: p, Method: method}
	if !r.partitionKeys(t, by.Key, pt) {
		return nil
	}
	if method == "list" && len(pt.Keys) > 1 {
		r.diags.Errorf(pos(by.Key.Pos), pos(by.Key.EndPos), "list partitioning takes one key, not %d", len(pt.Keys)).
			Hintf("PostgreSQL lists the values of one column or expression per partition; partition by range or hash takes several")
		return nil
	}
	return pt
}

// partitionKeys resolves the keys of a partition key into pt: columns,
// each once, or expressions, without a sort order.
func (r *resolver) partitionKeys(t *Table, l *dsl.KeyList, pt *Partitioning) bool {
	ok := true
	for _, k := range l.Keys {
		if k.Collate != nil {
			r.diags.Errorf(pos(k.Collate.Pos), pos(k.Collate.EndPos), "ergen writes no collation on a partition key").
				Hintf("give the column its collation on the attribute: name text collate %s", dsl.NameExcerpt(k.Collate.Value))
			// The key stands without it, so that its partitions are
			// still checked.
			bare := *k
			bare.Collate = nil
			k = &bare
		}
		key, kok := r.indexKey(t, k, "partition key")
		switch {
		case !kok:
			ok = false
		case k.Order != "" || k.Nulls != "":
			r.diags.Errorf(pos(k.Pos), pos(k.EndPos), "a partition key has no sort order").
				Hintf("remove asc, desc and nulls first/last")
			ok = false
		case key.Column != nil && slices.Contains(pt.Key, key.Column):
			kp, ke := at(k.Column)
			r.diags.Errorf(kp, ke, "column %s listed twice in partition key", dsl.QuoteName(key.Column.Name))
			ok = false
		default:
			if key.Column != nil {
				pt.Key = append(pt.Key, key.Column)
			}
			pt.Keys = append(pt.Keys, key)
		}
	}
	return ok
}

// keyExample names a column for a hint.
func keyExample(t *Table) string {
	if len(t.Columns) > 0 {
		return t.Columns[0].Name
	}
	return "created_at"
}

// boundExample is the form of a partition of a table partitioned by method.
var boundExample = map[string]string{
	"range": "partition NAME from (...) to (...)",
	"list":  "partition NAME in (...)",
	"hash":  "partition NAME with (modulus 4, remainder 0)",
}

func (r *resolver) partition(t *Table, p dsl.Pos, d *dsl.Partition) {
	b := d.Bound
	e := pos(d.EndPos)
	pt, parent := t.Partitioning, ""
	switch {
	case b.Of != nil:
		if pt, parent = r.partitionOf(t, b.Of); pt == nil {
			return
		}
	case pt == nil:
		r.diags.Errorf(p, e, "partition %s of %s, which is not partitioned", dsl.QuoteName(b.Name.Value), dsl.QuoteName(t.Label())).
			Hintf("partition the table first: partition by range (%s), list or hash", keyExample(t))
		return
	}
	bound, ok := r.partitionBound(t, pt, p, e, b)
	if !ok {
		return
	}
	name := ShortenIdent(b.Name.Value)
	np, ne := at(b.Name)
	if len(b.Name.Value) > MaxIdentLen {
		r.diags.Errorf(np, ne, "partition name %s is longer than %d bytes", dsl.QuoteName(b.Name.Value), MaxIdentLen).
			Hintf("PostgreSQL cuts names to %d bytes; choose a shorter one", MaxIdentLen)
		return
	}
	part := &Partition{Pos: np, Name: name, Bound: bound, Parent: parent}
	if b.Hash != nil { // checked by partitionBound
		part.Modulus, _ = strconv.Atoi(b.Hash.Modulus)
		part.Remainder, _ = strconv.Atoi(b.Hash.Remainder)
	}
	if b.By != nil {
		if part.Partitioning = r.partitioning(t, pos(b.By.Pos), b.By); part.Partitioning == nil {
			return
		}
	}
	pt.Partitions = append(pt.Partitions, part)
}

// partitionBound resolves the rows partition b of pt holds into its FOR
// VALUES clause, or DEFAULT.
func (r *resolver) partitionBound(t *Table, pt *Partitioning, p, e dsl.Pos, b *dsl.PartitionBound) (string, bool) {
	var bound string
	switch {
	case b.Default && pt.Method == "hash":
		r.diags.Errorf(p, e, "a hash-partitioned table has no default partition").
			Hintf("every row has a hash: declare one partition per remainder, %s", boundExample["hash"])
		return "", false
	case b.Default:
		if i := slices.IndexFunc(pt.Partitions, func(q *Partition) bool { return q.Bound == "DEFAULT" }); i >= 0 {
			r.diags.Errorf(p, e, "%s has two default partitions", dsl.QuoteName(t.Label())).
				Hintf("the other one is %s at %s", dsl.QuoteName(pt.Partitions[i].Name), dsl.Where(pt.Partitions[i].Pos, p))
			return "", false
		}
		bound = "DEFAULT"
	case b.Range != nil && pt.Method == "range":
		if !r.boundValues(pt, b.Range.From) || !r.boundValues(pt, b.Range.To) {
			return "", false
		}
		bound = "FOR VALUES FROM " + r.f.Text(b.Range.From.Pos, b.Range.From.EndPos) + " TO " + r.f.Text(b.Range.To.Pos, b.Range.To.EndPos)
	case b.In != nil && pt.Method == "list":
		if len(b.In.Items) == 0 {
			r.diags.Errorf(pos(b.In.Pos), pos(b.In.EndPos), "partition %s lists no value", dsl.QuoteName(b.Name.Value)).
				Hintf("list the values of its rows, as in partition %s in ('a', 'b')", dsl.NameExcerpt(b.Name.Value))
			return "", false
		}
		bound = "FOR VALUES IN " + r.f.Text(b.In.Pos, b.In.EndPos)
	case b.Hash != nil && pt.Method == "hash":
		modulus, merr := strconv.Atoi(b.Hash.Modulus)
		remainder, rerr := strconv.Atoi(b.Hash.Remainder)
		if merr != nil || rerr != nil || modulus < 1 || remainder >= modulus {
			r.diags.Errorf(pos(b.Hash.Pos), pos(b.Hash.EndPos), "modulus %s and remainder %s do not make a hash partition", b.Hash.Modulus, b.Hash.Remainder).
				Hintf("the modulus is a positive integer, and the remainder an integer below it")
			return "", false
		}
		bound = fmt.Sprintf("FOR VALUES WITH (modulus %d, remainder %d)", modulus, remainder)
	default:
		r.diags.Errorf(p, e, "partition %s does not fit %s partitioning", dsl.QuoteName(b.Name.Value), pt.Method).
			Hintf("a partition of %s is written %s", dsl.QuoteName(t.Label()), boundExample[pt.Method])
		return "", false
	}
	return bound, true
}

// boundValues checks that a range bound gives one value per key column.
func (r *resolver) boundValues(pt *Partitioning, b *dsl.Paren) bool {
	n := 1
	for _, it := range b.Items {
		if it.Token == "," {
			n++
		}
	}
	if len(b.Items) == 0 {
		n = 0
	}
	if n != len(pt.Keys) {
		r.diags.Errorf(pos(b.Pos), pos(b.EndPos), "a bound of %d value(s) for a partition key of %d column(s)", n, len(pt.Keys)).
			Hintf("give one value per key column (%s), or MINVALUE / MAXVALUE", pt.SQL())
		return false
	}
	return true
}

// checkPartitionKeys enforces PostgreSQL's rule that the primary key and
// every unique constraint or index of a partitioned table hold every
// column of the partition key: each partition checks uniqueness alone.
func (r *resolver) checkPartitionKeys(t *Table) {
	levels := t.Partitionings()
	check := func(p dsl.Pos, what string, cols []*Column) {
		for _, pt := range levels {
			if x := pt.Expression(); x != "" {
				r.diags.Errorf(p, p, "%s of %s cannot be enforced: its partition key holds an expression, %s", what, dsl.QuoteName(t.Label()), x).
					Hintf("PostgreSQL 15 has no primary or unique key on a table partitioned by an expression; partition by columns, or drop the key")
				return
			}
		}
		for _, pt := range levels {
			r.checkPartitionKey(t, p, what, cols, pt)
		}
	}
	if t.PrimaryKey != nil {
		check(t.PrimaryKey.Pos, "the primary key", t.PrimaryKey.Columns)
	}
	for _, k := range t.Uniques {
		check(k.Pos, "unique key "+k.Name, k.Columns)
	}
	for _, ix := range t.Indexes {
		if ix.Unique {
			check(ix.Pos, "unique index "+ix.Name, ix.Columns)
		}
	}
}

// checkPartitionKey reports the first column of pt's key that the key
// cols, what of t, does not hold.
func (r *resolver) checkPartitionKey(t *Table, p dsl.Pos, what string, cols []*Column, pt *Partitioning) {
	for _, c := range pt.Key {
		if !slices.Contains(cols, c) {
			r.diags.Errorf(p, p, "%s of %s does not hold %s, a column of its partition key", what, dsl.QuoteName(t.Label()), dsl.QuoteName(c.Name)).
				Hintf("PostgreSQL checks uniqueness partition by partition, so a unique key of a partitioned table must hold the partition key (%s)", pt.SQL())
			return
		}
	}
}
