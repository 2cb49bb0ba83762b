package catalog

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/jackc/pgx/v5"
)

// PostgreSQL keeps no source text of a CHECK: it stores the parsed tree and
// prints it back with every implicit cast spelt out (`price >= 0` on a
// numeric column comes back as `price >= (0)::numeric`, `status IN ('a',
// 'b')` as `status = ANY (ARRAY['a'::text, 'b'::text])`). A model imported
// from that text is exact but reads unlike what anyone writes. So Read
// tries shorter spellings of each CHECK and keeps one only when the server,
// given it on a scratch copy of the table, prints back exactly the
// definition it printed for the original: the two are then the same stored
// expression, and the shorter text reproduces the constraint exactly.
// Where the server cannot be asked (a read-only transaction, no right to
// create temporary tables), the definitions stay as printed. A spelling
// the caller prefers (ReadPreferring: the model's own) is tried first, and
// kept on the same condition; where the server answers at all, alike or
// not, it is Settled, so that a comparison with the model may take the
// two texts as they are. A NOT VALID after the expression is kept.

// Spellings are a model's spellings of expressions the server prints in
// its own way.
type Spellings struct {
	// Checks are definitions of CHECK constraints ("CHECK (...)"), by the
	// name of their table or domain and then their own.
	Checks map[string]map[string]string
	// Predicates are the predicates of partial indexes ("(...)"), by the
	// name of their table and then their own.
	Predicates map[string]map[string]string
	// Keys are the keys of indexes, by the name of their table and then
	// their own: each expression key as written (lower(email), (a + b)),
	// "" for a column.
	Keys map[string]map[string][]string
}

// PutSpelling records in m (Spellings.Checks or Predicates, of the
// spellings a caller offers or of those the server judged: Catalog.Settled),
// under owner (a table or domain) and name, the spelling of that object's
// expression, making the maps it needs.
func PutSpelling(m *map[string]map[string]string, owner, name, spelling string) {
	if *m == nil {
		*m = map[string]map[string]string{}
	}
	if (*m)[owner] == nil {
		(*m)[owner] = map[string]string{}
	}
	(*m)[owner][name] = spelling
}

// settleKey records that the server judged spelling, the caller's
// spelling of the k-th of the n keys of index name of table.
func (s *Spellings) settleKey(table, name string, n, k int, spelling string) {
	if s.Keys == nil {
		s.Keys = map[string]map[string][]string{}
	}
	if s.Keys[table] == nil {
		s.Keys[table] = map[string][]string{}
	}
	if s.Keys[table][name] == nil {
		s.Keys[table][name] = make([]string, n)
	}
	s.Keys[table][name][k] = spelling
}

// shortenChecks replaces the Def of each table CHECK by the shortest
// spelling the server confirms; see above.
func (r *reader) shortenChecks() error {
	for i := range r.cat.Tables {
		t := &r.cat.Tables[i]
		todo := r.shortenable(t.Name, t.Checks)
		if len(todo) == 0 {
			continue
		}
		create := fmt.Sprintf("CREATE TEMP TABLE ergen_probe (LIKE %s)", pgx.Identifier{r.cat.Schema, t.Name}.Sanitize())
		if err := r.probe(create, "ALTER TABLE pg_temp.ergen_probe", t.Name, todo); err != nil {
			return err
		}
	}
	return nil
}

// shortenDomainChecks is shortenChecks for the CHECKs of domains, whose
// expressions read VALUE.
func (r *reader) shortenDomainChecks() error {
	for i := range r.cat.Domains {
		d := &r.cat.Domains[i]
		todo := r.shortenable(d.Name, d.Checks)
		if len(todo) == 0 {
			continue
		}
		create := "CREATE DOMAIN pg_temp.ergen_probe AS " + d.Type
		if err := r.probe(create, "ALTER DOMAIN pg_temp.ergen_probe", d.Name, todo); err != nil {
			return err
		}
	}
	return nil
}

