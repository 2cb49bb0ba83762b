package model

import (
	"slices"
	"strings"

	"github.com/ergen-dev/ergen/dsl"
)

// PostgreSQL 15 lets ON DELETE SET NULL and SET DEFAULT change only some
// of a composite foreign key's columns: `set null (author_id)` keeps the
// tenant_id of FOREIGN KEY (tenant_id, author_id), which the row still
// needs. Only ON DELETE takes the list; PostgreSQL refuses it on ON UPDATE.

// OnDeleteSQL is fk's ON DELETE action as SQL writes it after ON DELETE,
// with the columns it sets when it lists them: SET NULL (author_id).
func (fk *ForeignKey) OnDeleteSQL() string {
	s := string(fk.OnDelete.Action)
	if fk.SetColumns != nil {
		s += " " + ColumnListSQL(fk.SetColumns)
	}
	return s
}

// SetList is how prose writes the columns fk's action for ev lists,
// " (author_id)", or "": only ON DELETE SET NULL and SET DEFAULT list
// them. The names are unquoted, as ColumnNames writes them; OnDeleteSQL
// is the SQL spelling.
func (fk *ForeignKey) SetList(ev Event) string {
	if ev == DeleteEvent && fk.SetColumns != nil {
		return " (" + ColumnNames(fk.SetColumns) + ")"
	}
	return ""
}

// ActionText is fk's action for ev as prose (diagrams, review documents)
// writes it, with the columns it lists: "SET NULL (author_id)".
func (fk *ForeignKey) ActionText(ev Event) string {
	return string(fk.Policy(ev).Action) + fk.SetList(ev)
}

// ActionColumns returns the columns fk's action for the event changes
// (SET NULL, SET DEFAULT, or CASCADE on update): those listed with
// `on delete set null (...)`, or else all of the FK's columns.
func (fk *ForeignKey) ActionColumns(ev Event) []*Column {
	if ev == DeleteEvent && fk.SetColumns != nil {
		return fk.SetColumns
	}
	return fk.Columns
}

// actionList checks where a policy clause lists columns: only on ON
// DELETE SET NULL or SET DEFAULT. It returns the list to keep, or nil.
func (b *relBlock) actionList(on *dsl.OnClause, act RefAction) *dsl.ColumnList {
	l := on.Action.Columns
	if l == nil {
		return nil
	}
	p, e := pos(l.Pos), pos(l.EndPos)
	switch {
	case act != SetNull && act != SetDefault:
		b.r.diags.Errorf(p, e, "a column list applies to SET NULL and SET DEFAULT only, not to %s", act).
			Hintf("remove the list: %s acts on the whole row", act)
	case on.Event != "delete":
		b.r.diags.Errorf(p, e, "a column list applies to ON DELETE only").
			Hintf("PostgreSQL sets some of the columns only when the parent row is deleted; on update, write `on update %s` alone", strings.ToLower(string(act)))
	default:
		return l
	}
	return nil
}

// setColumns resolves the columns listed with `on delete set null (...)`
// among fk's own columns.
func (r *resolver) setColumns(fk *ForeignKey, l *dsl.ColumnList) {
	if l == nil {
		return
	}
	cols := []*Column{}
	for _, n := range l.Columns {
		p, e := at(n)
		c := r.namedColumn(fk.Table, n.Value)
		switch {
		case c == nil || !slices.Contains(fk.Columns, c):
			d := r.diags.Errorf(p, e, "%s is not a column of the foreign key of %s (%s)", dsl.QuoteName(n.Value), fk.Relationship.label(), ColumnNames(fk.Columns))
			names := make([]string, len(fk.Columns))
			for i, fc := range fk.Columns {
				names[i] = fc.Name
			}
			if s := dsl.Suggest(n.Value, names); s != "" {
				d.Hintf("did you mean %s?", dsl.QuoteName(s))
			} else {
				d.Hintf("list some of the foreign key's columns: %s", ColumnNames(fk.Columns))
			}
		case slices.Contains(cols, c):
			r.diags.Errorf(p, e, "column %s listed twice in on delete", dsl.QuoteName(n.Value))
		default:
			cols = append(cols, c)
		}
	}
	fk.SetColumns = cols
	if fk.MatchFull && fk.OnDelete.Action == SetNull && len(cols) > 0 && len(cols) < len(fk.Columns) {
		r.diags.Errorf(pos(l.Pos), pos(l.EndPos), "ON DELETE SET NULL (%s) on %s leaves some of its columns set, which MATCH FULL refuses: every delete of a referenced row would fail",
			ColumnNames(cols), fk.Relationship.label()).
			Hintf("list every column of the foreign key, or remove `match full`")
	}
}

// listsNullable reports whether the side's `on delete set null (...)`
// lists every nullable column of cols, so that the others may stay NOT
// NULL: a row keeps them when its parent goes.
func listsNullable(s *side, cols []*Column) bool {
	if s.setColumns == nil || s.onDelete.Action != SetNull {
		return false
	}
	for _, c := range cols {
		if !c.Declared {
			return false
		}
		listed := slices.ContainsFunc(s.setColumns.Columns, func(n *dsl.Name) bool { return c.Table.Named(n.Value) == c })
		if c.Nullable && !listed {
			return false
		}
	}
	return true
}
