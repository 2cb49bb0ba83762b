// Package products is the products example: products.er is the model, schema.sql its
// DDL and productsdb the Go package ergen generates for it. Regenerate both with
// go generate ./...
package products

//go:generate go run github.com/ergen-dev/ergen/cmd/ergen generate products.er --sql schema.sql --go productsdb --package productsdb
