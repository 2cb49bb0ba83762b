// Package lint reports design warnings about a valid model: choices that
// PostgreSQL accepts but that a reviewer should look at twice. Each rule is
// a small function over the model with a stable code (ER1xx), documented in
// README.md beside this file; codes are never reused for another rule, so
// scripts and suppressions may rely on them.
package lint

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator/model"
)

// Rule is one lint check.
type Rule struct {
	Code    string // ER1xx
	Name    string // short kebab-case name
	Summary string // what it reports, one line
	check   func(s *model.Schema, report func(d *dsl.Diagnostic))
}

// Rules lists every rule, in code order.
var Rules = []*Rule{
	{"ER101", "cascade-chain", "a delete cascades more than one level", cascadeChain},
	{"ER102", "cascade-and-block", "a delete reaches a table by CASCADE on one path and is blocked on another", cascadeAndBlock},
	{"ER103", "implicit-delete-policy", "a relationship has no explicit `on delete`", implicitDelete},
	{"ER104", "update-cascade-generated-key", "ON UPDATE CASCADE toward an identity or serial key", updateCascadeGenerated},
	{"ER105", "fk-index-off", "the index of a foreign key is turned off and nothing else covers it", indexOff},
	{"ER106", "quoted-name", "a name must be quoted in SQL: a reserved word or not lower case", quotedName},
	{"ER107", "optional-dependent", "a nullable foreign key where the entity reads as dependent on its parent", optionalDependent},
	{"ER108", "fk-lookalike", "an attribute named like a relationship's FK column, which the relationship does not use", fkLookalike},
	{"ER109", "fk-narrower-type", "an FK column whose type cannot hold every key it may reference (integer toward bigint)", narrowReference},
	{"ER110", "mixed-script-name", "a name mixes Latin, Cyrillic or Greek letters, which look alike", mixedScript},
}

// Check runs every rule over s and returns the warnings, sorted by
// position.
func Check(s *model.Schema) dsl.Diagnostics {
	var ds dsl.Diagnostics
	for _, r := range Rules {
		r.check(s, func(d *dsl.Diagnostic) {
			d.Severity, d.Code = dsl.Warning, r.Code
			ds = append(ds, d)
		})
	}
	return ds.Sort()
}

// warn is a warning underlining at.
func warn(at dsl.Span, hint, format string, args ...any) *dsl.Diagnostic {
	return &dsl.Diagnostic{Pos: at.Pos, End: at.End, Msg: fmt.Sprintf(format, args...), Hint: hint}
}

// relSpan is the header of the FK's relationship.
func relSpan(fk *model.ForeignKey) dsl.Span {
	return dsl.SpanOf(fk.Relationship.Pos, fk.Relationship.End)
}

// nameSpan is a name written at p.
func nameSpan(p dsl.Pos, name string) dsl.Span { return dsl.SpanOf(p, p.Advance(name)) }

// ER101: the model's cascade chains (model.Schema.CascadeChains), one
// warning per chain head; check reports the same chains.
func cascadeChain(s *model.Schema, report func(*dsl.Diagnostic)) {
	for _, c := range s.CascadeChains() {
		report(c.Warning())
	}
}

// ER102: a table whose rows one delete both cascades and is blocked by.
// Whether the delete succeeds then depends on which rows exist and on the
// order in which PostgreSQL fires the constraints, which nobody reviews.
func cascadeAndBlock(s *model.Schema, report func(*dsl.Diagnostic)) {
	seen := map[string]bool{}
	for _, t := range s.Tables {
		for _, te := range t.DeleteEffects().Tables() {
			if len(te.Deleted) == 0 || len(te.Blocked) == 0 {
				continue
			}
			for _, b := range te.Blocked {
				key := b.Name + "|" + te.Deleted[0].Name
				if seen[key] {
					continue
				}
				seen[key] = true
				report(warn(b.PolicySpan(model.DeleteEvent), "use the same policy on both paths, or break one of them with SET NULL",
					"deleting a row of %s reaches %s both by CASCADE (%s) and by %s (%s): the delete fails or not depending on which rows exist",
					t.Label(), te.Table.Name, te.Deleted[0].Name, b.OnDelete.Action, b.Name))
			}
		}
	}
}