// shortenable returns the checks of the table or domain named owner that
// have another spelling to try: a preferred one or a shorter one.
func (r *reader) shortenable(owner string, checks []Check) []*Check {
	var todo []*Check
	for j := range checks {
		ck := &checks[j]
		def, _ := cutNotValid(ck.Def)
		if r.preferred(owner, ck) != "" || shorter(def, true) != def {
			todo = append(todo, ck)
		}
	}
	return todo
}

// preferred is the spelling of ck the caller prefers, "" for none, for
// one that is already ck's, and for one that is not the same expression
// written otherwise (see preferable).
func (r *reader) preferred(owner string, ck *Check) string {
	def, _ := cutNotValid(ck.Def)
	if p := r.prefer.Checks[owner][ck.Name]; p != def && preferable(p, def) {
		return p
	}
	return ""
}

// preferable reports whether the server is to be asked about want, a
// caller's spelling of what it printed as got: only when the two read
// alike once casts, parentheses, case and the operators PostgreSQL
// rewrites are set aside (Expr.Equal). The server stays the judge; this
// only spares it texts that cannot be the same. The probes add NOT VALID
// CHECK constraints to a scratch table or domain (reprint), which
// PostgreSQL only stores, so no text of a model, which is untrusted input,
// runs a function there.
func preferable(want, got string) bool { return want != "" && Expr(want).Equal(Expr(got)) }

// cutNotValid splits def into the definition the server prints for a
// valid constraint and what follows it: " NOT VALID" or nothing.
func cutNotValid(def Expr) (string, string) {
	if d, ok := strings.CutSuffix(string(def), " NOT VALID"); ok {
		return d, " NOT VALID"
	}
	return string(def), ""
}

// probe creates a scratch object with create, then tries for each check
// the aggressive spelling, and where the server prints that back otherwise,
// the one that keeps the casts of columns. The candidates of a pass are
// tried in one batch, and one by one only when the server refuses the
// batch; a preferred spelling it prints back at all is Settled.
// Everything it creates is rolled back. A statement the server refuses
// only leaves a check as it was; an error reading the catalog is
// returned.
func (r *reader) probe(create, alter, owner string, checks []*Check) error {
	sp, err := r.tx.Begin(r.ctx)
	if err != nil {
		return err
	}
	defer sp.Rollback(r.ctx) //nolint:errcheck // a scratch object; nothing to keep
	if _, err := sp.Exec(r.ctx, create); err != nil {
		return nil // no scratch object: the checks stay as printed
	}
	passes := []func(ck *Check, def string) string{
		func(ck *Check, _ string) string { return r.preferred(owner, ck) },
		func(_ *Check, def string) string { return shorter(def, true) },
		func(_ *Check, def string) string { return shorter(def, false) },
	}
	for pass, candidate := range passes {
		var cands, suffixes []string
		var which, left []*Check
		for _, ck := range checks {
			def, suffix := cutNotValid(ck.Def)
			if cand := candidate(ck, def); cand != "" && cand != def {
				cands, which, suffixes = append(cands, cand), append(which, ck), append(suffixes, suffix)
			} else {
				left = append(left, ck)
			}
		}
		got, err := reprint(r, sp, alter, cands)
		if err == nil && got == nil {
			got, err = reprintEach(r, sp, alter, cands)
		}
		if err != nil {
			return err
		}
		for i, ck := range which {
			if pass == 0 && got[i] != "" {
				PutSpelling(&r.cat.Settled.Checks, owner, ck.Name, cands[i])
			}
			if def, _ := cutNotValid(ck.Def); got[i] == def {
				ck.Def = Expr(cands[i] + suffixes[i])
			} else {
				left = append(left, ck)
			}
		}
		checks = left
	}
	return nil
}

