package explain

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator/model"
)

// Refusal is one constraint that refuses a row inserted into a table, or
// updated in it: what the row must not be, in words, and the constraint
// that says so. NOT NULL and the column types are left out: the DDL and
// the generated Go say them plainly.
type Refusal struct {
	// When says in what case the row is refused: "another row has the
	// same id".
	When string
	// Constraint is the name PostgreSQL reports the refusal under; ""
	// for a domain's NOT NULL and a row that falls in no partition, which
	// have none.
	Constraint string
	// Table is, for a row that falls in no partition, the partitioned
	// table PostgreSQL names instead: the table's or a partition's.
	Table string
	// Pos is the declaration behind the constraint.
	Pos dsl.Pos
	// Note is said after the constraint: a NOT VALID foreign key or
	// check leaves older rows unchecked, a deferred one checks at commit.
	Note string
}

// Refusals lists what refuses a row of t, in the order the DDL declares
// it: the primary key, unique keys and unique indexes, exclusion
// constraints, foreign keys, checks, the checks of the columns' domains,
// then the partitions a row must fall in.
func Refusals(t *model.Table) []Refusal {
	var out []Refusal
	if pk := t.PrimaryKey; pk != nil {
		out = append(out, Refusal{When: "another row has the same " + keyWords(pk.Columns), Constraint: pk.Name, Pos: pk.Pos})
	}
	for _, k := range t.Uniques {
		out = append(out, Refusal{When: "another row has the same " + keyWords(k.Columns) + nullsWords(k.Columns, k.NullsNotDistinct), Constraint: k.Name, Pos: k.Pos})
	}
	for _, ix := range t.Indexes {
		if ix.Unique {
			out = append(out, Refusal{When: "another row has the same " + indexKeyWords(ix.Keys) + nullsWords(ix.Columns, ix.NullsNotDistinct) + whereWords(ix.Where), Constraint: ix.Name, Pos: ix.Pos})
		}
	}
	for _, x := range t.Exclusions {
		out = append(out, Refusal{When: "another row has " + exclusionWords(x.Elements) + whereWords(x.Where), Constraint: x.Name, Pos: x.Pos})
	}
	if t.Partitioning != nil {
		for i := range out {
			out[i].Note = partitionedKeyNote
		}
	}
	for _, fk := range t.ForeignKeys {
		out = append(out, fkRefusal(fk))
	}
	for _, ck := range t.Checks {
		r := Refusal{When: "CHECK " + ck.Expr + " is false", Constraint: ck.Name, Pos: ck.Pos}
		if ck.NotValid {
			r.Note = NotValidNote
		}
		out = append(out, r)
	}
	for _, c := range t.Columns {
		out = append(out, domainRefusals(c)...)
	}
	return append(out, partitionRefusals(t)...)
}

// partitionRefusals lists, for each level of t's partitioning that may
// not take every row, that a row whose key falls in none of the level's
// partitions is refused: PostgreSQL finds no partition for it and names
// no constraint. A level takes every row when it has a DEFAULT partition,
// or is by hash with remainders that cover its moduli.
func partitionRefusals(t *model.Table) []Refusal {
	var out []Refusal
	var walk func(table string, pt *model.Partitioning)
	walk = func(table string, pt *model.Partitioning) {
		names := make([]string, len(pt.Partitions))
		anyRow := pt.Method == "hash" && hashCovers(pt.Partitions)
		for i, p := range pt.Partitions {
			names[i] = p.Name
			anyRow = anyRow || p.Bound == "DEFAULT"
		}
		if !anyRow {
			out = append(out, Refusal{When: fmt.Sprintf("%s falls in none of the partitions of %s (%s)", indexKeyWords(pt.Keys), table, strings.Join(names, ", ")), Table: table, Pos: pt.Pos})
		}
		for _, p := range pt.Partitions {
			if p.Partitioning != nil {
				walk(p.Name, p.Partitioning)
			}
		}
	}
	if t.Partitioning != nil {
		walk(t.Name, t.Partitioning)
	}
	return out
}

