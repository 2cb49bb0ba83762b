// Package retail is the retail example: retail.er is the model, schema.sql its
// DDL and retaildb the Go package ergen generates for it. Regenerate both with
// go generate ./...
package retail

//go:generate go run github.com/ergen-dev/ergen/cmd/ergen generate retail.er --sql schema.sql --go retaildb --package retaildb
