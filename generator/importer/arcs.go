package importer

import (
	"regexp"
	"slices"
	"strings"

	"github.com/ergen-dev/ergen/generator/importer/catalog"
	"github.com/ergen-dev/ergen/generator/model"
)

// arc is an exclusive arc: 1:N relationships of one child to several
// parents whose foreign keys a num_nonnulls CHECK makes exclusive,
// declared as `relationship A | B 1:N C`.
type arc struct {
	members  []*relationship // in the order of the CHECK's columns
	required bool            // = 1 rather than <= 1
	check    *catalog.Check
}

// reArcCheck is the CHECK ergen writes for an arc, as the server prints
// it: CHECK ((num_nonnulls(post_id, photo_id) = 1)).
var reArcCheck = regexp.MustCompile(`^CHECK \(\(num_nonnulls\(([a-z_][a-z0-9_$]*(?:, [a-z_][a-z0-9_$]*)+)\) (=|<=) 1\)\)$`)

// joinArcs makes arcs of the relationships rels of ent that a CHECK of
// ent makes exclusive, as ergen writes an arc: each CHECK column the first
// column of a foreign key to another parent, the parents named by their
// entities, the CHECK named as ergen names it. It returns rels with the
// members of each arc together, in the CHECK's order, where the first
// was; an arc is declared there, and the model resolves it into its
// members in that order.
func (im *importer) joinArcs(ent *entity, rels []*relationship) []*relationship {
	for i := range ent.t.Checks {
		ck := &ent.t.Checks[i]
		m := reArcCheck.FindStringSubmatch(string(ck.Def))
		if m == nil || ck.NotValid || ck.Comment != "" {
			continue
		}
		a := &arc{required: m[2] == "=", check: ck}
		var roles []string
		for _, col := range strings.Split(m[1], ", ") {
			i := slices.IndexFunc(rels, func(r *relationship) bool { return r.side[0].fk.Columns[0] == col })
			if i < 0 || !im.arcMember(ent, rels[i], a) {
				a = nil
				break
			}
			a.members = append(a.members, rels[i])
			roles = append(roles, model.SnakeCase(rels[i].side[0].parent.name))
		}
		if a == nil || ck.Name != model.ObjectName(model.CheckObject, ent.t.Name, strings.Join(roles, "_"), "arc") || roleTaken(rels, a, roles) {
			continue
		}
		for k, r := range a.members {
			r.arc = a
			// A member's role is its parent's name; columns named for
			// another role are written out (`column Post post_ref`).
			if s := r.side[0]; s.role != roles[k] {
				s.role, s.roleClause, s.columnsClause = roles[k], false, true
			}
		}
		ent.dropCheck(ck.Name)
	}
	out := make([]*relationship, 0, len(rels))
	done := map[*arc]bool{}
	for _, r := range rels {
		switch {
		case r.arc == nil:
			out = append(out, r)
		case !done[r.arc]:
			done[r.arc] = true
			out = append(out, r.arc.members...)
		}
	}
	return out
}

// roleTaken reports whether a relationship of rels outside a, to one of
// a's parents, has the role that the arc gives its member to that
// parent: the two would be the same relationship.
func roleTaken(rels []*relationship, a *arc, roles []string) bool {
	for _, r := range rels {
		for k, m := range a.members {
			if r != m && r.side[0].parent == m.side[0].parent && r.side[0].role == roles[k] {
				return true
			}
		}
	}
	return false
}

// arcMember reports whether r can be a member of a: a 1:N of its own to a
// parent a names once, a role of its own or not (an arc's members are
// named by their parents), no referenced columns but the key,
// no comment, nullable columns, matching in full when composite, the
// deferrability of the other members, and no SET NULL in a required arc.
func (im *importer) arcMember(ent *entity, r *relationship, a *arc) bool {
	s := r.side[0]
	fk := s.fk
	if r.card != "1:N" || r.arc != nil || s.refsClause || fk.Comment != "" || s.parent == ent || fk.OnDeleteColumns != nil {
		return false
	}
	for _, c := range fk.Columns {
		if ent.cols[c].c.NotNull {
			return false
		}
	}
	if want := map[bool]string{true: "FULL", false: "SIMPLE"}[len(fk.Columns) > 1]; fk.Match != want {
		return false
	}
	if a.required && (fk.OnDelete == catalog.SetNull || fk.OnUpdate == catalog.SetNull) {
		return false
	}
	for _, m := range a.members {
		if m.side[0].parent == s.parent || m.side[0].fk.Deferrable != fk.Deferrable || m.side[0].fk.InitiallyDeferred != fk.InitiallyDeferred {
			return false
		}
	}
	return true
}

// dropCheck removes the CHECK name from the ones ent's block writes.
func (e *entity) dropCheck(name string) {
	if i := slices.Index(e.tableCheckNames, name); i >= 0 {
		e.tableChecks = slices.Delete(e.tableChecks, i, i+1)
		e.tableCheckNames = slices.Delete(e.tableCheckNames, i, i+1)
	}
	for col, names := range e.colCheckNames {
		if i := slices.Index(names, name); i >= 0 {
			e.colChecks[col] = slices.Delete(e.colChecks[col], i, i+1)
			e.colCheckNames[col] = slices.Delete(names, i, i+1)
		}
	}
}

// renderArc writes the declaration of a, whose clauses name their parent.
func (im *importer) renderArc(w *writer, a *arc) {
	var parents, fks, cols []string
	for _, m := range a.members {
		parents = append(parents, m.side[0].parent.name)
		fks = append(fks, m.side[0].fk.Name)
		cols = append(cols, m.side[0].fk.Columns[0])
	}
	op := map[bool]string{true: "= 1", false: "<= 1"}[a.required]
	w.line(0, "// exclusive arc: %s (num_nonnulls(%s) %s) makes the foreign keys %s exclusive", a.check.Name, strings.Join(cols, ", "), op, strings.Join(fks, ", "))
	items := []string{map[bool]string{true: "required", false: "optional"}[a.required]}
	own := map[int]fkID{} // the items of one foreign key, for markBlock
	for _, m := range a.members {
		start := len(items)
		items = append(items, im.sideItems(m, m.side[0], m.side[0].parent.name+" ")...)
		ownItems(own, items, start, m, m.side[0].fk)
	}
	items = append(items, deferrable(a.members[0].side[0].fk)...)
	first := w.lines + 1
	w.line(0, "relationship %s 1:N %s {", strings.Join(parents, " | "), a.members[0].child.name)
	for _, it := range items {
		w.line(1, "%s", it)
	}
	w.line(0, "}\n")
	im.markBlock(w, first, own, a.members...)
}
