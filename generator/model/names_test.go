package model

import (
	"fmt"
	"go/token"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ergen-dev/ergen/internal/pgtest"
)

// TestMain stops the throwaway PostgreSQL cluster that pgtest may start for
// TestQuoteIdentMatchesPostgres. It is the only TestMain of package model.
func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

func TestSnakeCase(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"UserProfile", "user_profile"},
		{"HTTPServer", "http_server"},
		{"OrderItem2", "order_item2"},
		{"already_snake", "already_snake"},
		{"userID", "user_id"},
		{"User", "user"},
		{"user", "user"},
		{"ID", "id"},
		{"UserIDs", "user_ids"},
		{"URLs", "urls"},
		{"TVShow", "tv_show"},
		{"Item2Box", "item2_box"},
		{"UTF8Name", "utf8_name"},
		{"_private", "_private"},
		{"a__b", "a__b"},
		{"user name", "user_name"},
		{"user-Name", "user_name"},
		{"ÜberName", "über_name"},
		{"Cafe\u0301Name", "cafe\u0301_name"},
		{"", ""},
	} {
		if got := SnakeCase(tc.in); got != tc.want {
			t.Errorf("SnakeCase(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if got := SnakeCase(tc.want); got != tc.want {
			t.Errorf("SnakeCase is not idempotent: SnakeCase(%q) = %q", tc.want, got)
		}
	}
}

func TestPluralSingular(t *testing.T) {
	for _, tc := range []struct{ singular, plural string }{
		{"order_item", "order_items"},
		{"category", "categories"},
		{"person", "people"},
		{"user_profile", "user_profiles"},
		{"status", "statuses"},
		{"order", "orders"},
		{"sales_person", "sales_people"},
		{"user_status", "user_statuses"},
		{"box", "boxes"},
		{"address", "addresses"},
		{"child", "children"},
	} {
		if got := Plural(tc.singular); got != tc.plural {
			t.Errorf("Plural(%q) = %q, want %q", tc.singular, got, tc.plural)
		}
		if got := Singular(tc.plural); got != tc.singular {
			t.Errorf("Singular(%q) = %q, want %q", tc.plural, got, tc.singular)
		}
	}
	// Only the last word is inflected.
	for _, tc := range []struct{ in, want string }{
		{"people_category", "people_categories"},
		{"news_item", "news_items"},
		{"item_", "item_"},
		{"", ""},
	} {
		if got := Plural(tc.in); got != tc.want {
			t.Errorf("Plural(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := Singular("categories_items"); got != "categories_item" {
		t.Errorf("Singular(%q) = %q, want %q", "categories_items", got, "categories_item")
	}
}

func TestQuoteIdent(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"user_profile", "user_profile"},
		{"order_items", "order_items"},
		{"_x", "_x"},
		{"a1", "a1"},
		{"name", "name"},     // unreserved key word
		{"id", "id"},         // not a key word
		{"user", `"user"`},   // reserved
		{"order", `"order"`}, // reserved
		{"between", `"between"`},
		{"authorization", `"authorization"`},
		{"Order", `"Order"`},
		{"1a", `"1a"`},
		{"a$b", `"a$b"`}, // quote_ident quotes '$' although it may appear in bare identifiers
		{"a b", `"a b"`},
		{`a"b`, `"a""b"`},
		{`"`, `""""`},
		{"é", `"é"`},
		{"", `""`},
	} {
		if got := QuoteIdent(tc.in); got != tc.want {
			t.Errorf("QuoteIdent(%q) = %s, want %s", tc.in, got, tc.want)
		}
		if got, want := NeedsQuoting(tc.in), tc.want != tc.in; got != want {
			t.Errorf("NeedsQuoting(%q) = %v, want %v", tc.in, got, want)
		}
		if got := UnquoteIdent(tc.want); got != tc.in {
			t.Errorf("UnquoteIdent(%s) = %q, want %q", tc.want, got, tc.in)
		}
	}
}

