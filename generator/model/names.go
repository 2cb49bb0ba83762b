package model

// The PostgreSQL key word table is read from live servers so that it
// matches the parser quote_ident() consults: one server of each major
// version ergen's DDL is for (15 and 16), whose key words it quotes all.
// To regenerate (see internal/genkeywords for how to point it at them):
//
//	DATABASE_URLS='postgres:///postgres?host=/tmp/pg15 postgres:///postgres?host=/tmp/pg16' go generate ./generator/model
//
//go:generate go run ./internal/genkeywords -o keywords.go

import (
	"encoding/hex"
	"hash/fnv"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/jinzhu/inflection"
	"golang.org/x/text/unicode/norm"
)

// keywordCategory mirrors pg_get_keywords().catcode for the categories that
// make quote_ident() quote a word; unreserved words are not in pgKeywords.
type keywordCategory byte

const (
	kwReserved     keywordCategory = 'R' // reserved
	kwColName      keywordCategory = 'C' // unreserved (cannot be function or type name)
	kwTypeFuncName keywordCategory = 'T' // reserved (can be function or type name)
)

// MaxIdentLen is PostgreSQL's NAMEDATALEN-1: the server silently truncates
// longer identifiers, which would make distinct generated names collide.
const MaxIdentLen = 63

// SnakeCase turns an entity or role name into snake_case so that ER names
// written in Go style map to conventional PostgreSQL identifiers. A word
// boundary is a change from lower case or digit to upper case, or the last
// capital of an acronym followed by lower case ("HTTPServer" -> "http_server");
// an acronym followed only by a plural "s" stays whole ("UserIDs" -> "user_ids").
// Digits stay with the preceding word ("OrderItem2" -> "order_item2"). Runes
// that are neither letters, digits nor '_' become a single '_'. Names already
// in snake_case are returned unchanged.
func SnakeCase(name string) string {
	rs := []rune(name)
	var b strings.Builder
	b.Grow(len(name) + 4)
	last := rune(-1) // last rune written
	sep := func() {
		if last != -1 && last != '_' {
			b.WriteByte('_')
			last = '_'
		}
	}
	for i, r := range rs {
		if r == '_' {
			b.WriteByte('_')
			last = '_'
			continue
		}
		if !isWordRune(r) {
			sep()
			continue
		}
		if unicode.IsUpper(r) {
			prev := prevBase(rs, i)
			switch {
			case unicode.IsLower(prev) || unicode.IsDigit(prev):
				sep()
			case unicode.IsUpper(prev) && i+1 < len(rs) && unicode.IsLower(rs[i+1]) && !pluralAcronym(rs, i+1):
				sep()
			}
		}
		r = unicode.ToLower(r)
		b.WriteRune(r)
		last = r
	}
	return b.String()
}

// prevBase returns the rune before rs[i], looking through combining marks so
// that "Cafe\u0301Name" splits like "CafeName"; -1 if there is none.
func prevBase(rs []rune, i int) rune {
	for i--; i >= 0; i-- {
		if !unicode.IsMark(rs[i]) {
			return rs[i]
		}
	}
	return -1
}

// pluralAcronym reports whether rs[i] is a lone plural "s" ending an acronym,
// as in "IDs" or "URLs", which should not be split as "i_ds".
func pluralAcronym(rs []rune, i int) bool {
	return rs[i] == 's' && (i+1 == len(rs) || !unicode.IsLower(rs[i+1]))
}

// isWordRune reports whether r belongs inside a word of an identifier.
// Combining marks are kept so that decomposed accents stay with their letter.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// Plural pluralises a snake_case name for table and collection names. Only
// the last word is inflected, so that a compound such as "person_info" is not
// mistaken for "information" and "sales_person" becomes "sales_people".
func Plural(snake string) string {
	return inflectLast(snake, &plurals, inflection.Plural)
}

// Singular is the inverse of Plural, used to name one row of a table that was
// given a plural name.
func Singular(snake string) string {
	return inflectLast(snake, &singulars, inflection.Singular)
}

// plurals and singulars remember the inflection of each word: inflection
// tries a list of regular expressions per call, and the nouns of a table
// are asked for by every declaration, comment and message naming it (a
// schema's words are few; a 600-table schema asked for thousands).
var plurals, singulars sync.Map // word -> inflected word

func inflectLast(snake string, memo *sync.Map, f func(string) string) string {
	i := strings.LastIndexByte(snake, '_')
	head, word := snake[:i+1], snake[i+1:]
	if word == "" {
		return snake
	}
	v, ok := memo.Load(word)
	if !ok {
		v, _ = memo.LoadOrStore(word, f(word))
	}
	return head + v.(string)
}

