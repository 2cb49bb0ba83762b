// Package sqlcdb is what sqlc v1.29.0 generates for the queries of
// queries.sql on shopflow's schema.sql: the peer that bench_test.go in
// examples/shopflow compares ergen's generated code with (BenchmarkVsSQLC).
// The queries are the SQL ergen generates for GetUser, OrdersByUser and
// ProductsOfOrder, and the SQL the hand-written side of bench_test.go and
// query_bench_test.go runs for the other operations (BenchmarkVsSQLCQueries
// in sqlc_query_bench_test.go). The other files were produced, in this
// directory, with sqlc.yaml and
//
//	go run github.com/sqlc-dev/sqlc/cmd/sqlc@v1.29.0 generate
//
// and are committed as generated; sqlc is not a dependency of ergen.
package sqlcdb
