package main

import (
	"strings"
	"testing"
)

// --lock-timeout takes what PostgreSQL takes for lock_timeout (checked
// against SET lock_timeout), and refuses the rest before any SQL is
// written.
func TestLockTimeout(t *testing.T) {
	for _, s := range []string{"0", "500", "5s", "5 s", "1.5s", "250ms", "2min", "1h", "24d", "2147483647", "0.5s"} {
		var lt lockTimeout
		if err := lt.Set(s); err != nil || lt.String() != s {
			t.Errorf("Set(%q): %v, value %q", s, err, lt.String())
		}
	}
	for s, want := range map[string]string{
		"":           "want a number of milliseconds",
		"abc":        "want a number of milliseconds",
		"-1s":        "want a number of milliseconds",
		"5S":         "want a number of milliseconds",
		"5sec":       "want a number of milliseconds",
		"5us":        "want a number of milliseconds",
		".5s":        "want a number of milliseconds",
		"25d":        "maximum lock_timeout",
		"2147483648": "maximum lock_timeout",
		"0.4ms":      "rounds it to 0ms",
	} {
		var lt lockTimeout
		if err := lt.Set(s); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Set(%q): %v, want an error containing %q", s, err, want)
		}
	}
}
