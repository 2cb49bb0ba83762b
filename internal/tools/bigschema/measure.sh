#!/bin/sh
# measure.sh: ergen against sqlc on the large schema, whole processes,
# interleaved so that load from other work falls on both alike. Prints
# medians of wall and CPU time and the largest peak RSS.
#
#   go build -o /tmp/ergen ./cmd/ergen
#   go run github.com/sqlc-dev/sqlc/cmd/sqlc@v1.29.0 version   # or go install it
#   ERGEN=/tmp/ergen SQLC=/path/to/sqlc N=7 sh internal/tools/bigschema/measure.sh
#
# ERGEN_OLD, when set, is another ergen binary (say, built from main)
# timed in the same interleaved runs as ergen-old-fresh, ergen-old-again
# and ergen-old-changed.
#
# generate: ergen generate (DDL and Go) into a fresh directory, then again
# over its own output (nothing changes, nothing is written: the memo finds
# the package unchanged and the Go is not built), then again with one
# column of one entity renamed (E250's notes, in a copy of the model
# under the same name: the memo's records let the run build only the
# files the change reaches, see golang.Incremental), then again without
# the memo (ERGEN_CACHE=off: built and compared, as after any change to
# the model when nothing is remembered; it writes E250's file back), and
# sqlc generate on the same DDL with bigschema's queries;
# ergen's memo is kept in the run's own directory; cp-package copies
# ergen's package to a new directory: creating and filling its files on
# this disk, without ergen's staging and fsync. compile: go build of
# each generated package alone (pgx already in the build cache).
set -e
ERGEN=${ERGEN:?set ERGEN to an ergen binary}
SQLC=${SQLC:?set SQLC to a sqlc binary}
N=${N:-7}
W=$(mktemp -d)
T=$W/times # one file of timings per job; $W/sqlc is sqlc's directory
mkdir -p "$T"
export ERGEN_CACHE="$W/cache"
root=$(cd "$(dirname "$0")/../../.." && pwd)
(cd "$root" && go run ./internal/tools/bigschema -sqlc "$W/sqlc" >"$W/big.er")
"$ERGEN" sql "$W/big.er" -o "$W/sqlc/schema.sql" 2>/dev/null
# The changed model, under the same name (the files' headers name it).
mkdir -p "$W/changed"
sed '/^entity E250 {$/,/^}$/ s/^  notes      text?$/  remark     text?/' "$W/big.er" >"$W/changed/big.er"
cmp -s "$W/big.er" "$W/changed/big.er" && { echo "measure.sh: E250 has no notes column" >&2; exit 1; }

run() { # run NAME DIR CMD...: time CMD in DIR, appending to $T/NAME
	name=$1 dir=$2
	shift 2
	sync # what an earlier job wrote or removed is on disk, not on this job's bill
	(cd "$dir" && /usr/bin/time -a -o "$T/$name" -f "%e %U %S %M" "$@" >/dev/null 2>&1)
}
report() { # report NAME: medians of wall and CPU, largest RSS
	printf '%-16s' "$1"
	sort -n -k1 "$T/$1" | awk '{w[NR]=$1} END {printf " wall %.3f s", w[int((NR+1)/2)]}'
	awk '{print $2+$3}' "$T/$1" | sort -n | awk '{c[NR]=$1} END {printf "  cpu %.3f s", c[int((NR+1)/2)]}'
	sort -n -k4 "$T/$1" | tail -1 | awk '{printf "  peak RSS %d MB\n", $4/1024}'
}

for i in $(seq "$N"); do
	rm -rf "$W/out"
	mkdir -p "$W/out"
	run ergen-fresh "$W" "$ERGEN" generate big.er --sql out/schema.sql --go out/bigdb --package bigdb
	run sqlc "$W/sqlc" "$SQLC" generate
	run ergen-again "$W" "$ERGEN" generate big.er --sql out/schema.sql --go out/bigdb --package bigdb
	run ergen-changed "$W/changed" "$ERGEN" generate big.er --sql ../out/schema.sql --go ../out/bigdb --package bigdb
	run ergen-rebuild "$W" env ERGEN_CACHE=off "$ERGEN" generate big.er --sql out/schema.sql --go out/bigdb --package bigdb
	rm -rf "$W/copy"
	run cp-package "$W" cp -r out/bigdb copy # create and fill the same files: no staging, no sync
	if [ -n "$ERGEN_OLD" ]; then
		rm -rf "$W/old"
		mkdir -p "$W/old"
		run ergen-old-fresh "$W" "$ERGEN_OLD" generate big.er --sql old/schema.sql --go old/bigdb --package bigdb
		run ergen-old-again "$W" "$ERGEN_OLD" generate big.er --sql old/schema.sql --go old/bigdb --package bigdb
		run ergen-old-changed "$W/changed" "$ERGEN_OLD" generate big.er --sql ../old/schema.sql --go ../old/bigdb --package bigdb
		(cd "$W" && "$ERGEN_OLD" generate big.er --sql old/schema.sql --go old/bigdb --package bigdb >/dev/null 2>&1)
	fi
done
# What the run after the change wrote is what a build without the memo writes.
(cd "$W/changed" && "$ERGEN" generate big.er --sql ../out/schema.sql --go ../out/bigdb --package bigdb >/dev/null 2>&1 &&
	ERGEN_CACHE=off "$ERGEN" generate big.er --sql full/schema.sql --go full/bigdb --package bigdb >/dev/null 2>&1)
diff -r "$W/out/bigdb" "$W/changed/full/bigdb" >/dev/null && echo "ergen-changed wrote what a build without the memo writes"
(cd "$W" && "$ERGEN" generate big.er --sql out/schema.sql --go out/bigdb --package bigdb >/dev/null 2>&1)
report ergen-again
report ergen-changed
report ergen-rebuild
report ergen-fresh
if [ -n "$ERGEN_OLD" ]; then
	report ergen-old-again
	report ergen-old-changed
	report ergen-old-fresh
	diff -r "$W/out" "$W/old" >/dev/null && echo "ergen and ERGEN_OLD wrote the same bytes"
fi
report sqlc
report cp-package
echo "lines: ergen $(cat "$W"/out/bigdb/*.go | wc -l) in $(ls "$W"/out/bigdb | wc -l) files, sqlc $(cat "$W"/sqlc/bigdb/*.go | wc -l)"

if [ "${COMPILE_N:-3}" = 0 ]; then # COMPILE_N=0: generation only
	rm -rf "$W"
	exit 0
fi
for d in out sqlc; do
	printf 'module m\n\ngo 1.26\n\nrequire github.com/jackc/pgx/v5 v5.12.0\n' >"$W/$d/go.mod"
	cp "$root/go.sum" "$W/$d/go.sum"
	(cd "$W/$d" && GOFLAGS=-mod=mod go mod tidy >/dev/null 2>&1 && go build ./bigdb)
done
for i in $(seq "${COMPILE_N:-3}"); do
	for d in out sqlc; do
		echo "// run $i" >>"$W/$d/bigdb/db.go" # a change: the package compiles again
		run "compile-$d" "$W/$d" go build ./bigdb
	done
done
report compile-out
report compile-sqlc
rm -rf "$W"
