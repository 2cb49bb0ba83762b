package importer

import (
	"slices"
	"strconv"
	"strings"

	"github.com/ergen-dev/ergen/generator/importer/catalog"
	"github.com/ergen-dev/ergen/generator/model"
)

// standaloneSequence reports whether seq is a sequence of the schema that
// no column owns (the reader lists those among Others), and whether the
// model can declare it: `sequence seq` with the settings the reader
// spells after the name.
func (im *importer) standaloneSequence(seq string) (found, declarable bool) {
	for _, o := range im.cat.Others {
		if o == "sequence "+seq {
			return true, true
		}
		if rest, ok := strings.CutPrefix(o, "sequence "+seq+" ("); ok {
			_, ok := sequenceSettings(rest)
			return true, ok
		}
	}
	return false, false
}

// sequenceDefault returns the default of c verbatim when it takes nextval
// of a sequence the model declares: the column keeps its integer type and
// its default, and the sequence stays unowned, as in the database (a
// serial column would own a sequence of its own type).
func (im *importer) sequenceDefault(c *catalog.Column) (string, bool) {
	seq := nextvalOf(im.cat.Schema, c)
	if seq == "" || c.Generated {
		return "", false
	}
	declared := slices.ContainsFunc(im.declaredSequences(), func(d string) bool { return strings.Split(d, " ")[0] == seq })
	// Another column's serial creates the sequence: pg_dump writes a
	// sequence shared with the column that owns it this way.
	shared := catalog.SequenceName(c.Sequence) != seq && im.serialSequence(seq)
	if !declared && !shared {
		return "", false
	}
	return string(c.Default), true
}

// serialSequence reports whether seq is the sequence of a column the
// model writes serial, which its DDL creates.
func (im *importer) serialSequence(seq string) bool {
	for i := range im.cat.Tables {
		t := &im.cat.Tables[i]
		for j := range t.Columns {
			if c := &t.Columns[j]; catalog.SequenceName(c.Sequence) == seq && im.serialOf(t, c) != "" {
				return true
			}
		}
	}
	return false
}

// ownedSequences lists the sequences that a column owns but not as a
// serial column does (see serialOf), spelt as the catalog spells a
// standalone sequence: the model declares them, and the comparison of the
// catalogs notes that they are owned.
func (im *importer) ownedSequences() []string {
	var out []string
	for i := range im.cat.Tables {
		t := &im.cat.Tables[i]
		for j := range t.Columns {
			if c := &t.Columns[j]; c.Sequence != "" && im.serialOf(t, c) == "" {
				out = append(out, c.Sequence)
			}
		}
	}
	return out
}

// declaredSequences lists the sequences the model declares, by name,
// each with its settings as .er writes them: the ones no column owns and
// the ones ownedSequences lists.
func (im *importer) declaredSequences() []string {
	var out []string
	spelled := im.ownedSequences()
	for _, o := range im.cat.Others {
		if name, ok := strings.CutPrefix(o, "sequence "); ok {
			spelled = append(spelled, name)
		}
	}
	for _, name := range spelled {
		name, rest, _ := strings.Cut(name, " (")
		settings, ok := sequenceSettings(rest)
		if ok && isName(name) {
			out = append(out, name+settings)
		}
	}
	slices.Sort(out)
	return out
}

// renderSequences declares the standalone sequences.
func (im *importer) renderSequences(w *writer) {
	seqs := im.declaredSequences()
	for _, seq := range seqs {
		w.line(0, "sequence %s", seq)
	}
	if len(seqs) > 0 {
		w.line(0, "")
	}
}

// sequenceSettings reads the settings the catalog spells after a
// sequence's name, "integer start 1 increment 1 min 1 max 2147483647
// cache 1)" (see catalog.sequenceOptionsSQL; "" for the defaults), and
// writes those that are not CREATE SEQUENCE's defaults as .er does:
// " as integer start 1000". ok is false for a spelling it does not read.
func sequenceSettings(spelled string) (settings string, ok bool) {
	if spelled == "" {
		return "", true
	}
	f := strings.Fields(strings.TrimSuffix(spelled, ")"))
	if len(f) < 11 || f[1] != "start" || f[3] != "increment" || f[5] != "min" || f[7] != "max" || f[9] != "cache" {
		return "", false
	}
	var n [5]int64
	for i := range n {
		v, err := strconv.ParseInt(f[2+2*i], 10, 64)
		if err != nil {
			return "", false
		}
		n[i] = v
	}
	if _, _, known := model.DefaultSequenceBounds(f[0], n[1]); !known {
		return "", false
	}
	st := model.SequenceSettings{Type: f[0], Start: n[0], Increment: n[1], Min: n[2], Max: n[3], Cache: n[4],
		Cycle: len(f) > 11 && f[11] == "cycle"}
	if src := st.Source(true); src != "" {
		return " " + src, true
	}
	return "", true
}
