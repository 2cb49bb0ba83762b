package migrate

import (
	"slices"
	"strings"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/generator/postgres"
)

// rebound plans new bounds for partitions of t, each pair OLD's partition
// and NEW's: PostgreSQL cannot change a partition's bounds, so the
// partitions are detached and attached again with their new bounds, all
// in one transaction, so that no row is inserted where no partition
// takes it and partitions may trade ranges.
//
// ATTACH PARTITION scans the partition, and the default partition if
// any, under ACCESS EXCLUSIVE, unless their checks prove that every row
// fits. So, first, each partition gets a check of its new bounds and the
// default partition one that excludes them, added NOT VALID and
// validated while reads and writes go on; the ATTACH then skips its
// scans, and the checks are dropped. A row that will not fit fails the
// validation, before anything is detached. Between the validation and the
// attach, a row of the new bounds sent to the default partition is
// refused there, as it would be after (of a hash partition whose modulus
// grows, a row for a remainder it gives away is refused until the step
// that creates the partition taking it). A bound no such
// check expresses (MINVALUE or MAXVALUE in a range over several columns,
// a key over expressions, the default partition's own) is scanned under
// the lock.
//
// A partition of a partition (parent is then a partition partitioned in
// turn) is detached from and attached to its parent alike. PostgreSQL
// then checks its rows against its parent's bound too: outer, the
// parent's check (see innerQual), is added to the partition's, or, when
// no check expresses the parent's bound, ATTACH scans the partition.
func (p *planner) rebound(t *model.Table, parent, outer string, pt *model.Partitioning, pairs [][2]*model.Partition, locks func(...string) []Lock) {
	var def string
	var defPart *model.Partition
	for _, q := range pt.Partitions {
		if q.Bound == "DEFAULT" {
			def, defPart = q.Name, q
		}
	}
	step := &Step{Phase: PhaseTables, Pos: pairs[0][1].Pos, Transactional: true}
	var names, drops []string
	// check adds to partition on the check name of the new bounds of at,
	// and validates it; a check added to a partition partitioned in turn
	// reaches, and locks, every partition below it.
	check := func(on *model.Partition, name, expr string, at *model.Partition) {
		table := on.Name
		alter := func(action string) string { return "ALTER TABLE " + p.new.Qualify(table) + " " + action + ";" }
		quoted := model.QuoteIdent(name)
		var adding, validating []Lock
		for _, n := range partitionTree(on) {
			adding = append(adding, Lock{n, AccessExclusive})
			validating = append(validating, Lock{n, ShareUpdateExclusive})
		}
		p.add(&Step{Phase: PhaseBoundChecks, What: "check " + table + " against the new bounds of " + at.Name, Pos: at.Pos, Transactional: true,
			SQL: []string{alter("ADD CONSTRAINT " + quoted + " CHECK (" + expr + ") NOT VALID")}, Locks: adding})
		p.add(&Step{Phase: PhaseBoundChecks, What: "validate " + name, Pos: at.Pos, Transactional: true, Scans: true,
			SQL: []string{alter("VALIDATE CONSTRAINT " + quoted)}, Locks: validating})
		drops = append(drops, alter("DROP CONSTRAINT "+quoted))
	}
	for _, pair := range pairs {
		q := pair[1]
		names = append(names, q.Name)
		step.SQL = append(step.SQL, "ALTER TABLE "+p.new.Qualify(parent)+" DETACH PARTITION "+p.new.Qualify(q.Name)+";")
		expr, ok := boundCheck(p.new.Qualify(parent), pt, q.Bound)
		if !ok {
			step.Scans = true
			continue
		}
		switch outer {
		case "":
			check(q, model.ShortenIdent("ergen_bound_"+q.Name), expr, q)
		case unknownQual:
			step.Scans = true
		default:
			check(q, model.ShortenIdent("ergen_bound_"+q.Name), outer+" AND "+expr, q)
		}
		if def != "" && def != q.Name {
			check(defPart, model.ShortenIdent("ergen_bound_"+def+"_"+q.Name), "NOT ("+expr+")", q)
		}
	}
	for _, pair := range pairs {
		step.SQL = append(step.SQL, "ALTER TABLE "+p.new.Qualify(parent)+" ATTACH PARTITION "+p.new.Qualify(pair[1].Name)+" "+pair[1].Bound+";")
	}
	step.SQL = append(step.SQL, drops...)
	step.Locks = locks(names...)
	step.Locks = append(step.Locks, p.boundFKLocks(t)...)
	// The script's comment says what the step locks, and how long.
	how := "for catalog updates"
	if step.Scans {
		how = "while ATTACH scans the rows no check covers"
	}
	var locked []string
	for _, l := range step.Locks {
		locked = append(locked, l.Table)
	}
	step.What = "detach " + strings.Join(names, ", ") + " and attach with new bounds (ACCESS EXCLUSIVE on " +
		strings.Join(locked, ", ") + ", " + how + ")"
	p.add(step)
}

