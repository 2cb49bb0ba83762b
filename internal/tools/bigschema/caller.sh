#!/bin/sh
# caller.sh: what the generated 600-table package costs a program that
# uses it to compile. It generates the package and a caller that runs
# Create, Get and Patch on each of its 500 entities (1,500 call sites of
# the runtime's generic functions, 500 row types), builds both once, then
# times N builds of the caller alone (pgx and the package cached) and
# prints them.
#
#   go build -o /tmp/ergen ./cmd/ergen
#   ERGEN=/tmp/ergen N=4 sh internal/tools/bigschema/caller.sh
set -e
ERGEN=${ERGEN:?set ERGEN to an ergen binary}
N=${N:-4}
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
root=$(cd "$(dirname "$0")/../../.." && pwd)
(cd "$root" && go run ./internal/tools/bigschema >"$W/big.er")
mkdir -p "$W/caller"
# ergen warns of the model's long cascades on stderr: shown only on failure
(cd "$W" && "$ERGEN" go big.er -o bigdb --package bigdb 2>"$W/ergen.err") || {
	cat "$W/ergen.err" >&2
	exit 1
}
{
	echo 'package caller'
	echo
	echo 'import ("context"; "m/bigdb")'
	echo
	echo 'func Run(ctx context.Context, db bigdb.DBTX) error {'
	for i in $(seq 0 499); do
		echo "	if _, err := bigdb.Create(ctx, db, bigdb.E${i}Table, bigdb.CreateE${i}Params{}); err != nil { return err }"
		echo "	if _, err := bigdb.Get(ctx, db, bigdb.E${i}ByIDKey, 1); err != nil { return err }"
		echo "	if _, err := bigdb.Patch(ctx, db, bigdb.E${i}Table, 1, bigdb.E${i}Patch{}); err != nil { return err }"
	done
	echo '	return nil'
	echo '}'
} >"$W/caller/caller.go"
printf 'module m\n\ngo 1.26\n\nrequire github.com/jackc/pgx/v5 v5.12.0\n' >"$W/go.mod"
cp "$root/go.sum" "$W/go.sum"
cd "$W"
GOFLAGS=-mod=mod go mod tidy >/dev/null 2>&1
go build ./...
for i in $(seq "$N"); do
	echo "// run $i" >>caller/caller.go # a change: the caller compiles again
	/usr/bin/time -f "caller: wall %e s, cpu %U+%S s, peak RSS %M KB" go build ./caller
done
