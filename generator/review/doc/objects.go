package doc

import (
	"fmt"
	"strings"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator/model"
)

// objectSection is a section on schema objects other than tables: the
// enums, domains or standalone sequences a model declares.
type objectSection struct {
	Title  string
	Anchor string
	Note   string // what the section lists, or ""
	Grid   grid
}

// objects lists a section for each kind of object s declares, in the
// order the DDL creates them; none for a kind it has none of.
func objects(s *model.Schema, src func(dsl.Pos) []byte) []objectSection {
	var out []objectSection
	if len(s.Enums) > 0 {
		g := grid{Head: []string{"Enum", "Type", "Values", "Notes"}}
		for _, e := range s.Enums {
			vals := make([]string, len(e.Values))
			for i, v := range e.Values {
				vals[i] = model.QuoteLiteral(v)
			}
			g.Rows = append(g.Rows, []cell{text(e.Name), code(s.Qualify(e.SQLName)), code(strings.Join(vals, ", ")), text(rationale(src(e.Pos), e.Pos.Line))})
		}
		out = append(out, objectSection{Title: "Enums", Anchor: "enums", Grid: g})
	}
	if len(s.Domains) > 0 {
		out = append(out, objectSection{Title: "Domains", Anchor: "domains", Grid: domains(s, src),
			Note: "A domain is a type with constraints of its own: every value written to a column of the domain must pass its checks (a NULL passes a check, unless the domain is NOT NULL). A domain over another takes that domain's constraints too."})
	}
	if len(s.Sequences) > 0 {
		g := grid{Head: []string{"Sequence", "Numbers", "Used by", "Notes"}}
		for _, sq := range s.Sequences {
			used := text("no default takes numbers from it")
			if cols := s.SequenceUsers(sq); len(cols) > 0 {
				names := make([]string, len(cols))
				for i, c := range cols {
					names[i] = c.Table.Name + "." + c.Name
				}
				used = code(strings.Join(names, ", "))
			}
			g.Rows = append(g.Rows, []cell{code(s.Qualify(sq.Name)), text(sequenceNumbers(sq.Settings)), used, text(rationale(src(sq.Pos), sq.Pos.Line))})
		}
		out = append(out, objectSection{Title: "Sequences", Anchor: "sequences", Grid: g,
			Note: "Standalone sequences, owned by no column, created before the tables. Numbers says what nextval hands out. Used by lists the columns whose default takes numbers from one with nextval; dropping such a column leaves its sequence, unlike a serial column's."})
	}
	return out
}

// domains is the table of every domain: its base type with its
// collation, default, NOT NULL and checks, and what is of its type: the
// domains based on it, then the columns.
func domains(s *model.Schema, src func(dsl.Pos) []byte) grid {
	g := grid{Head: []string{"Domain", "Type", "Base type", "Default", "Null", "Checks", "Used by", "Notes"}}
	for _, d := range s.Domains {
		null := "NULL"
		if d.NotNull {
			null = "NOT NULL"
		}
		checks := make([]string, len(d.Checks))
		for i, ck := range d.Checks {
			checks[i] = ck.Name + " CHECK " + ck.Expr
		}
		var used []string
		for _, e := range s.Domains {
			if e.Type.Domain == d {
				used = append(used, "domain "+e.SQLName)
			}
		}
		for _, t := range s.Tables {
			for _, c := range t.Columns {
				if c.Type.Domain == d {
					used = append(used, t.Name+"."+c.Name)
				}
			}
		}
		g.Rows = append(g.Rows, []cell{
			text(d.Name), code(s.Qualify(d.SQLName)), code(s.TypeSQL(d.Type) + d.Type.CollateSQL()), code(d.Default), text(null),
			code(strings.Join(checks, "; ")), code(strings.Join(used, ", ")), text(rationale(src(d.Pos), d.Pos.Line)),
		})
	}
	return g
}

// sequenceNumbers says in words what nextval hands out from a sequence
// with settings st: its type, where it starts, its step, its bounds,
// how many numbers a session caches, and whether it starts over.
func sequenceNumbers(st model.SequenceSettings) string {
	out := fmt.Sprintf("%s from %d by %d, %d to %d", st.Type, st.Start, st.Increment, st.Min, st.Max)
	if st.Cache > 1 {
		out += fmt.Sprintf(", %d cached per session", st.Cache)
	}
	if st.Cycle {
		out += ", starting over past the bound"
	}
	return out
}
