package main

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// deferFirstCollection turns the collector's pacing off up to
// startingHeap, and the first collection turns it back to the default;
// with GOGC or GOMEMLIMIT in the environment it changes nothing.
func TestDeferFirstCollection(t *testing.T) {
	for _, v := range []string{"GOGC", "GOMEMLIMIT"} {
		if old, ok := os.LookupEnv(v); ok {
			t.Cleanup(func() { os.Setenv(v, old) })
			os.Unsetenv(v)
		}
	}
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))

	deferFirstCollection()
	if got := debug.SetMemoryLimit(-1); got != startingHeap {
		t.Errorf("memory limit %d, want %d", got, startingHeap)
	}
	if got := debug.SetGCPercent(-1); got != -1 {
		t.Errorf("GOGC %d before the first collection, want off", got)
	}
	runtime.GC()
	deadline := time.Now().Add(10 * time.Second)
	for debug.SetMemoryLimit(-1) != math.MaxInt64 {
		if time.Now().After(deadline) {
			t.Fatal("the first collection did not restore the pacing")
		}
		runtime.Gosched()
		time.Sleep(time.Millisecond)
	}
	if got := debug.SetGCPercent(-1); got != 100 {
		t.Errorf("GOGC %d after the first collection, want 100", got)
	}
	debug.SetGCPercent(100)

	for _, v := range []string{"GOGC", "GOMEMLIMIT"} {
		t.Run(v, func(t *testing.T) {
			t.Setenv(v, "50")
			deferFirstCollection()
			if got := debug.SetGCPercent(100); got != 100 {
				t.Errorf("with %s set, GOGC became %d", v, got)
			}
			if got := debug.SetMemoryLimit(math.MaxInt64); got != math.MaxInt64 {
				t.Errorf("with %s set, the memory limit became %d", v, got)
			}
		})
	}
}
