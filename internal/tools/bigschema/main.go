// Command bigschema writes the large model that ergen's generation speed
// is measured on: 500 entities of 8 own columns each, every entity after
// the first two referring to two or three earlier ones (1:N, with every
// 25th a 1:1), and 100 M:N junctions with an attribute: 600 tables and
// 1,445 foreign keys. It is deterministic, so every run measures the same
// model:
//
//	go run ./internal/tools/bigschema > /tmp/big.er
//	go run ./internal/tools/bigschema -entities 10000 -junctions 2000 > /tmp/huge.er
//
// With -sqlc DIR it also writes DIR/queries.sql and DIR/sqlc.yaml, for
// sqlc generate on the same schema (the DDL goes to DIR/schema.sql with
// ergen sql):
//
//	go run ./internal/tools/bigschema -sqlc /tmp/sqlcbig > /tmp/big.er
//	ergen sql /tmp/big.er -o /tmp/sqlcbig/schema.sql
//
// Benchmarks in generator/golang build the same model through Source.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/ergen-dev/ergen/internal/bigschema"
)

func main() {
	entities := flag.Int("entities", 500, "entities in the model")
	junctions := flag.Int("junctions", 100, "M:N relationships, each with a junction table")
	sqlc := flag.String("sqlc", "", "also write queries.sql and sqlc.yaml for sqlc into this directory")
	flag.Parse()
	if *entities < 3 || *junctions < 0 {
		fmt.Fprintln(os.Stderr, "bigschema: want at least 3 entities and no negative count")
		os.Exit(2)
	}
	if *sqlc != "" {
		err := os.MkdirAll(*sqlc, 0o755)
		if err == nil {
			err = os.WriteFile(filepath.Join(*sqlc, "queries.sql"), []byte(bigschema.SQLCQueries(*entities, *junctions)), 0o644)
		}
		if err == nil {
			err = os.WriteFile(filepath.Join(*sqlc, "sqlc.yaml"), []byte(bigschema.SQLCConfig), 0o644)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "bigschema:", err)
			os.Exit(1)
		}
	}
	os.Stdout.WriteString(bigschema.Source(*entities, *junctions))
}
