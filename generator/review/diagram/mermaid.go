package diagram

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/ergen-dev/ergen/generator/model"
)

// Mermaid's crow's-foot markers, as written left of the line (beside the
// first entity) and right of it (beside the second).
var (
	mermaidLeft  = map[End]string{ExactlyOne: "||", ZeroOrOne: "|o", ZeroOrMore: "}o"}
	mermaidRight = map[End]string{ExactlyOne: "||", ZeroOrOne: "o|", ZeroOrMore: "o{"}
)

// EmitMermaid renders s as a Mermaid erDiagram: the entity blocks in
// declaration order (Mermaid lays entities out in the order it first meets
// them), then the relationships. Each relationship line reads parent first:
// `User ||--o{ Order : "user_id<br>on delete restrict<br>on update no action"`.
func EmitMermaid(s *model.Schema, source string) []byte {
	var b strings.Builder
	if source != "" {
		fmt.Fprintf(&b, "%%%% %s\n", header(source))
	}
	// Left to right, two foreign keys between the same tables (sender and
	// recipient) run one above the other, and their labels, a few lines
	// high, stack without overlapping; top to bottom, Mermaid centres each
	// label on its line's midpoint and those of neighbouring lines collide.
	b.WriteString("erDiagram\n  direction LR\n")
	ids := MermaidIDs(s)
	for _, t := range Tables(s) {
		fmt.Fprintf(&b, "  %s%s {\n", mermaidName(ids[t]), mermaidAlias(t, ids[t]))
		for _, bc := range BoxColumns(t) {
			keys, note := MermaidMarks(t, bc)
			line := mermaidWord(TypeName(bc.Column.Type)) + " " + mermaidWord(bc.Column.Name)
			if len(keys) > 0 {
				line += " " + strings.Join(keys, ", ")
			}
			if note != "" {
				line += " " + mermaidString(note)
			}
			fmt.Fprintf(&b, "    %s\n", line)
		}
		b.WriteString("  }\n")
	}
	for _, e := range Edges(s) {
		line := ".."
		if e.Identifying {
			line = "--"
		}
		fmt.Fprintf(&b, "  %s %s%s%s %s : %s\n", mermaidName(ids[e.FK.RefTable]),
			mermaidLeft[e.Parent], line, mermaidRight[e.Child],
			mermaidName(ids[e.FK.Table]), mermaidString(MermaidLabel(e)))
	}
	return []byte(b.String())
}

// MermaidIDs is the name each box of s goes by in Mermaid, which knows an
// entity only by its name and draws two blocks of one name as one box. A
// box is named by its label, entities first (their names are unique, and
// are what the reader wrote); a junction whose table has the name of an
// entity, or a name that quoting makes another's, takes the first free
// name with _2, _3 ... appended and shows its label in its alias
// (MermaidAlias).
func MermaidIDs(s *model.Schema) map[*model.Table]string {
	tables := Tables(s)
	ids := make(map[*model.Table]string, len(tables))
	taken := make(map[string]bool, len(tables))
	for _, t := range tables {
		if t.Entity != nil {
			ids[t] = mermaidID(t.Label())
			taken[ids[t]] = true
		}
	}
	for _, t := range tables {
		if t.Entity != nil {
			continue
		}
		id := mermaidID(t.Label())
		for n := 2; taken[id]; n++ {
			id = mermaidID(t.Label() + "_" + strconv.Itoa(n))
		}
		ids[t] = id
		taken[id] = true
	}
	return ids
}

// mermaidID is a name as Mermaid reads it back once written by mermaidName.
func mermaidID(name string) string { return mermaidText(name) }

// plainName is an entity name Mermaid takes without quotes.
var plainName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// mermaidName writes an entity name, quoted when it is not a plain
// identifier (a junction table named with `table "..."`). A quoted name
// cannot hold a double quote, so one becomes a single quote.
func mermaidName(name string) string {
	if plainName.MatchString(name) {
		return name
	}
	return mermaidString(name)
}

