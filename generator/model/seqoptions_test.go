package model_test

import (
	"testing"

	"github.com/ergen-dev/ergen/generator/model"
	"github.com/ergen-dev/ergen/internal/testkit"
)

// TestSequenceSettingsDefaults checks the one rule for CREATE SEQUENCE's
// defaults from each side: a declared sequence's settings filled in by
// it, Source leaving out what it would fill in, IsDefault, and
// DefaultSequenceSettings.
func TestSequenceSettingsDefaults(t *testing.T) {
	settings := func(src string) model.SequenceSettings {
		t.Helper()
		s := testkit.MustResolve(t, "t.er", []byte("sequence s "+src+"\n"))
		return s.Sequences[0].Settings
	}
	numbers := func(s model.SequenceSettings) [6]int64 {
		cycle := int64(0)
		if s.Cycle {
			cycle = 1
		}
		return [6]int64{s.Start, s.Increment, s.Min, s.Max, s.Cache, cycle}
	}
	for _, c := range []struct{ src, source string }{
		{"", ""},
		{"start 1 increment 1 cache 1", ""},
		{"as integer", "as integer"},
		{"start 1000", "start 1000"},
		{"minvalue 10", "minvalue 10"},
		{"minvalue 10 start 10", "minvalue 10"},
		{"increment -1", "increment -1"},
		{"increment -1 maxvalue -10", "increment -1 maxvalue -10"},
		{"increment -1 maxvalue -10 start -10", "increment -1 maxvalue -10"},
		{"as smallint increment -2 minvalue -32768", "as smallint increment -2"},
		{"as smallint start 5 increment 2 minvalue 0 maxvalue 100 cache 20 cycle", "as smallint start 5 increment 2 minvalue 0 maxvalue 100 cache 20 cycle"},
	} {
		s := settings(c.src)
		if got := s.Source(true); got != c.source {
			t.Errorf("%q: Source %q, want %q", c.src, got, c.source)
		}
		if s.IsDefault() != (c.source == "") {
			t.Errorf("%q: IsDefault %v", c.src, s.IsDefault())
		}
		if again := settings(s.Source(true)); numbers(again) != numbers(s) || again.Type != s.Type {
			t.Errorf("%q: read back from %q as %v %s, want %v %s", c.src, s.Source(true), numbers(again), again.Type, numbers(s), s.Type)
		}
	}
	for _, typ := range []string{"smallint", "integer", "bigint"} {
		d, s := model.DefaultSequenceSettings(typ), settings("as "+typ)
		if numbers(d) != numbers(s) || d.Type != typ {
			t.Errorf("DefaultSequenceSettings(%s) %v, want %v", typ, numbers(d), numbers(s))
		}
		if src := d.Source(false); src != "" {
			t.Errorf("DefaultSequenceSettings(%s).Source(false) %q, want none", typ, src)
		}
	}
}
