package model

import (
	"regexp"
	"strings"
)

// RegclassLiteral matches a regclass literal as a default writes it,
// nextval('actor_actor_id_seq'::regclass), the name in its first group.
var RegclassLiteral = regexp.MustCompile(`'((?:[^']|'')*)'::regclass`)

// nextvalCall matches the sequence a nextval call names, with or without
// the ::regclass PostgreSQL adds (nextval('room_no_seq'::regclass),
// nextval('public."Seq"')), the literal's text in its first group.
var nextvalCall = regexp.MustCompile(`(?i)\bnextval\s*\(\s*'((?:[^']|'')*)'`)

// nextvalSequences lists the names the nextval calls of expr take numbers
// from, as written (qualified or not, quoted or not).
func nextvalSequences(expr string) []string {
	var out []string
	for _, m := range nextvalCall.FindAllStringSubmatch(expr, -1) {
		out = append(out, strings.ReplaceAll(m[1], "''", "'"))
	}
	return out
}

// checkSequenceRefs reports a default that names a declared sequence
// without its schema in a model with a schema: CREATE SEQUENCE puts the
// sequence in the model's schema, but PostgreSQL resolves the literal on
// the search path when the default is created, where ergen's DDL puts no
// schema of its own, and the CREATE TABLE would fail.
func (r *resolver) checkSequenceRefs() {
	if len(r.s.Sequences) == 0 || r.s.Name == "" || r.s.Name == "public" {
		return
	}
	declared := map[string]bool{}
	for _, sq := range r.s.Sequences {
		declared[sq.Name] = true
		declared[QuoteIdent(sq.Name)] = true
	}
	for _, t := range r.tables {
		for _, c := range t.Columns {
			for _, name := range nextvalSequences(c.Default) {
				if declared[name] && !strings.Contains(name, ".") {
					r.diags.Errorf(c.Pos, c.Pos.Advance(c.Name), "default of column %s.%s names sequence %s without its schema %s", t.label(), c.Name, name, r.s.Name).
						Hintf("PostgreSQL looks the name up on the search path when it creates the default; write nextval('%s.%s'::regclass)", QuoteIdent(r.s.Name), name)
				}
			}
		}
	}
}
