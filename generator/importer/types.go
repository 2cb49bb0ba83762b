package importer

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator/importer/catalog"
	"github.com/ergen-dev/ergen/generator/model"
)

// sameSpelling lists the types format_type prints as .er writes them.
var sameSpelling = map[string]bool{
	"smallint": true, "integer": true, "bigint": true, "real": true, "double precision": true,
	"text": true, "boolean": true, "date": true, "interval": true, "uuid": true, "json": true,
	"jsonb": true, "bytea": true, "inet": true, "cidr": true, "numeric": true,
}

var (
	reNumeric  = regexp.MustCompile(`^numeric\((\d+),(\d+)\)$`)
	reVarchar  = regexp.MustCompile(`^character varying(\(\d+\))?$`)
	reChar     = regexp.MustCompile(`^character(\(\d+\))$`)
	reDateTime = regexp.MustCompile(`^(time|timestamp)(\(\d+\))? with(out)? time zone$`)
	// reInterval is an interval with fields or a precision, which .er
	// spells as format_type does: interval day to second(3).
	reInterval = regexp.MustCompile(`^interval(?: (?:year|month|day|hour|minute|second)(?: to (?:month|hour|minute|second))?)?(?:\(\d+\))?$`)
)

// reExternal matches format_type's spelling of a type the language knows
// by name only: PostgreSQL's own unqualified (tsvector, bit varying(8)),
// any other qualified (public.citext), with modifiers, numbers or names
// (public.geometry(Point,4326)).
var reExternal = regexp.MustCompile(`^(?:([a-z_][a-z0-9_]*)\.)?([a-z_][a-z0-9_]*|bit varying)(?:\((\w+(?:,\w+)*)\))?$`)

// externalName is how .er writes a type reExternal matched: PostgreSQL's
// own types that the language takes by name as they are, its others
// qualified with pg_catalog, so that none reads as a misspelling.
func externalName(m []string) string {
	schema, name := m[1], m[2]
	if name == "bit varying" {
		name = "varbit"
	}
	if schema == "" && !model.IsPostgresType(name) {
		schema = "pg_catalog"
	}
	if schema != "" {
		name = schema + "." + name
	}
	if m[3] != "" {
		name += "(" + strings.ReplaceAll(m[3], ",", ", ") + ")"
	}
	return name
}

// erType returns how .er writes a column's type, without nullability:
// format_type's spelling mapped back (character varying(20) -> varchar(20)),
// an enum by its .er name, one [] per declared dimension. ok is false for
// a type the language has no spelling for.
func (im *importer) erType(c *catalog.Column) (string, bool) {
	base, arr := strings.CutSuffix(c.Type, "[]")
	var name string
	switch {
	case sameSpelling[base]:
		name = base
	case reInterval.MatchString(base):
		name = base
	case reNumeric.MatchString(base):
		m := reNumeric.FindStringSubmatch(base)
		name = "numeric(" + m[1] + ", " + m[2] + ")"
	case reVarchar.MatchString(base):
		name = "varchar" + reVarchar.FindStringSubmatch(base)[1]
	case reChar.MatchString(base):
		name = "char" + reChar.FindStringSubmatch(base)[1]
	case reDateTime.MatchString(base):
		m := reDateTime.FindStringSubmatch(base)
		name = m[1]
		if m[3] == "" {
			name += "tz"
		}
		name += m[2]
	case im.enumByType[base] != nil:
		e := im.enumByType[base]
		if e.name == "" {
			return "", false
		}
		name = e.name
	case im.domainByType[base] != nil:
		if im.domainByType[base].name == "" {
			return "", false
		}
		name = im.domainByType[base].name
	case quotedName(im.cat.ByName, base) != "":
		name = quotedName(im.cat.ByName, base)
	case reExternal.MatchString(base):
		m := reExternal.FindStringSubmatch(base)
		if slices.Contains(im.cat.Uncreatable, base) {
			// A type of the schema the model would have to create.
			return "", false
		}
		// A type of ByName is kept: the model names it, and the
		// importer notes that it must exist first (byNameNote).
		name = externalName(m)
	default:
		return "", false
	}
	dims := c.Dims
	if arr && dims == 0 {
		dims = 1
	}
	return name + strings.Repeat("[]", dims), true
}