// ER103: the default NO ACTION is rarely a decision; make it one.
func implicitDelete(s *model.Schema, report func(*dsl.Diagnostic)) {
	for _, r := range s.Relationships {
		for _, fk := range r.ForeignKeys {
			if fk.Policy(model.DeleteEvent).Explicit {
				continue
			}
			side := ""
			if r.Card == model.ManyToMany {
				side = " " + fk.RefTable.Label()
			}
			// Offer only the actions ergen accepts for these columns: SET
			// NULL needs them nullable and outside the primary key.
			hint := fmt.Sprintf("write `on delete%s restrict` or `on delete%s cascade` to record the decision", side, side)
			if settable(fk) {
				hint = fmt.Sprintf("write `on delete%s restrict`, `cascade` or `set null` to record the decision", side)
			}
			report(warn(relSpan(fk), hint,
				"%s has no `on delete` for %s: deleting a row of %s that rows of %s reference fails (NO ACTION by default)",
				r.Label(), fk.Name, fk.RefTable.Label(), fk.Table.Label()))
		}
	}
}

// tableNameFor is a name for t that needs no quoting: the entity's name
// in snake case and plural, or that name in lower case; "" when neither
// will do.
func tableNameFor(t *model.Table) string {
	if t.Entity == nil {
		return ""
	}
	for _, n := range []string{model.Plural(model.SnakeCase(t.Entity.Name)), strings.ToLower(t.Name)} {
		if n != t.Name && strings.ToLower(n) == n && !model.IsReservedWord(n) {
			return n
		}
	}
	return ""
}

// settable reports whether ON DELETE SET NULL is allowed on fk: every
// column nullable and none in the primary key.
func settable(fk *model.ForeignKey) bool {
	pk := fk.Table.PrimaryKey
	for _, c := range fk.Columns {
		if !c.Nullable || pk != nil && slices.Contains(pk.Columns, c) {
			return false
		}
	}
	return true
}

// ER104: generated keys never change, so ON UPDATE CASCADE toward one is
// dead policy that suggests keys are expected to change.
func updateCascadeGenerated(s *model.Schema, report func(*dsl.Diagnostic)) {
	for _, r := range s.Relationships {
		for _, fk := range r.ForeignKeys {
			if fk.OnUpdate.Action != model.Cascade {
				continue
			}
			i := slices.IndexFunc(fk.RefColumns, func(c *model.Column) bool {
				return c.Type.IsSerial() || c.Identity != model.NoIdentity
			})
			if i < 0 {
				continue
			}
			c := fk.RefColumns[i]
			kind := "a " + c.Type.SQL()
			if c.Identity != model.NoIdentity {
				kind = "an identity"
			}
			report(warn(fk.PolicySpan(model.UpdateEvent), "remove `on update cascade`; if the key must change, use a natural key instead",
				"ON UPDATE CASCADE on %s, but %s.%s is %s key, which is never updated", fk.Name, c.Table.Name, c.Name, kind))
		}
	}
}

// ER105: without an index on the FK columns, every delete or key update of
// a parent row scans the child table.
func indexOff(s *model.Schema, report func(*dsl.Diagnostic)) {
	for _, r := range s.Relationships {
		for _, fk := range r.ForeignKeys {
			if !fk.IndexOff || fk.Table.Covered(fk.Columns) {
				continue
			}
			report(warn(relSpan(fk), "remove `no index` unless the table is tiny or its parents are never deleted",
				"the index on %s(%s) for %s is turned off: each delete or key update of %s scans %s",
				fk.Table.Name, model.ColumnNames(fk.Columns), fk.Name, model.Article(fk.RefTable.Label()), fk.Table.Name))
		}
	}
}

