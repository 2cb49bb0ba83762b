package model

import (
	"slices"
	"strings"

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
				r.diags.Errorf(p, e, "generated column %q cannot have a default", c.Name).Hintf("its value is always its expression")
				continue
			case c.Identity != NoIdentity || c.Type.IsSerial():
				r.diags.Errorf(p, e, "generated column %q cannot be an identity or serial column", c.Name)
				continue
			}
			r.checkGeneratedNames(t, c)
		}
	}
}

// checkGeneratedNames checks the words of c's expression that stand for
// columns: not followed by "(" (a call), "." or a string (a typed
// literal), not after "::" or ".".
func (r *resolver) checkGeneratedNames(t *Table, c *Column) {
	toks, err := dsl.ScanSQL(c.GeneratedAs)
	if err != nil {
		return // checkExprs reports it
	}
	var words []dsl.SQLToken
	for _, tk := range toks {
		if tk.Kind != dsl.SQLSpace && tk.Kind != dsl.SQLComment {
			words = append(words, tk)
		}
	}
	text := func(i int) string { return c.GeneratedAs[words[i].Off:words[i].End] }
	names := make([]string, 0, len(t.Columns))
	for _, other := range t.Columns {
		names = append(names, other.Name)
	}
	for i, tk := range words {
		if tk.Kind != dsl.SQLIdent && tk.Kind != dsl.SQLQuoted {
			continue
		}
		if i > 0 && (text(i-1) == "::" || text(i-1) == ".") {
			continue
		}
		if i+1 < len(words) && (text(i+1) == "(" || text(i+1) == "." || words[i+1].Kind == dsl.SQLString) {
			continue
		}
		name := strings.ToLower(text(i))
		if tk.Kind == dsl.SQLQuoted {
			name = UnquoteIdent(text(i))
		}
		name = ColumnIdent(name)
		p := c.Pos // the expression's own position is not kept; blame the column
		if other := t.Column(name); other != nil {
			if !slices.Contains(c.GeneratedFrom, other) {
				c.GeneratedFrom = append(c.GeneratedFrom, other)
			}
			if other.GeneratedAs != "" {
				r.diags.Errorf(p, p.Advance(c.Name), "generated column %q uses generated column %q", c.Name, name).
					Hintf("PostgreSQL computes each from the other columns only: repeat %s's expression instead", name)
			}
			continue
		}
		if _, kw := pgKeywords[name]; kw {
			continue
		}
		if s := dsl.Misspelling(name, names); s != "" {
			r.diags.Errorf(p, p.Advance(c.Name), "unknown column %q in the expression of generated column %q", name, c.Name).
				Hintf("did you mean %q?", s)
		}
	}
}
