// Package explain renders a delete or key-update effect tree as text: for
// one row of a table, which tables a CASCADE deletes or updates rows of,
// where columns become NULL or their default, and where the statement is
// blocked. Each line names the constraint, its action and the place in the
// .er file that declared it, so a reviewer can go straight to the policy.
//
// The tree comes from model.Table.DeleteEffects and UpdateEffects; this
// package only lays it out. It also says what refuses a row inserted or
// updated (Refusals): keys, exclusion constraints, foreign keys, checks
// and domain checks, in words.
package explain

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"path"
	"path/filepath"
	"strings"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator/model"
)

// Render returns the tree of e followed by a per-table summary. Each line
// cites the declaration behind it as file:line; source, when not empty,
// names the file in citations instead of the path the model was loaded
// from (a document cites the base name, so that it reads the same
// wherever ergen ran). For a model split over several files, a source
// ending in "/" (its directory's name, or "/" alone) is followed by the
// base name of each declaration's own file.
func Render(e *model.Effect, source string) []byte {
	var b bytes.Buffer
	Tree(&b, e, source)
	b.WriteString("\n")
	Summary(&b, e)
	return b.Bytes()
}

// Tree writes one line per effect, indented as a tree:
//
//	delete one row of User (users)
//	├─ orders: blocked by fk_orders_user (ON DELETE RESTRICT, shopflow.er:44)
//	└─ user_profiles: rows deleted by fk_user_profiles_user (ON DELETE CASCADE, shopflow.er:62)
func Tree(w io.Writer, e *model.Effect, source string) {
	fmt.Fprintln(w, rootLine(e))
	var walk func(n *model.Effect, prefix string)
	walk = func(n *model.Effect, prefix string) {
		for i, c := range n.Children {
			branch, next := "├─ ", "│  "
			if i == len(n.Children)-1 {
				branch, next = "└─ ", "   "
			}
			fmt.Fprintf(w, "%s%s%s\n", prefix, branch, line(c, source))
			walk(c, prefix+next)
		}
	}
	walk(e, "")
}

func rootLine(e *model.Effect) string {
	t := e.Table
	what := t.Label()
	if t.Entity != nil {
		what = fmt.Sprintf("%s (%s)", t.Label(), t.Name)
	}
	if e.Kind == model.Deletes {
		return "delete one row of " + what
	}
	if len(e.Columns) == 0 {
		return "update the key of one row of " + what + ": no foreign key references it"
	}
	return fmt.Sprintf("update the key (%s) of one row of %s", model.ColumnNames(e.Columns), what)
}

// line describes one non-root effect.
func line(e *model.Effect, source string) string {
	fk := e.FK
	var what, note string
	switch e.Kind {
	case model.Deletes:
		what = "rows deleted"
	case model.UpdatesKey:
		what = fmt.Sprintf("%s %s the new key value", model.ColumnNames(e.Columns), plural(len(e.Columns), "takes", "take"))
	case model.SetsNull:
		what = fmt.Sprintf("%s set to NULL", model.ColumnNames(e.Columns))
		if a := fk.Relationship.Arc; a != nil {
			// Only an optional arc may set NULL: the row is then on none
			// of its parents, which a reviewer should expect.
			note = "; the row then has none of the parents of the arc " + a.Label()
		}
	case model.SetsDefault:
		defs := make([]string, len(e.Columns))
		for i, c := range e.Columns {
			defs[i] = c.Default
		}
		what = fmt.Sprintf("%s set to default %s", model.ColumnNames(e.Columns), strings.Join(defs, ", "))
		note = fmt.Sprintf("; %s row with that key must exist", model.Article(fk.RefTable.Label()))
	case model.Blocks:
		what = "blocked"
		if e.AtCommit() {
			what = "blocked at commit"
		}
		if fk.RefTable.Partitioning != nil {
			note = "; " + partitionedParentNote
		}
	}
	sep := " by "
	if e.Kind != model.Blocks {
		sep = " via "
	}
	action := fmt.Sprintf("ON %s %s", strings.ToUpper(e.Event.String()), e.Action)
	action += fk.SetList(e.Event)
	if !e.Explicit() {
		action += " by default"
	}
	s := fmt.Sprintf("%s: %s%s%s (%s, %s)%s", e.Table.Name, what, sep, fk.Name, action, where(e.Pos(), source), note)
	switch {
	case e.Repeat:
		s += "; cycle: continues as above"
	case e.Elided:
		s += "; more not shown"
	}
	if e.Kind == model.SetsNull || e.Kind == model.SetsDefault {
		s += clashNote(e)
	}
	if fk.NotValid {
		s += "; " + NotValidNote
	}
	return s
}

