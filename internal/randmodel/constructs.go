package randmodel

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/ergen-dev/ergen/generator/model"
)

// Constructs added to the generator after its models were relied on
// (seeds named in failures, long runs recorded with their seeds): each is
// drawn from a stream of its own (in), so that drawing one, or drawing
// more of one later, leaves every other draw of a seed as it was. A seed's
// model gains the construct's lines and keeps all the others.

// in runs f drawing from the stream called name instead of g.r.
func (g *gen) in(name string, f func()) {
	s, ok := g.streams[name]
	if !ok {
		h := fnv.New64a()
		h.Write([]byte(name))
		s = rand.New(rand.NewPCG(uint64(g.seed), h.Sum64()))
		g.streams[name] = s
	}
	saved := g.r
	g.r = s
	defer func() { g.r = saved }()
	f()
}

// entityConstructs draws the constructs that belong to e's block, once its
// key and attributes are in place.
func (g *gen) entityConstructs(e *entity) {
	if !g.opts.NoSequences {
		g.in("sequence", func() { g.sequenceColumn(e) })
	}
	if !g.opts.NoUniqueIndexes {
		g.in("uniqueindex", func() { g.uniqueIndex(e) })
	}
	if !g.opts.NoExclusions {
		g.in("exclusion", func() { g.exclusion(e) })
	}
	g.in("checknotvalid", func() { g.checkNotValid(e) })
	g.in("intervalfields", func() { g.intervalFields(e) })
}

// laterConstructs draws the constructs declared after every other: the
// entities partitioned by an expression.
func (g *gen) laterConstructs() {
	if g.opts.Partitions {
		g.in("exprpartition", g.expressionPartitioned)
	}
}

// sequence declares a standalone sequence, or returns one declared
// before, and the nextval default that takes numbers from it. In a model
// with a schema the sequence is named with it, as pg_dump writes it:
// nextval's text is resolved on the search path, which holds no schema of
// ergen's.
func (g *gen) sequence() string {
	var name string
	if len(g.seqNames) > 0 && g.chance(0.3) {
		name = pick(g, g.seqNames)
	} else {
		name = fmt.Sprintf("seq_%d", len(g.seqNames))
		g.relations[name] = true // sequences share the namespace of tables
		g.seqNames = append(g.seqNames, name)
		g.sequences = append(g.sequences, "sequence "+name+g.sequenceSettings())
	}
	if g.opts.Schema != "" {
		name = g.opts.Schema + "." + name
	}
	return fmt.Sprintf("nextval('%s'::regclass)", name)
}

// sequenceColumn makes now and then e's bigserial key a bigint numbered by
// a declared sequence, as pg_dump writes a serial whose sequence it keeps
// apart, or adds a column numbered so.
func (g *gen) sequenceColumn(e *entity) {
	if i := slices.Index(e.lines, "id bigserial primary key"); i >= 0 && g.chance(0.4) {
		e.lines[i] = "id bigint = " + g.sequence() + " pk"
		return
	}
	if !g.chance(0.1) || e.cols["ticket"] {
		return
	}
	e.addCol("ticket")
	e.lines = append(e.lines, fmt.Sprintf("ticket %s = %s", pick(g, []string{"bigint", "integer", "bigint?"}), g.sequence()))
}

// indexable reports whether a btree can index a column of type typ.
func indexable(typ string) bool { return typ != "json" }

// uniqueIndex adds now and then a `unique index`, a UNIQUE index that is
// no constraint, over attributes of e: on a partitioned table with the
// partition key's columns, which every unique index there must hold. It
// is named, since a `unique (...)` over the same columns would derive the
// same name.
func (g *gen) uniqueIndex(e *entity) {
	var cols []string
	for _, a := range e.attrs {
		if indexable(a.typ) && len(cols) < 2 && g.chance(0.6) {
			cols = append(cols, a.name)
			g.in("indexcollation", func() { cols[len(cols)-1] = g.indexKeyCollation(a.name, a.typ) })
		}
	}
	if e.partitioned {
		cols = append(cols, "num", "region")
	}
	if len(cols) == 0 || !g.chance(0.15) {
		return
	}
	name := fmt.Sprintf("uqi_%d_%s", e.idx, strings.ToLower(suffix(g.r.IntN(100))))
	g.relations[name] = true
	line := fmt.Sprintf("unique index (%s) as %s", strings.Join(cols, ", "), name)
	if g.chance(0.3) {
		line += " nulls not distinct"
	}
	e.lines = append(e.lines, line)
}

// gistScalars are the types whose = a gist index compares only with the
// btree_gist extension's operator classes.
var gistScalars = []string{"integer", "bigint", "text", "date", "timestamptz"}

// exclusion adds now and then an EXCLUDE constraint to e: over a range
// column of its own (gist compares ranges), with a key column or an
// attribute compared by = through btree_gist, or over an expression or a
// column with btree or hash. Not on a partitioned table, which PostgreSQL
// 15 refuses one.
func (g *gen) exclusion(e *entity) {
	if e.partitioned || !g.chance(0.15) {
		return
	}
	var scalars []keyCol
	for _, c := range append(slices.Clone(e.pk), e.attrs...) {
		if slices.Contains(gistScalars, c.typ) {
			scalars = append(scalars, c)
		}
	}
	var line string
	switch x := g.r.IntN(4); {
	case x <= 1 && !e.cols["during"]:
		e.addCol("during")
		e.lines = append(e.lines, "during tstzrange"+pick(g, []string{"", "?"}))
		keys := "during with &&"
		if x == 1 && len(scalars) > 0 {
			keys = pick(g, scalars).name + " with =, " + keys
			g.extension("btree_gist")
		}
		line = fmt.Sprintf("exclude using gist (%s)", keys)
		if g.chance(0.3) {
			line += " where (not isempty(during))"
		}
	case x == 2 && len(scalars) > 0:
		c := pick(g, scalars)
		line = fmt.Sprintf("exclude (%s with =)", c.name)
		if strings.HasPrefix(c.typ, "text") {
			line = fmt.Sprintf("exclude (lower(%s) with =)", model.QuoteIdent(c.name))
		}
	case len(scalars) > 0:
		line = fmt.Sprintf("exclude using hash (%s with =)", pick(g, scalars).name)
	default:
		return
	}
	if !strings.Contains(line, "hash") && g.chance(0.2) {
		line += " include (" + e.pk[0].name + ")"
	}
	if g.chance(0.2) {
		name := fmt.Sprintf("excl_%d", e.idx)
		g.relations[name] = true
		line += " as " + name
	}
	e.lines = append(e.lines, line)
}

// extension declares the extension name, once.
func (g *gen) extension(name string) {
	if !slices.Contains(g.extensions, name) {
		g.extensions = append(g.extensions, name)
	}
}

// notValid adds now and then `not valid` to the policy of a 1:N or 1:1 FK
// from c. Not from a partitioned table: PostgreSQL 15 adds no NOT VALID
// foreign key to one.
func (g *gen) notValid(c *entity, items []string) []string {
	if g.opts.NoNotValid || c.partitioned {
		return items
	}
	g.in("notvalid", func() {
		if g.chance(0.08) {
			items = append(items, "not valid")
		}
	})
	return items
}
