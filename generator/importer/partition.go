package importer

import (
	"regexp"
	"strings"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator/importer/catalog"
)

// Partitioning is written back as .er clauses: `partition by` from
// pg_get_partkeydef, and a clause per partition from its FOR VALUES
// bound, the values as the server prints them (so the model's DDL gives
// the same catalog). A key is written as the server prints it, columns
// and expressions alike, when .er reads it back; a key .er cannot read
// (a quoted name, a collation), or a partition name .er cannot write
// bare, is noted instead.

var (
	partKey  = regexp.MustCompile(`^(RANGE|LIST|HASH) \((.*)\)$`)
	bareName = regexp.MustCompile(`^[a-z_][a-z0-9_$]*$`)
)

// partitionClauses returns the partition clauses of t, and what of its
// partitioning cannot be written.
func partitionClauses(t *catalog.Table) (lines, notes []string) {
	if t.PartitionBy == "" {
		return nil, nil
	}
	by, ok := partitionBy(t.PartitionBy)
	if !ok {
		return nil, []string{"partitioned by " + string(t.PartitionBy) + ", a key .er cannot write; the model has one plain table"}
	}
	lines = append(lines, by)
	return partitionLines(lines, notes, "", t.Partitions)
}

// partitionBy is the `partition by` clause of a key as pg_get_partkeydef
// prints it, and whether .er reads it.
func partitionBy(key catalog.Expr) (string, bool) {
	m := partKey.FindStringSubmatch(string(key))
	if m == nil {
		return "", false
	}
	by := "partition by " + strings.ToLower(m[1]) + " (" + m[2] + ")"
	_, diags := dsl.Parse("key.er", []byte("entity X {\n  "+by+"\n}\n"))
	return by, !diags.HasErrors()
}

// partitionLines appends the clauses of partitions ps (of the partition
// named of, "" for the table's) and of their own partitions, each after
// its parent's.
func partitionLines(lines, notes []string, of string, ps []catalog.Partition) ([]string, []string) {
	for _, p := range ps {
		bound, ok := partitionBound(string(p.Bound))
		by, byOK := "", true
		if p.PartitionBy != "" {
			by, byOK = partitionBy(p.PartitionBy)
		}
		if !ok || !byOK || !bareName.MatchString(p.Name) {
			notes = append(notes, "partition "+p.Name+" "+string(p.Bound)+" "+string(p.PartitionBy)+": .er cannot write it")
			continue
		}
		line := "partition " + p.Name
		if of != "" {
			line += " of " + of
		}
		line += " " + bound
		if by != "" {
			line += " " + by
		}
		lines = append(lines, line)
		lines, notes = partitionLines(lines, notes, p.Name, p.Partitions)
	}
	return lines, notes
}

// partitionBound turns a FOR VALUES clause into its .er form.
func partitionBound(b string) (string, bool) {
	if b == "DEFAULT" {
		return "default", true
	}
	rest, ok := strings.CutPrefix(b, "FOR VALUES ")
	if !ok {
		return "", false
	}
	switch {
	case strings.HasPrefix(rest, "FROM ("):
		from := closing(rest, len("FROM "))
		if from < 0 || !strings.HasPrefix(rest[from:], " TO (") || closing(rest, from+len(" TO ")) != len(rest) {
			return "", false
		}
		return "from " + rest[len("FROM "):from] + " to " + rest[from+len(" TO "):], true
	case strings.HasPrefix(rest, "IN (") && closing(rest, len("IN ")) == len(rest):
		return "in " + rest[len("IN "):], true
	case strings.HasPrefix(rest, "WITH (modulus "):
		return "with " + rest[len("WITH "):], true
	}
	return "", false
}

// closing returns the offset just past the parenthesis that closes the
// one at s[open], skipping quoted strings, or -1.
func closing(s string, open int) int {
	depth, quoted := 0, false
	for i := open; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\'':
			quoted = !quoted
		case quoted:
		case c == '(':
			depth++
		case c == ')':
			depth--
			if depth == 0 {
				return i + 1
			}
		}
	}
	return -1
}
