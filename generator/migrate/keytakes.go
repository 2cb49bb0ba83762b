package migrate

import (
	"slices"
	"strconv"
	"strings"

	"github.com/ergen-dev/ergen/generator/model"
)

// takenIndex returns the unique index of ot that the new key k of nt
// takes as it is, with USING INDEX: one of k's name, which NEW no longer
// has as an index, built as k's own index would be. Dropping it and
// building it again would leave the columns without uniqueness while the
// build runs. Not on a partitioned table, whose key is its partitions',
// nor one renamed to another index of NEW.
func (p *planner) takenIndex(ot, nt *model.Table, k *model.Key) *model.Index {
	if ot == nil || ot.Partitioning != nil || nt.Partitioning != nil ||
		slices.ContainsFunc(nt.Indexes, func(ni *model.Index) bool { return ni.Name == k.Name }) {
		return nil
	}
	for _, oi := range ot.Indexes {
		if oi.Name == k.Name && oi.ForeignKey == nil && p.indexPairs[oi] == nil && sameIndex(oi, k.Index()) {
			return oi
		}
	}
	return nil
}

// takenByKey reports whether a new key of nt takes the index oi of ot
// (see takenIndex), which is then kept.
func (p *planner) takenByKey(ot, nt *model.Table, oi *model.Index) bool {
	for _, k := range keysOf(nt) {
		if slices.ContainsFunc(keysOf(ot), k.equal) {
			continue
		}
		if p.takenIndex(ot, nt, k.key) == oi {
			return true
		}
	}
	return false
}

// swapsKey returns the key of ot that the new key k of nt replaces under
// the same name, primary or unique as it is, over other columns (those
// alone are told apart in the catalog, see swapKey): k's index is then
// built under a temporary name (see swapKey), so that the table keeps its
// key while the index is built. Not on a partitioned table, whose key is
// its partitions', nor when the temporary name is taken.
func (p *planner) swapsKey(ot, nt *model.Table, k keyDef) *model.Key {
	if ot == nil || ot.Partitioning != nil || nt.Partitioning != nil {
		return nil
	}
	if p.taken == nil {
		p.taken = modelNames(p.old, p.new)
	}
	if p.taken[swapName(k.key.Name)] {
		return nil
	}
	for _, o := range keysOf(ot) {
		if o.key.Name == k.key.Name && o.primary == k.primary && !sameColumnNames(o.key.Columns, k.key.Columns) {
			return o.key
		}
	}
	return nil
}

// swapName is the temporary name of the index a key that replaces one of
// its name is built under.
func swapName(name string) string { return model.ShortenIdent("ergen_new_" + name) }

// swapKey builds the index of the new key k of t under its temporary name,
// concurrently, then, in one transaction, drops old, the key of its name,
// and adds k over that index, which takes k's name (USING INDEX renames
// it): the table never goes without the key, where dropping it first
// would leave a published table with REPLICA IDENTITY DEFAULT refusing
// updates and deletes while the index is built. The transaction is a DO
// block that drops the key only while it is over old's columns, and adds
// k only when the table has no key of its name: run again once it
// committed, it finds k, drops the index built again, and keeps k; a key
// of the name over other columns still makes it fail.
func (p *planner) swapKey(t *model.Table, k keyDef, old *model.Key, phase Phase) {
	ix := k.key.Index()
	ix.Name = swapName(k.key.Name)
	p.buildIndexIn(phase, t, ix)
	name := model.QuoteIdent(k.key.Name)
	key := "SELECT FROM pg_constraint c WHERE c.conrelid = " + model.QuoteLiteral(p.new.Qualify(t.Name)) + "::regclass AND c.conname = " + model.QuoteLiteral(k.key.Name)
	over := func(cols []*model.Column) string {
		quoted := make([]string, len(cols))
		for i, c := range cols {
			quoted[i] = model.QuoteLiteral(c.Name)
		}
		return " AND (SELECT array_agg(a.attname ORDER BY n.i) FROM unnest(c.conkey) WITH ORDINALITY n(attnum, i) JOIN pg_attribute a" +
			" ON a.attrelid = c.conrelid AND a.attnum = n.attnum) = ARRAY[" + strings.Join(quoted, ", ") + "]::name[]"
	}
	body := "IF EXISTS (" + key + over(old.Columns) + ") THEN " + p.alter(p.new, t, "DROP CONSTRAINT "+name) + " END IF; " +
		"IF EXISTS (" + key + over(k.key.Columns) + ") THEN DROP INDEX IF EXISTS " + p.new.Qualify(ix.Name) + "; " +
		"ELSIF EXISTS (" + key + ") THEN RAISE EXCEPTION 'ergen: table % has a key % over other columns', " +
		model.QuoteLiteral(t.Name) + ", " + model.QuoteLiteral(k.key.Name) + "; " +
		"ELSE " + p.alter(p.new, t, "ADD CONSTRAINT "+name+" "+k.sql()+" USING INDEX "+model.QuoteIdent(ix.Name)) + " END IF;"
	tag := "$ergen$"
	for i := 1; strings.Contains(body, tag); i++ {
		tag = "$ergen" + strconv.Itoa(i) + "$"
	}
	p.add(&Step{Phase: PhaseKeys, What: "replace key " + k.key.Name, Pos: k.key.Pos, Transactional: true,
		SQL:   []string{"DO " + tag + " BEGIN " + body + " END " + tag + ";"},
		Locks: []Lock{{t.Name, AccessExclusive}}})
}
