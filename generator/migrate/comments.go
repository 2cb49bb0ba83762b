package migrate

import (
	"strings"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/generator/postgres"
)

// comments sets the comments of a table both models have that differ. A
// foreign key dropped by the migration has lost its comment. Foreign keys
// of junction tables carry none, as in Emit.
func (p *planner) comments(ot, nt *model.Table) {
	var sql []string
	pos := nt.Pos
	// COMMENT ON a constraint locks its table ACCESS SHARE; on the table
	// or a column, SHARE UPDATE EXCLUSIVE.
	lock := AccessShare
	set := func(on func() string, was, is string, at dsl.Pos) {
		if was == is {
			return
		}
		text := "NULL"
		if is != "" {
			text = postgres.QuoteLiteral(is)
		}
		sql = append(sql, "COMMENT ON "+on()+" IS "+text+";")
		pos = at
		if !strings.HasPrefix(sql[len(sql)-1], "COMMENT ON CONSTRAINT ") {
			lock = ShareUpdateExclusive
		}
	}
	table := p.new.Qualify(nt.Name)
	set(func() string { return "TABLE " + table }, ot.Comment, nt.Comment, nt.Pos)
	for _, c := range nt.Columns {
		was := ""
		if oc := ot.Column(c.Name); oc != nil && !p.regen[nt.Name+"\x00"+c.Name] {
			was = oc.Comment
		}
		set(func() string { return "COLUMN " + table + "." + model.QuoteIdent(c.Name) }, was, c.Comment, c.Pos)
	}
	for _, fk := range nt.ForeignKeys {
		if fk.Relationship.Junction != nil {
			continue
		}
		was := ""
		if ofk := findFK(ot, fk.Name); ofk != nil && !p.replaced[ot.Name+"\x00"+fk.Name] {
			was = ofk.Comment
		}
		set(func() string { return "CONSTRAINT " + model.QuoteIdent(fk.Name) + " ON " + table }, was, fk.Comment, fk.Pos)
	}
	if len(sql) > 0 {
		p.add(&Step{Phase: PhaseComments, What: "comments of " + nt.Name, Pos: pos, Transactional: true, SQL: sql,
			Locks: []Lock{{nt.Name, lock}}})
	}
}