// noSpelling says why erType found no spelling for typ, a column's or a
// domain's type.
func (im *importer) noSpelling(typ string) string {
	if slices.Contains(im.cat.Uncreatable, strings.TrimSuffix(typ, "[]")) {
		return fmt.Sprintf("type %s is the schema's own, which a model cannot create, so the model leaves it out", typ)
	}
	return fmt.Sprintf("type %s has no .er spelling", typ)
}

// reQuotedPart is a part of a type's name that format_type quotes and
// that .er writes bare, in a `type` declaration (other."Mood2" is
// other.Mood2).
var reQuotedPart = regexp.MustCompile(`^(?:[a-z_][a-z0-9_]*|"[A-Za-z_][A-Za-z0-9_]*")$`)

// quotedName is how .er writes typ, a type of byName (Catalog.ByName)
// with a modifier or not, when format_type quotes its name: the parts
// unquoted, which a `type` declaration of that spelling makes the DDL
// quote again; "" for another type.
func quotedName(byName []string, typ string) string {
	mods := reModifiers.FindString(typ)
	base := strings.TrimSuffix(typ, mods)
	if !strings.Contains(base, `"`) || !slices.Contains(byName, base) {
		return ""
	}
	parts := strings.Split(base, ".")
	for i, p := range parts {
		if !reQuotedPart.MatchString(p) {
			return ""
		}
		parts[i] = strings.Trim(p, `"`)
	}
	return strings.Join(parts, ".") + mods
}

// reModifiers is the modifiers of a type as format_type prints them.
var reModifiers = regexp.MustCompile(`\([^()]*\)$`)

// byNameNote says, for typ, a column's or a domain's type, of one the
// model names without creating it (Catalog.ByName), that the type must
// exist before the model's DDL; "" for another type.
func (im *importer) byNameNote(typ string) string {
	base := reModifiers.ReplaceAllString(strings.TrimRight(typ, "[]"), "")
	if !slices.Contains(im.cat.ByName, base) {
		return ""
	}
	return fmt.Sprintf("type %s is named, not created, by the model: create it before the model's DDL, which fails without it", base)
}

// serialOf returns serial, bigserial or smallserial when c is what a
// serial column is: a NOT NULL integer column whose default is nextval of
// the sequence of the schema it owns, named as PostgreSQL names a serial
// column's (settings of its own are noted, as the comparison of the
// catalogs finds them); "" otherwise. A column that takes numbers from a
// sequence another column owns, or that owns one otherwise, keeps its
// default, and the sequence is declared (see declaredSequences).
func (im *importer) serialOf(t *catalog.Table, c *catalog.Column) string {
	serial := map[string]string{"integer": "serial", "bigint": "bigserial", "smallint": "smallserial"}[c.Type]
	seq := nextvalOf(im.cat.Schema, c)
	if serial == "" || c.Dims != 0 || seq == "" || !c.NotNull {
		return ""
	}
	if catalog.SequenceName(c.Sequence) == seq && serialName(t.Name, c.Name, seq) {
		return serial
	}
	// A sequence no column owns and the model cannot declare still makes
	// a serial when it has the name serial would give it (pg_dump writes
	// serial columns that way); the comparison of the catalogs notes that
	// it is owned afterwards.
	if found, _ := im.standaloneSequence(seq); found && c.Sequence == "" && seq == model.SerialSequence(t.Name, c.Name) {
		return serial
	}
	return ""
}

// serialName reports whether seq is a name PostgreSQL gives the sequence
// of serial column column of table: table_column_seq, cut to fit, or with
// seq1, seq2, ... when the name was taken. Which one ergen's DDL gets is
// left to the comparison of the catalogs.
func serialName(table, column, seq string) bool {
	tries := 0
	return model.SequenceName(table, column, func(n string) bool {
		tries++
		return n != seq && tries < 100
	}) == seq
}

// nextvalOf returns the sequence of the schema a column's default takes
// nextval of, or "".
func nextvalOf(schema string, c *catalog.Column) string {
	m := reNextval.FindStringSubmatch(string(c.Default))
	if m == nil {
		return ""
	}
	seq, ok := strings.CutPrefix(strings.ReplaceAll(m[1], "''", "'"), model.QuoteIdent(schema)+".")
	if !ok {
		return ""
	}
	// regclass quotes a name that is not all lower-case ASCII letters,
	// digits and underscores: "éclairs_id_seq".
	seq = model.UnquoteIdent(seq)
	if !isName(seq) {
		return ""
	}
	return seq
}

