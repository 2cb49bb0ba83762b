package importer

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/ergen-dev/ergen/dsl"
	"github.com/ergen-dev/ergen/generator/model"
)

// isName reports whether s can be written bare as a name in .er.
func isName(s string) bool { return dsl.IsName(s) }

// pascal turns a snake_case table name into an entity name: each word
// capitalised, runes that cannot appear in a name dropped.
func pascal(snake string) string {
	var b strings.Builder
	up := true
	for _, r := range snake {
		switch {
		case r == '_' || !(unicode.IsLetter(r) || unicode.IsDigit(r)):
			up = true
		case up:
			b.WriteRune(unicode.ToUpper(r))
			up = false
		default:
			b.WriteRune(r)
		}
	}
	s := b.String()
	if s == "" || unicode.IsDigit([]rune(s)[0]) {
		s = "T" + s
	}
	return s
}

// entityName is the singular PascalCase of a table: order_items ->
// OrderItem. Whether ergen derives the table back from it is asked of the
// model afterwards; the name only has to read well.
func entityName(table string) string {
	return pascal(model.Singular(table))
}

// names hands out names that are unique in one namespace.
type names map[string]bool

func (n names) take(name string) string {
	base := name
	for i := 2; n[name]; i++ {
		name = base + strconv.Itoa(i)
	}
	n[name] = true
	return name
}

// quote writes s as an .er string; ok is false when s cannot be one
// (strings end on the line they start on).
func quote(s string) (string, bool) {
	if strings.ContainsAny(s, "\r\n") {
		return "", false
	}
	return "'" + strings.ReplaceAll(s, "'", "''") + "'", true
}