// QuoteIdent writes an SQL identifier the way PostgreSQL's quote_ident()
// (ruleutils.c quote_identifier) does, so generated DDL round-trips through
// the server's own rules: a name is left bare only when it consists of
// [a-z0-9_], starts with [a-z_], and is not a key word other than an
// unreserved one. Everything else, including the empty string, upper case,
// '$' and non-ASCII letters, is wrapped in double quotes with any '"' doubled.
func QuoteIdent(name string) string {
	if !NeedsQuoting(name) {
		return name
	}
	return string(AppendQuoted(nil, name, '"'))
}

// UnquoteIdent reads an identifier as SQL writes it: a quoted one without
// its quotes, a doubled quote undone ("Éclair" -> Éclair, "a""b" -> a"b),
// any other as it is. Folding a bare one to lower case, as PostgreSQL
// does, is left to the caller.
func UnquoteIdent(s string) string {
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		return strings.ReplaceAll(s[1:len(s)-1], `""`, `"`)
	}
	return s
}

// AppendQuoted appends s to dst between quote characters q, doubling each
// q inside: SQL's quoting of identifiers ("). String literals go through
// AppendLiteral, which also handles backslashes.
func AppendQuoted(dst []byte, s string, q byte) []byte {
	dst = append(dst, q)
	for i := 0; i < len(s); i++ {
		if s[i] == q {
			dst = append(dst, q)
		}
		dst = append(dst, s[i])
	}
	return append(dst, q)
}

// NeedsQuoting reports whether QuoteIdent would quote name; callers use it to
// decide whether an identifier can be emitted verbatim.
func NeedsQuoting(name string) bool {
	if name == "" {
		return true
	}
	if c := name[0]; !(c >= 'a' && c <= 'z' || c == '_') {
		return true
	}
	for i := 1; i < len(name); i++ {
		if !bareByte[name[i]] {
			return true
		}
	}
	if len(name) >= len(keywordShapes) || keywordShapes[len(name)]&keywordFirst(name[0]) == 0 {
		return false // no key word has this length and first letter
	}
	_, kw := pgKeywords[name]
	return kw
}

// bareByte holds the bytes a bare identifier may contain: [a-z0-9_].
var bareByte = func() (t [256]bool) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = true
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	t['_'] = true
	return t
}()

// keywordShapes has, for each length, a bit per first letter of the key
// words in pgKeywords of that length (see keywordFirst). Most names are
// told apart from every key word by these two alone, which is cheaper
// than hashing them: DDL of a large schema quotes hundreds of thousands.
var keywordShapes = func() (shapes [32]uint32) {
	for k := range pgKeywords {
		if len(k) >= len(shapes) {
			panic("model: key word " + k + " is longer than keywordShapes allows")
		}
		shapes[len(k)] |= keywordFirst(k[0])
	}
	return shapes
}()

// keywordFirst is the bit of first letter c in keywordShapes: one per
// letter a to z, and one shared by every other byte.
func keywordFirst(c byte) uint32 {
	if c >= 'a' && c <= 'z' {
		return 1 << (c - 'a')
	}
	return 1 << 31
}

// IsReservedWord reports whether name is a PostgreSQL key word that
// quote_ident() quotes, i.e. of any category except unreserved. Key words are
// matched case-insensitively (ASCII only), as PostgreSQL's scanner does, so
// the result also tells whether an upper-case spelling would clash.
func IsReservedWord(name string) bool {
	_, ok := pgKeywords[asciiLower(name)]
	return ok
}

