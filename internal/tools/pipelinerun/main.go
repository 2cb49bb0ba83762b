// Command pipelinerun runs ergen's pipeline (parse, resolve, DDL) once on
// a random model, for instruction counts that do not depend on the
// machine's load or caches:
//
//	CGO_ENABLED=0 go build -o /tmp/pipelinerun ./internal/tools/pipelinerun
//	GODEBUG=asyncpreemptoff=1 GOGC=off valgrind --tool=callgrind /tmp/pipelinerun -entities 1000
//	GODEBUG=asyncpreemptoff=1 GOGC=off valgrind --tool=callgrind /tmp/pipelinerun -entities 1000 -generate-only
//
// The difference between the two counts is the pipeline's. (Callgrind
// needs Go's asynchronous preemption off, and a binary without cgo.)
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/ergen-dev/ergen/generator"
	"github.com/ergen-dev/ergen/generator/postgres"
	"github.com/ergen-dev/ergen/internal/randmodel"
)

func main() {
	entities := flag.Int("entities", 1000, "entities in the model, with three relationships each")
	generateOnly := flag.Bool("generate-only", false, "generate the model's source and stop")
	flag.Parse()
	src := []byte(randmodel.Generate(1, randmodel.Options{Entities: *entities, Relationships: 3 * *entities}))
	if *generateOnly {
		return
	}
	s, diags := generator.Load("run.er", src)
	if diags.HasErrors() {
		fmt.Fprintln(os.Stderr, diags.Err())
		os.Exit(1)
	}
	if _, err := postgres.DDL(s, "run.er"); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