// MermaidLabel is an edge's label in Mermaid: the FK columns, then each
// action on a line of its own, in the words of the DSL, then the arc the
// FK belongs to. Mermaid wraps a long label at about 200 px into a wide
// block; short lines keep it narrow, so that it stays beside its line
// even on a self-reference, where the line loops close around the box.
func MermaidLabel(e Edge) string {
	lines := []string{ColumnList(e.FK.Columns)}
	for _, ev := range []model.Event{model.DeleteEvent, model.UpdateEvent} {
		lines = append(lines, "on "+ev.String()+" "+strings.ToLower(string(e.FK.Policy(ev).Action))+e.FK.SetList(ev))
	}
	for _, l := range FKLines(e.FK) {
		lines = append(lines, strings.ToLower(l))
	}
	if a := e.FK.Relationship.Arc; a != nil {
		lines = append(lines, ArcLine(a))
	}
	return strings.Join(lines, "<br>")
}

// MermaidTitle is what Mermaid shows atop a partitioned table's box, in
// place of its name (an alias): the name, how the table is partitioned
// and its partitions. It is "" for any other table.
func MermaidTitle(t *model.Table) string {
	c := PartitionCaption(t)
	if c == "" {
		return ""
	}
	names := make([]string, len(t.Partitions()))
	for i, p := range t.Partitions() {
		names[i] = p.Name
	}
	return t.Label() + ", " + c + ": " + strings.Join(names, ", ")
}

// MermaidAlias is what Mermaid shows atop a box in place of its name id:
// the MermaidTitle of a partitioned table; for a junction whose id is not
// its label, the label and the relationship, so that its box and the
// entity's, both showing the name, are told apart; else "".
func MermaidAlias(t *model.Table, id string) string {
	if title := MermaidTitle(t); title != "" {
		return title
	}
	if id != mermaidID(t.Label()) && t.Relationship != nil {
		return t.Label() + ", junction of " + t.Relationship.Label()
	}
	return ""
}

// mermaidAlias writes MermaidAlias as an entity's alias, or nothing.
func mermaidAlias(t *model.Table, id string) string {
	if alias := MermaidAlias(t, id); alias != "" {
		return "[" + mermaidString(alias) + "]"
	}
	return ""
}

// mermaidString writes a relationship label.
func mermaidString(s string) string {
	return `"` + mermaidText(s) + `"`
}

// mermaidText is text from the model made safe inside a Mermaid string:
// a " would end it, so it becomes ', and %% would start a directive
// (%%{init: ...}%%, which restyles or hides the diagram) or a comment
// wherever Mermaid finds it, even inside a string, so a space goes
// between two %s.
func mermaidText(s string) string {
	s = strings.ReplaceAll(s, `"`, "'")
	if !strings.Contains(s, "%%") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		b.WriteByte(s[i])
		if s[i] == '%' && i+1 < len(s) && s[i+1] == '%' {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// mermaidWord writes an attribute type or name, which Mermaid takes
// unquoted: letters, digits, _ - ( ) [ ] and commas. Any other rune (the
// $ an identifier may hold, a space) becomes _.
func mermaidWord(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("_-()[],", r) {
			return r
		}
		return '_'
	}, s)
}

// MermaidMarks splits a column's marks into the keys Mermaid knows (PK, FK,
// UK) and a comment for the rest: the spelt-out constraints a column is
// part of ("UK1: unique (a, b)", "EX1: exclude USING gist (...)", spelt
// out on the constraint's first column only, so that the box stays
// narrow), "NULL" for a nullable column, and its collation, which a
// Mermaid type cannot hold.
func MermaidMarks(t *model.Table, bc BoxColumn) (keys []string, note string) {
	var notes []string
	for _, m := range bc.Marks {
		sp, spelt := speltFor(t, m)
		switch {
		case m == "PK" || m == "FK" || m == "UK":
			keys = append(keys, m)
		case spelt:
			if strings.HasPrefix(m, "UK") && !slices.Contains(keys, "UK") {
				keys = append(keys, "UK")
			}
			if firstOf(t, sp) == bc.Column {
				notes = append(notes, sp.Line())
			} else {
				notes = append(notes, m)
			}
		default:
			notes = append(notes, m)
		}
	}
	if coll := bc.Column.Type.Collation; coll != "" {
		notes = append(notes, "collation "+coll)
	}
	return keys, strings.Join(notes, "; ")
}