// where is file:line of a declaration, naming the file source when given.
func where(p dsl.Pos, source string) string {
	file := cmp.Or(source, p.File)
	if dir, ok := strings.CutSuffix(source, "/"); ok {
		file = path.Join(dir, filepath.Base(p.File))
	}
	if file == "" {
		return fmt.Sprintf("line %d", p.Line)
	}
	return fmt.Sprintf("%s:%d", file, p.Line)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func fkNames(fks []*model.ForeignKey) string {
	s := make([]string, len(fks))
	for i, fk := range fks {
		s[i] = fk.Name
	}
	return strings.Join(s, ", ")
}

// Summary writes what happens to each table over all paths, then the
// outcome of the statement.
func Summary(w io.Writer, e *model.Effect) {
	tables := e.Tables()
	width := 0
	for _, te := range tables {
		width = max(width, len(te.Table.Name))
	}
	fmt.Fprintln(w, "per table:")
	for _, te := range tables {
		var parts []string
		switch {
		case te.Root && e.Kind == model.Deletes:
			parts = append(parts, "the row itself is deleted")
		case te.Root && len(e.Columns) == 0:
			parts = append(parts, "the row's key changes")
		case te.Root:
			parts = append(parts, fmt.Sprintf("the row's %s %s", model.ColumnNames(e.Columns), plural(len(e.Columns), "changes", "change")))
		}
		if len(te.Deleted) > 0 {
			parts = append(parts, "rows deleted ("+fkNames(te.Deleted)+")")
		}
		if len(te.Updated) > 0 && !te.Root {
			parts = append(parts, model.ColumnNames(te.Updated)+" updated")
		}
		if len(te.Nulled) > 0 {
			parts = append(parts, model.ColumnNames(te.Nulled)+" set to NULL")
		}
		if len(te.Defaulted) > 0 {
			parts = append(parts, model.ColumnNames(te.Defaulted)+" set to default")
		}
		if len(te.Blocked) > 0 {
			parts = append(parts, "blocks ("+fkNames(te.Blocked)+")")
		}
		if len(te.Deleted) > 0 && len(te.Blocked) > 0 {
			parts = append(parts, "reached by CASCADE and by a block: the outcome depends on which rows exist")
		}
		fmt.Fprintf(w, "  %-*s  %s\n", width, te.Table.Name, strings.Join(parts, "; "))
	}
	verb := "delete"
	if e.Kind == model.UpdatesKey {
		verb = "update"
	}
	if bs := e.Blockers(); len(bs) > 0 {
		var on []string
		seen := map[*model.ForeignKey]bool{}
		for _, b := range bs {
			if !seen[b.FK] {
				seen[b.FK] = true
				on = append(on, b.FK.Table.Name+" ("+b.FK.Name+")")
			}
		}
		fmt.Fprintf(w, "the %s fails while any of these reference the changed rows: %s\n", verb, strings.Join(on, ", "))
	}
	names := mayRefuse(e)
	switch {
	case len(names) > 0 && len(e.Blockers()) > 0:
		fmt.Fprintf(w, "the %s also fails if a row that SET NULL or SET DEFAULT changes then breaks: %s\n", verb, strings.Join(names, ", "))
	case len(names) > 0:
		fmt.Fprintf(w, "nothing blocks the %s, but it fails if a row that SET NULL or SET DEFAULT changes then breaks: %s\n", verb, strings.Join(names, ", "))
	case len(e.Blockers()) == 0:
		fmt.Fprintf(w, "nothing blocks the %s\n", verb)
	}
}
