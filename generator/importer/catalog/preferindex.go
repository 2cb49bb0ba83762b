package catalog

import (
	"fmt"

	"github.com/jackc/pgx/v5"
)

// preferIndexes gives each index the predicate and expression keys the
// caller prefers (ReadPreferring) where the server, given each on a
// scratch index of a scratch copy of the table, prints it back exactly as
// it prints the index's own: the two are then the same stored expression.
func (r *reader) preferIndexes() error {
	for i := range r.cat.Tables {
		t := &r.cat.Tables[i]
		var todo []*Index
		for j := range t.Indexes {
			if r.preferredIndex(t.Name, &t.Indexes[j]) {
				todo = append(todo, &t.Indexes[j])
			}
		}
		if len(todo) == 0 {
			continue
		}
		if err := r.probeIndexes(t, todo); err != nil {
			return err
		}
	}
	return nil
}

// preferredIndex reports whether the caller spells ix's predicate or one
// of its expression keys otherwise than the server printed it.
func (r *reader) preferredIndex(table string, ix *Index) bool {
	if r.preferredPredicate(table, ix) != "" {
		return true
	}
	for k := range ix.Exprs {
		if r.preferredKey(table, ix, k) != "" {
			return true
		}
	}
	return false
}

// preferredPredicate is the caller's spelling of ix's predicate, "" for
// none, the same text, or another expression (preferable).
func (r *reader) preferredPredicate(table string, ix *Index) string {
	if p := r.prefer.Predicates[table][ix.Name]; ix.Predicate != "" && p != string(ix.Predicate) && preferable(p, string(ix.Predicate)) {
		return p
	}
	return ""
}

// preferredKey is the caller's spelling of ix's k-th key when it is an
// expression, "" for none, the same text, or another expression.
func (r *reader) preferredKey(table string, ix *Index, k int) string {
	keys := r.prefer.Keys[table][ix.Name]
	if len(keys) != len(ix.Exprs) || ix.Exprs[k] == "" || keys[k] == string(ix.Exprs[k]) || !preferable(keys[k], string(ix.Exprs[k])) {
		return ""
	}
	return keys[k]
}

// probeIndexes tries the preferred spellings of the indexes of todo, one
// scratch index each, in a savepoint it rolls back. A spelling the server
// refuses, or prints otherwise, leaves the index as it was read.
func (r *reader) probeIndexes(t *Table, todo []*Index) error {
	sp, err := r.tx.Begin(r.ctx)
	if err != nil {
		return err
	}
	defer sp.Rollback(r.ctx) //nolint:errcheck // scratch objects
	create := fmt.Sprintf("CREATE TEMP TABLE ergen_probe (LIKE %s)", pgx.Identifier{r.cat.Schema, t.Name}.Sanitize())
	if _, err := sp.Exec(r.ctx, create); err != nil {
		return nil // no scratch table: the indexes stay as printed
	}
	for _, ix := range todo {
		// A constant key takes any predicate the table takes, whatever
		// its columns' types.
		if want := r.preferredPredicate(t.Name, ix); want != "" {
			got, err := reprintIndex(r, sp, "((1)) WHERE "+want, "pg_get_expr(indpred, indrelid)")
			if err != nil {
				return err
			}
			if got == string(ix.Predicate) {
				ix.Predicate = Expr(want)
			}
		}
		for k := range ix.Exprs {
			want := r.preferredKey(t.Name, ix, k)
			if want == "" {
				continue
			}
			// A COLLATE around a key becomes the index column's collation,
			// which pg_get_indexdef does not print with the key: the
			// collations are compared beside the prints.
			const keyPrint = "pg_get_indexdef(indexrelid, %s, true) || ' ' || indcollation[%s - 1]::oid::text"
			got, err := reprintIndex(r, sp, "("+want+")", fmt.Sprintf(keyPrint, "1", "1"))
			if err != nil {
				return err
			}
			var orig string
			q := "SELECT " + fmt.Sprintf(keyPrint, "$2::int", "$2::int") + " FROM pg_index WHERE indexrelid = $1::regclass"
			if err := sp.QueryRow(r.ctx, q, pgx.Identifier{r.cat.Schema, ix.Name}.Sanitize(), k+1).Scan(&orig); err != nil {
				return err
			}
			if got == orig {
				ix.Exprs[k] = Expr(want)
			}
		}
	}
	return nil
}

// reprintIndex builds a scratch index "ON ergen_probe " + spec in a
// savepoint it rolls back, and returns print (an expression over its
// pg_index row) for it, or "" when the server refuses spec.
func reprintIndex(r *reader, tx pgx.Tx, spec, print string) (string, error) {
	one, err := tx.Begin(r.ctx)
	if err != nil {
		return "", err
	}
	defer one.Rollback(r.ctx) //nolint:errcheck // a scratch index
	if _, err := one.Exec(r.ctx, "CREATE INDEX ergen_probe_ix ON pg_temp.ergen_probe "+spec); err != nil {
		return "", nil
	}
	var got string
	err = one.QueryRow(r.ctx, "SELECT "+print+" FROM pg_index WHERE indexrelid = 'pg_temp.ergen_probe_ix'::regclass").Scan(&got)
	return got, err
}
