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
// Benchmarks in generator/golang build the same model through Source.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/ergen-dev/ergen/internal/bigschema"
)

func main() {
	entities := flag.Int("entities", 500, "entities in the model")
	junctions := flag.Int("junctions", 100, "M:N relationships, each with a junction table")
	flag.Parse()
	if *entities < 3 || *junctions < 0 {
		fmt.Fprintln(os.Stderr, "bigschema: want at least 3 entities and no negative count")
		os.Exit(2)
	}
	os.Stdout.WriteString(bigschema.Source(*entities, *junctions))
}