// ER106: a quoted name must be quoted, with the same case, in every
// hand-written query, psql session and tool that touches it.
func quotedName(s *model.Schema, report func(*dsl.Diagnostic)) {
	check := func(at dsl.Span, what, name, hint string) {
		if !model.NeedsQuoting(name) {
			return
		}
		why := "is not a plain lower-case name"
		switch {
		case strings.ToLower(name) != name: // Group is no key word, group is
			why = "has upper-case letters, which PostgreSQL keeps only when quoted"
		case model.IsReservedWord(name):
			why = "is a reserved word in PostgreSQL"
		}
		report(warn(at, hint, "%s %q %s: every query must write it as %s", what, name, why, model.QuoteIdent(name)))
	}
	if s.Name != "" {
		check(nameSpan(dsl.Pos{File: s.File, Line: 1, Column: 1}, s.Name), "schema name", s.Name, "rename the schema")
	}
	for _, e := range s.Enums {
		check(nameSpan(e.Pos, e.SQLName), "enum type", e.SQLName, "rename the enum")
	}
	for _, t := range s.Tables {
		hint := "give the table another name with `table \"...\"`"
		if name := tableNameFor(t); name != "" {
			hint = fmt.Sprintf("give the table another name, such as `table %q`", name)
		}
		if t.Entity == nil {
			hint = "give the junction table another name with `table \"...\"`"
		}
		check(t.NameAt, "table name", t.Name, hint)
		for _, c := range t.Columns {
			hint := "rename the attribute"
			if !c.Declared {
				hint = "name the column with `column ...` in the relationship"
			}
			check(nameSpan(c.Pos, c.Name), "column", c.Name, hint)
		}
	}
}

// ER107: a nullable FK allows rows without a parent. When the entity reads
// as a part of its parent (it dies with it, or is named after it), such a
// row is most likely a bug the schema should refuse.
func optionalDependent(s *model.Schema, report func(*dsl.Diagnostic)) {
	for _, r := range s.Relationships {
		if r.Card == model.ManyToMany {
			continue
		}
		for _, fk := range r.ForeignKeys {
			// A required arc's CHECK gives every row one of its parents.
			if fk.Required() || fk.Table == fk.RefTable || r.Arc != nil && r.Arc.Required {
				continue
			}
			parent, child := fk.RefTable.Label(), fk.Table.Label()
			var why string
			switch {
			case fk.OnDelete.Action == model.Cascade:
				why = fmt.Sprintf("they are deleted with their %s row", parent)
			case len(child) > len(parent) && (strings.HasPrefix(child, parent) || strings.HasSuffix(child, parent)):
				why = fmt.Sprintf("the name %s says it is part of %s", child, parent)
			default:
				continue
			}
			what, hint := r.Label(), "make the relationship `required`, or say in a comment why a row may have no parent"
			if r.Arc != nil {
				// Each parent of an arc is optional; the arc says how many.
				what, hint = "the arc "+r.Arc.Label(), "make the arc `required` (exactly one parent), or say in a comment why a row may have none"
			}
			report(warn(relSpan(fk), hint, "%s is optional, so rows of %s may exist without one of %s, yet %s", what, child, parent, why))
		}
	}
}

// ER108: the model's lookalikes (model.Schema.Lookalikes); check reports
// the same ones.
func fkLookalike(s *model.Schema, report func(*dsl.Diagnostic)) {
	for _, l := range s.Lookalikes() {
		c := l.Column
		report(warn(nameSpan(c.Pos, c.Name), l.Hint(), "%s", l.Message()))
	}
}

// ER109: the model's narrow references (model.Schema.NarrowReferences);
// check reports the same ones.
func narrowReference(s *model.Schema, report func(*dsl.Diagnostic)) {
	for _, n := range s.NarrowReferences() {
		c := n.Column
		report(warn(nameSpan(c.Pos, c.Name), n.Hint(), "%s", n.Message()))
	}
}

// ER110: the model's mixed-script names (model.Schema.MixedScripts); check
// reports the same ones.
func mixedScript(s *model.Schema, report func(*dsl.Diagnostic)) {
	for _, m := range s.MixedScripts() {
		report(warn(nameSpan(m.Pos, m.Name), m.Hint(), "%s", m.Message()))
	}
}
