package randmodel

import "fmt"

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
	switch g.r.IntN(3) {
	case 0:
		e.lines = append(e.lines, "partition by range (num)",
			"partition "+name(0)+" from (MINVALUE) to (0)",
			"partition "+name(1)+" from (0) to (MAXVALUE)")
	case 1:
		e.lines = append(e.lines, "partition by list (region)",
			"partition "+name(0)+" in ('a', 'b')",
			"partition "+name(1)+" default")
	default:
		e.lines = append(e.lines, "partition by hash (region, num)",
			"partition "+name(0)+" with (modulus 2, remainder 0)",
			"partition "+name(1)+" with (modulus 2, remainder 1)")
	}
}
