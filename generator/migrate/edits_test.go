package migrate_test

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
)

// An edit changes a randmodel source the way a person edits a model: it
// returns the new lines, or false when it finds nothing to apply to. The
// edit may make the model invalid; the caller then draws another.
type edit struct {
	name string
	fn   func(r *rand.Rand, lines []string, n int) ([]string, bool)
}

// edits is the catalogue of changes the convergence property draws from:
// every kind of difference the planner handles.
var edits = []edit{
	{"add attribute", addAttribute},
	{"drop attribute", dropAttribute},
	{"widen varchar", replaceIn(attributes, regexp.MustCompile(`varchar\(80\)`), "varchar(120)")},
	{"retype integer to bigint", replaceIn(attributes, regexp.MustCompile(`^(  [a-z_0-9]+ )integer(\?| |$)`), "${1}bigint$2")},
	{"make attribute required", replaceIn(attributes, regexp.MustCompile(`^(  [a-z_0-9]+ [^?=]*[a-z0-9)\]])\?`), "$1")},
	{"add default", replaceIn(attributes, regexp.MustCompile(`^(  [a-z_0-9]+ (?:integer|bigint|smallint)\??)$`), "$1 = 9")},
	{"add comment", replaceIn(attributes, regexp.MustCompile(`^(  [a-z_0-9]+ [a-z][^=']*)$`), "$1 comment 'changed'")},
	{"add unique", replaceIn(attributes, regexp.MustCompile(`^(  [a-z_0-9]+ (?:text|integer|bigint|varchar\(80\)|date|uuid|inet)\??)$`), "$1 unique")},
	{"change action", changeAction},
	{"make relationship required", replaceIn(relBody, regexp.MustCompile(`^  optional$`), "  required")},
	{"make relationship optional", replaceIn(relBody, regexp.MustCompile(`^  required$`), "  optional")},
	{"add relationship", addRelationship},
	{"drop relationship", dropRelationship},
	{"add entity", addEntity},
	{"drop entity", dropEntity},
	{"add enum value", addEnumValue},
	{"add enum", addEnum},
	{"add index", addIndex},
	{"one-to-many to one-to-one", replaceIn(relHeaders, regexp.MustCompile(` 1:N `), " 1:1 ")},
	{"one-to-one to one-to-many", replaceIn(relHeaders, regexp.MustCompile(` 1:1 (\S+)( as \S+)? \{$`), " 1:N $1$2 {")},
	{"drop no index", replaceIn(relBody, regexp.MustCompile(`^  no index$`), "  optional")},
	{"add to relationship", addToRelationship},
	{"change junction key", replaceIn(relBody, regexp.MustCompile(`^  key (surrogate|line)$`), "  key composite")},
	{"rename entity", renameEntity},
	{"rename attribute", renameAttribute},
	{"rename enum value", renameEnumValue},
	{"rename enum", renameEnum},
	{"rename junction", replaceIn(relHeaders, regexp.MustCompile(` M:N (\S+)(.*) via ([A-Za-z0-9_]+)\b`), " M:N $1$2 via Xj${3} was via $3")},
	{"rename role", replaceIn(relHeaders, regexp.MustCompile(` (1:N|1:1) (\S+) as ([a-z_0-9]+)( \{)?$`), " $1 $2 as xrole_q$3 was $3$4")},
}

// block is a declaration: its header line and, for a braced one, the
// line of its closing brace.
type block struct {
	start, end int
	kind, name string
}

func blocks(lines []string) []block {
	var out []block
	for i := 0; i < len(lines); i++ {
		f := strings.Fields(lines[i])
		if len(f) < 2 || !slices.Contains([]string{"entity", "relationship", "enum"}, f[0]) {
			continue
		}
		b := block{start: i, end: i, kind: f[0], name: f[1]}
		if f[0] != "enum" && strings.HasSuffix(lines[i], "{") {
			for b.end = i + 1; b.end < len(lines) && lines[b.end] != "}"; b.end++ {
			}
		}
		out = append(out, b)
		i = b.end
	}
	return out
}

