package model

import "testing"

// TestSplitCollation: the COLLATE over the whole of a key's expression
// is split off as PostgreSQL splits it when it builds the index; one
// over an operand only, or after an operator that binds less tightly,
// stays in the expression.
func TestSplitCollation(t *testing.T) {
	for _, tc := range []struct{ expr, rest, coll string }{
		{`(lower(code) collate "C")`, `lower(code)`, "C"},
		{`((lower(code)) COLLATE "POSIX")`, `lower(code)`, "POSIX"},
		{`(code collate ucs_basic)`, `code`, "ucs_basic"},
		{`(code::text collate pg_catalog."C")`, `code::text`, "C"},
		{`((code collate "C") collate "POSIX")`, `code`, "POSIX"},
		{`(case when a then b else c end collate "C")`, `case when a then b else c end`, "C"},
		{`(a || b collate "C")`, `(a || b collate "C")`, ""},
		{`(a is null collate "C")`, `(a is null collate "C")`, ""},
		{`(collate "C")`, `(collate "C")`, ""},
		{`lower(code)`, `lower(code)`, ""},
		{`(lower(code) collate "C"`, `(lower(code) collate "C"`, ""},
	} {
		rest, coll := SplitCollation(tc.expr)
		if rest != tc.rest || coll != tc.coll {
			t.Errorf("SplitCollation(%s) = %q, %q; want %q, %q", tc.expr, rest, coll, tc.rest, tc.coll)
		}
	}
}

// TestStoredKey: an expression key that is only a column, collated or
// not, is stored as the column's key.
func TestStoredKey(t *testing.T) {
	s := resolveSrc(t, `entity Item {
  id   serial pk
  code text
}
`)
	items := table(t, s, "items")
	for _, tc := range []struct{ expr, col, rest, coll string }{
		{`(code collate "C")`, "code", "", "C"},
		{`((code))`, "code", "", ""},
		{`(lower(code) collate "C")`, "", "lower(code)", "C"},
		{`(code || 'x')`, "", "(code || 'x')", ""},
	} {
		k := items.StoredKey(IndexKey{Expr: tc.expr})
		col := ""
		if k.Column != nil {
			col = k.Column.Name
		}
		if col != tc.col || k.Expr != tc.rest || k.Collation != tc.coll {
			t.Errorf("StoredKey(%s) = column %q, %q, %q; want %q, %q, %q", tc.expr, col, k.Expr, k.Collation, tc.col, tc.rest, tc.coll)
		}
	}
}
