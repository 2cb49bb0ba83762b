package randmodel

import (
	"fmt"
	"strings"
)

// partitioned gives e a composite key (region, num) and partitions its
// table by one of them: range, list or hash, each with partitions that
// take every row, so that any row a test inserts has a place.
func (g *gen) partitioned(e *entity, i int) {
	e.partitioned = true
	e.lines = append(e.lines, "region text", "num integer", "pk (region, num)")
	e.pk = []keyCol{{e.addCol("region"), "text"}, {e.addCol("num"), "integer"}}
	name := func(k int) string {
		n := fmt.Sprintf("part%d_%d", i, k)
		g.relations[n] = true
		return n
	}
	var lines []string
	switch g.r.IntN(3) {
	case 0:
		lines = []string{"partition by range (num)",
			"partition " + name(0) + " from (MINVALUE) to (0)",
			"partition " + name(1) + " from (0) to (MAXVALUE)"}
	case 1:
		lines = []string{"partition by list (region)",
			"partition " + name(0) + " in ('a', 'b')",
			"partition " + name(1) + " default"}
	default:
		lines = []string{"partition by hash (region, num)",
			"partition " + name(0) + " with (modulus 2, remainder 0)",
			"partition " + name(1) + " with (modulus 2, remainder 1)"}
	}
	g.in("subpartition", func() { lines = g.subpartition(lines) })
	e.lines = append(e.lines, lines...)
}

// subpartition partitions now and then one of the partitions in lines
// (lines[0] is the PARTITION BY) in turn, by the key column the table's
// partitioning leaves out (both for hash), into partitions that again take
// every row. It draws from a stream of its own (constructs.go).
func (g *gen) subpartition(lines []string) []string {
	if !g.chance(0.35) {
		return lines
	}
	k := 1 + g.r.IntN(2)
	parent := strings.Fields(lines[k])[1]
	byList := !strings.Contains(lines[0], "list")
	if strings.Contains(lines[0], "hash") {
		byList = g.chance(0.5)
	}
	sub := func(j int) string {
		n := fmt.Sprintf("%s_%d", parent, j)
		g.relations[n] = true
		return "partition " + n + " of " + parent
	}
	var subs []string
	switch {
	case byList && g.chance(0.5):
		lines[k] += " partition by list (region)"
		subs = []string{sub(0) + " in ('a')", sub(1) + " default"}
	case byList:
		lines[k] += " partition by hash (region)"
		subs = []string{sub(0) + " with (modulus 2, remainder 0)", sub(1) + " with (modulus 2, remainder 1)"}
	default:
		lines[k] += " partition by range (num)"
		subs = []string{sub(0) + " from (MINVALUE) to (100)", sub(1) + " default"}
	}
	// A partition's own partitions are declared after it.
	return append(lines[:k+1], append(subs, lines[k+1:]...)...)
}

// expressionPartitioned adds now and then an entity partitioned by an
// expression, after every other: PostgreSQL 15 enforces no key on such a
// table, so it has none, and it is the child of one relationship from an
// entity that has a key.
func (g *gen) expressionPartitioned() {
	if !g.chance(0.4) {
		return
	}
	i := len(g.ents) + g.laterEntities
	name := "Reading" + suffix(i)
	g.entityName[name] = true
	part := func(k int) string {
		n := fmt.Sprintf("pexpr%d_%d", i, k)
		g.relations[n] = true
		return "partition " + n
	}
	lines := []string{"at timestamp", "label text"}
	switch g.r.IntN(3) {
	case 0:
		lines = append(lines, "partition by range (date_trunc('day', at))",
			part(0)+" from (MINVALUE) to ('2000-01-01 00:00:00')",
			part(1)+" from ('2000-01-01 00:00:00') to (MAXVALUE)")
	case 1:
		lines = append(lines, "partition by list (lower(left(label, 1)))",
			part(0)+" in ('a', 'b')", part(1)+" default")
	default:
		lines = append(lines, "partition by hash ((length(label)), at)",
			part(0)+" with (modulus 2, remainder 0)", part(1)+" with (modulus 2, remainder 1)")
	}
	g.later = append(g.later, block("entity "+name, lines))
	g.laterEntities++
	p := pick(g, g.ents)
	var items []string
	switch g.r.IntN(3) {
	case 0:
		items = append(items, "optional", "on delete set null")
	case 1:
		items = append(items, "on delete cascade")
	}
	g.later = append(g.later, block(fmt.Sprintf("relationship %s 1:N %s as source_%s", p.name, name, strings.ToLower(suffix(i))), items))
	g.laterRels++
}