func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if c := b[j]; c >= 'A' && c <= 'Z' {
					b[j] = c + 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// ShortenIdent keeps generated identifiers within MaxIdentLen bytes, because
// PostgreSQL would otherwise truncate them silently and two long constraint
// or index names sharing a prefix would collide. A shortened name keeps a
// readable prefix (cut at a rune boundary, trailing '_' dropped) followed by
// "_" and 8 hex digits of the FNV-1a 32-bit hash of the full name, so the
// result is deterministic and distinct names stay distinct.
func ShortenIdent(name string) string {
	if len(name) <= MaxIdentLen {
		return name
	}
	h := fnv.New32a()
	h.Write([]byte(name))
	sum := hex.EncodeToString(h.Sum(nil)) // 8 lowercase hex digits

	cut := MaxIdentLen - 1 - len(sum)
	for cut > 0 && !utf8.RuneStart(name[cut]) {
		cut--
	}
	prefix := strings.TrimRight(name[:cut], "_")
	return prefix + "_" + sum
}

// commonInitialisms are written in upper case in Go names, following the list
// used by golint and sqlc, so that generated code reads like idiomatic Go.
var commonInitialisms = map[string]bool{
	"acl": true, "api": true, "ascii": true, "cpu": true, "css": true,
	"dns": true, "eof": true, "guid": true, "html": true, "http": true,
	"https": true, "id": true, "ip": true, "json": true, "lhs": true,
	"qps": true, "ram": true, "rhs": true, "rpc": true, "sla": true,
	"smtp": true, "sql": true, "ssh": true, "tcp": true, "tls": true,
	"ttl": true, "udp": true, "ui": true, "uid": true, "uuid": true,
	"uri": true, "url": true, "utf8": true, "vm": true, "xml": true,
	"xmpp": true, "xsrf": true, "xss": true,
}

// GoName turns a snake_case or mixed-case name into an exported Go
// identifier for generated types and fields. Words are split as SnakeCase
// splits them, each is capitalised, and common initialisms are upper-cased
// ("avatar_url" -> "AvatarURL"). Runes Go does not allow in identifiers are
// dropped; if the result would not start with an upper-case letter (a leading
// digit, a caseless script) it is prefixed with "X" ("2fa_code" -> "X2faCode").
func GoName(name string) string {
	var b strings.Builder
	for _, w := range goWords(name) {
		writeGoWord(&b, w)
	}
	s := b.String()
	if r, _ := utf8.DecodeRuneInString(s); s == "" || !unicode.IsUpper(r) {
		s = "X" + s
	}
	return s
}

// goWords splits name into lower-case words containing only runes that Go
// accepts in identifiers. Input is NFC-normalised first so that a decomposed
// accent stays on its letter instead of being dropped as a combining mark.
func goWords(name string) []string {
	parts := strings.Split(SnakeCase(norm.NFC.String(name)), "_")
	words := parts[:0]
	for _, p := range parts {
		p = strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				return r
			}
			return -1
		}, p)
		if p != "" {
			words = append(words, p)
		}
	}
	return words
}

func writeGoWord(b *strings.Builder, w string) {
	if commonInitialisms[w] {
		b.WriteString(strings.ToUpper(w))
		return
	}
	r, n := utf8.DecodeRuneInString(w)
	b.WriteRune(unicode.ToUpper(r))
	b.WriteString(w[n:])
}

// SequenceName returns the name PostgreSQL gives the sequence of a serial
// or identity column (ChooseRelationName(table, column, "seq")):
// table_column_seq, with the longer of table and column cut first until
// the whole fits in 63 bytes (at a character boundary), and "seq1",
// "seq2", ... instead of "seq" while the name is taken. taken reports
// whether a relation of that name already exists in the schema; the server
// chooses every sequence of a CREATE TABLE before it creates any of them,
// so sequences of the same statement do not see each other.
func SequenceName(table, column string, taken func(string) bool) string {
	label := "seq"
	for pass := 1; ; pass++ {
		name := makeObjectName(table, column, label)
		if !taken(name) {
			return name
		}
		label = "seq" + strconv.Itoa(pass)
	}
}

// SerialSequence is SequenceName where no other relation holds the name:
// the sequence a serial or identity column of table gets in a schema
// that leaves table_column_seq free.
func SerialSequence(table, column string) string {
	return SequenceName(table, column, func(string) bool { return false })
}

// makeObjectName is PostgreSQL's makeObjectName (indexcmds.c).
func makeObjectName(name1, name2, label string) string {
	n1, n2 := len(name1), len(name2)
	overhead := 1 + len(label) + 1 // the two underscores, and the label
	avail := MaxIdentLen - overhead
	for n1+n2 > avail {
		if n1 > n2 {
			n1--
		} else {
			n2--
		}
	}
	return clip(name1, n1) + "_" + clip(name2, n2) + "_" + label
}

// clip returns the longest prefix of s of at most n bytes that does not
// split a UTF-8 character (pg_mbcliplen).
func clip(s string, n int) string {
	if n >= len(s) {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// TruncateIdent cuts name to 63 bytes at a character boundary, as
// PostgreSQL's scanner does with every identifier it reads.
func TruncateIdent(name string) string { return clip(name, MaxIdentLen) }

// ColumnIdent is the name of the column a name written by the user stands
// for: an attribute, a column named in a clause or an expression. It is
// cut, not shortened with a hash, because PostgreSQL cuts the same name in
// the user's CHECK and default expressions, which ergen does not rewrite.
func ColumnIdent(written string) string { return TruncateIdent(written) }
