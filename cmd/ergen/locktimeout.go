package main

import (
	"fmt"
	"math"
	"regexp"
	"strconv"

	"github.com/spf13/pflag"
)

// lockTimeout is the value of --lock-timeout. It is written into every
// step as SET LOCAL lock_timeout, so a value PostgreSQL refuses would
// only fail when the migration is applied, after earlier steps have
// committed: it is checked when the flag is parsed instead, and refused
// as misuse.
type lockTimeout string

// lockTimeoutSyntax is the subset of PostgreSQL's syntax for a time
// setting that ergen accepts: a decimal number, in milliseconds or with a
// unit. PostgreSQL also takes "us", which rounds any value under 0.5ms to
// 0 and so disables the timeout instead of shortening it, and signs, hex
// and exponents, which no one needs to write a timeout.
var lockTimeoutSyntax = regexp.MustCompile(`^([0-9]+(?:\.[0-9]+)?) *(ms|s|min|h|d)?$`)

var lockTimeoutUnits = map[string]float64{"": 1, "ms": 1, "s": 1e3, "min": 60e3, "h": 3600e3, "d": 86400e3}

const lockTimeoutHelp = "want a number of milliseconds, or a number with a unit ms, s, min, h or d (such as 500ms, 5s, 1.5min); 0 disables the timeout"

func (t *lockTimeout) String() string { return string(*t) }

// Type is what help shows after the flag's name.
func (t *lockTimeout) Type() string { return "string" }

func (t *lockTimeout) Set(s string) error {
	m := lockTimeoutSyntax.FindStringSubmatch(s)
	if m == nil {
		return fmt.Errorf("%s", lockTimeoutHelp)
	}
	n, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		return fmt.Errorf("%s", lockTimeoutHelp)
	}
	// PostgreSQL keeps the setting in whole milliseconds, rounding half
	// to even, and refuses more than fits in an int4.
	ms := math.RoundToEven(n * lockTimeoutUnits[m[2]])
	switch {
	case ms > math.MaxInt32:
		return fmt.Errorf("more than PostgreSQL's maximum lock_timeout, %dms (about 24 days)", math.MaxInt32)
	case ms == 0 && n != 0:
		return fmt.Errorf("PostgreSQL rounds it to 0ms, which disables the timeout; write 0 to disable it")
	}
	*t = lockTimeout(s)
	return nil
}

// lockTimeoutFlag adds the --lock-timeout flag of diff and migrate.
func lockTimeoutFlag(fs *pflag.FlagSet) *lockTimeout {
	t := lockTimeout("5s")
	fs.Var(&t, "lock-timeout", "lock_timeout set before every step: milliseconds, or a number with a unit ms, s, min, h or d; 0 disables it")
	return &t
}
