package catalog

import (
	"fmt"

	"github.com/ergen-dev/ergen/generator/model"
	"github.com/jackc/pgx/v5"
)

// preferIndexes gives each index the predicate and expression keys the
// caller prefers (ReadPreferring) where the server, given each in a
// constraint of a scratch copy of the table (probeIndexes), prints it
// back as it prints the index's own: the two are then the same stored
// expression.
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
// expression, "" for none, the same text, or another expression. A
// COLLATE over the whole of the caller's is left out: the server keeps
// it apart, as the key's collation.
func (r *reader) preferredKey(table string, ix *Index, k int) string {
	keys := r.prefer.Keys[table][ix.Name]
	if len(keys) != len(ix.Exprs) || ix.Exprs[k] == "" {
		return ""
	}
	want, _ := model.SplitCollation(keys[k])
	if want == string(ix.Exprs[k]) || !preferable(want, string(ix.Exprs[k])) {
		return ""
	}
	return want
}

// preferCollations gives each expression key of ix the collation the
// caller's spelling writes over the whole of it (exprKeyCollation)
// where the index has that collation though its definition does not
// print it: the expression's own (lower(code) over a column of collation
// "C"), which such a COLLATE only repeats. stored are the names of the
// keys' collations as indexesSQL reads them, printed or not.
func (r *reader) preferCollations(table string, ix *Index, stored []string) {
	keys := r.prefer.Keys[table][ix.Name]
	if len(keys) != len(ix.Exprs) {
		return
	}
	for k, x := range ix.Exprs {
		coll := exprKeyCollation(keys[k])
		if x == "" || coll == "" || k < len(ix.Collations) && ix.Collations[k] != "" || k >= len(stored) || stored[k] != coll {
			continue
		}
		if ix.Collations == nil {
			ix.Collations = make([]string, len(ix.Columns))
		}
		ix.Collations[k] = coll
	}
}

// probeIndexes tries the preferred spellings of the indexes of todo on
// the scratch copy of the table, in a savepoint it rolls back. No index is
// built: building one folds the constant calls and casts of its
// expressions, running functions, and a model is untrusted input. Each
// spelling and the database's own print are added instead as NOT VALID
// CHECK constraints, `(expr) IS NOT NULL`, which PostgreSQL only stores
// (reprint); the spelling is kept when the server prints the two alike,
// and Settled when it prints both.
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
	// want is orig when the server prints its constraint as it would
	// print orig's expression there, or, where the prints of a key and a
	// predicate set their parentheses otherwise, as it prints orig's text
	// read back (which joins a chain of ANDs the index's print nests).
	// answered is false where the server refused want or orig: it then
	// told nothing.
	alike := func(want, orig string) (same, answered bool, err error) {
		defs := []string{"CHECK ((" + want + ") IS NOT NULL)", "CHECK ((" + orig + ") IS NOT NULL)"}
		got, err := reprint(r, sp, "ALTER TABLE pg_temp.ergen_probe", defs)
		if err == nil && got == nil { // refused: one at a time, to tell
			got, err = reprintEach(r, sp, "ALTER TABLE pg_temp.ergen_probe", defs)
		}
		if err != nil || got == nil || got[0] == "" {
			return false, false, err
		}
		same = got[0] == "CHECK (("+orig+" IS NOT NULL))" || got[0] == got[1]
		return same, same || got[1] != "", nil
	}
	for _, ix := range todo {
		if want := r.preferredPredicate(t.Name, ix); want != "" {
			same, answered, err := alike(want, string(ix.Predicate))
			if err != nil {
				return err
			}
			if answered {
				PutSpelling(&r.cat.Settled.Predicates, t.Name, ix.Name, want)
			}
			if same {
				ix.Predicate = Expr(want)
			}
		}
		for k, x := range ix.Exprs {
			want := r.preferredKey(t.Name, ix, k)
			if want == "" {
				continue
			}
			same, answered, err := alike(want, string(x))
			if err != nil {
				return err
			}
			if answered {
				r.cat.Settled.settleKey(t.Name, ix.Name, len(ix.Exprs), k, want)
			}
			if same {
				ix.Exprs[k] = Expr(want)
			}
		}
	}
	return nil
}
