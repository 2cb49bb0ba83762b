package migrate

import (
	"strconv"

	"github.com/ergen-dev/ergen/generator/model"
)

// modelNames are the names the schemas give their tables and partitions,
// columns, constraints, indexes (a partition's too) and sequences: a
// temporary name (see temporaryNames) must be none of them, whatever its
// namespace, since the database has them.
func modelNames(schemas ...*model.Schema) map[string]bool {
	out := map[string]bool{}
	for _, s := range schemas {
		for _, q := range s.Sequences {
			out[q.Name] = true
		}
		for _, t := range s.Tables {
			out[t.Name] = true
			for name := range tableIndexNames(t) {
				out[name] = true
				for _, q := range t.AllPartitions() {
					out[partitionIndex(name, q)] = true
				}
			}
			for _, q := range t.AllPartitions() {
				out[q.Name] = true
			}
			for _, c := range t.Columns {
				out[c.Name] = true
				out[model.SerialSequence(t.Name, c.Name)] = true
			}
			for _, ck := range t.Checks {
				out[ck.Name] = true
			}
			for _, fk := range t.ForeignKeys {
				out[fk.Name] = true
			}
		}
	}
	return out
}

// temporaryNames returns n names prefix0, prefix1, ..., skipping those
// taken holds: the names objects go through when they trade names, which
// must be free when the renames run.
func temporaryNames(prefix string, n int, taken map[string]bool) []string {
	out := make([]string, 0, n)
	for i := 0; len(out) < n; i++ {
		if name := prefix + strconv.Itoa(i); !taken[name] {
			out = append(out, name)
		}
	}
	return out
}
