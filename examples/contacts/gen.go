// Package contacts is the contacts example: contacts.er is the model, schema.sql its
// DDL and contactsdb the Go package ergen generates for it. Regenerate both with
// go generate ./...
package contacts

//go:generate go run github.com/ergen-dev/ergen/cmd/ergen generate contacts.er --sql schema.sql --go contactsdb --package contactsdb
