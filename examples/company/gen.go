// Package company is the company example: company.er is the model, schema.sql its
// DDL and companydb the Go package ergen generates for it. Regenerate both with
// go generate ./...
package company

//go:generate go run github.com/ergen-dev/ergen/cmd/ergen generate company.er --sql schema.sql --go companydb --package companydb