// keyWords names the columns of a key: id, or (tenant_id, no).
func keyWords(cols []*model.Column) string {
	if len(cols) == 1 {
		return cols[0].Name
	}
	return "(" + model.ColumnNames(cols) + ")"
}

// indexKeyWords names the keys of an index: columns by name, expressions
// as written.
func indexKeyWords(keys []model.IndexKey) string {
	names := make([]string, len(keys))
	for i, k := range keys {
		names[i] = indexKeyName(k)
	}
	if len(names) == 1 {
		return names[0]
	}
	return "(" + strings.Join(names, ", ") + ")"
}

func indexKeyName(k model.IndexKey) string {
	if k.Column != nil {
		return k.Column.Name
	}
	return k.Expr
}

// nullsWords says how a unique key over nullable columns treats NULL,
// since a reader of "the same" would expect two NULLs to clash.
func nullsWords(cols []*model.Column, notDistinct bool) string {
	nullable := false
	for _, c := range cols {
		nullable = nullable || c.Nullable
	}
	switch {
	case !nullable:
		return ""
	case notDistinct:
		return ", NULLs counting as equal"
	}
	return " (a NULL never equals another)"
}

// whereWords is the predicate of a partial constraint or index: only the
// rows it holds for are compared.
func whereWords(where string) string {
	if where == "" {
		return ""
	}
	return ", among the rows where " + where
}

// operatorWords says in words what the common operators of an exclusion
// constraint compare; any other is shown as written.
var operatorWords = map[string]string{
	"=":   "the same %s",
	"&&":  "an overlapping %s",
	"-|-": "an adjacent %s",
	"<>":  "a different %s",
	"@>":  "a %s containing this row's",
	"<@":  "a %s contained in this row's",
	"~=":  "the same %s",
}

