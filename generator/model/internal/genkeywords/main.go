// Command genkeywords writes generator/model/keywords.go from running
// PostgreSQL servers' pg_get_keywords(), so that the key word table that
// QuoteIdent relies on is PostgreSQL's own rather than a hand-typed copy that
// could drift from the server's parser.
//
// ergen's DDL is for every PostgreSQL major version it supports (15 and 16),
// so it quotes a word that any of them reserves: read one server of each
// (-db once per server, or DATABASE_URLS with the URLs separated by spaces).
// A word that one version leaves unreserved is listed with that version in
// pgKeywordsUnreservedIn, so that tests against that version know why
// QuoteIdent quotes more than its quote_ident() does.
//
// Usage (normally through go generate in generator/model):
//
//	DATABASE_URLS='postgres:///postgres?host=/tmp/pg15 postgres:///postgres?host=/tmp/pg16' go generate ./generator/model
//
// or directly:
//
//	go run ./generator/model/internal/genkeywords -db 'postgres://...' -db 'postgres://...' -o generator/model/keywords.go
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"go/format"
	"log"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// categoryConst maps pg_get_keywords().catcode to the constant names declared
// in generator/model/names.go. Unreserved words ('U') are deliberately absent:
// quote_ident leaves them unquoted, so the table omits them.
var categoryConst = map[string]string{
	"R": "kwReserved",
	"C": "kwColName",
	"T": "kwTypeFuncName",
}

type keyword struct {
	word, catcode string
}

// server is what one server says: its version and its key words that are
// not unreserved, by word.
type server struct {
	major   int
	version string
	total   int // key words of every category, unreserved ones too
	words   map[string]string
}

// urls is the -db flag: one URL per use.
type urls []string

func (u *urls) String() string     { return strings.Join(*u, " ") }
func (u *urls) Set(s string) error { *u = append(*u, s); return nil }

func main() {
	log.SetFlags(0)
	log.SetPrefix("genkeywords: ")

	var dbs urls
	flag.Var(&dbs, "db", "PostgreSQL connection URL of a server to read, once per supported major version (default: the URLs of $DATABASE_URLS)")
	out := flag.String("o", "keywords.go", "output file")
	pkg := flag.String("pkg", "model", "package name of the output file")
	flag.Parse()
	if len(dbs) == 0 {
		dbs = strings.Fields(os.Getenv("DATABASE_URLS"))
	}

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	var servers []server
	for _, db := range dbs {
		s, err := read(ctx, db)
		if err != nil {
			log.Fatal(err)
		}
		servers = append(servers, s)
	}
	src, err := generate(servers, *pkg)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, src, 0o644); err != nil {
		log.Fatal(err)
	}
}

// read reads the key words of the server at db.
func read(ctx context.Context, db string) (server, error) {
	s := server{words: map[string]string{}}
	conn, err := pgx.Connect(ctx, db)
	if err != nil {
		return s, fmt.Errorf("connect: %w", err)
	}
	defer conn.Close(ctx)

	var versionNum int
	if err := conn.QueryRow(ctx,
		"SELECT current_setting('server_version_num')::int, current_setting('server_version')",
	).Scan(&versionNum, &s.version); err != nil {
		return s, fmt.Errorf("server version: %w", err)
	}
	s.major = versionNum / 10000

	rows, err := conn.Query(ctx, "SELECT word, catcode, catdesc FROM pg_get_keywords() ORDER BY word")
	if err != nil {
		return s, fmt.Errorf("pg_get_keywords: %w", err)
	}
	for rows.Next() {
		var word, catcode, catdesc string
		if err := rows.Scan(&word, &catcode, &catdesc); err != nil {
			return s, err
		}
		s.total++
		if catcode == "U" {
			continue
		}
		if _, ok := categoryConst[catcode]; !ok {
			return s, fmt.Errorf("key word %q has unknown category %q (%s) in PostgreSQL %s", word, catcode, catdesc, s.version)
		}
		s.words[word] = catcode
	}
	if err := rows.Err(); err != nil {
		return s, fmt.Errorf("pg_get_keywords: %w", err)
	}
	if len(s.words) == 0 {
		return s, fmt.Errorf("pg_get_keywords of PostgreSQL %s returned no reserved key words", s.version)
	}
	return s, nil
}