var reLiteralCast = regexp.MustCompile(`^('(?:[^']|'')*')::(.+)$`)

var reNextval = regexp.MustCompile(`^nextval\('((?:[^']|'')*)'::regclass\)$`)

// defaultExpr returns the default as .er can write it, or ok false. Casts
// to the schema's own types are dropped: PostgreSQL prints them qualified,
// which .er cannot spell, and the literal takes the column's type anyway.
func (im *importer) defaultExpr(c *catalog.Column) (string, bool) {
	s := string(c.Default)
	// A literal cast to the column's own type is how PostgreSQL stores a
	// bare literal: 'pending' comes back as 'pending'::text, and a
	// negative number, whatever the column's type, as one cast to the
	// type the number has: -1 as '-1'::integer, -1.5 as '-1.5'::numeric.
	if m := reLiteralCast.FindStringSubmatch(s); m != nil {
		if n := m[1][1 : len(m[1])-1]; numberType(n) == m[2] {
			s = n
		} else if m[2] == c.Type {
			s = m[1]
		}
	}
	// PostgreSQL spells SQL's value functions in upper case; models, as
	// the rest of .er, in lower case.
	if u := strings.ToUpper(s); u == s && valueFunctions[strings.ToLower(s)] {
		s = strings.ToLower(s)
	}
	for q := range im.enumByType {
		s = strings.ReplaceAll(s, "::"+q+"[]", "")
		s = strings.ReplaceAll(s, "::"+q, "")
	}
	src := "entity X {\n  x text = " + s + "\n}\n"
	if _, diags := dsl.Parse("default.er", []byte(src)); diags.HasErrors() {
		return "", false
	}
	return s, true
}

var reNegative = regexp.MustCompile(`^-(\d+)(\.\d+)?$`)

// numberType is the type PostgreSQL gives the negative number n written
// bare: integer, bigint beyond integer's range, numeric beyond bigint's
// or with a fraction; "" when n is not one.
func numberType(n string) string {
	m := reNegative.FindStringSubmatch(n)
	switch {
	case m == nil:
		return ""
	case m[2] != "":
		return "numeric"
	}
	if _, err := strconv.ParseInt(n, 10, 32); err == nil {
		return "integer"
	}
	if _, err := strconv.ParseInt(n, 10, 64); err == nil {
		return "bigint"
	}
	return "numeric"
}

// valueFunctions are SQL's functions called without parentheses, which
// PostgreSQL prints in upper case (system_user from PostgreSQL 16 on).
var valueFunctions = map[string]bool{
	"current_date": true, "current_time": true, "current_timestamp": true, "localtime": true, "localtimestamp": true,
	"current_user": true, "current_role": true, "session_user": true, "user": true, "current_catalog": true, "current_schema": true,
	"system_user": true,
}

// checkExpr returns the parenthesised expression of a CHECK constraint's
// definition, or ok false when .er cannot hold it.
func checkExpr(c catalog.Check) (string, bool) {
	// NOT VALID is not part of the expression; the comparison of the
	// catalogs reports it.
	s, ok := strings.CutPrefix(strings.TrimSuffix(string(c.Def), " NOT VALID"), "CHECK ")
	if !ok || strings.HasSuffix(s, " NO INHERIT") {
		return "", false
	}
	// pg_get_constraintdef wraps the expression in a second pair of
	// parentheses: CHECK ((quantity > 0)).
	if inner := s[1 : len(s)-1]; strings.HasPrefix(inner, "(") && strings.HasSuffix(inner, ")") && balanced(inner[1:len(inner)-1]) {
		s = inner
	}
	src := fmt.Sprintf("entity X {\n  check %s\n}\n", s)
	if _, diags := dsl.Parse("check.er", []byte(src)); diags.HasErrors() {
		return "", false
	}
	return s, true
}

// balanced reports whether the parentheses of s, read as PostgreSQL
// reads it (dsl.ScanSQL: strings, quoted names and comments are no
// brackets), never close more than they opened and end closed.
func balanced(s string) bool {
	toks, err := dsl.ScanSQL(s)
	if err != nil {
		return false
	}
	depth := 0
	for _, t := range toks {
		if t.Kind != dsl.SQLSelf {
			continue
		}
		switch s[t.Off] {
		case '(':
			depth++
		case ')':
			if depth--; depth < 0 {
				return false
			}
		}
	}
	return depth == 0
}
