package model

import "github.com/ergen-dev/ergen/dsl"

// checkCheckNames reports, in every CHECK of every table, the two ways a
// column name goes wrong that PostgreSQL would only find when the DDL is
// applied, or not at all: a name close to a column's but no column's
// (`qyt > 0` beside qty: "column does not exist"; a warning, since the
// word may be another thing), and a column whose name
// is a reserved word written without quotes (`check > 0`: a syntax
// error; `length(user)`: SQL's CURRENT_USER, not the column). Words that
// are no columns and resemble none are left to PostgreSQL, as in
// generated columns (checkGeneratedNames): extract(year from d) names no
// column.
func (r *resolver) checkCheckNames() {
	for _, t := range r.tables {
		names := make([]string, 0, len(t.Columns))
		for _, c := range t.Columns {
			names = append(names, c.Name)
		}
		for _, ck := range t.Checks {
			words, ok := exprWords(ck.Expr)
			if !ok {
				continue // checkExprs reports it
			}
			p, e := ck.Pos, ck.Pos.Advance("check")
			for i, w := range words {
				name, ok := columnRef(ck.Expr, words, i)
				if !ok {
					continue
				}
				cat, kw := pgKeywords[name]
				switch {
				case t.Column(name) != nil && kw && w.Kind == dsl.SQLIdent && cat != kwColName:
					r.diags.Errorf(p, e, "column %s is written without quotes in a check of %s, where it is an SQL key word", dsl.QuoteName(name), t.Name).
						Hintf("write it quoted: %s", QuoteIdent(name))
				case t.Column(name) != nil || kw:
				default:
					// A warning: the word may be none of the table's
					// (a function's argument), which PostgreSQL judges.
					if s := dsl.Misspelling(name, names); s != "" {
						d := r.diags.Warnf(p, e, "unknown column %s in a check of %s", dsl.QuoteName(name), t.Name)
						d.Hintf("did you mean %s?", dsl.QuoteName(s))
					}
				}
			}
		}
	}
}
