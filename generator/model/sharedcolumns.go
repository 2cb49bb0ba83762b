package model

import (
	"slices"
	"strings"

	"github.com/ergen-dev/ergen/dsl"
)

// Foreign keys may share a column: in a multi-tenant schema every table is
// keyed by (tenant_id, id), and every foreign key includes tenant_id, so a
// row can only reference rows of its own tenant. Sharing is explicit: a
// declared attribute named in the `columns` of a 1:N or 1:1 may belong to
// other such keys too (naming it there, or by their derived name, as the
// tenant_id of `Tenant 1:N Post`). A column ergen adds belongs to one key.
//
// An optional key over a shared column: the shared column keeps its own
// declaration (tenant_id NOT NULL, as the other keys need), the key's own
// columns are nullable, and a row with them NULL references nothing (MATCH
// SIMPLE). ON DELETE SET NULL and SET DEFAULT must then list the key's own
// columns, since changing the shared one would break the other keys.

// partialKey is an optional foreign key whose declared NOT NULL columns
// must be shared with another key; explicit is true when `optional` is
// written (else the declared columns mix NULL and NOT NULL).
type partialKey struct {
	fk       *ForeignKey
	explicit bool
}

// nameShared records that a relationship's `columns` names the declared
// column c, which other keys may then share.
func (r *resolver) nameShared(c *Column) {
	if r.named == nil {
		r.named = map[*Column]bool{}
	}
	r.named[c] = true
}

// mayShare reports whether rel's key may use the column c, which another
// key already owns.
func (r *resolver) mayShare(rel *Relationship, c *Column) bool {
	owner := c.ForeignKey.Relationship
	return c.Declared && r.named[c] && owner != rel && rel.Card != ManyToMany && owner.Card != ManyToMany
}

// keepsShared reports whether an optional key over cols may keep its
// declared NOT NULL columns, because each is one that other keys may
// share (checkPartial confirms they do), while a column of its own can be
// NULL.
func (r *resolver) keepsShared(rel *Relationship, cols []*Column) bool {
	if rel.Card == ManyToMany || rel.SharedKey {
		return false
	}
	kept, own := false, false
	for _, c := range cols {
		switch {
		case c.Declared && !c.Nullable:
			if !r.named[c] {
				return false
			}
			kept = true
		default:
			own = true // nullable, or added by ergen and made so
		}
	}
	return kept && own
}

// nullability decides whether rel's key over cols is required and sets
// its columns so: as written; else as the declared attributes say; else
// required. partial is true for an optional key that keeps NOT NULL
// columns it shares; ok is false when the key is given up.
func (r *resolver) nullability(rel *Relationship, cols []*Column, s *side, o *relOptions) (partial, ok bool) {
	required := true
	declared := slices.ContainsFunc(cols, func(c *Column) bool { return c.Declared })
	mix := slices.ContainsFunc(cols, func(c *Column) bool { return c.Nullable != cols[0].Nullable })
	// Declared columns may mix NULL and NOT NULL when `on delete set null
	// (...)` lists the nullable ones: the others stay as declared.
	mixed := mix && listsNullable(s, cols)
	switch {
	case o.required != nil:
		required = *o.required
		partial = !required && !mixed && r.keepsShared(rel, cols)
		if r.nullabilityDisagrees(rel, cols, required, mixed || partial) {
			return false, false
		}
	case mixed:
		required = false
	case declared && mix && r.keepsShared(rel, cols):
		required, partial = false, true
	case declared:
		required = !cols[0].Nullable
		for _, c := range cols[1:] {
			if c.Nullable != cols[0].Nullable {
				r.diags.Errorf(c.Pos, c.Pos.Advance(c.Name), "columns of one foreign key must all be nullable or all NOT NULL")
				return false, false
			}
		}
	}
	if rel.SharedKey {
		required = true
	}
	for _, c := range cols {
		if !(mixed || partial) || !c.Declared {
			c.Nullable = !required
		}
	}
	return partial, true
}

// checkPartial reports, once every key is resolved, each NOT NULL column
// of an optional key that no other key shares after all.
func (r *resolver) checkPartial() {
	for _, p := range r.partial {
		for _, c := range p.fk.Columns {
			if !c.Declared || c.Nullable || len(c.ForeignKeys) > 1 {
				continue
			}
			const why = "only a column another foreign key shares (a tenant's id) may stay NOT NULL in an optional one"
			if p.explicit {
				r.diags.Errorf(c.Pos, c.Pos.Advance(c.Name), "%s is optional, but column %s is declared NOT NULL", p.fk.Relationship.label(), dsl.QuoteName(c.Name)).
					Hintf("make them agree: add ? to the column's type; %s", why)
			} else {
				r.diags.Errorf(c.Pos, c.Pos.Advance(c.Name), "columns of one foreign key must all be nullable or all NOT NULL").
					Hintf("%s", why)
			}
		}
	}
}

// setsShared reports, once for fk's action on the event, an action that
// would set a column other keys share: SET NULL or SET DEFAULT of the
// shared tenant_id would point the row's other keys at another tenant, or
// at nothing. It returns whether it did.
func (r *resolver) setsShared(fk *ForeignKey, ev Event, act RefAction) bool {
	var shared, own []*Column
	for _, c := range fk.Columns {
		if len(c.ForeignKeys) > 1 {
			shared = append(shared, c)
		} else {
			own = append(own, c)
		}
	}
	hit := slices.ContainsFunc(fk.ActionColumns(ev), func(c *Column) bool { return len(c.ForeignKeys) > 1 })
	if !hit {
		return false
	}
	var others []string
	for _, c := range shared {
		for _, o := range c.ForeignKeys {
			if o != fk && !slices.Contains(others, o.Name) {
				others = append(others, o.Name)
			}
		}
	}
	d := r.diags.ErrorAt(fk.PolicySpan(ev), "ON %s %s on %s would change %s, which %s shares", strings.ToUpper(ev.String()), act, fk.Relationship.label(),
		ColumnNames(shared), strings.Join(others, ", "))
	word := strings.ToLower(string(act))
	switch {
	case ev == UpdateEvent:
		d.Hintf("on update PostgreSQL changes every column of the key, and the other keys need %s: use CASCADE, RESTRICT or NO ACTION", ColumnNames(shared))
	case len(own) == 0:
		d.Hintf("the key has no column of its own to change: use CASCADE or RESTRICT")
	default:
		d.Hintf("list the key's own columns, as in `on delete %s (%s)` (PostgreSQL 15): changing %s too would break the row's other keys", word, ColumnNames(own), ColumnNames(shared))
	}
	return true
}