func pickBlock(r *rand.Rand, lines []string, kind string) (block, bool) {
	var bs []block
	for _, b := range blocks(lines) {
		if b.kind == kind {
			bs = append(bs, b)
		}
	}
	if len(bs) == 0 {
		return block{}, false
	}
	return bs[r.IntN(len(bs))], true
}

// attributes, entityBody and relBody pick the lines an edit may touch.
func attributes(lines []string) []int {
	return slices.DeleteFunc(entityBody(lines), func(i int) bool { return !isAttribute(lines[i]) })
}

func entityBody(lines []string) []int { return bodyLines(lines, "entity") }

func relHeaders(lines []string) []int {
	var out []int
	for _, b := range blocks(lines) {
		if b.kind == "relationship" {
			out = append(out, b.start)
		}
	}
	return out
}
func relBody(lines []string) []int { return bodyLines(lines, "relationship") }

func bodyLines(lines []string, kind string) []int {
	var out []int
	for _, b := range blocks(lines) {
		if b.kind == kind {
			for i := b.start + 1; i < b.end; i++ {
				out = append(out, i)
			}
		}
	}
	return out
}

// clauseWords start the lines of an entity body that are not attributes.
var clauseWords = []string{"pk", "unique", "index", "check", "comment", "table"}

func isAttribute(line string) bool {
	f := strings.Fields(line)
	return len(f) >= 2 && !slices.Contains(clauseWords, f[0]) && !strings.Contains(line, " pk")
}

// replaceIn applies re to one of the lines where picks where it matches.
func replaceIn(where func([]string) []int, re *regexp.Regexp, repl string) func(*rand.Rand, []string, int) ([]string, bool) {
	return func(r *rand.Rand, lines []string, _ int) ([]string, bool) {
		var hits []int
		for _, i := range where(lines) {
			if re.MatchString(lines[i]) {
				hits = append(hits, i)
			}
		}
		if len(hits) == 0 {
			return nil, false
		}
		i := hits[r.IntN(len(hits))]
		out := slices.Clone(lines)
		out[i] = re.ReplaceAllString(lines[i], repl)
		return out, out[i] != lines[i]
	}
}

func insert(lines []string, at int, add ...string) []string {
	return slices.Insert(slices.Clone(lines), at, add...)
}

func addAttribute(r *rand.Rand, lines []string, n int) ([]string, bool) {
	b, ok := pickBlock(r, lines, "entity")
	if !ok || b.end == b.start {
		return nil, false
	}
	name := fmt.Sprintf("xattr%d", n)
	decl := []string{"%[1]s text?", "%[1]s integer = 5", "%[1]s varchar(20)? comment 'added'", "%[1]s integer? check (%[1]s > 0)",
		"%[1]s boolean = false", "%[1]s text?"}[r.IntN(6)]
	return insert(lines, b.start+1, "  "+fmt.Sprintf(decl, name)), true
}

// dropAttribute removes an attribute that nothing else names.
func dropAttribute(r *rand.Rand, lines []string, _ int) ([]string, bool) {
	var hits []int
	src := strings.Join(lines, "\n")
	for _, i := range attributes(lines) {
		name := strings.Fields(lines[i])[0]
		if len(regexp.MustCompile(`\b`+regexp.QuoteMeta(name)+`\b`).FindAllStringIndex(src, -1)) == 1 {
			hits = append(hits, i)
		}
	}
	if len(hits) == 0 {
		return nil, false
	}
	i := hits[r.IntN(len(hits))]
	return slices.Delete(slices.Clone(lines), i, i+1), true
}

var actionLine = regexp.MustCompile(`^(  on (?:delete|update) (?:[a-z_0-9]+ )?)(restrict|cascade|no action)$`)

