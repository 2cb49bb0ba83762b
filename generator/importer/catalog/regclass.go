package catalog

import (
	"strings"

	"github.com/ergen-dev/ergen/generator/model"
)

// qualifySequences writes the sequences that expr names by regclass
// literals with their schema, as Read prints them: PostgreSQL resolves
// the literal once, when the default is created, and stores the
// sequence's oid, which pg_get_expr prints qualified under Read's
// search_path. Only the model's declared sequences are qualified, with
// the model's schema, where CREATE SEQUENCE put them.
func qualifySequences(s *model.Schema, schema, expr string) string {
	if len(s.Sequences) == 0 || !strings.Contains(expr, "::regclass") {
		return expr
	}
	return model.RegclassLiteral.ReplaceAllStringFunc(expr, func(lit string) string {
		name := model.RegclassLiteral.FindStringSubmatch(lit)[1]
		for _, seq := range s.Sequences {
			if name == seq.Name || name == model.QuoteIdent(seq.Name) {
				return model.QuoteLiteral(model.QuoteIdent(schema)+"."+model.QuoteIdent(seq.Name)) + "::regclass"
			}
		}
		return lit
	})
}
