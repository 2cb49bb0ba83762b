package dsl

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// fullDistance is the optimal string alignment distance computed over
// the whole table, which distanceWithin must agree with up to its limit.
func fullDistance(a, b []rune) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

func TestDistanceWithinAgreesWithTheWholeTable(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	word := func() []rune {
		rs := make([]rune, rng.IntN(9))
		for i := range rs {
			rs[i] = []rune("abcé")[rng.IntN(4)] // a small alphabet makes near words
		}
		return rs
	}
	for range 20000 {
		a, b, limit := word(), word(), rng.IntN(4)
		want := min(fullDistance(a, b), limit+1)
		if got := distanceWithin(a, b, limit); got != want {
			t.Fatalf("distanceWithin(%q, %q, %d) = %d, want %d", string(a), string(b), limit, got, want)
		}
	}
}

// Two names of a megabyte cost a pass over them, not the square of
// their length. The bound is a guard against a hang, not a speed target.
func TestDistanceOfLongNames(t *testing.T) {
	a := strings.Repeat("ab", 1<<19)
	b := a + "c"
	done := make(chan [3]string, 1)
	go func() {
		done <- [3]string{Suggest(a, []string{"ab", b}), Misspelling(a, []string{"key", b}), Suggest(a, []string{"key", "name"})}
	}()
	select {
	case got := <-done:
		if got != [3]string{b, b, ""} {
			t.Errorf("Suggest and Misspelling chose %.20q", got)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the distance of two names of a megabyte did not end in 10 s")
	}
}