// unknownQual stands for the rows of a partition no check expresses.
const unknownQual = "\x00"

// innerQual is the check of the rows a partition of parent (quoted and
// qualified), partitioned by pt, with bound takes, within a parent whose
// rows outer checks ("" for the table itself), or unknownQual.
func innerQual(outer, parent string, pt *model.Partitioning, bound string) string {
	expr, ok := boundCheck(parent, pt, bound)
	switch {
	case !ok || outer == unknownQual:
		return unknownQual
	case outer == "":
		return "(" + expr + ")"
	}
	return outer + " AND (" + expr + ")"
}

// rereferenceRebound marks, before any table is planned, the keys of
// the partitioned tables some of whose partitions (at any level) change
// their bounds, that foreign keys reference: PostgreSQL 15 refuses to
// detach a partition whose rows are referenced, so those foreign keys
// are dropped first (PhaseDropForeignKeys, which locks both sides
// ACCESS EXCLUSIVE for a catalog update) and added again once the
// partitions are attached (see rereference). Added again, a foreign key
// to a partitioned table is validated as it is added (see
// addForeignKey): PostgreSQL 15 would leave the constraints it keeps
// for each referenced partition not valid after VALIDATE CONSTRAINT.
func (p *planner) rereferenceRebound() {
	for _, ot := range p.old.Tables {
		nt := p.newTables[ot.Name]
		if nt == nil || ot.Partitioning == nil || nt.Partitioning == nil || !boundsChange(ot.Partitioning, nt.Partitioning) {
			continue
		}
		for _, fk := range ot.Referenced {
			p.droppedKeys[keyID(ot.Name, fk.RefColumns)] = true
		}
	}
}

// boundsChange reports whether a partition both op and np have, at any
// level, changes its bounds.
func boundsChange(op, np *model.Partitioning) bool {
	if op == nil || np == nil {
		return false
	}
	for _, o := range op.Partitions {
		for _, n := range np.Partitions {
			if o.Name == n.Name && (o.Bound != n.Bound || boundsChange(o.Partitioning, n.Partitioning)) {
				return true
			}
		}
	}
	return false
}

// boundCheck is a CHECK expression that holds for exactly the rows a
// partition's bound takes, written as PostgreSQL writes the partition's
// constraint, so that it proves the constraint: for a list, the key is
// not NULL and in the list; for a range over one column, the key is not
// NULL and between the bounds (MINVALUE and MAXVALUE leave that side
// open); over several columns, see rangeCheck; for a hash, PostgreSQL's
// own satisfies_hash_partition with the parent (parent, quoted and
// qualified), the modulus and the remainder. A key over expressions has
// none, since no check over columns expresses its bounds: ok is false.
func boundCheck(parent string, pt *model.Partitioning, bound string) (expr string, ok bool) {
	if len(pt.Key) == 0 || len(pt.Key) != len(pt.Keys) {
		return "", false
	}
	if slices.ContainsFunc(pt.Key, func(c *model.Column) bool { return c.Type.EnumDomain() }) {
		// A domain over an enum has no operators to compare with; a
		// check written with the enum's would not be the partition
		// constraint PostgreSQL proves, so ATTACH scans.
		return "", false
	}
	groups := parenGroups(bound)
	if strings.HasPrefix(bound, "FOR VALUES WITH ") && len(groups) == 1 {
		return hashCheck(parent, pt.Key, splitTop(groups[0]))
	}
	if len(pt.Key) > 1 {
		if !strings.HasPrefix(bound, "FOR VALUES FROM ") || len(groups) != 2 {
			return "", false
		}
		return rangeCheck(pt.Key, splitTop(groups[0]), splitTop(groups[1]))
	}
	key := model.QuoteIdent(pt.Key[0].Name)
	switch {
	case strings.HasPrefix(bound, "FOR VALUES IN ") && len(groups) == 1:
		for _, v := range splitTop(groups[0]) {
			if strings.EqualFold(v, "NULL") {
				return "", false // a NULL key matches no IN list
			}
		}
		return key + " IS NOT NULL AND " + key + " IN (" + groups[0] + ")", true
	case strings.HasPrefix(bound, "FOR VALUES FROM ") && len(groups) == 2:
		expr = key + " IS NOT NULL"
		if from := strings.TrimSpace(groups[0]); !strings.EqualFold(from, "MINVALUE") {
			expr += " AND " + key + " >= " + from
		}
		if to := strings.TrimSpace(groups[1]); !strings.EqualFold(to, "MAXVALUE") {
			expr += " AND " + key + " < " + to
		}
		return expr, true
	}
	return "", false
}

