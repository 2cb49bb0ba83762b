package migrate

import (
	"slices"
	"strconv"
	"strings"

	"github.com/ergen-dev/ergen/generator/model"
)

// namedIndex returns the index of ot of the new key k's name, which NEW
// no longer has as an index, and which the key takes the place of (see
// keys): as it is, with USING INDEX, when it is built as k's own index
// would be (dropping it and building it again would leave the columns
// without uniqueness while the build runs), or else replaced as a key of
// k's name is (see swapKey). Not on a partitioned table, whose key is its
// partitions', nor one renamed to another index of NEW, nor, to be
// replaced, when the temporary name is taken.
func (p *planner) namedIndex(ot, nt *model.Table, k *model.Key) (oi *model.Index, same bool) {
	if ot == nil || ot.Partitioning != nil || nt.Partitioning != nil ||
		slices.ContainsFunc(nt.Indexes, func(ni *model.Index) bool { return ni.Name == k.Name }) {
		return nil, false
	}
	for _, oi := range ot.Indexes {
		if oi.Name != k.Name || oi.ForeignKey != nil || p.indexPairs[oi] != nil {
			continue
		}
		if sameIndex(oi, k.Index()) {
			return oi, true
		}
		if !p.takenName(swapName(k.Name)) {
			return oi, false
		}
	}
	return nil, false
}

// takenByKey reports whether a new key of nt takes the place of the index
// oi of ot (see namedIndex), which the plan then keeps or replaces there.
func (p *planner) takenByKey(ot, nt *model.Table, oi *model.Index) bool {
	for _, k := range keysOf(nt) {
		if slices.ContainsFunc(keysOf(ot), k.equal) {
			continue
		}
		if ix, _ := p.namedIndex(ot, nt, k.key); ix == oi {
			return true
		}
	}
	return false
}

// takenName reports whether either model has the name (see modelNames).
func (p *planner) takenName(name string) bool {
	if p.taken == nil {
		p.taken = modelNames(p.old, p.new)
	}
	return p.taken[name]
}

// swapsKey returns the key of ot that the new key k of nt replaces under
// the same name, primary or unique as it is, over other columns (those
// alone are told apart in the catalog, see swapKey): k's index is then
// built under a temporary name (see swapKey), so that the table keeps its
// key while the index is built. Not on a partitioned table, whose key is
// its partitions', nor when the temporary name is taken.
func (p *planner) swapsKey(ot, nt *model.Table, k keyDef) *model.Key {
	if ot == nil || ot.Partitioning != nil || nt.Partitioning != nil || p.takenName(swapName(k.key.Name)) {
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
// concurrently, then, in one transaction, drops what has k's name, by
// dropOld (OLD's key, see dropOldKey, or OLD's index, see dropOldIndex),
// and adds k over that index, which takes k's name (USING INDEX renames
// it): the table never goes without the key, where dropping it first
// would leave a published table with REPLICA IDENTITY DEFAULT refusing
// updates and deletes while the index is built, and the columns without
// uniqueness. The transaction is a DO block that drops OLD's key only
// while it is over OLD's columns, an index only while no key uses it,
// and adds k only when the table has no key of its name: run again once
// it committed, it finds k, drops the index built again, and keeps k; a
// key of the name over other columns makes it fail.
func (p *planner) swapKey(t *model.Table, k keyDef, dropOld string, phase Phase) {
	ix := k.key.Index()
	ix.Name = swapName(k.key.Name)
	p.buildIndexIn(phase, t, ix)
	name := model.QuoteIdent(k.key.Name)
	key := p.keyNamed(t, k.key.Name)
	body := dropOld +
		"IF EXISTS (" + key + over(k.key.Columns) + ") THEN DROP INDEX IF EXISTS " + p.new.Qualify(ix.Name) + "; " +
		"ELSIF EXISTS (" + key + ") THEN RAISE EXCEPTION 'ergen: table % has a key % over other columns', " +
		model.QuoteLiteral(t.Name) + ", " + model.QuoteLiteral(k.key.Name) + "; " +
		"ELSE " + p.alter(p.new, t, "ADD CONSTRAINT "+name+" "+k.sql()+" USING INDEX "+model.QuoteIdent(ix.Name)) + " END IF;"
	tag := "$ergen$"
	for i := 1; strings.Contains(body, tag); i++ {
		tag = "$ergen" + strconv.Itoa(i) + "$"
	}
	p.add(&Step{Phase: PhaseKeys, What: "replace with key " + k.key.Name, Pos: k.key.Pos, Transactional: true,
		SQL:   []string{"DO " + tag + " BEGIN " + body + " END " + tag + ";"},
		Locks: []Lock{{t.Name, AccessExclusive}}})
}

// keyNamed is a query of t's constraint of the name, as c.
func (p *planner) keyNamed(t *model.Table, name string) string {
	return "SELECT FROM pg_constraint c WHERE c.conrelid = " + model.QuoteLiteral(p.new.Qualify(t.Name)) + "::regclass AND c.conname = " + model.QuoteLiteral(name)
}

// over is a condition on c, a key (see keyNamed): its columns are cols.
func over(cols []*model.Column) string {
	quoted := make([]string, len(cols))
	for i, c := range cols {
		quoted[i] = model.QuoteLiteral(c.Name)
	}
	return " AND (SELECT array_agg(a.attname ORDER BY n.i) FROM unnest(c.conkey) WITH ORDINALITY n(attnum, i) JOIN pg_attribute a" +
		" ON a.attrelid = c.conrelid AND a.attnum = n.attnum) = ARRAY[" + strings.Join(quoted, ", ") + "]::name[]"
}

// dropOldKey drops old, t's key of its name, while it is over its columns.
func (p *planner) dropOldKey(t *model.Table, old *model.Key) string {
	return "IF EXISTS (" + p.keyNamed(t, old.Name) + over(old.Columns) + ") THEN " + p.alter(p.new, t, "DROP CONSTRAINT "+model.QuoteIdent(old.Name)) + " END IF; "
}

// dropOldIndex drops the index of the name while no constraint uses it:
// DROP INDEX in the transaction, under the ACCESS EXCLUSIVE lock it holds.
func (p *planner) dropOldIndex(name string) string {
	return "IF EXISTS (SELECT FROM pg_index i WHERE i.indexrelid = to_regclass(" + model.QuoteLiteral(p.new.Qualify(name)) + ")" +
		" AND NOT EXISTS (SELECT FROM pg_constraint c WHERE c.conindid = i.indexrelid)) THEN DROP INDEX " + p.new.Qualify(name) + "; END IF; "
}