// reprint adds each of defs as a constraint to the scratch object inside
// a savepoint it rolls back, and returns the server's print of each, or
// nil when the server refuses one of them.
func reprint(r *reader, tx pgx.Tx, alter string, defs []string) ([]string, error) {
	if len(defs) == 0 {
		return nil, nil
	}
	sp, err := tx.Begin(r.ctx)
	if err != nil {
		return nil, err
	}
	defer sp.Rollback(r.ctx) //nolint:errcheck // scratch constraints
	// NOT VALID: a constraint added valid is checked against the rows,
	// and to do so the server first folds the constant calls and casts of
	// its expression, running functions (a cast may call one), though the
	// scratch object holds no row. Added NOT VALID, it is only stored.
	// The definitions are read as a model's DDL is, where public is on
	// the search path (an extension's operator, citext's ~~, is found
	// there); the server prints them back under pg_catalog alone, as Read
	// prints the originals.
	stmts := []string{"SET LOCAL search_path = public"}
	for i, def := range defs {
		stmts = append(stmts, fmt.Sprintf("%s ADD CONSTRAINT ergen_probe_%d %s NOT VALID", alter, i, def))
	}
	stmts = append(stmts, "SET LOCAL search_path = pg_catalog")
	if _, err := sp.Exec(r.ctx, strings.Join(stmts, ";\n")); err != nil {
		return nil, nil
	}
	rows, err := sp.Query(r.ctx, `SELECT conname::text, pg_get_constraintdef(oid) FROM pg_constraint
		WHERE connamespace = pg_my_temp_schema() AND conname LIKE 'ergen\_probe\_%'`)
	if err != nil {
		return nil, err
	}
	byName := map[string]string{}
	var name, got string
	if _, err := pgx.ForEachRow(rows, []any{&name, &got}, func() error { byName[name] = strings.TrimSuffix(got, " NOT VALID"); return nil }); err != nil {
		return nil, err
	}
	out := make([]string, len(defs))
	for i := range defs {
		out[i] = byName[fmt.Sprintf("ergen_probe_%d", i)]
	}
	return out, nil
}

// reprintEach is reprint one definition at a time, "" for one the server
// refuses.
func reprintEach(r *reader, tx pgx.Tx, alter string, defs []string) ([]string, error) {
	out := make([]string, len(defs))
	for i := range defs {
		one, err := reprint(r, tx, alter, defs[i:i+1])
		if err != nil {
			return nil, err
		}
		if one != nil {
			out[i] = one[0]
		}
	}
	return out, nil
}

// shorter returns def ("CHECK (...)") with the casts PostgreSQL adds
// dropped: those of constants ('a'::text, (0)::numeric, '-1'::integer)
// and, when aggressive, those of columns ((name)::text); `= ANY
// (ARRAY[...])` written as IN, `~~` and `OPERATOR(public.~~)` as
// `like` (and so for ILIKE and the negated ones), the parentheses PostgreSQL puts around
// each operand of AND and OR left out, and key words in lower case, as
// models write them. A definition with NOT VALID or NO
// INHERIT after its expression comes back as it is.
func shorter(def string, aggressive bool) string {
	if !strings.HasPrefix(def, "CHECK (") || !strings.HasSuffix(def, ")") {
		return def
	}
	var b strings.Builder
	for i := 0; i < len(def); {
		switch c := def[i]; {
		case c == '\'' || c == '"':
			end := quotedEnd(def, i)
			b.WriteString(def[i:end])
			i = end
		case c == ':' && strings.HasPrefix(def[i:], "::"):
			end := typeEnd(def, i+2)
			out := b.String()
			if kept, ok := dropCast(out, def[i+2:end], aggressive); ok {
				b.Reset()
				b.WriteString(kept)
				i = end
				continue
			}
			b.WriteString(def[i:end])
			i = end
		case i > 0 && def[i-1] == ' ' && reLikeOp.MatchString(def[i:]):
			m := reLikeOp.FindStringSubmatch(def[i:])
			b.WriteString(likeWords[m[1]+m[2]] + " ")
			i += len(m[0])
		default:
			b.WriteByte(c)
			i++
		}
	}
	expr := strings.TrimPrefix(inLists(b.String()), "CHECK ")
	return "CHECK " + lowerWords(logicParens(expr))
}

