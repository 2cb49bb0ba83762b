package model

import (
	"errors"
	"fmt"

	"github.com/ergen-dev/ergen/dsl"
)

// Keywords are contextual, so a clause written wrong is often still valid
// syntax: `key surrogat` reads as an attribute named key of type surrogat,
// `unique email` as an attribute named unique of type email. Left alone,
// such a line fails as an unknown type, which sends the user looking in
// the wrong place. misreadClause recognises the clause the user meant.

// misreadClause reports whether a, an attribute of an entity (inEntity) or
// of a relationship block, is a clause written wrong rather than an
// attribute, and if so reports it. It only considers attributes whose type
// is unknown, except in a relationship that cannot have attributes (notMN),
// where any attribute named like a clause is one.
func (r *resolver) misreadClause(a *dsl.Attribute, inEntity, notMN bool) bool {
	word, next := a.Name.Value, a.Type.Name
	if !notMN {
		if _, err := parseType(typeName(a.Type), a.Type.Params, len(a.Type.Array)/2, r.enums); !errors.Is(err, errUnknownType) || r.surelyType(typeName(a.Type)) {
			return false
		}
	}
	var msg, hint string
	switch {
	case word == "table":
		msg = "the table name is a quoted string"
		hint = fmt.Sprintf("write table %s", dsl.QuoteName(next))
	case word == "comment":
		msg = "the comment is a quoted string"
		hint = fmt.Sprintf("write comment '%s'", next)
	case inEntity && (word == "unique" || word == "index" || word == "pk"):
		msg = fmt.Sprintf("`%s` takes its columns in parentheses", word)
		hint = fmt.Sprintf("write %s (%s)", word, next)
	case inEntity && next == "key" && dsl.Misspelling(word, []string{"primary"}) != "":
		// `primay key (id)` reads as an attribute of type key(id): the
		// word alone is wrong.
		p, e := at(a.Name)
		r.diags.Errorf(p, e, "misspelt keyword %s", dsl.QuoteName(word)).Hintf(`did you mean "primary"?`)
		return true
	case inEntity:
		return false
	case word == "on" && (next == "delete" || next == "update"):
		msg = fmt.Sprintf("`on %s` needs an action", next)
		hint = "follow it with no action, restrict, cascade, set null or set default"
	case word == "on":
		msg = "`on` is followed by delete or update"
		hint = "write on delete ACTION or on update ACTION"
	case word == "key":
		msg = fmt.Sprintf("unknown junction key %s", dsl.QuoteName(next))
		hint = "write key composite, key surrogate or key line"
		if s := dsl.Suggest(next, []string{"composite", "surrogate", "line"}); s != "" {
			hint = fmt.Sprintf("did you mean `key %s`?", s)
		}
	case word == "no":
		msg = "`no` is followed by index"
		hint = "write no index, or no index SIDE for one side of an M:N relationship"
	case word == "references":
		msg = "`references` takes its columns in parentheses"
		hint = fmt.Sprintf("write references (%s)", next)
	case word == "via" || word == "as" || word == "shared":
		msg = fmt.Sprintf("`%s` belongs on the relationship's first line", word)
		hint = fmt.Sprintf("move `%s %s` to the first line, before the {", word, next)
	case dsl.Misspelling(word, []string{"key"}) != "" && (next == "composite" || next == "surrogate" || next == "line"):
		msg = fmt.Sprintf("unknown clause %s", dsl.QuoteName(word))
		hint = fmt.Sprintf("did you mean `key %s`?", next)
	case word == "initially":
		msg = "`initially` follows deferrable"
		hint = "write deferrable initially deferred, or deferrable initially immediate"
	case notMN && dsl.Misspelling(word, relationshipClauses) != "":
		// A 1:N or 1:1 relationship has no attributes: this is a clause.
		msg = fmt.Sprintf("unknown clause %s", dsl.QuoteName(word))
		hint = fmt.Sprintf("did you mean `%s`?", dsl.Misspelling(word, relationshipClauses))
	default:
		return false
	}
	r.diags.Errorf(pos(a.Pos), pos(a.EndPos), "%s", msg).Hintf("%s", hint)
	return true
}

// relationshipClauses are the words that begin a clause of a relationship
// block.
var relationshipClauses = []string{"required", "optional", "deferrable", "initially", "constraint",
	"column", "columns", "references", "index", "key", "table", "comment"}
