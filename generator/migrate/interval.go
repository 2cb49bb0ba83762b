package migrate

import (
	"slices"
	"strings"

	"github.com/ergen-dev/ergen/generator/model"
)

// intervalKeepsStorage reports whether PostgreSQL changes an interval
// column from one set of fields and precision to another without
// rewriting the table, as its interval_support finds (TestIntervalRewrites
// checks the rule on the server): always to a plain interval; otherwise
// when the new type's smallest field is no larger than the old one's
// (year to month, say, becomes day to second), and, when both reach the
// seconds, the new precision is 6 or more, none, or no less than an old
// one that was given.
func intervalKeepsStorage(from, to model.Type) bool {
	if to.Fields == "" && len(to.Params) == 0 {
		return true
	}
	smallest := func(t model.Type) int {
		if t.Fields == "" {
			return len(model.IntervalFields) - 1 // every field, to the second
		}
		words := strings.Fields(t.Fields)
		return slices.Index(model.IntervalFields, words[len(words)-1])
	}
	second := len(model.IntervalFields) - 1
	switch {
	case smallest(to) < smallest(from):
		return false
	case smallest(to) < second || smallest(from) < second:
		return true
	case len(to.Params) == 0 || to.Params[0] >= 6:
		return true
	}
	return len(from.Params) > 0 && to.Params[0] >= from.Params[0]
}
