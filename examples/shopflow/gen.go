// Package shopflow is the shopflow example: shopflow.er is the model, schema.sql its
// DDL and shopflowdb the Go package ergen generates for it. Regenerate both with
// go generate ./...
package shopflow

//go:generate go run github.com/ergen-dev/ergen/cmd/ergen generate shopflow.er --sql schema.sql --go shopflowdb --package shopflowdb
