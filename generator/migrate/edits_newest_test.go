package migrate_test

import (
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
)

// The edits of the language's newest constructs: a check made `not
// valid` or validated, an index key's collation, a sequence's settings
// and an interval's fields. They join the catalogue from a file of their
// own, after every other edit.
func init() {
	edits = append(edits,
		edit{"make a check not valid", replaceIn(entityBody, checkEnd, "$1 not valid$2")},
		edit{"validate a check", replaceIn(entityBody, regexp.MustCompile(`^(  .*check \(.*\)(?: as \S+)?) not valid(.*)$`), "$1$2")},
		edit{"collate an index key", replaceIn(entityBody, regexp.MustCompile(`^(  (?:unique index|unique|index) \()([a-z_0-9]+)([,) ])`), `${1}${2} collate "C"${3}`)},
		edit{"change an index key's collation", changeKeyCollation},
		edit{"drop an index key's collation", replaceIn(entityBody, regexp.MustCompile(`^(  (?:unique index|unique|index) \(.*) collate "[^"]+"`), "$1")},
		edit{"change a sequence's settings", changeSequenceSettings},
		edit{"change an interval's fields", changeIntervalFields},
		edit{"change an identity's settings", changeIdentitySettings},
	)
}

// identityLine matches an identity column of an entity, with the settings
// of its sequence in the third group, parentheses included.
var identityLine = regexp.MustCompile(`^(  \S+ (?:smallint|integer|bigint) generated (?:always|by default) as identity)( \([^)]*\))?(.*)$`)

// changeIdentitySettings gives an identity column's sequence settings
// that keep the numbers it has handed out within its bounds (a cache, a
// step, a larger maximum, cycle), or takes them away.
func changeIdentitySettings(r *rand.Rand, lines []string, _ int) ([]string, bool) {
	i, m := pickMatch(r, lines, entityBody(lines), identityLine)
	if i < 0 {
		return nil, false
	}
	settings := ""
	if m[2] == "" {
		settings = " (" + []string{"cache 5", "increment 3", "maxvalue 32000 cycle", "start 1000 increment 5"}[r.IntN(4)] + ")"
	}
	out := slices.Clone(lines)
	out[i] = m[1] + settings + m[3]
	return out, true
}

// checkEnd matches an entity line whose check, last or followed by a
// comment, is still valid.
var checkEnd = regexp.MustCompile(`^(  .*check \([^']*\)(?: as [a-z_0-9]+)?)((?: unique)?(?: comment '.*')?)$`)

var keyCollation = regexp.MustCompile(`^  (?:unique index|unique|index) \(.* collate "([^"]+)"`)

// changeKeyCollation gives an index key that has a collation another one.
func changeKeyCollation(r *rand.Rand, lines []string, _ int) ([]string, bool) {
	i, m := pickMatch(r, lines, entityBody(lines), keyCollation)
	if i < 0 {
		return nil, false
	}
	next := map[string]string{"C": "POSIX", "POSIX": "ucs_basic", "ucs_basic": "C"}[m[1]]
	out := slices.Clone(lines)
	out[i] = strings.Replace(lines[i], `collate "`+m[1]+`"`, `collate "`+next+`"`, 1)
	return out, next != ""
}

func sequenceLines(lines []string) []int { return linesStarting(lines, "sequence ") }

// linesStarting picks the lines that start with prefix: the declarations
// of one kind.
func linesStarting(lines []string, prefix string) []int {
	var out []int
	for i, l := range lines {
		if strings.HasPrefix(l, prefix) {
			out = append(out, i)
		}
	}
	return out
}

// changeSequenceSettings changes one setting of a declared sequence in a
// way that keeps the numbers it has handed out within its bounds: the
// cache, cycle, the step of an ascending one, a larger maximum, or a
// type of its own.
func changeSequenceSettings(r *rand.Rand, lines []string, _ int) ([]string, bool) {
	seqs := sequenceLines(lines)
	if len(seqs) == 0 {
		return nil, false
	}
	i := seqs[r.IntN(len(seqs))]
	l := lines[i]
	switch x := r.IntN(5); {
	case x == 0 && strings.Contains(l, " cache 20"):
		l = strings.Replace(l, " cache 20", "", 1)
	case x == 0:
		l += " cache 5"
	case x == 1 && strings.Contains(l, " cycle"):
		l = strings.Replace(l, " cycle", "", 1)
	case x == 1:
		l += " cycle"
	case x == 2 && !strings.Contains(l, "increment"):
		l += " increment 3"
	case x == 2 && strings.Contains(l, "increment 10"):
		l = strings.Replace(l, "increment 10", "increment 7", 1)
	case x == 3 && strings.Contains(l, "maxvalue 30000"):
		l = strings.Replace(l, "maxvalue 30000", "maxvalue 31000", 1)
	case x == 3 && !strings.Contains(l, "maxvalue") && !strings.Contains(l, "increment -"):
		l += " maxvalue 32000"
	case x == 4 && !strings.Contains(l, " as "):
		l += " as integer"
	default:
		return nil, false
	}
	out := slices.Clone(lines)
	out[i] = l
	return out, true
}

var intervalType = regexp.MustCompile(`^(  [a-z_0-9]+ )interval(?: (?:year|month|day|hour|minute|second)(?: to (?:month|hour|minute|second))?)?(?:\(\d\))?([\[?\s]|$)`)

// intervalFieldSpecs are the fields an interval column is given.
var intervalFieldSpecs = []string{"interval", "interval day to second(3)", "interval year to month", "interval hour",
	"interval day to minute", "interval(2)", "interval minute to second(0)"}

// changeIntervalFields gives an interval column other fields or another
// precision.
func changeIntervalFields(r *rand.Rand, lines []string, _ int) ([]string, bool) {
	i, _ := pickMatch(r, lines, attributes(lines), intervalType)
	if i < 0 {
		return nil, false
	}
	out := slices.Clone(lines)
	out[i] = intervalType.ReplaceAllString(lines[i], "${1}"+intervalFieldSpecs[r.IntN(len(intervalFieldSpecs))]+"$2")
	return out, out[i] != lines[i]
}
