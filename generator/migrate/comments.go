package migrate

import (
	"strings"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/generator/postgres"
)

// comment is one object's comment, as COMMENT ON names the object.
type comment struct {
	on   string
	text string
	pos  dsl.Pos
}

// commentsOf lists the comments Emit writes for t, in order, one per
// object that may carry one. Foreign keys of junction tables carry none,
// as in Emit. dropped tells the foreign keys whose comments a migration
// loses with them.
func commentsOf(s *model.Schema, t *model.Table, dropped func(*model.ForeignKey) bool) []comment {
	out := []comment{{"TABLE " + s.Qualify(t.Name), t.Comment, t.Pos}}
	for _, c := range t.Columns {
		out = append(out, comment{"COLUMN " + s.Qualify(t.Name) + "." + model.QuoteIdent(c.Name), c.Comment, c.Pos})
	}
	for _, fk := range t.ForeignKeys {
		if fk.Relationship.Junction == nil && !dropped(fk) {
			out = append(out, comment{"CONSTRAINT " + model.QuoteIdent(fk.Name) + " ON " + s.Qualify(t.Name), fk.Comment, fk.Pos})
		}
	}
	return out
}

// comments sets the comments of a table both models have that differ.
func (p *planner) comments(ot, nt *model.Table) {
	was := map[string]string{}
	for _, c := range commentsOf(p.old, ot, func(fk *model.ForeignKey) bool { return p.replaced[ot.Name+"\x00"+fk.Name] }) {
		was[c.on] = c.text
	}
	var sql []string
	pos := nt.Pos
	// COMMENT ON a constraint locks its table ACCESS SHARE; on the table
	// or a column, SHARE UPDATE EXCLUSIVE.
	lock := AccessShare
	for _, c := range commentsOf(p.new, nt, func(*model.ForeignKey) bool { return false }) {
		if was[c.on] == c.text {
			continue
		}
		if !strings.HasPrefix(c.on, "CONSTRAINT ") {
			lock = ShareUpdateExclusive
		}
		text := "NULL"
		if c.text != "" {
			text = postgres.QuoteLiteral(c.text)
		}
		sql = append(sql, "COMMENT ON "+c.on+" IS "+text+";")
		pos = c.pos
	}
	if len(sql) > 0 {
		p.add(&Step{Phase: PhaseComments, What: "comments of " + nt.Name, Pos: pos, Transactional: true, SQL: sql,
			Locks: []Lock{{nt.Name, lock}}})
	}
}