func changeAction(r *rand.Rand, lines []string, _ int) ([]string, bool) {
	var hits []int
	for _, i := range relBody(lines) {
		if actionLine.MatchString(lines[i]) {
			hits = append(hits, i)
		}
	}
	if len(hits) == 0 {
		return nil, false
	}
	i := hits[r.IntN(len(hits))]
	m := actionLine.FindStringSubmatch(lines[i])
	others := slices.DeleteFunc([]string{"restrict", "cascade", "no action"}, func(a string) bool { return a == m[2] })
	out := slices.Clone(lines)
	out[i] = m[1] + others[r.IntN(2)]
	return out, true
}

func entities(lines []string) []string {
	var out []string
	for _, b := range blocks(lines) {
		if b.kind == "entity" {
			out = append(out, b.name)
		}
	}
	return out
}

func addRelationship(r *rand.Rand, lines []string, n int) ([]string, bool) {
	es := entities(lines)
	if len(es) == 0 {
		return nil, false
	}
	a, b := es[r.IntN(len(es))], es[r.IntN(len(es))]
	var decl string
	switch r.IntN(3) {
	case 0:
		decl = fmt.Sprintf("relationship %s 1:N %s as xrel%dq {\n  optional\n  on delete set null\n}", a, b, n)
	case 1:
		decl = fmt.Sprintf("relationship %s 1:1 %s as xone%dq {\n  optional\n}", a, b, n)
	default:
		decl = fmt.Sprintf("relationship %s M:N %s as xleft%dq, xright%dq via Xlink%d {\n  note text?\n}", a, b, n, n, n)
	}
	return append(slices.Clone(lines), strings.Split("\n"+decl, "\n")...), true
}

func dropRelationship(r *rand.Rand, lines []string, _ int) ([]string, bool) {
	b, ok := pickBlock(r, lines, "relationship")
	if !ok {
		return nil, false
	}
	return slices.Delete(slices.Clone(lines), b.start, b.end+1), true
}

func addEntity(r *rand.Rand, lines []string, n int) ([]string, bool) {
	add := fmt.Sprintf("\nentity Xnew%d {\n  id serial pk\n  label text?\n}", n)
	if es := entities(lines); len(es) > 0 && r.IntN(2) == 0 {
		add += fmt.Sprintf("\nrelationship %s 1:N Xnew%d {\n  required\n}", es[r.IntN(len(es))], n)
	}
	return append(slices.Clone(lines), strings.Split(add, "\n")...), true
}

// dropEntity removes an entity and every relationship that names it.
func dropEntity(r *rand.Rand, lines []string, _ int) ([]string, bool) {
	b, ok := pickBlock(r, lines, "entity")
	if !ok {
		return nil, false
	}
	word := regexp.MustCompile(`\b` + regexp.QuoteMeta(b.name) + `\b`)
	out := slices.Clone(lines)
	bs := blocks(lines)
	for _, x := range slices.Backward(bs) {
		if x == b || x.kind == "relationship" && word.MatchString(lines[x.start]) {
			out = slices.Delete(out, x.start, x.end+1)
		}
	}
	return out, true
}

var enumLine = regexp.MustCompile(`^enum (\S+) \{ (.*) \}$`)

func addEnumValue(r *rand.Rand, lines []string, n int) ([]string, bool) {
	b, ok := pickBlock(r, lines, "enum")
	if !ok {
		return nil, false
	}
	m := enumLine.FindStringSubmatch(lines[b.start])
	if m == nil {
		return nil, false
	}
	vals := strings.Fields(m[2])
	vals = slices.Insert(vals, r.IntN(len(vals)+1), fmt.Sprintf("'xv%d'", n))
	out := slices.Clone(lines)
	out[b.start] = "enum " + m[1] + " { " + strings.Join(vals, " ") + " }"
	return out, true
}

func addEnum(r *rand.Rand, lines []string, n int) ([]string, bool) {
	b, ok := pickBlock(r, lines, "entity")
	if !ok || b.end == b.start {
		return nil, false
	}
	out := insert(lines, b.start+1, fmt.Sprintf("  xattr%d Xenum%d?", n, n))
	return append([]string{fmt.Sprintf("enum Xenum%d { 'p' 'q' }", n)}, out...), true
}