func TestIsReservedWord(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"select", true},
		{"SELECT", true},
		{"User", true},
		{"authorization", true}, // type_func_name
		{"between", true},       // col_name
		{"name", false},         // unreserved
		{"id", false},
		{"users", false},
		{"", false},
	} {
		if got := IsReservedWord(tc.in); got != tc.want {
			t.Errorf("IsReservedWord(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
	if n := len(pgKeywords); n < 100 {
		t.Errorf("pgKeywords has only %d entries; regenerate keywords.go", n)
	}
}

// NeedsQuoting rules most names out by length and first letter before it
// looks in the key word table; every key word must still be quoted, and a
// name that only shares a key word's length and first letter must not.
func TestNeedsQuotingKeywordShapes(t *testing.T) {
	for w := range pgKeywords {
		if !NeedsQuoting(w) {
			t.Errorf("NeedsQuoting(%q) = false for a key word", w)
		}
		near := w[:len(w)-1] + "q"
		if w[len(w)-1] == 'q' {
			near = w[:len(w)-1] + "z"
		}
		if _, kw := pgKeywords[near]; !kw && NeedsQuoting(near) {
			t.Errorf("NeedsQuoting(%q) = true, but it is no key word", near)
		}
	}
	for _, name := range []string{"a", "_", "_all", "x", "current_timestamps", strings.Repeat("a", 40)} {
		if NeedsQuoting(name) {
			t.Errorf("NeedsQuoting(%q) = true", name)
		}
	}
}

func TestShortenIdent(t *testing.T) {
	exact := strings.Repeat("a", MaxIdentLen)
	if got := ShortenIdent(exact); got != exact {
		t.Errorf("ShortenIdent of a %d-byte name changed it to %q", MaxIdentLen, got)
	}
	if got := ShortenIdent("short"); got != "short" {
		t.Errorf("ShortenIdent(%q) = %q", "short", got)
	}

	prefix := strings.Repeat("p", 60)
	seen := map[string]string{}
	check := func(name string) {
		t.Helper()
		got := ShortenIdent(name)
		if len(got) > MaxIdentLen {
			t.Errorf("ShortenIdent(%q) = %q, %d bytes > %d", name, got, len(got), MaxIdentLen)
		}
		if !utf8.ValidString(got) {
			t.Errorf("ShortenIdent(%q) = %q, not valid UTF-8", name, got)
		}
		if again := ShortenIdent(name); again != got {
			t.Errorf("ShortenIdent(%q) not deterministic: %q then %q", name, got, again)
		}
		if other, dup := seen[got]; dup && other != name {
			t.Errorf("ShortenIdent(%q) = ShortenIdent(%q) = %q", name, other, got)
		}
		seen[got] = name
	}
	for n := MaxIdentLen + 1; n < 200; n += 7 {
		name := strings.Repeat("x", n)
		check(name)
		if got := ShortenIdent(name); !strings.HasPrefix(got, "xxxx") || got[len(got)-9] != '_' {
			t.Errorf("ShortenIdent(%d x) = %q, want a readable prefix, '_' and 8 hex digits", n, got)
		}
	}
	for i := range 50 {
		check(fmt.Sprintf("%s_fk_%d_column", prefix, i))
		check(fmt.Sprintf("%s%d", prefix, i+1000)) // 64 bytes
	}
	for _, s := range []string{"é", "日本", "ß", "🙂", "a日"} {
		for pad := range 5 {
			check(strings.Repeat("a", pad) + strings.Repeat(s, 70))
		}
	}
	// The hash suffix is 8 lowercase hex digits.
	got := ShortenIdent(strings.Repeat("k", 100))
	suffix := got[strings.LastIndexByte(got, '_')+1:]
	if len(suffix) != 8 || strings.Trim(suffix, "0123456789abcdef") != "" {
		t.Errorf("ShortenIdent suffix = %q, want 8 lowercase hex digits", suffix)
	}
}

func TestGoName(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"user_id", "UserID"},
		{"id", "ID"},
		{"avatar_url", "AvatarURL"},
		{"http_server", "HTTPServer"},
		{"order_items", "OrderItems"},
		{"2fa_code", "X2faCode"},
		{"type", "Type"},
		{"UserProfile", "UserProfile"},
		{"userID", "UserID"},
		{"HTTPServer", "HTTPServer"},
		{"utf8_name", "UTF8Name"},
		{"uuid", "UUID"},
		{"api_key", "APIKey"},
		{"order_item2", "OrderItem2"},
		{"café_name", "CaféName"},
		{"cafe\u0301_name", "CaféName"},
		{"über", "Über"},
		{"名前", "X名前"},
		{"user name", "UserName"},
		{"a$b", "AB"},
		{"_", "X"},
		{"", "X"},
	} {
		got := GoName(tc.in)
		if got != tc.want {
			t.Errorf("GoName(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if !token.IsIdentifier(got) || !token.IsExported(got) {
			t.Errorf("GoName(%q) = %q is not an exported Go identifier", tc.in, got)
		}
	}
}

// TestQuoteIdentMatchesPostgres checks QuoteIdent, NeedsQuoting and
// IsReservedWord against the server itself: quote_ident() for every key word
// and a few hundred other strings, pg_get_keywords() for the key word table,
// and that each quoted identifier parses back to the original name.
func TestQuoteIdentMatchesPostgres(t *testing.T) {
	conn := pgtest.Conn(t)
	ctx := t.Context()

	var version string
	if err := conn.QueryRow(ctx, "SELECT current_setting('server_version')").Scan(&version); err != nil {
		t.Fatal(err)
	}
	hint := ""
	if !slices.ContainsFunc(pgKeywordsVersions, func(v string) bool { return major(v) == major(version) }) {
		hint = fmt.Sprintf(" (keywords.go is from PostgreSQL %s, the server is %s: regenerate it with this version too?)",
			strings.Join(pgKeywordsVersions, ", "), version)
	}
	// elsewhere reports whether the table has word only for another of
	// the versions it was read from: this server leaves it unreserved,
	// and QuoteIdent quotes it for the DDL to work on the other too.
	serverMajor, err := strconv.Atoi(major(version))
	if err != nil {
		t.Fatalf("server_version %q: %v", version, err)
	}
	elsewhere := func(word string) bool { return slices.Contains(pgKeywordsUnreservedIn[word], serverMajor) }

	// The key word table against pg_get_keywords().
	rows, err := conn.Query(ctx, "SELECT word, catcode FROM pg_get_keywords() ORDER BY word")
	if err != nil {
		t.Fatal(err)
	}
	var words []string
	serverReserved := map[string]keywordCategory{}
	for rows.Next() {
		var word, cat string
		if err := rows.Scan(&word, &cat); err != nil {
			t.Fatal(err)
		}
		words = append(words, word)
		if cat != "U" {
			serverReserved[word] = keywordCategory(cat[0])
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	for _, w := range words {
		want := serverReserved[w] != 0 || elsewhere(w)
		if got := IsReservedWord(w); got != want {
			t.Errorf("IsReservedWord(%q) = %v, server says %v%s", w, got, want, hint)
		}
		if got, ok := pgKeywords[w]; ok && serverReserved[w] != 0 && got != serverReserved[w] {
			t.Errorf("pgKeywords[%q] = %c, server says %c%s", w, got, serverReserved[w], hint)
		}
	}
	for w := range pgKeywords {
		_, reserved := serverReserved[w]
		switch {
		case !reserved && !elsewhere(w):
			t.Errorf("pgKeywords has %q, which the server does not reserve%s", w, hint)
		case reserved && elsewhere(w):
			t.Errorf("pgKeywordsUnreservedIn says PostgreSQL %d leaves %q unreserved, but the server reserves it%s", serverMajor, w, hint)
		}
		if !slices.Contains(words, w) {
			words = append(words, w) // a key word of another version only: quoted all the same
		}
	}

	// quote_ident() on every key word, variants of them, and other strings.
	inputs := quoteIdentInputs(words)
	if len(inputs) < 1000 {
		t.Fatalf("only %d inputs", len(inputs))
	}
	rows, err = conn.Query(ctx, "SELECT s, quote_ident(s) FROM unnest($1::text[]) WITH ORDINALITY AS u(s, n) ORDER BY n", inputs)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for rows.Next() {
		var in, want string
		if err := rows.Scan(&in, &want); err != nil {
			t.Fatal(err)
		}
		n++
		if elsewhere(in) {
			want = `"` + in + `"`
		}
		if got := QuoteIdent(in); got != want {
			t.Errorf("QuoteIdent(%q) = %s, PostgreSQL quote_ident gives %s%s", in, got, want, hint)
		}
		if got, want := NeedsQuoting(in), want != in; got != want {
			t.Errorf("NeedsQuoting(%q) = %v, want %v%s", in, got, want, hint)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if n != len(inputs) {
		t.Fatalf("server returned %d rows for %d inputs", n, len(inputs))
	}
	t.Logf("compared %d strings (%d key words) with quote_ident() on PostgreSQL %s", n, len(words), version)

	// Each quoted identifier, used as a column label, names exactly the
	// input (identifiers longer than MaxIdentLen are truncated by the
	// server, and "" is not a valid identifier, so those are left out).
	var labels []string
	for _, in := range inputs {
		if in != "" && len(in) <= MaxIdentLen {
			labels = append(labels, in)
		}
	}
	for start := 0; start < len(labels); start += 500 {
		chunk := labels[start:min(start+500, len(labels))]
		var sql strings.Builder
		sql.WriteString("SELECT ")
		for i, l := range chunk {
			if i > 0 {
				sql.WriteString(", ")
			}
			sql.WriteString("1 AS " + QuoteIdent(l))
		}
		rows, err := conn.Query(ctx, sql.String())
		if err != nil {
			t.Fatalf("selecting quoted labels: %v", err)
		}
		fields := rows.FieldDescriptions()
		rows.Close()
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		for i, f := range fields {
			if f.Name != chunk[i] {
				t.Errorf("column labelled %s is named %q by the server, want %q", QuoteIdent(chunk[i]), f.Name, chunk[i])
			}
		}
	}
}

// quoteIdentInputs returns the strings compared with quote_ident(): the
// server's key words as-is and in variants, hand-picked edge cases, and
// pseudo-random combinations (fixed seed) of interesting fragments.
func quoteIdentInputs(keywords []string) []string {
	var in []string
	for _, w := range keywords {
		in = append(in, w, strings.ToUpper(w), strings.ToUpper(w[:1])+w[1:], w+"_", "_"+w, w+"1", w+"s")
	}
	in = append(in,
		"", "_", "__", "_1", "1", "1a", "a1", "a", "z", "A", "Z", "a_b", "a$", "$", "$1", "a$b",
		"a b", " a", "a ", `"`, `""`, `a"b`, `"a"`, "a'b", "a.b", "a-b", "a;b", "a\tb", "a\nb",
		"é", "É", "café", "ß", "ǅ", "İ", "ı", "日本語", "🙂", "a🙂", "\u00a0", "a\u0301",
		"abcdefghijklmnopqrstuvwxyz_0123456789", "ABCdef", "userID", "user_id", "UserProfile",
		"select1", "xselect", "order_items", "user_profile", "http_server",
		strings.Repeat("a", MaxIdentLen), strings.Repeat("a", MaxIdentLen+1), strings.Repeat("é", 40),
	)
	fragments := []string{
		"a", "b", "z", "x1", "A", "Q", "_", "0", "7", "$", "$$", " ", `"`, "'", "-", ".",
		"é", "ß", "日", "🙂", "user", "select", "name", "id", "Order", "ID", "from", "table",
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 600 {
		var b strings.Builder
		for range 1 + r.IntN(4) {
			b.WriteString(fragments[r.IntN(len(fragments))])
		}
		in = append(in, b.String())
	}
	return in
}

// major returns the major version of a server_version string ("15.18 (Debian ...)" -> "15").
func major(version string) string {
	v, _, _ := strings.Cut(version, ".")
	v, _, _ = strings.Cut(v, " ")
	return v
}
