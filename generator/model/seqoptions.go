package model

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/ergen-dev/ergen/dsl"
)

// SequenceSettings are a sequence's settings as PostgreSQL keeps them
// (pg_sequence): each one written in the model, or CREATE SEQUENCE's
// default for it.
type SequenceSettings struct {
	Type                       string // smallint, integer or bigint
	Start, Increment, Min, Max int64
	Cache                      int64
	Cycle                      bool
	// written holds a bit for each setting the model gave (settingBit):
	// every column carries settings, for its identity, and a map would
	// take each column of a large model to the next size class.
	written uint8
}

// settingWords are the keywords of a sequence's settings; written keeps
// bit i for settingWords[i].
var settingWords = [...]string{"as", "increment", "start", "minvalue", "maxvalue", "cache", "cycle"}

// settingBit is the bit of written for the setting named by word, or 0
// for a word that names none.
func settingBit(word string) uint8 {
	for i, w := range settingWords {
		if w == word {
			return 1 << i
		}
	}
	return 0
}

// Written reports whether the model gave the setting named by its
// keyword (as, increment, start, minvalue, maxvalue, cache, cycle).
func (s SequenceSettings) Written(word string) bool {
	return s.written&settingBit(word) != 0
}

// IsDefault reports whether every setting is CREATE SEQUENCE's default,
// the type bigint's included: whether .er writes none of them.
func (s SequenceSettings) IsDefault() bool { return s.Source(true) == "" }

// sequenceNumbers are the keywords of a sequence's numeric settings, in
// the order .er writes them.
var sequenceNumbers = []string{"start", "increment", "minvalue", "maxvalue", "cache"}

// number is the numeric setting named by its keyword, one of
// sequenceNumbers.
func (s *SequenceSettings) number(word string) *int64 {
	switch word {
	case "start":
		return &s.Start
	case "increment":
		return &s.Increment
	case "minvalue":
		return &s.Min
	case "maxvalue":
		return &s.Max
	case "cache":
		return &s.Cache
	}
	panic("model: no sequence setting " + word)
}

// defaultOf is CREATE SEQUENCE's value for the numeric setting word when
// none is given, for a sequence of s's type counting by s's increment:
// an ascending sequence runs from 1 to its type's largest value and
// starts at its minvalue, a descending one from its type's smallest value
// to -1 and starts at its maxvalue; increment and cache are 1.
func (s SequenceSettings) defaultOf(word string) int64 {
	lo, hi, _ := DefaultSequenceBounds(s.Type, s.Increment)
	switch word {
	case "minvalue":
		return lo
	case "maxvalue":
		return hi
	case "start":
		if s.Increment < 0 {
			return s.Max
		}
		return s.Min
	}
	return 1
}

// fillDefaults gives each numeric setting the model did not write its
// default: the bounds after the increment, whose sign they follow, and
// start after the bounds, where it begins.
func (s *SequenceSettings) fillDefaults() {
	for _, word := range []string{"increment", "cache", "minvalue", "maxvalue", "start"} {
		if !s.Written(word) {
			*s.number(word) = s.defaultOf(word)
		}
	}
}

// Source is how .er writes the settings that are not CREATE SEQUENCE's
// defaults for the sequence's type and direction, space-separated in a
// fixed order ("as integer start 1000 increment 10"), or "" when all are
// the defaults; withType false leaves the type out, as an identity's
// settings do (its sequence has the column's type).
func (s SequenceSettings) Source(withType bool) string {
	var words []string
	if withType && s.Type != "bigint" {
		words = append(words, "as "+s.Type)
	}
	for _, word := range sequenceNumbers {
		if n := *s.number(word); n != s.defaultOf(word) {
			words = append(words, word+" "+strconv.FormatInt(n, 10))
		}
	}
	if s.Cycle {
		words = append(words, "cycle")
	}
	return strings.Join(words, " ")
}

// sequenceBounds are the smallest and largest values of a sequence type.
var sequenceBounds = map[string][2]int64{
	"smallint": {math.MinInt16, math.MaxInt16},
	"integer":  {math.MinInt32, math.MaxInt32},
	"bigint":   {math.MinInt64, math.MaxInt64},
}

// DefaultSequenceSettings are CREATE SEQUENCE's settings for a sequence
// of type typ (smallint, integer or bigint) given none: from 1 by 1 to
// the type's largest value, cache 1, no cycle. An identity column's
// sequence takes them, with the column's type, when none are written.
func DefaultSequenceSettings(typ string) SequenceSettings {
	s := SequenceSettings{Type: typ}
	s.fillDefaults()
	return s
}

// sequenceSettings resolves the options of a sequence declaration and
// checks them as CREATE SEQUENCE would, each where it is written.
func (r *resolver) sequenceSettings(d *dsl.SequenceDecl) SequenceSettings {
	p, e := at(d.Name)
	return r.settings(fmt.Sprintf("sequence %s", dsl.QuoteName(d.Name.Value)), "bigint", dsl.SpanOf(p, e), d.Options)
}