// reLikeOp is an operator LIKE and ILIKE become, as the server prints
// it, qualified (OPERATOR(public.~~), citext's) or not, then a space.
var reLikeOp = regexp.MustCompile(`^(?:OPERATOR\((?:[a-z_][a-z0-9_]*|"[^"]+")\.(!?~~\*?)\)|(!?~~\*?)) `)

// likeWords are the words a model writes for those operators: likeOps
// read the other way.
var likeWords = func() map[string]string {
	words := map[string]string{}
	for word, ops := range likeOps {
		words[ops[0]], words[ops[1]] = word, "not "+word
	}
	return words
}()

// quotedEnd returns the index after the quoted text that starts at s[i],
// a doubled quote standing for one.
func quotedEnd(s string, i int) int {
	q := s[i]
	for j := i + 1; j < len(s); j++ {
		if s[j] == q {
			if j+1 < len(s) && s[j+1] == q {
				j++
				continue
			}
			return j + 1
		}
	}
	return len(s)
}

// typeEnd returns the index just past the type name that starts at s[i],
// as PostgreSQL prints one after `::`: possibly qualified and quoted,
// several words (character varying, timestamp with time zone), modifiers
// and array brackets.
func typeEnd(s string, i int) int {
	word := func(i int) int {
		if i < len(s) && s[i] == '"' {
			return quotedEnd(s, i)
		}
		j := i
		for j < len(s) && (isIdentStart(s[j]) || isDigit(s[j])) {
			j++
		}
		return j
	}
	i = word(i)
	for i < len(s) && s[i] == '.' {
		i = word(i + 1)
	}
	for {
		switch {
		case i < len(s) && s[i] == '(':
			i = strings.IndexByte(s[i:], ')') + i + 1
		case i < len(s) && s[i] == '[':
			i = strings.IndexByte(s[i:], ']') + i + 1
		case i < len(s) && s[i] == ' ':
			j := word(i + 1)
			if !typeWords[s[i+1:j]] {
				return i
			}
			i = j
		default:
			return i
		}
	}
}

// numericTypes are the types a constant written as a bare number takes.
var numericTypes = map[string]bool{"integer": true, "bigint": true, "smallint": true, "numeric": true, "real": true, "double precision": true}

// dropCast drops the cast to typ that follows out: it returns out with the
// cast's operand unwrapped (`(0)` -> `0`, `'-1'` before an integer cast ->
// `-1`), or ok false when the operand is not one whose cast is dropped.
func dropCast(out, typ string, aggressive bool) (string, bool) {
	switch {
	case strings.HasSuffix(out, "'"):
		start := stringStart(out)
		if start < 0 {
			return "", false
		}
		lit := out[start:]
		if text := lit[1 : len(lit)-1]; numericTypes[typ] && isNumber(text) {
			return out[:start] + text, true
		}
		return out, true
	case strings.HasSuffix(out, ")"):
		open := strings.LastIndexByte(out, '(')
		if open > 0 && (isIdentStart(out[open-1]) || isDigit(out[open-1])) {
			return "", false // a call's arguments, f(x)::text
		}
		inner := out[open+1 : len(out)-1]
		if isNumber(inner) || aggressive && isPlainName(inner) {
			return out[:open] + inner, true
		}
	}
	return "", false
}

// stringStart returns where the string literal that ends out begins, or -1.
func stringStart(out string) int {
	i := len(out) - 1
	for {
		j := strings.LastIndexByte(out[:i], '\'')
		if j < 0 {
			return -1
		}
		if j > 0 && out[j-1] == '\'' { // a doubled quote inside the literal
			i = j - 1
			continue
		}
		return j
	}
}

