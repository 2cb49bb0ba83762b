package importer

import (
	"slices"
	"strings"

	"github.com/ergen-dev/ergen/generator/importer/catalog"
)

// standaloneSequence reports whether seq is a sequence of the schema that
// no column owns (the reader lists those among Others), and whether it has
// PostgreSQL's defaults, so that `sequence seq` in the model creates it
// exactly: the reader spells any other setting after the name.
func (im *importer) standaloneSequence(seq string) (found, declarable bool) {
	for _, o := range im.cat.Others {
		if o == "sequence "+seq {
			return true, true
		}
		if strings.HasPrefix(o, "sequence "+seq+" (") {
			found = true
		}
	}
	return found, false
}

// sequenceDefault returns the default of c verbatim when it takes nextval
// of a standalone sequence the model declares: the column keeps its
// integer type and its default, and the sequence stays unowned, as in the
// database (a serial column would own a sequence of its own type).
func (im *importer) sequenceDefault(c *catalog.Column) (string, bool) {
	seq := nextvalOf(im.cat.Schema, c)
	if seq == "" || c.Generated {
		return "", false
	}
	if _, ok := im.standaloneSequence(seq); !ok {
		return "", false
	}
	return string(c.Default), true
}

// declaredSequences lists the sequences the model declares: the
// standalone ones with PostgreSQL's defaults, by name.
func (im *importer) declaredSequences() []string {
	var out []string
	for _, o := range im.cat.Others {
		if name, ok := strings.CutPrefix(o, "sequence "); ok && isName(name) {
			out = append(out, name)
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
