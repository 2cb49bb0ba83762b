package importer

import (
	"iter"
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
	for t, c := range im.sequenceOwners() {
		if catalog.SequenceName(c.Sequence) == seq && im.serialOf(t, c) != "" {
			return true
		}
	}
	return false
}

// sequenceOwners yields, with its table, each column of the schema's
// tables that owns a sequence (Column.Sequence).
func (im *importer) sequenceOwners() iter.Seq2[*catalog.Table, *catalog.Column] {
	return func(yield func(*catalog.Table, *catalog.Column) bool) {
		for i := range im.cat.Tables {
			t := &im.cat.Tables[i]
			for j := range t.Columns {
				if c := &t.Columns[j]; c.Sequence != "" && !yield(t, c) {
					return
				}
			}
		}
	}
}

// ownedSequences lists the sequences that a column owns but not as a
// serial column does (see serialOf), spelt as the catalog spells a
// standalone sequence: the model declares them, and the comparison of the
// catalogs notes that they are owned.
func (im *importer) ownedSequences() []string {
	var out []string
	for t, c := range im.sequenceOwners() {
		if im.serialOf(t, c) == "" {
			out = append(out, c.Sequence)
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
		name, rest := catalog.SplitSequence(name)
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

// orderEntities puts each entity after those whose relations took the
// names PostgreSQL passed over for one of its serial or identity
// sequences: entity N's n_id, of table m, got m_n_id_seq1 because
// table m_n's id held m_n_id_seq, so M_n comes first, as the model's DDL
// must create it first for the server to give the same names. An entity
// with a column of another table's row type (public.zz, zz[]) comes
// after that table's, which the model's DDL must create first. Entities
// stay in table name order otherwise.
func (im *importer) orderEntities() {
	holder := map[string]int{}
	for i, ent := range im.ents {
		holder[ent.t.Name] = i
		for _, ix := range ent.t.Indexes {
			holder[ix.Name] = i
		}
		for j := range ent.t.Columns {
			if seq := im.ownSequence(ent.t, &ent.t.Columns[j]); seq != "" {
				holder[seq] = i
			}
		}
	}
	after := make([][]int, len(im.ents))
	rowType := map[string]int{}
	for i, ent := range im.ents {
		rowType[model.QuoteIdent(im.cat.Schema)+"."+model.QuoteIdent(ent.t.Name)] = i
	}
	for i, ent := range im.ents {
		for j := range ent.t.Columns {
			c := &ent.t.Columns[j]
			if h, ok := rowType[strings.TrimSuffix(c.Type, "[]")]; ok && h != i {
				after[i] = append(after[i], h)
			}
			seq := im.ownSequence(ent.t, c)
			if seq == "" {
				continue
			}
			tries := 0
			model.SequenceName(ent.t.Name, c.Name, func(n string) bool {
				tries++
				if n == seq || tries > 100 {
					return false
				}
				if h, ok := holder[n]; ok && h != i {
					after[i] = append(after[i], h)
				}
				return true
			})
		}
	}
	im.ents = placeAfter(im.ents, after)
}

// ownSequence is the name of the sequence of c, a serial or identity
// column of t, or "".
func (im *importer) ownSequence(t *catalog.Table, c *catalog.Column) string {
	if c.Identity != "" {
		return c.IdentitySequence
	}
	if c.Sequence != "" && im.serialOf(t, c) != "" {
		return catalog.SequenceName(c.Sequence)
	}
	return ""
}

// placeAfter orders ents so that each comes after the ones after lists
// for it, keeping their order otherwise; the entities of a cycle keep
// theirs.
func placeAfter(ents []*entity, after [][]int) []*entity {
	if !slices.ContainsFunc(after, func(h []int) bool { return len(h) > 0 }) {
		return ents
	}
	out := make([]*entity, 0, len(ents))
	placed := make([]bool, len(ents))
	for first := 0; len(out) < len(ents); {
		for placed[first] {
			first++
		}
		progress := false
		for i := first; i < len(ents); i++ {
			ready := !placed[i]
			for _, h := range after[i] {
				ready = ready && placed[h]
			}
			if ready {
				out, placed[i], progress = append(out, ents[i]), true, true
				break
			}
		}
		if !progress {
			for i := range ents {
				if !placed[i] {
					out, placed[i] = append(out, ents[i]), true
				}
			}
		}
	}
	return out
}
