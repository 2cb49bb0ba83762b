package dsl

import (
	"strings"
	"testing"
	"time"
)

// Looking for the next declaration reads each line once: a file of
// short lines without a space was searched to its end once per line. The
// bound is a guard against a hang, not a speed target.
func TestNextDeclarationReadsEachLineOnce(t *testing.T) {
	src := []byte(strings.Repeat("a\n", 2<<20) + "entity A {\n}\n")
	done := make(chan int, 1)
	go func() { done <- nextDeclaration(src, 0) }()
	select {
	case got := <-done:
		if want := len(src) - len("entity A {\n}\n"); got != want {
			t.Errorf("nextDeclaration = %d, want %d", got, want)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("nextDeclaration did not end in 10 s")
	}
}
