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
	m := partKey.FindStringSubmatch(string(t.PartitionBy))
	var by string
	if m != nil {
		by = "partition by " + strings.ToLower(m[1]) + " (" + m[2] + ")"
	}
	if _, diags := dsl.Parse("key.er", []byte("entity X {\n  "+by+"\n}\n")); m == nil || diags.HasErrors() {
		return nil, []string{"partitioned by " + string(t.PartitionBy) + ", a key .er cannot write; the model has one plain table"}
	}
	lines = append(lines, by)
	for _, p := range t.Partitions {
		bound, ok := partitionBound(string(p.Bound))
		if !ok || !bareName.MatchString(p.Name) {
			notes = append(notes, "partition "+p.Name+" "+string(p.Bound)+": .er cannot write it")
			continue
		}
		lines = append(lines, "partition "+p.Name+" "+bound)
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