// hashCheck is the partition constraint of a hash partition, args the
// "MODULUS m, REMAINDER r" of its bound: the parent's OID, written as
// the regclass literal PostgreSQL turns into it when it parses the check,
// so that the two are the same expression.
func hashCheck(parent string, keys []*model.Column, args []string) (expr string, ok bool) {
	var modulus, remainder string
	for _, a := range args {
		f := strings.Fields(a)
		if len(f) != 2 {
			return "", false
		}
		switch strings.ToUpper(f[0]) {
		case "MODULUS":
			modulus = f[1]
		case "REMAINDER":
			remainder = f[1]
		}
	}
	if modulus == "" || remainder == "" {
		return "", false
	}
	call := []string{postgres.QuoteLiteral(parent) + "::regclass::oid", modulus, remainder}
	for _, k := range keys {
		call = append(call, model.QuoteIdent(k.Name))
	}
	return "satisfies_hash_partition(" + strings.Join(call, ", ") + ")", true
}

// rangeCheck is the check of a range over several columns, written as
// PostgreSQL writes the partition constraint (get_qual_for_range): every
// key not NULL; the keys where both bounds are the same equal to it; then
// the rest compared in order, as rows are: (a > x OR a = x AND b >= y)
// for the lower bound, < for the upper. A bound with MINVALUE or
// MAXVALUE has none: ok is false.
func rangeCheck(keys []*model.Column, from, to []string) (expr string, ok bool) {
	if len(from) != len(keys) || len(to) != len(keys) {
		return "", false
	}
	var and []string
	for i, k := range keys {
		if strings.HasSuffix(strings.ToUpper(from[i]), "VALUE") || strings.HasSuffix(strings.ToUpper(to[i]), "VALUE") {
			return "", false // MINVALUE, MAXVALUE
		}
		and = append(and, model.QuoteIdent(k.Name)+" IS NOT NULL")
	}
	i := 0
	for i < len(keys)-1 && from[i] == to[i] {
		and = append(and, model.QuoteIdent(keys[i].Name)+" = "+from[i])
		i++
	}
	side := func(vals []string, strict, last string) string {
		var or []string
		for j := i; j < len(keys); j++ {
			var arm []string
			for e := i; e < j; e++ {
				arm = append(arm, model.QuoteIdent(keys[e].Name)+" = "+vals[e])
			}
			op := strict
			if j == len(keys)-1 {
				op = last
			}
			arm = append(arm, model.QuoteIdent(keys[j].Name)+" "+op+" "+vals[j])
			or = append(or, strings.Join(arm, " AND "))
		}
		return "(" + strings.Join(or, " OR ") + ")"
	}
	and = append(and, side(from, ">", ">="), side(to, "<", "<"))
	return strings.Join(and, " AND "), true
}

// parenGroups returns the text inside each outermost pair of parentheses
// of s, skipping quoted strings and names.
func parenGroups(s string) []string {
	var out []string
	depth, start := 0, 0
	scanSQL(s, func(i int, c byte) {
		switch c {
		case '(':
			if depth == 0 {
				start = i + 1
			}
			depth++
		case ')':
			depth--
			if depth == 0 {
				out = append(out, s[start:i])
			}
		}
	})
	return out
}

// splitTop splits s at its commas outside parentheses and quotes, each
// part trimmed.
func splitTop(s string) []string {
	var out []string
	depth, start := 0, 0
	scanSQL(s, func(i int, c byte) {
		switch c {
		case '(':
			depth++
		case ')':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, strings.TrimSpace(s[start:i]))
				start = i + 1
			}
		}
	})
	return append(out, strings.TrimSpace(s[start:]))
}

// scanSQL calls f with the offset and byte of each bracket, comma and
// other one-byte token of s, read as PostgreSQL reads it (dsl.ScanSQL):
// what strings, quoted names and comments hold is skipped. s is a bound
// of the model, which the resolver has scanned already.
func scanSQL(s string, f func(i int, c byte)) {
	toks, _ := dsl.ScanSQL(s)
	for _, t := range toks {
		if t.Kind == dsl.SQLSelf {
			f(t.Off, s[t.Off])
		}
	}
}

// partitionTree names partition q and, when it is partitioned in turn,
// every partition below it: the tables a constraint added to q reaches.
func partitionTree(q *model.Partition) []string {
	if q.Partitioning == nil {
		return []string{q.Name}
	}
	return append([]string{q.Name}, subPartitionNames(q.Partitioning)...)
}

// boundFKLocks are the locks new bounds take on the tables the foreign
// keys of t (the root table, whose partitions inherit them) reference:
// DETACH and ATTACH remove and add the triggers that check them there.
// Only the foreign keys there when the step runs count: in OLD, and not
// dropped before it to be added again after, as one whose columns
// change (see foreignKeys).
func (p *planner) boundFKLocks(t *model.Table) []Lock {
	ot := p.oldTables[t.Name]
	var out []Lock
	for _, fk := range t.ForeignKeys {
		if ot == nil || fk.RefTable == t {
			continue
		}
		if ofk := findFK(ot, fk.Name); ofk != nil && p.sameShape(ofk, fk) {
			out = append(out, refLocks(fk, AccessExclusive)...)
		}
	}
	return out
}