// settings resolves the options of a sequence, called what in
// diagnostics, whose type is typ unless an option says otherwise, and
// checks them as CREATE SEQUENCE would, each where it is written; span is
// where a setting left out is cited.
func (r *resolver) settings(what, typ string, span dsl.Span, options []*dsl.SequenceOption) SequenceSettings {
	s := DefaultSequenceSettings(typ)
	spans := map[string]dsl.Span{"": span}
	bad := false // a number that does not read: the others are not checked against it
	for _, o := range options {
		word := o.Word
		switch {
		case o.As != "":
			word = "as"
		case o.Cycle:
			word = "cycle"
		}
		span := dsl.SpanOf(pos(o.Pos), pos(o.EndPos))
		if s.Written(word) {
			r.diags.ErrorAt(span, "`%s` given twice in %s", word, what)
			continue
		}
		s.written, spans[word] = s.written|settingBit(word), span
		switch word {
		case "as":
			s.Type = o.As
		case "cycle":
			s.Cycle = true
		default:
			n, ok := r.sequenceNumber(o, span)
			if !ok {
				bad = true
				continue
			}
			*s.number(word) = n
		}
	}
	s.fillDefaults()
	if !bad {
		r.checkSequence(what, s, spans)
	}
	return s
}

// sequenceNumber reads the number of a sequence option.
func (r *resolver) sequenceNumber(o *dsl.SequenceOption, span dsl.Span) (int64, bool) {
	text := o.Value
	if o.Minus {
		text = "-" + text
	}
	n, err := strconv.ParseInt(text, 10, 64)
	if err != nil {
		r.diags.ErrorAt(span, "%s %s is not a whole number of bigint's range", o.Word, text).
			Hintf("a sequence counts in whole numbers from %d to %d", int64(math.MinInt64), int64(math.MaxInt64))
		return 0, false
	}
	return n, true
}

// DefaultSequenceBounds are the minvalue and maxvalue CREATE SEQUENCE
// gives a sequence of type typ (smallint, integer or bigint) counting by
// increment: 1 to the type's largest value ascending, the type's smallest
// value to -1 descending; ok is false for another type.
func DefaultSequenceBounds(typ string, increment int64) (lo, hi int64, ok bool) {
	bounds, ok := sequenceBounds[typ]
	if increment < 0 {
		return bounds[0], -1, ok
	}
	return 1, bounds[1], ok
}

// checkSequence reports the settings CREATE SEQUENCE refuses, with its
// own words.
func (r *resolver) checkSequence(what string, s SequenceSettings, spans map[string]dsl.Span) {
	where := func(words ...string) dsl.Span {
		for _, w := range words {
			if sp, ok := spans[w]; ok {
				return sp
			}
		}
		return spans[""]
	}
	bounds := sequenceBounds[s.Type]
	for _, v := range []struct {
		word string
		n    int64
	}{{"minvalue", s.Min}, {"maxvalue", s.Max}} {
		if s.Written(v.word) && (v.n < bounds[0] || v.n > bounds[1]) {
			r.diags.ErrorAt(where(v.word), "%s %d of %s is out of range for its type %s", v.word, v.n, what, s.Type).
				Hintf("a %s sequence counts from %d to %d", s.Type, bounds[0], bounds[1])
		}
	}
	switch {
	case s.Increment == 0:
		r.diags.ErrorAt(where("increment"), "increment of %s must not be zero", what)
	case s.Min >= s.Max:
		r.diags.ErrorAt(where("minvalue", "maxvalue"), "minvalue %d of %s must be less than its maxvalue %d", s.Min, what, s.Max)
	case s.Start < s.Min:
		r.diags.ErrorAt(where("start", "minvalue"), "start %d of %s cannot be less than its minvalue %d", s.Start, what, s.Min)
	case s.Start > s.Max:
		r.diags.ErrorAt(where("start", "maxvalue"), "start %d of %s cannot be greater than its maxvalue %d", s.Start, what, s.Max)
	}
	if s.Cache < 1 {
		r.diags.ErrorAt(where("cache"), "cache %d of %s must be greater than zero", s.Cache, what)
	}
}

// identitySettings resolves the settings written in parentheses after a
// column's identity, o, checked as a declared sequence's: its sequence
// has the column's type, which `as` cannot change (PostgreSQL refuses
// it), and none written are CREATE SEQUENCE's defaults for that type.
func (r *resolver) identitySettings(t *Table, c *Column, o *dsl.AttrOption) SequenceSettings {
	typ := "bigint"
	if c.Type.IsInteger() && !c.Type.IsSerial() {
		typ = c.Type.SQL()
	}
	what := fmt.Sprintf("identity column %s.%s", t.label(), c.Name)
	options := o.IdentitySettings
	for _, so := range options {
		if so.As != "" {
			r.diags.ErrorAt(dsl.SpanOf(pos(so.Pos), pos(so.EndPos)), "`as %s` in the settings of %s", so.As, what).
				Hintf("its sequence has the column's type; change the type of %s instead", c.Name)
			options = nil
		}
	}
	if !c.Type.IsInteger() || c.Type.IsSerial() {
		options = nil // the type is refused already
	}
	return r.settings(what, typ, dsl.SpanOf(pos(o.Pos), pos(o.EndPos)), options)
}