// exclusionWords says what two rows clash on: "the same room_id and an
// overlapping during".
func exclusionWords(els []model.ExclusionElement) string {
	parts := make([]string, len(els))
	for i, el := range els {
		name := indexKeyName(el.IndexKey)
		if f, ok := operatorWords[el.Operator]; ok {
			parts[i] = fmt.Sprintf(f, name)
		} else {
			parts[i] = fmt.Sprintf("a %s that is %s this row's", name, el.Operator)
		}
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// fkRefusal is what a foreign key refuses: a row whose columns match no
// parent row.
func fkRefusal(fk *model.ForeignKey) Refusal {
	verb := "matches"
	if len(fk.Columns) > 1 {
		verb = "match"
	}
	when := fmt.Sprintf("%s %s no row of %s", keyWords(fk.Columns), verb, fk.RefTable.Name)
	if len(fk.Columns) > 1 && !fk.Required() {
		if fk.MatchFull {
			when = fmt.Sprintf("%s are partly NULL, or %s no row of %s (MATCH FULL)", keyWords(fk.Columns), verb, fk.RefTable.Name)
		} else {
			when = fmt.Sprintf("%s %s no row of %s; a row with any of them NULL is not checked", keyWords(fk.Columns), verb, fk.RefTable.Name)
		}
	}
	r := Refusal{When: when, Constraint: fk.Name, Pos: fk.Pos}
	var notes []string
	if fk.Deferrable == model.DeferrableDeferred {
		notes = append(notes, "checked at commit")
	}
	if fk.NotValid {
		notes = append(notes, NotValidNote)
	}
	r.Note = strings.Join(notes, "; ")
	return r
}

// partitionedKeyNote is said of every key of a partitioned table: each
// partition has an index of its own for it, named by PostgreSQL
// (payments_2025_pkey), and a duplicate is reported under that index's
// name, not the key's.
const partitionedKeyNote = "PostgreSQL names the index of the partition the row falls in, not this key, when it refuses a duplicate"

// partitionedParentNote is said of a block by a foreign key to a
// partitioned table: PostgreSQL copies the key once for each partition
// of the referenced table, under names it chooses, and the row deleted
// or re-keyed in a partition is refused by that partition's copy.
const partitionedParentNote = "PostgreSQL reports it under the name it gave the copy of this key for the partition holding the row"

// hashCovers reports whether hash partitions take every row: whether each
// remainder of the largest modulus falls in some partition, which holds
// the hashes whose remainder by its own modulus is its remainder
// (PostgreSQL requires each modulus to divide the next larger one).
func hashCovers(parts []*model.Partition) bool {
	largest := 0
	for _, p := range parts {
		if p.Modulus < 1 {
			return false
		}
		largest = max(largest, p.Modulus)
	}
	for r := range largest {
		if !slices.ContainsFunc(parts, func(p *model.Partition) bool { return r%p.Modulus == p.Remainder }) {
			return false
		}
	}
	return largest > 0
}

// NotValidNote is what a reviewer must know of a foreign key or check
// added NOT VALID: PostgreSQL checks the rows written from then on, never
// the ones already there.
const NotValidNote = "NOT VALID: rows written before it was added are not checked"

// domainRefusals lists the checks of c's domain, and of the domains that
// domain is based on, which PostgreSQL applies to every value written to
// c (to every element of an array).
func domainRefusals(c *model.Column) []Refusal {
	var out []Refusal
	subject := c.Name
	if c.Type.Array > 0 {
		subject = "an element of " + c.Name
	}
	for d := c.Type.Domain; d != nil; d = d.Type.Domain {
		if d.NotNull && c.Nullable {
			// PostgreSQL names no constraint for it.
			out = append(out, Refusal{When: subject + " is NULL, which domain " + d.SQLName + " refuses", Pos: d.Pos})
		}
		for _, ck := range d.Checks {
			out = append(out, Refusal{When: fmt.Sprintf("%s fails CHECK %s of domain %s", subject, ck.Expr, d.SQLName), Constraint: ck.Name, Pos: ck.Pos})
		}
	}
	return out
}

// Sentence is the refusal as one line, without the declaration's place:
// "another row has the same id (pk_users)".
func (r Refusal) Sentence() string { return r.line("") }

// line is the refusal as one line, citing its constraint and, when place
// is not "", the declaration's place: "another row has the same id
// (pk_users, users.er:3)".
func (r Refusal) line(place string) string {
	cite := r.Constraint
	if place != "" {
		cite = strings.TrimPrefix(cite+", "+place, ", ")
	}
	s := r.When
	if cite != "" {
		s += " (" + cite + ")"
	}
	if r.Note != "" {
		s += "; " + r.Note
	}
	return s
}

// WriteRefusals writes what refuses a row written to t, as a tree like
// the delete tree's:
//
//	insert or update one row of Booking (bookings): refused when
//	├─ another row has the same id (pk_bookings, bookings.er:28)
//	└─ another row has the same room_id and an overlapping during (ex_bookings_room_id_during, bookings.er:31)
func WriteRefusals(w io.Writer, t *model.Table, source string) {
	what := t.Label()
	if t.Entity != nil {
		what = fmt.Sprintf("%s (%s)", t.Label(), t.Name)
	}
	rs := Refusals(t)
	if len(rs) == 0 {
		fmt.Fprintf(w, "insert or update one row of %s: no constraint but NOT NULL refuses it\n", what)
		return
	}
	fmt.Fprintf(w, "insert or update one row of %s: refused when\n", what)
	for i, r := range rs {
		branch := "├─ "
		if i == len(rs)-1 {
			branch = "└─ "
		}
		fmt.Fprintf(w, "%s%s\n", branch, r.line(where(r.Pos, source)))
	}
}

// clashes names the constraints of t that a row can break when its
// columns cols are set to their defaults (or to NULL, when null is
// true) by a referential action: every other row set the same way, or
// already holding those values, is then a duplicate, or an overlap.
// A NULL breaks only a unique key whose NULLs are not distinct; an
// exclusion's operators never match one.
func clashes(t *model.Table, cols []*model.Column, null bool) []string {
	touches := func(key []*model.Column) bool {
		for _, c := range cols {
			if slices.Contains(key, c) {
				return true
			}
		}
		return false
	}
	var out []string
	if pk := t.PrimaryKey; pk != nil && !null && touches(pk.Columns) {
		out = append(out, pk.Name)
	}
	for _, k := range t.Uniques {
		if (!null || k.NullsNotDistinct) && touches(k.Columns) {
			out = append(out, k.Name)
		}
	}
	for _, ix := range t.Indexes {
		if ix.Unique && (!null || ix.NullsNotDistinct) && touches(ix.Columns) {
			out = append(out, ix.Name)
		}
	}
	for _, x := range t.Exclusions {
		if !null && touches(x.Columns) {
			out = append(out, x.Name)
		}
	}
	return out
}

// clashNote is the note of a SET NULL or SET DEFAULT effect whose rows
// may then break a key or an exclusion constraint of their table, or a
// check over the columns set, or "".
func clashNote(e *model.Effect) string {
	var notes []string
	if names := clashes(e.Table, e.Columns, e.Kind == model.SetsNull); len(names) > 0 {
		notes = append(notes, "refused by "+strings.Join(names, ", ")+" if a changed row then equals or overlaps another")
	}
	if names := checksOver(e.Table, e.Columns, e.Kind == model.SetsNull); len(names) > 0 {
		notes = append(notes, "refused by "+strings.Join(names, ", ")+" if a changed row then fails it")
	}
	if len(notes) == 0 {
		return ""
	}
	return "; " + strings.Join(notes, "; ")
}

// checksOver names the checks of t that a row can fail when its columns
// cols are set to their defaults (or to NULL, when null is true) by a
// referential action: a table or column check that reads one of them (or
// may read any column), and for NULL a domain's NOT NULL on one of them.
// A check is not evaluated here: it may well hold; the reader decides.
// The check of an optional arc is left out for NULL: it holds with no
// parent at all, which is what SET NULL on an arc makes.
func checksOver(t *model.Table, cols []*model.Column, null bool) []string {
	var out []string
	for _, ck := range t.Checks {
		if null && optionalArcCheck(t, ck) {
			continue
		}
		read, ok := t.ExprColumns(ck.Expr)
		if !ok || slices.ContainsFunc(read, func(c *model.Column) bool { return slices.Contains(cols, c) }) {
			out = append(out, "check "+ck.Name)
		}
	}
	for _, c := range cols {
		for ty := c.Type; null && ty.Base == model.DomainType && ty.Array == 0; ty = ty.Domain.Type {
			if ty.Domain.NotNull {
				out = append(out, "the NOT NULL of domain "+ty.Domain.SQLName)
				break
			}
		}
	}
	return out
}

// optionalArcCheck reports whether ck is the check of an optional arc
// whose child is t.
func optionalArcCheck(t *model.Table, ck *model.Check) bool {
	for _, fk := range t.ForeignKeys {
		if r := fk.Relationship; r != nil && r.Arc != nil && r.Arc.Check == ck {
			return !r.Arc.Required
		}
	}
	return false
}

// mayRefuse lists, for the summary, the constraints that SET NULL and SET
// DEFAULT effects of e's tree may break, each with its table, once.
func mayRefuse(e *model.Effect) []string {
	var out []string
	e.Walk(func(n *model.Effect, _ int) bool {
		if n.Kind != model.SetsNull && n.Kind != model.SetsDefault {
			return true
		}
		names := clashes(n.Table, n.Columns, n.Kind == model.SetsNull)
		names = append(names, checksOver(n.Table, n.Columns, n.Kind == model.SetsNull)...)
		for _, name := range names {
			if s := name + " (" + n.Table.Name + ")"; !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
		return true
	})
	return out
}
