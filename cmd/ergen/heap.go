package main

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
)

// startingHeap is the heap ergen fills before its first collection.
const startingHeap = 32 << 20

// deferFirstCollection lets the heap grow to startingHeap before the
// collector first runs, then hands it back its usual pacing (GOGC=100, no
// memory limit). A command on a model of hundreds of tables allocates a
// few tens of megabytes in small objects, most of them live until it ends,
// and the default pacing, which starts at a 4 MB goal, collects a growing
// heap a dozen times on the way for nothing; the Go compiler starts with
// a larger heap for the same reason. GOGC or GOMEMLIMIT set in the
// environment are left alone.
func deferFirstCollection() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(startingHeap)
	// The first collection, at the limit, finds the sentinel unreachable
	// and runs its cleanup. It holds a pointer and is larger than the
	// tiny allocator's blocks, so that it is an object of its own.
	type sentinel struct {
		_ *int
		_ [56]byte
	}
	runtime.AddCleanup(new(sentinel), func(int) {
		debug.SetGCPercent(100)
		debug.SetMemoryLimit(math.MaxInt64)
	}, 0)
}