// isPlainName reports whether s is one unquoted name, or a key word that
// stands for a value (VALUE).
func isPlainName(s string) bool {
	if s == "" || !isIdentStart(s[0]) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isIdentStart(s[i]) && !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// inLists rewrites `x = ANY (ARRAY[a, b])` as `x IN (a, b)` and `x <> ALL
// (ARRAY[a, b])` as `x NOT IN (a, b)`, which PostgreSQL stores alike.
func inLists(s string) string {
	for _, form := range [][2]string{{" = ANY (ARRAY[", " IN ("}, {" <> ALL (ARRAY[", " NOT IN ("}} {
		for {
			i := strings.Index(s, form[0])
			if i < 0 {
				break
			}
			start := i + len(form[0])
			end := strings.Index(s[start:], "])")
			if end < 0 || strings.ContainsAny(s[start:start+end], "[]'\"") && !literalList(s[start:start+end]) {
				break
			}
			s = s[:i] + form[1] + s[start:start+end] + ")" + s[start+end+2:]
		}
	}
	return s
}

// literalList reports whether s is a list of string literals and numbers,
// whose quotes hide no bracket that would end the list early.
func literalList(s string) bool {
	for i := 0; i < len(s); {
		switch c := s[i]; {
		case c == '\'':
			i = quotedEnd(s, i)
		case c == '[' || c == ']' || c == '"':
			return false
		default:
			i++
		}
	}
	return true
}

// lowerWords writes the unquoted words of s in lower case: PostgreSQL
// prints key words in upper case (AND, IS NOT NULL, VALUE) and every
// name that is not lower case quoted, so these are key words only.
func lowerWords(s string) string {
	b := []byte(s)
	for i := 0; i < len(b); {
		switch c := b[i]; {
		case c == '\'' || c == '"':
			i = quotedEnd(s, i)
		default:
			if c >= 'A' && c <= 'Z' {
				b[i] = c + 'a' - 'A'
			}
			i++
		}
	}
	return string(b)
}

// logicParens leaves out the parentheses around an operand of AND or OR
// that has no AND or OR of its own: `(a > 0) AND (b > 0)` is `a > 0 AND
// b > 0`, as AND and OR bind least (NOT, IS and comparisons more).
func logicParens(s string) string {
	var open []int
	drop := map[int]bool{}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\'', '"':
			i = quotedEnd(s, i) - 1
		case '(':
			open = append(open, i)
		case ')':
			if len(open) == 0 {
				return s
			}
			o := open[len(open)-1]
			open = open[:len(open)-1]
			before, after := strings.TrimRight(s[:o], " "), strings.TrimLeft(s[i+1:], " ")
			lb, la := logicWord(lastWord(before)), logicWord(firstWord(after))
			if (lb || strings.HasSuffix(before, "(")) && (la || strings.HasPrefix(after, ")")) && (lb || la) && !hasLogic(s[o+1:i]) {
				drop[o], drop[i] = true, true
			}
		}
	}
	if len(drop) == 0 {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if !drop[i] {
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

func logicWord(w string) bool { return strings.EqualFold(w, "and") || strings.EqualFold(w, "or") }

// lastWord and firstWord are the word s ends or starts with, or "".
func lastWord(s string) string {
	i := len(s)
	for i > 0 && isIdentStart(s[i-1]) {
		i--
	}
	return s[i:]
}

func firstWord(s string) string {
	i := 0
	for i < len(s) && isIdentStart(s[i]) {
		i++
	}
	return s[:i]
}

// hasLogic reports whether s has AND or OR outside parentheses and
// quotes.
func hasLogic(s string) bool {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\'' || c == '"':
			i = quotedEnd(s, i) - 1
		case c == '(':
			depth++
		case c == ')':
			depth--
		case depth == 0 && isIdentStart(c) && (i == 0 || !isIdentStart(s[i-1]) && !isDigit(s[i-1])):
			w := firstWord(s[i:])
			if logicWord(w) {
				return true
			}
			i += len(w) - 1
		}
	}
	return false
}
