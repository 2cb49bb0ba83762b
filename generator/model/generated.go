package model

import (
	"slices"

	"github.com/ergen-dev/ergen/dsl"
)

// checkGenerated reports the stored generated columns PostgreSQL would
// refuse: with a default, identity or serial type, or whose expression
// names another generated column; and names that look like a misspelt
// column of the table. Other names are left to PostgreSQL (function
// arguments such as `year` in extract(year from d) are no columns).
func (r *resolver) checkGenerated() {
	for _, t := range r.tables {
		for _, c := range t.Columns {
			if c.GeneratedAs == "" {
				continue
			}
			p, e := c.Pos, c.Pos.Advance(c.Name)
			switch {
			case c.Default != "":
				r.diags.Errorf(p, e, "generated column %s cannot have a default", dsl.QuoteName(c.Name)).Hintf("its value is always its expression")
				continue
			case c.Identity != NoIdentity || c.Type.IsSerial():
				r.diags.Errorf(p, e, "generated column %s cannot be an identity or serial column", dsl.QuoteName(c.Name))
				continue
			}
			r.checkGeneratedNames(t, c)
		}
	}
}

// checkGeneratedNames checks the words of c's expression that stand for
// columns (columnRef).
func (r *resolver) checkGeneratedNames(t *Table, c *Column) {
	words, ok := exprWords(c.GeneratedAs)
	if !ok {
		return // checkExprs reports it
	}
	names := make([]string, 0, len(t.Columns))
	for _, other := range t.Columns {
		names = append(names, other.Name)
	}
	for i := range words {
		name, ok := columnRef(c.GeneratedAs, words, i)
		if !ok {
			continue
		}
		p := c.Pos // the expression's own position is not kept; blame the column
		if other := t.Column(name); other != nil {
			if !slices.Contains(c.GeneratedFrom, other) {
				c.GeneratedFrom = append(c.GeneratedFrom, other)
			}
			if other.GeneratedAs != "" {
				r.diags.Errorf(p, p.Advance(c.Name), "generated column %s uses generated column %s", dsl.QuoteName(c.Name), dsl.QuoteName(name)).
					Hintf("PostgreSQL computes each from the other columns only: repeat %s's expression instead", name)
			}
			continue
		}
		if _, kw := pgKeywords[name]; kw {
			continue
		}
		if s := dsl.Misspelling(name, names); s != "" {
			r.diags.Errorf(p, p.Advance(c.Name), "unknown column %s in the expression of generated column %s", dsl.QuoteName(name), dsl.QuoteName(c.Name)).
				Hintf("did you mean %s?", dsl.QuoteName(s))
		}
	}
}