func addIndex(r *rand.Rand, lines []string, _ int) ([]string, bool) {
	var hits []int
	for _, i := range attributes(lines) {
		if !strings.Contains(lines[i], "json") {
			hits = append(hits, i)
		}
	}
	if len(hits) == 0 {
		return nil, false
	}
	i := hits[r.IntN(len(hits))]
	return insert(lines, i+1, "  index ("+strings.Fields(lines[i])[0]+")"), true
}

// addToRelationship adds a clause to a relationship block: a constraint
// name, deferrability, `no index`, or an attribute of an M:N.
func addToRelationship(r *rand.Rand, lines []string, n int) ([]string, bool) {
	b, ok := pickBlock(r, lines, "relationship")
	if !ok || b.end == b.start {
		return nil, false
	}
	clause := []string{fmt.Sprintf("  constraint xfk_%d", n), "  deferrable initially deferred", "  no index",
		fmt.Sprintf("  xattr%d text?", n)}[r.IntN(4)]
	return insert(lines, b.start+1, clause), true
}

// renameEntity renames an entity everywhere it is named, with `was`.
func renameEntity(r *rand.Rand, lines []string, n int) ([]string, bool) {
	return renameDecl(r, lines, "entity", fmt.Sprintf("Xren%dq", n))
}

// renameEnum renames an enum type everywhere it is named, with `was`.
func renameEnum(r *rand.Rand, lines []string, n int) ([]string, bool) {
	return renameDecl(r, lines, "enum", fmt.Sprintf("Xenum%dq", n))
}

// renameDecl renames a declaration of kind to to, everywhere it is named,
// with `was`.
func renameDecl(r *rand.Rand, lines []string, kind, to string) ([]string, bool) {
	b, ok := pickBlock(r, lines, kind)
	if !ok || strings.HasPrefix(lines[b.start], kind+" "+b.name+" was ") {
		return nil, false
	}
	word := regexp.MustCompile(`\b` + regexp.QuoteMeta(b.name) + `\b`)
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = word.ReplaceAllString(l, to)
	}
	out[b.start] = strings.Replace(out[b.start], kind+" "+to, kind+" "+to+" was "+b.name, 1)
	return out, true
}

// renameAttribute renames, with `was`, an attribute that nothing else
// names.
func renameAttribute(r *rand.Rand, lines []string, n int) ([]string, bool) {
	var hits []int
	src := strings.Join(lines, "\n")
	for _, i := range attributes(lines) {
		name := strings.Fields(lines[i])[0]
		if !strings.Contains(lines[i], " was ") &&
			len(regexp.MustCompile(`\b`+regexp.QuoteMeta(name)+`\b`).FindAllStringIndex(src, -1)) == 1 {
			hits = append(hits, i)
		}
	}
	if len(hits) == 0 {
		return nil, false
	}
	i := hits[r.IntN(len(hits))]
	out := slices.Clone(lines)
	old := strings.Fields(lines[i])[0]
	out[i] = fmt.Sprintf("  xren%d", n) + strings.TrimPrefix(lines[i], "  "+old) + " was " + old
	return out, true
}

// renameEnumValue renames, with `was`, an enum value that nothing else
// names.
func renameEnumValue(r *rand.Rand, lines []string, n int) ([]string, bool) {
	b, ok := pickBlock(r, lines, "enum")
	if !ok {
		return nil, false
	}
	m := enumLine.FindStringSubmatch(lines[b.start])
	if m == nil || strings.Contains(m[2], " was ") {
		return nil, false
	}
	vals := strings.Fields(m[2])
	i := r.IntN(len(vals))
	if strings.Count(strings.Join(lines, "\n"), vals[i]) != 1 {
		return nil, false
	}
	vals[i] = fmt.Sprintf("'xr%d' was %s", n, vals[i])
	out := slices.Clone(lines)
	out[b.start] = "enum " + m[1] + " { " + strings.Join(vals, " ") + " }"
	return out, true
}
