// Package examples holds ergen's example models, one directory each: the
// .er model and the schema.sql ergen generates from it. The tests here keep
// every schema.sql current and check, on PostgreSQL, that each behaves as
// its model and the domain facts it was drawn from say.
package examples