// supported are the PostgreSQL major versions ergen's DDL is for: the
// table is read from one server of each.
var supported = []int{15, 16}

// generate writes the table of the key words that any of servers does not
// leave unreserved. A word of a different category in two versions stops
// it: which of them to follow (or to quote the word always) is a decision
// to make, not to guess.
func generate(servers []server, pkg string) ([]byte, error) {
	sort.Slice(servers, func(i, j int) bool { return servers[i].major < servers[j].major })
	var got []int
	var majors, versions []string
	for _, s := range servers {
		got = append(got, s.major)
		majors = append(majors, strconv.Itoa(s.major))
		versions = append(versions, strconv.Quote(s.version))
	}
	if !slices.Equal(got, supported) {
		return nil, fmt.Errorf("read servers of PostgreSQL %v; give one server of each of %v (-db once each, or DATABASE_URLS)", got, supported)
	}
	var kws []keyword
	unreservedIn := map[string][]string{}
	seen := map[string]bool{}
	for _, s := range servers {
		for w := range s.words {
			if seen[w] {
				continue
			}
			seen[w] = true
			cat := ""
			for _, o := range servers {
				switch c, ok := o.words[w]; {
				case !ok:
					unreservedIn[w] = append(unreservedIn[w], strconv.Itoa(o.major))
				case cat == "":
					cat = c
				case cat != c:
					return nil, fmt.Errorf("key word %q is of category %s in one version and %s in PostgreSQL %d", w, cat, c, o.major)
				}
			}
			kws = append(kws, keyword{w, cat})
		}
	}
	sort.Slice(kws, func(i, j int) bool { return kws[i].word < kws[j].word })

	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by genkeywords from PostgreSQL %s pg_get_keywords(); DO NOT EDIT.\n\n", strings.Join(majors, " and "))
	fmt.Fprintf(&b, "package %s\n\n", pkg)
	fmt.Fprintf(&b, "// pgKeywordsVersions are the server_version of each server the table below\n")
	fmt.Fprintf(&b, "// was read from, one of each PostgreSQL major version ergen's DDL is for.\n")
	fmt.Fprintf(&b, "var pgKeywordsVersions = []string{%s}\n\n", strings.Join(versions, ", "))
	fmt.Fprintf(&b, "// pgKeywords holds the %d key words that PostgreSQL %s do not all leave\n", len(kws), strings.Join(majors, " and "))
	fmt.Fprintf(&b, "// unreserved, i.e. the ones quote_ident() quotes in one of them, with their\n")
	fmt.Fprintf(&b, "// category.\n")
	fmt.Fprintf(&b, "var pgKeywords = map[string]keywordCategory{\n")
	for _, k := range kws {
		fmt.Fprintf(&b, "\t%q: %s,\n", k.word, categoryConst[k.catcode])
	}
	fmt.Fprintf(&b, "}\n\n")
	fmt.Fprintf(&b, "// pgKeywordsUnreservedIn gives, for a word of pgKeywords that some of\n")
	fmt.Fprintf(&b, "// those versions leave unreserved (or do not know), their major versions.\n")
	fmt.Fprintf(&b, "var pgKeywordsUnreservedIn = map[string][]int{\n")
	for _, k := range kws {
		if in := unreservedIn[k.word]; len(in) > 0 {
			fmt.Fprintf(&b, "\t%q: {%s},\n", k.word, strings.Join(in, ", "))
		}
	}
	fmt.Fprintf(&b, "}\n")

	src, err := format.Source(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("format output: %w\n%s", err, b.Bytes())
	}
	return src, nil
}
